//! What one reader sees of stored posts and threads. Pure functions over what the database
//! returned, so the rules are tested here:
//! - a deleted post's title and body never leave the server; a deleted thread with no
//!   replies left is not listed, and a deleted reply is shown only as the place of the
//!   replies to it (and left out without any);
//! - a hidden post's text reaches only those who teach the course. Learners see a hidden
//!   reply as an empty placeholder, and a hidden thread not at all, unless they wrote it
//!   (then it is listed hidden, with an empty title);
//! - a post is new to its reader per [`is_new_to_reader`], by when it was first written.

use crate::db::discussions::threads::{ListedThread, StoredThread};
use crate::db::discussions::ListedPost;
use jiff::Timestamp;
use lectern_api::v1::{PostId, PostView, ReplyView, ThreadSummary, ThreadView};
use lectern_core::discussion::is_new_to_reader;
use lectern_core::UserId;

/// Whose eyes posts are shown to.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reader<'a> {
    pub user_id: &'a UserId,
    /// Teaches the course: sees hidden text.
    pub is_teacher: bool,
}

impl Reader<'_> {
    /// Whether the reader may see a post's text.
    fn reads_text_of(&self, post: &ListedPost) -> bool {
        post.post.deleted_at.is_none() && (post.post.hidden_at.is_none() || self.is_teacher)
    }

    /// Whether the reader may open the thread of `opening`, which has `reply_count` replies
    /// that are not deleted.
    pub fn sees_thread(&self, opening: &ListedPost, reply_count: u32) -> bool {
        let is_hidden_from_reader = opening.post.hidden_at.is_some()
            && !self.is_teacher
            && opening.post.author_id != *self.user_id;
        let is_gone = opening.post.deleted_at.is_some() && reply_count == 0;
        !is_hidden_from_reader && !is_gone
    }
}

/// One post as `reader` sees it; `last_read_at` is when they last opened its thread.
pub(super) fn post_view(
    listed: &ListedPost,
    reader: Reader<'_>,
    last_read_at: Option<Timestamp>,
    answer_post_id: Option<&PostId>,
) -> PostView {
    let post = &listed.post;
    let is_mine = post.author_id == *reader.user_id;
    let (title, body) = if reader.reads_text_of(listed) {
        (listed.latest.title.clone(), listed.latest.body.clone())
    } else {
        (post.opens_thread().then(String::new), String::new())
    };
    PostView {
        post_id: post.post_id.clone(),
        author: listed.author.clone(),
        title,
        body,
        created_at: post.created_at,
        edited_at: (listed.latest.version > 1).then_some(listed.latest.written_at),
        version_count: listed.latest.version,
        hidden: post.hidden_at.is_some(),
        deleted: post.deleted_at.is_some(),
        mine: is_mine,
        is_new: is_new_to_reader(post.created_at, is_mine, last_read_at),
        is_answer: answer_post_id == Some(&post.post_id),
    }
}

/// A thread in a list as `reader` sees it, or `None` if they may not see it.
pub(super) fn thread_summary(listed: &ListedThread, reader: Reader<'_>) -> Option<ThreadSummary> {
    let opening = &listed.opening;
    if !reader.sees_thread(opening, listed.reply_count) {
        return None;
    }
    let title = if reader.reads_text_of(opening) {
        opening.latest.title.clone().unwrap_or_default()
    } else {
        String::new()
    };
    Some(ThreadSummary {
        thread_id: opening.post.post_id.clone(),
        lesson_id: opening.post.lesson_id.clone(),
        title,
        author: opening.author.clone(),
        created_at: opening.post.created_at,
        last_activity_at: listed.last_activity_at,
        reply_count: listed.reply_count,
        new_reply_count: listed.new_reply_count,
        pinned: listed.is_pinned,
        answered: listed.is_answered,
        hidden: opening.post.hidden_at.is_some(),
        deleted: opening.post.deleted_at.is_some(),
        mine: opening.post.author_id == *reader.user_id,
    })
}

/// A whole thread as `reader` sees it, from all its posts in the order they were written;
/// `None` if they may not see it.
pub(super) fn thread_view(
    thread: &StoredThread,
    posts: &[ListedPost],
    reader: Reader<'_>,
    last_read_at: Option<Timestamp>,
) -> Option<ThreadView> {
    let opening = posts
        .iter()
        .find(|listed| listed.post.post_id == thread.thread_id)?;
    let reply_count = posts
        .iter()
        .filter(|listed| !listed.post.opens_thread() && listed.post.deleted_at.is_none())
        .count();
    if !reader.sees_thread(opening, u32::try_from(reply_count).unwrap_or(u32::MAX)) {
        return None;
    }
    let answer = thread.answer_post_id.as_ref();
    let view = |listed: &ListedPost| post_view(listed, reader, last_read_at, answer);
    let mut replies: Vec<ReplyView> = Vec::new();
    let mut direct_ids: Vec<&PostId> = Vec::new();
    for listed in posts {
        let Some(parent_id) = &listed.post.parent_post_id else {
            continue;
        };
        if *parent_id == thread.thread_id {
            direct_ids.push(&listed.post.post_id);
            replies.push(ReplyView {
                post: view(listed),
                replies: Vec::new(),
            });
        } else if listed.post.deleted_at.is_none() {
            let Some(index) = direct_ids.iter().position(|id| *id == parent_id) else {
                continue;
            };
            replies[index].replies.push(view(listed));
        }
    }
    replies.retain(|reply| !reply.post.deleted || !reply.replies.is_empty());
    Some(ThreadView {
        thread_id: thread.thread_id.clone(),
        course_id: thread.course_id.clone(),
        lesson_id: thread.lesson_id.clone(),
        pinned: thread.is_pinned,
        last_read_at,
        opening: view(opening),
        replies,
    })
}

#[cfg(test)]
mod tests;
