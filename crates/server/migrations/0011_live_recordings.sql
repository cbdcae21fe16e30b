-- Live sessions' recordings, uploaded by the instructor's browser in chunks while the class
-- runs. The bytes are in the media directory (`{course_id}/recordings/{lesson_id}.webm`);
-- this row says how many of them are stored (chunks arrive in order, so it only grows) and,
-- once the instructor completed the recording, when it started and how long it is. The
-- session is its course's `live` lesson, as in 0010. Times are Unix milliseconds (UTC).
--
-- And the inbox gets the `recording_ready` kind: `notifications` is rebuilt with it in its
-- CHECK (as 0007 rebuilt `events`: SQLite cannot change a CHECK in place; rows and indexes
-- stay).

CREATE TABLE live_recordings (
    course_id        TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    lesson_id        TEXT NOT NULL,                       -- the live lesson
    mime_type        TEXT NOT NULL,                       -- the first chunk's Content-Type
    bytes_stored     INTEGER NOT NULL DEFAULT 0 CHECK (bytes_stored >= 0),
    created_at       INTEGER NOT NULL,                    -- the first chunk, the server's clock
    started_at       INTEGER,                             -- from the completion
    duration_seconds INTEGER CHECK (duration_seconds BETWEEN 1 AND 86400),
    completed_at     INTEGER,                             -- NULL while recording
    PRIMARY KEY (course_id, lesson_id),
    CHECK ((completed_at IS NULL) = (started_at IS NULL)),
    CHECK ((completed_at IS NULL) = (duration_seconds IS NULL))
) STRICT;

CREATE TABLE notifications_with_recordings (
    notification_id TEXT PRIMARY KEY NOT NULL,            -- a UUID
    user_id         TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    kind            TEXT NOT NULL
                    CHECK (kind IN ('reply', 'graded', 'announcement', 'live_soon',
                                    'recording_ready')),
    course_id       TEXT NOT NULL,
    lesson_id       TEXT,
    thread_id       TEXT,
    post_id         TEXT,
    announcement_id TEXT,
    subject_key     TEXT NOT NULL,
    title           TEXT NOT NULL,
    actor           TEXT,                                 -- a display name
    created_at      INTEGER NOT NULL,                     -- Unix ms, the server's clock
    read_at         INTEGER,                              -- Unix ms; NULL while unread
    UNIQUE (user_id, subject_key)
) STRICT;

INSERT INTO notifications_with_recordings (notification_id, user_id, kind, course_id,
    lesson_id, thread_id, post_id, announcement_id, subject_key, title, actor, created_at,
    read_at)
SELECT notification_id, user_id, kind, course_id, lesson_id, thread_id, post_id,
    announcement_id, subject_key, title, actor, created_at, read_at
FROM notifications
ORDER BY rowid;                                           -- newest-first ties go by rowid

DROP TABLE notifications;
ALTER TABLE notifications_with_recordings RENAME TO notifications;

CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
CREATE INDEX notifications_by_thread ON notifications (user_id, thread_id);
