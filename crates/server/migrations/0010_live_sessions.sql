-- Live sessions: what the room (`lectern_core::live::LiveRoom`) exposes for keeping, written
-- by the signaling server as it happens (after every input the room takes).
--
-- Times are Unix milliseconds (UTC) by the server's clock, like 0002's. `session_id` is
-- `{course_id}.{lesson_id}` of a `live` lesson; `course_id` is kept beside it so that
-- everything goes with its course. Chat is keyed by the room's own sequence; closed polls
-- and questions are the core's archive records as JSON (`Poll`, `Question`); attendance
-- has one row per stay in the room, `left_at` NULL while the user is still there.

CREATE TABLE live_chat_messages (
    session_id        TEXT NOT NULL,
    course_id         TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    sequence          INTEGER NOT NULL CHECK (sequence > 0),
    sender_id         TEXT NOT NULL REFERENCES users (user_id),
    client_message_id TEXT NOT NULL,                     -- chosen on the device, a UUID
    text              TEXT NOT NULL,
    sent_at           INTEGER NOT NULL,
    breakout_room_id  INTEGER,                           -- NULL for the main room
    PRIMARY KEY (session_id, sequence)
) STRICT;

CREATE TABLE live_polls (
    session_id TEXT NOT NULL,
    course_id  TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    poll_id    INTEGER NOT NULL,
    poll_json  TEXT NOT NULL,                            -- the closed poll with its votes
    PRIMARY KEY (session_id, poll_id)
) STRICT;

CREATE TABLE live_questions (
    session_id    TEXT NOT NULL,
    course_id     TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    question_id   INTEGER NOT NULL,
    question_json TEXT NOT NULL,                         -- latest state: upvotes, answered
    PRIMARY KEY (session_id, question_id)
) STRICT;

CREATE TABLE live_attendance (
    session_id TEXT NOT NULL,
    course_id  TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('instructor', 'learner')),
    joined_at  INTEGER NOT NULL,
    left_at    INTEGER CHECK (left_at IS NULL OR left_at >= joined_at),
    PRIMARY KEY (session_id, user_id, joined_at)
) STRICT;
