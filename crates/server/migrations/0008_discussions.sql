-- Discussions and announcements.
--
-- Times are Unix milliseconds (UTC) by the server's clock, like 0002's. A post is written by
-- a learner event (`posted`), under the id the device chose; its text lives in
-- `discussion_post_versions`, which only grows: an edit is a new version and the latest is
-- shown. Deleting or hiding a post only sets its time, so replies to it keep their place.
-- A thread is its opening post (`thread_id = post_id`); replies nest one level:
-- `parent_post_id` is the opening post for a direct reply, or a direct reply.
--
-- Authors are not deleted with their user (no cascade): posts are the course's shared
-- record. Everything goes with its course.

CREATE TABLE discussion_posts (
    post_id        TEXT PRIMARY KEY NOT NULL,              -- chosen on the device, a UUID
    course_id      TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    lesson_id      TEXT NOT NULL,                          -- a discussion lesson of the course
    thread_id      TEXT NOT NULL
                   REFERENCES discussion_posts (post_id) ON DELETE CASCADE,
    parent_post_id TEXT REFERENCES discussion_posts (post_id) ON DELETE CASCADE,
    author_id      TEXT NOT NULL REFERENCES users (user_id),
    created_at     INTEGER NOT NULL,
    deleted_at     INTEGER,                                -- NULL unless its author deleted it
    hidden_at      INTEGER,                                -- NULL unless an instructor hid it
    hidden_by      TEXT REFERENCES users (user_id),
    CHECK ((hidden_at IS NULL) = (hidden_by IS NULL)),
    -- An opening post is its own thread and answers nothing; a reply answers a post.
    CHECK ((thread_id = post_id) = (parent_post_id IS NULL))
) STRICT;

-- A thread's posts, in the order they were written.
CREATE INDEX discussion_posts_by_thread ON discussion_posts (thread_id, created_at);

CREATE TABLE discussion_post_versions (
    post_id    TEXT NOT NULL REFERENCES discussion_posts (post_id) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1),      -- 1 for the post as first written
    title      TEXT,                                       -- only on a thread's opening post
    body       TEXT NOT NULL,                              -- Markdown, stored as written
    written_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, version)
) STRICT;

CREATE TABLE discussion_threads (
    thread_id        TEXT PRIMARY KEY NOT NULL
                     REFERENCES discussion_posts (post_id) ON DELETE CASCADE,
    course_id        TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    lesson_id        TEXT NOT NULL,
    is_pinned        INTEGER NOT NULL DEFAULT 0 CHECK (is_pinned IN (0, 1)),
    answer_post_id   TEXT REFERENCES discussion_posts (post_id) ON DELETE SET NULL,
    last_activity_at INTEGER NOT NULL                      -- the latest post or edit in it
) STRICT;

-- Listing a course's threads (a prefix of it), or one discussion lesson's.
CREATE INDEX discussion_threads_by_lesson
    ON discussion_threads (course_id, lesson_id, last_activity_at);

-- When each user last opened each thread: what was written after it is new to them.
CREATE TABLE discussion_thread_reads (
    user_id      TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    thread_id    TEXT NOT NULL REFERENCES discussion_threads (thread_id) ON DELETE CASCADE,
    last_read_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, thread_id)
) STRICT;

-- What an instructor told every learner of a course; each also makes a notification.
CREATE TABLE announcements (
    announcement_id TEXT PRIMARY KEY NOT NULL,             -- a UUID the server chose
    course_id       TEXT NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    author_id       TEXT NOT NULL REFERENCES users (user_id),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,                         -- Markdown, stored as written
    created_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX announcements_by_course ON announcements (course_id, created_at);

-- Marking one thread's reply notifications read.
CREATE INDEX notifications_by_thread ON notifications (user_id, thread_id);
