-- Discussions and assignments are written as learner events (`posted`, `post_edited`,
-- `post_deleted`, `assignment_submitted`), so `events` is rebuilt once more with those kinds
-- in its CHECK (as in 0005: SQLite cannot change a CHECK in place; rows and index stay).
-- And the inbox: notifications the server makes for a user.

CREATE TABLE events_with_collaboration (
    event_id    TEXT PRIMARY KEY NOT NULL,                -- chosen on the device, a UUID
    user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    device_id   TEXT NOT NULL,                            -- a UUID
    sequence    INTEGER NOT NULL CHECK (sequence >= 1),   -- 1, 2, 3… per user and device
    course_id   TEXT NOT NULL,
    lesson_id   TEXT NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('progressed', 'completed', 'attempt_started', 'answered',
                                'attempt_submitted', 'posted', 'post_edited', 'post_deleted',
                                'assignment_submitted')),
    body_json   TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,                         -- the device's estimate of server time
    received_at INTEGER NOT NULL                          -- the server's clock
) STRICT;

INSERT INTO events_with_collaboration (event_id, user_id, device_id, sequence, course_id,
    lesson_id, kind, body_json, occurred_at, received_at)
SELECT event_id, user_id, device_id, sequence, course_id, lesson_id, kind, body_json,
    occurred_at, received_at
FROM events;

DROP TABLE events;
ALTER TABLE events_with_collaboration RENAME TO events;

CREATE INDEX events_by_device ON events (user_id, device_id, sequence);

-- One row per thing a user is told about. `subject_key` names what it is about, so the same
-- thing is never notified twice (a resent reply, a live session seen on every inbox read).
CREATE TABLE notifications (
    notification_id TEXT PRIMARY KEY NOT NULL,            -- a UUID
    user_id         TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    kind            TEXT NOT NULL
                    CHECK (kind IN ('reply', 'graded', 'announcement', 'live_soon')),
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

CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
