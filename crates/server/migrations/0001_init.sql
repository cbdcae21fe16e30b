-- Accounts, sessions, courses and enrolments. Times are Unix seconds (UTC).

CREATE TABLE users (
    user_id       TEXT PRIMARY KEY NOT NULL,            -- the username, a slug
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('learner', 'instructor', 'admin')),
    password_hash TEXT NOT NULL,                        -- Argon2id PHC string
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_sha256 BLOB PRIMARY KEY NOT NULL,             -- SHA-256 of the bearer token
    user_id      TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE courses (
    course_id     TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL,
    language      TEXT NOT NULL,
    module_count  INTEGER NOT NULL,
    lesson_count  INTEGER NOT NULL,
    manifest_json TEXT NOT NULL,                        -- canonical JSON of the validated course
    imported_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE enrolments (
    user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    course_id   TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('learner', 'instructor', 'admin')),
    enrolled_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, course_id)
) STRICT;

CREATE INDEX enrolments_by_course ON enrolments (course_id);
