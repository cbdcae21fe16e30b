-- Learner events sent from devices' outboxes, resends that did not match what was stored,
-- and the progress through each lesson that the events add up to.
--
-- Times are Unix milliseconds (UTC), like 0002's. An event is stored once, under the id the
-- device chose, and never changes; `body_json` is the whole event as `lectern_core`
-- serialises it (canonical, so a resend compares equal byte for byte). Events keep their
-- course and lesson as plain text, not as foreign keys: they are the record of what a learner
-- did and outlive a course's removal. `lesson_progress` is derived from them (merged by
-- `lectern_core::progress::LessonProgress::merge`) and goes with its course.

CREATE TABLE events (
    event_id    TEXT PRIMARY KEY NOT NULL,                -- chosen on the device, a UUID
    user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    device_id   TEXT NOT NULL,                            -- a UUID
    sequence    INTEGER NOT NULL CHECK (sequence >= 1),   -- 1, 2, 3… per user and device
    course_id   TEXT NOT NULL,
    lesson_id   TEXT NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('progressed', 'completed', 'answered', 'attempt_submitted')),
    body_json   TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,                         -- the device's estimate of server time
    received_at INTEGER NOT NULL                          -- the server's clock
) STRICT;

-- Acknowledged sequences and gaps per device.
CREATE INDEX events_by_device ON events (user_id, device_id, sequence);

-- A resend under a stored event id with another body, or an id another user stored first.
-- Kept for a person to look at; the stored event stays as it was. The same body sent again
-- by the same user is recorded once.
CREATE TABLE event_conflicts (
    event_id    TEXT NOT NULL,                            -- not a foreign key: the id as sent
    user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    body_json   TEXT NOT NULL,                            -- the event as received (canonical)
    received_at INTEGER NOT NULL,                         -- first received
    UNIQUE (event_id, user_id, body_json)
) STRICT;

CREATE TABLE lesson_progress (
    user_id        TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    course_id      TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    lesson_id      TEXT NOT NULL,
    position_ms    INTEGER NOT NULL CHECK (position_ms >= 0),
    position_at_ms INTEGER NOT NULL CHECK (position_at_ms >= 0), -- the event time of the position
    duration_ms    INTEGER CHECK (duration_ms >= 0),            -- NULL until known
    watched_json   TEXT NOT NULL,                                -- `[[start_ms, end_ms], ..]`, merged
    is_complete    INTEGER NOT NULL CHECK (is_complete IN (0, 1)), -- never goes back to 0
    PRIMARY KEY (user_id, course_id, lesson_id)
) STRICT;
