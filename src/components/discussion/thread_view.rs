//! A whole thread: the opening post, its replies oldest first with the replies to each one
//! level in, and the form to reply at the end.

use super::{ComposerTarget, PostCard, PostComposer, PostPlaceInThread};
use crate::i18n::{CollabMsg, I18nInjection};
use crate::state::discussion::ShownThread;
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// The posts of one thread.
#[component]
pub fn ThreadBody(
    thread: ShownThread,
    course_id: CourseId,
    lesson_id: LessonId,
    can_moderate: bool,
    /// Called after the reader changed something, to read the thread again.
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let place =
        |is_opening: bool, replies_to: Option<Option<lectern_api::v1::PostId>>| PostPlaceInThread {
            course_id: course_id.clone(),
            lesson_id: lesson_id.clone(),
            thread_id: thread.thread_id.clone(),
            is_opening,
            replies_to,
            can_moderate,
            thread_pinned: thread.pinned,
        };
    let opening =
        view! { <PostCard post=thread.opening.clone() place=place(true, None) on_changed /> };
    let replies = thread
        .replies
        .iter()
        .map(|reply| {
            let reply_place = place(false, Some(Some(reply.post.post_id.clone())));
            let nested = reply
                .replies
                .iter()
                .map(|nested| view! { <li><PostCard post=nested.clone() place=place(false, None) on_changed /></li> })
                .collect_view();
            view! {
                <li class="reply">
                    <PostCard post=reply.post.clone() place=reply_place on_changed />
                    <ul class="nested-replies">{nested}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="thread" data-thread-id=thread.thread_id.to_string() class:is-pinned=thread.pinned>
            {thread.pinned.then(|| view! { <p><span class="badge">{move || i18n.c(CollabMsg::Pinned)}</span></p> })}
            {opening}
            <ul class="replies">{replies}</ul>
            <section class="reply-to-thread" aria-labelledby="reply-heading">
                <h2 id="reply-heading" class="visually-hidden">{move || i18n.c(CollabMsg::Reply)}</h2>
                <PostComposer course_id lesson_id
                    target=ComposerTarget::Reply { thread_id: thread.thread_id.clone(), reply_to: None }
                    form_id="reply-thread".to_owned() on_done=on_changed />
            </section>
        </div>
    }
}
