-- Assignments: the files learners upload for them, the work they hand in (written by
-- `assignment_submitted` events), and the grades instructors give.
--
-- Times are Unix milliseconds (UTC), like 0002's. An upload's bytes live on disk in the
-- uploads directory, in a file named by the upload id alone (never the learner's file name);
-- the row says whose it is, what it is, and how many bytes of it are stored so far.
-- A submission is judged late, or refused, by `submitted_at`, the server's clock.

CREATE TABLE uploads (
    upload_id      TEXT PRIMARY KEY NOT NULL,             -- chosen on the device, a UUID
    user_id        TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    course_id      TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    lesson_id      TEXT NOT NULL,                         -- the assignment lesson in that course
    file_name      TEXT NOT NULL,                         -- as the learner's file is named
    media_type     TEXT NOT NULL,                         -- lowercase `type/subtype`, no parameters
    size_bytes     INTEGER NOT NULL CHECK (size_bytes >= 0),
    received_bytes INTEGER NOT NULL CHECK (received_bytes BETWEEN 0 AND size_bytes),
    sha256         TEXT,                                  -- lowercase hex, once complete
    created_at     INTEGER NOT NULL,
    completed_at   INTEGER,                               -- NULL while bytes are missing
    CHECK ((completed_at IS NULL) = (sha256 IS NULL)),
    CHECK (completed_at IS NULL OR received_bytes = size_bytes)
) STRICT;

CREATE INDEX uploads_by_user ON uploads (user_id);

CREATE TABLE assignment_submissions (
    submission_id       TEXT PRIMARY KEY NOT NULL,        -- chosen on the device, a UUID
    event_id            TEXT NOT NULL UNIQUE,             -- its `assignment_submitted` event
    user_id             TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    course_id           TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    lesson_id           TEXT NOT NULL,                    -- the assignment lesson
    text                TEXT NOT NULL,                    -- may be empty when files are handed in
    submitted_at        INTEGER NOT NULL,                 -- the server's clock
    client_submitted_at INTEGER NOT NULL,                 -- the event's occurred_at, for the record
    days_late           INTEGER NOT NULL CHECK (days_late >= 0), -- 0: on time
    penalty_percent     INTEGER NOT NULL CHECK (penalty_percent BETWEEN 0 AND 100)
) STRICT;

-- One learner's submissions to one assignment (a prefix: every submission to it).
CREATE INDEX assignment_submissions_by_lesson
    ON assignment_submissions (course_id, lesson_id, user_id, submitted_at);

-- The files of a submission, in the order handed in. Name, type and size are the upload's.
CREATE TABLE submission_files (
    submission_id TEXT NOT NULL REFERENCES assignment_submissions (submission_id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    upload_id     TEXT NOT NULL REFERENCES uploads (upload_id) ON DELETE CASCADE,
    PRIMARY KEY (submission_id, position)
) STRICT;

CREATE INDEX submission_files_by_upload ON submission_files (upload_id);

-- Every grade given, kept: a re-grade is the next version, and the highest version stands.
CREATE TABLE submission_grades (
    submission_id TEXT NOT NULL REFERENCES assignment_submissions (submission_id) ON DELETE CASCADE,
    grade_version INTEGER NOT NULL CHECK (grade_version >= 1),
    score         INTEGER NOT NULL CHECK (score >= 0),     -- whole points, before the late penalty
    feedback      TEXT NOT NULL,                           -- Markdown for the learner; may be empty
    grader_id     TEXT NOT NULL REFERENCES users (user_id),
    graded_at     INTEGER NOT NULL,
    PRIMARY KEY (submission_id, grade_version)
) STRICT;
