//! Discussions: threads of posts under a `discussion` lesson. A thread is its opening post
//! (with a title); replies to it nest one level: a reply answers the opening post or one of
//! its direct replies, never deeper. Posts are written as learner events (`posted`,
//! `post_edited`, `post_deleted`), so a post written offline is sent later by the outbox and
//! stored once by its event id. Edits are kept as versions; the latest is shown.
//!
//! This module holds what a post must be (checked on the device before it is recorded and
//! again by the server), and the order threads are listed in.

use crate::sync::uuid_id;
use jiff::Timestamp;

/// Longest thread title, in characters.
pub const MAX_POST_TITLE_CHARS: usize = 200;
/// Longest post body, in characters (Markdown source).
pub const MAX_POST_BODY_CHARS: usize = 20_000;

uuid_id!(
    /// A post's id, chosen on the device when it is written. A thread's id is the id of its
    /// opening post.
    PostId
);

/// Why a post cannot be taken. The texts are shown to whoever wrote it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostProblem {
    #[error("write something before posting")]
    EmptyBody,
    #[error("a post may be at most {MAX_POST_BODY_CHARS} characters; this one has {0}")]
    BodyTooLong(usize),
    #[error("a new thread needs a title")]
    EmptyTitle,
    #[error("a title may be at most {MAX_POST_TITLE_CHARS} characters; this one has {0}")]
    TitleTooLong(usize),
    #[error("only the opening post of a thread has a title")]
    TitleOnReply,
    #[error("the post id is not a UUID")]
    BadPostId,
}

/// Checks a post's text: a thread's opening post (`opens_thread`) needs a title and a reply
/// has none; every post needs a body that is not blank. Lengths are counted in characters
/// of the text as written (the server stores it as written, and trims nothing).
pub fn check_post_text(
    opens_thread: bool,
    title: Option<&str>,
    body: &str,
) -> Result<(), PostProblem> {
    match (opens_thread, title) {
        (true, None) => return Err(PostProblem::EmptyTitle),
        (true, Some(title)) => check_title(title)?,
        (false, Some(_)) => return Err(PostProblem::TitleOnReply),
        (false, None) => {}
    }
    check_body(body)
}

fn check_title(title: &str) -> Result<(), PostProblem> {
    if title.trim().is_empty() {
        return Err(PostProblem::EmptyTitle);
    }
    let chars = title.chars().count();
    if chars > MAX_POST_TITLE_CHARS {
        return Err(PostProblem::TitleTooLong(chars));
    }
    Ok(())
}

fn check_body(body: &str) -> Result<(), PostProblem> {
    if body.trim().is_empty() {
        return Err(PostProblem::EmptyBody);
    }
    let chars = body.chars().count();
    if chars > MAX_POST_BODY_CHARS {
        return Err(PostProblem::BodyTooLong(chars));
    }
    Ok(())
}

/// What the list order of a thread depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadRank {
    pub pinned: bool,
    /// The latest post (or edit) in the thread.
    pub last_activity_at: Timestamp,
}

/// The order threads are listed in: pinned ones first, then the most recently active.
/// Ties keep their given order (the sort is stable).
pub fn sort_threads<T>(threads: &mut [T], rank: impl Fn(&T) -> ThreadRank) {
    threads.sort_by(|a, b| {
        let (a, b) = (rank(a), rank(b));
        b.pinned
            .cmp(&a.pinned)
            .then(b.last_activity_at.cmp(&a.last_activity_at))
    });
}

/// Whether a post is new to a reader: written by someone else after the reader last
/// opened its thread (every post of a thread never opened is new).
pub fn is_new_to_reader(
    written_at: Timestamp,
    written_by_reader: bool,
    last_read_at: Option<Timestamp>,
) -> bool {
    !written_by_reader && last_read_at.is_none_or(|read_at| written_at > read_at)
}

#[cfg(test)]
mod tests;
