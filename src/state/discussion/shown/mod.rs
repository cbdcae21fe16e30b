//! A thread as the learner sees it: the server's copy, with what this device has not sent
//! yet laid over it (new posts and replies marked pending, unsent edits and deletions
//! applied), and what the server refused marked with its reason.

use super::{LocalChange, LocalDiscussion, LocalPost};
use jiff::Timestamp;
use lectern_api::v1::{PostId, PostView, ThreadView};
use lectern_core::user::Role;

/// Whether the server holds a post as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostState {
    Stored,
    /// Written (or changed) on this device, not answered for yet.
    Pending,
    /// The server refused it, for this reason.
    Refused(String),
}

/// One post on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownPost {
    pub post_id: PostId,
    pub author_name: String,
    pub by_instructor: bool,
    pub title: Option<String>,
    pub body: String,
    pub written_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub hidden: bool,
    pub deleted: bool,
    pub mine: bool,
    pub is_new: bool,
    pub is_answer: bool,
    pub state: PostState,
}

/// A direct reply with the replies to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownReply {
    pub post: ShownPost,
    pub replies: Vec<ShownPost>,
}

/// A whole thread on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownThread {
    pub thread_id: PostId,
    pub pinned: bool,
    pub opening: ShownPost,
    pub replies: Vec<ShownReply>,
}

impl ShownPost {
    fn from_server(view: &PostView, local: &LocalDiscussion) -> ShownPost {
        let mut shown = ShownPost {
            post_id: view.post_id.clone(),
            author_name: view.author.display_name.clone(),
            by_instructor: matches!(view.author.role, Role::Instructor | Role::Admin),
            title: view.title.clone(),
            body: view.body.clone(),
            written_at: view.created_at,
            edited_at: view.edited_at,
            hidden: view.hidden,
            deleted: view.deleted,
            mine: view.mine,
            is_new: view.is_new,
            is_answer: view.is_answer,
            state: PostState::Stored,
        };
        match local.change_of(&view.post_id) {
            Some(LocalChange::Edited { title, body }) if !view.deleted => {
                shown.title = title.clone().or(shown.title);
                shown.body = body.clone();
                shown.state = PostState::Pending;
            }
            Some(LocalChange::Deleted) if !view.deleted => {
                shown.deleted = true;
                shown.body.clear();
                shown.state = PostState::Pending;
            }
            _ => {}
        }
        shown
    }

    /// A post only this device holds, written by `my_name`.
    pub fn from_local(post: &LocalPost, my_name: &str, my_role: Role) -> ShownPost {
        ShownPost {
            post_id: post.post_id.clone(),
            author_name: my_name.to_owned(),
            by_instructor: matches!(my_role, Role::Instructor | Role::Admin),
            title: post.title.clone(),
            body: post.body.clone(),
            written_at: post.written_at,
            edited_at: None,
            hidden: false,
            deleted: false,
            mine: true,
            is_new: false,
            is_answer: false,
            state: match &post.refusal {
                Some(reason) => PostState::Refused(reason.clone()),
                None => PostState::Pending,
            },
        }
    }
}

/// The thread `thread_id` from the server's copy (if it has one) and this device's.
/// `None` when neither holds its opening post.
pub fn shown_thread(
    server: Option<&ThreadView>,
    local: &LocalDiscussion,
    thread_id: &PostId,
    me: (&str, Role),
) -> Option<ShownThread> {
    let (my_name, my_role) = me;
    let mut thread = match server {
        Some(view) => ShownThread {
            thread_id: view.thread_id.clone(),
            pinned: view.pinned,
            opening: ShownPost::from_server(&view.opening, local),
            replies: view
                .replies
                .iter()
                .map(|reply| ShownReply {
                    post: ShownPost::from_server(&reply.post, local),
                    replies: reply
                        .replies
                        .iter()
                        .map(|nested| ShownPost::from_server(nested, local))
                        .collect(),
                })
                .collect(),
        },
        None => {
            let opening = local.threads().find(|post| &post.post_id == thread_id)?;
            ShownThread {
                thread_id: thread_id.clone(),
                pinned: false,
                opening: ShownPost::from_local(opening, my_name, my_role),
                replies: Vec::new(),
            }
        }
    };
    for post in local.replies_in(thread_id) {
        if thread.holds(&post.post_id) {
            continue;
        }
        let shown = ShownPost::from_local(post, my_name, my_role);
        let parent = post.reply_to.as_ref().and_then(|reply_to| {
            thread
                .replies
                .iter_mut()
                .find(|r| &r.post.post_id == reply_to)
        });
        match parent {
            Some(parent) => parent.replies.push(shown),
            None => thread.replies.push(ShownReply {
                post: shown,
                replies: Vec::new(),
            }),
        }
    }
    Some(thread)
}

impl ShownThread {
    fn holds(&self, post_id: &PostId) -> bool {
        &self.opening.post_id == post_id
            || self.replies.iter().any(|reply| {
                &reply.post.post_id == post_id
                    || reply.replies.iter().any(|r| &r.post_id == post_id)
            })
    }
}

#[cfg(test)]
mod tests;
