//! Discussions on screen: a discussion lesson, thread lists, posts and the post form.

mod discussion_view;
mod moderation_bar;
mod post_card;
mod post_composer;
mod thread_list;
mod thread_view;

pub use discussion_view::DiscussionView;
pub use moderation_bar::ModerationBar;
pub use post_card::{PostCard, PostPlaceInThread};
pub use post_composer::{ComposerTarget, PostComposer};
pub use thread_list::ThreadListView;
pub use thread_view::ThreadBody;
