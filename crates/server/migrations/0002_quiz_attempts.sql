-- Quiz attempts and instructors' reviews of their answers.
--
-- Times here are Unix milliseconds (UTC), unlike 0001's seconds: attempt deadlines and the
-- submission grace are judged to the millisecond. Seeds are decimal text, since a u64 does
-- not fit SQLite's signed INTEGER. `answers_json` is the answers by question id and
-- `grade_json` the automatic `QuizGrade`, both as `lectern_core` serialises them; reviews
-- never change `grade_json`, they are applied on reading.

CREATE TABLE quiz_attempts (
    attempt_id               TEXT PRIMARY KEY NOT NULL,    -- chosen by the client, a UUID
    course_id                TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    lesson_id                TEXT NOT NULL,                -- the quiz lesson in that course
    user_id                  TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    attempt_number           INTEGER NOT NULL CHECK (attempt_number >= 1),
    seed                     TEXT NOT NULL,
    started_at               INTEGER NOT NULL,
    deadline_at              INTEGER,                      -- NULL: nothing ends the attempt
    answers_json             TEXT NOT NULL,
    submitted_at             INTEGER,                      -- NULL while in progress
    client_submitted_at      INTEGER,                      -- the device's clock, for the record
    is_late                  INTEGER NOT NULL DEFAULT 0 CHECK (is_late IN (0, 1)),
    has_ignored_late_answers INTEGER NOT NULL DEFAULT 0 CHECK (has_ignored_late_answers IN (0, 1)),
    grade_json               TEXT,
    CHECK ((submitted_at IS NULL) = (grade_json IS NULL)),
    -- Also the index for listing one learner's attempts at a quiz (a prefix of it) and every
    -- attempt at a quiz (a shorter prefix).
    UNIQUE (course_id, lesson_id, user_id, attempt_number)
) STRICT;

CREATE INDEX quiz_attempts_by_user ON quiz_attempts (user_id);

CREATE TABLE quiz_reviews (
    attempt_id          TEXT NOT NULL REFERENCES quiz_attempts (attempt_id) ON DELETE CASCADE,
    question_id         TEXT NOT NULL,
    awarded_millipoints INTEGER NOT NULL CHECK (awarded_millipoints >= 0),
    feedback            TEXT NOT NULL,                     -- plain text for the learner; may be empty
    reviewer_id         TEXT NOT NULL REFERENCES users (user_id),
    reviewed_at         INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
) STRICT;
