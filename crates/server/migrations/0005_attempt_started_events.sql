-- `attempt_started` events: a practice attempt started on a device with no connection, with
-- the seed its questions were drawn from. SQLite cannot change a CHECK constraint in place,
-- so `events` is rebuilt with the new kind; its rows and index stay as they were. No table
-- refers to `events`, so dropping the old one breaks no foreign key.

CREATE TABLE events_with_attempt_started (
    event_id    TEXT PRIMARY KEY NOT NULL,                -- chosen on the device, a UUID
    user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    device_id   TEXT NOT NULL,                            -- a UUID
    sequence    INTEGER NOT NULL CHECK (sequence >= 1),   -- 1, 2, 3… per user and device
    course_id   TEXT NOT NULL,
    lesson_id   TEXT NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('progressed', 'completed', 'attempt_started', 'answered',
                                'attempt_submitted')),
    body_json   TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,                         -- the device's estimate of server time
    received_at INTEGER NOT NULL                          -- the server's clock
) STRICT;

INSERT INTO events_with_attempt_started (event_id, user_id, device_id, sequence, course_id,
    lesson_id, kind, body_json, occurred_at, received_at)
SELECT event_id, user_id, device_id, sequence, course_id, lesson_id, kind, body_json,
    occurred_at, received_at
FROM events;

DROP TABLE events;
ALTER TABLE events_with_attempt_started RENAME TO events;

-- Acknowledged sequences and gaps per device.
CREATE INDEX events_by_device ON events (user_id, device_id, sequence);
