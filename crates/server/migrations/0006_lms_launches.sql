-- Launches without passwords: the API keys LMSs hold, the Lectern accounts their learners
-- are given, and single-use launch links.
--
-- Times are Unix milliseconds (UTC), like 0002's: a launch's five minutes are judged by the
-- server's clock to the millisecond. Secrets are never stored: an API key and a launch token
-- are kept only as their SHA-256.

CREATE TABLE api_keys (
    api_key_id      TEXT PRIMARY KEY NOT NULL,            -- 'key_' + 16 hex digits
    name            TEXT NOT NULL,                        -- which LMS holds it, for people
    key_sha256      BLOB NOT NULL UNIQUE,                 -- SHA-256 of the key ('lk_…')
    allowed_origins TEXT NOT NULL,                        -- JSON array of exact origins
    created_at      INTEGER NOT NULL,
    revoked_at      INTEGER                               -- NULL while the key works
) STRICT;

-- Which Lectern account each LMS's learner id stands for. The key is part of the mapping, so
-- two LMSs with the same learner id never share an account, and the account is always one
-- made here (an LMS never reaches a local account such as `learner1`).
CREATE TABLE lms_users (
    api_key_id     TEXT NOT NULL REFERENCES api_keys (api_key_id) ON DELETE CASCADE,
    lms_learner_id TEXT NOT NULL,                         -- the LMS's own id, trimmed
    user_id        TEXT NOT NULL UNIQUE REFERENCES users (user_id) ON DELETE CASCADE,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (api_key_id, lms_learner_id)
) STRICT;

CREATE TABLE launches (
    launch_sha256 BLOB PRIMARY KEY NOT NULL,              -- SHA-256 of the launch token
    api_key_id    TEXT NOT NULL REFERENCES api_keys (api_key_id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    course_id     TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    lesson_id     TEXT,                                   -- a lesson of that course, or NULL
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    used_at       INTEGER                                 -- NULL until exchanged
) STRICT;

-- Forgetting old launches.
CREATE INDEX launches_by_expiry ON launches (expires_at);
