-- An offline submission that reaches the server after its attempt closed (the time limit or
-- the closing time passed, and the attempt was submitted at its deadline with the answers
-- saved by then) is not thrown away: its answers are kept as a new, submitted attempt that
-- names the closed one in `late_copy_of`, for an instructor to review. It never replaces the
-- closed attempt's grade. One copy per closed attempt, so a retried submission adds nothing.

ALTER TABLE quiz_attempts ADD COLUMN late_copy_of TEXT
    REFERENCES quiz_attempts (attempt_id) ON DELETE CASCADE;

CREATE UNIQUE INDEX quiz_attempts_one_late_copy ON quiz_attempts (late_copy_of)
    WHERE late_copy_of IS NOT NULL;
