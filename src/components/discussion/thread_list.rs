//! The threads of one discussion lesson, or of a whole course: pinned first, then the most
//! recently active, each with its replies, what is new since the reader's last visit, and
//! whether it is answered. Threads started on this device and not yet sent come first,
//! marked pending (or with the server's reason, if it refused one).

use crate::components::Loading;
use crate::i18n::{reply_count, CollabMsg, I18nInjection};
use crate::io::discussions_api;
use crate::io::document::format_local_datetime;
use crate::io::http::HttpError;
use crate::paths;
use crate::state::discussion::LocalDiscussion;
use crate::state::{DiscussionInjection, SessionInjection};
use lectern_api::v1::ThreadSummary;
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// A thread list.
#[component]
pub fn ThreadListView(
    course_id: CourseId,
    /// One lesson's threads; `None`: the whole course's.
    #[prop(optional)]
    lesson_id: Option<LessonId>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let discussions = DiscussionInjection::expect();
    let course = StoredValue::new(course_id);
    let lesson = StoredValue::new(lesson_id);
    let loaded = LocalResource::new(move || {
        discussions.changes.track();
        let (course_id, lesson_id) = (course.get_value(), lesson.get_value());
        async move {
            let server = match session.token_untracked() {
                Some(token) => {
                    let listed =
                        discussions_api::list_threads(&token, &course_id, lesson_id.as_ref()).await;
                    session.observe(listed).map(|list| list.threads)
                }
                None => Err(HttpError::SignedOut),
            };
            let local = discussions
                .local(&course_id, lesson_id.as_ref())
                .await
                .inspect_err(|err| {
                    leptos::logging::warn!("posts on this device could not be read: {err}")
                })
                .unwrap_or_default();
            (server, local)
        }
    });
    view! {
        <section class="thread-list" aria-labelledby="threads-heading">
            <h2 id="threads-heading">{move || i18n.c(CollabMsg::ThreadsHeading)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (server, local) = loaded.await;
                    threads_view(course.get_value(), server, local)
                })}
            </Suspense>
        </section>
    }
}

fn threads_view(
    course_id: CourseId,
    server: Result<Vec<ThreadSummary>, HttpError>,
    local: LocalDiscussion,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let unavailable = server.is_err();
    let threads = server.unwrap_or_default();
    let local_only: Vec<_> = local
        .threads()
        .filter(|post| !threads.iter().any(|t| t.thread_id == post.post_id))
        .cloned()
        .collect();
    let is_empty = threads.is_empty() && local_only.is_empty();
    let local_items = local_only.into_iter().map(|post| {
        let href = paths::thread(&course_id, &post.lesson_id, &post.post_id);
        let refusal = post.refusal.clone();
        view! {
            <li class="thread-item is-pending" data-thread-id=post.post_id.to_string()>
                <a class="thread-title" href=href>{post.title.clone().unwrap_or_default()}</a>
                {match refusal {
                    Some(reason) => view! { <p class="post-refused" role="alert">{move || i18n.c(CollabMsg::Refused).replace("{reason}", &reason)}</p> }.into_any(),
                    None => view! { <span class="badge badge-pending">{move || i18n.c(CollabMsg::Pending)}</span> }.into_any(),
                }}
            </li>
        }
    }).collect_view();
    let server_items = threads
        .into_iter()
        .map(|thread| thread_item(&course_id, thread))
        .collect_view();
    view! {
        {unavailable.then(|| view! { <p class="notice" role="status">{move || i18n.c(CollabMsg::ThreadsUnavailable)}</p> })}
        {(is_empty && !unavailable).then(|| view! { <p class="threads-empty">{move || i18n.c(CollabMsg::NoThreads)}</p> })}
        <ul class="threads">{local_items}{server_items}</ul>
    }
}

fn thread_item(course_id: &CourseId, thread: ThreadSummary) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let href = paths::thread(course_id, &thread.lesson_id, &thread.thread_id);
    let title = match (thread.deleted, thread.hidden && thread.title.is_empty()) {
        (true, _) => None,
        (false, true) => None,
        (false, false) => Some(thread.title.clone()),
    };
    let removed = if thread.deleted {
        CollabMsg::Deleted
    } else {
        CollabMsg::Hidden
    };
    let (replies, new_replies) = (u64::from(thread.reply_count), thread.new_reply_count);
    let last_activity = thread.last_activity_at;
    view! {
        <li class="thread-item" class:is-pinned=thread.pinned data-thread-id=thread.thread_id.to_string()>
            <a class="thread-title" href=href>
                {match title {
                    Some(title) => title.into_any(),
                    None => view! { {move || i18n.c(removed)} }.into_any(),
                }}
            </a>
            <p class="thread-meta">
                {thread.pinned.then(|| view! { <span class="badge">{move || i18n.c(CollabMsg::Pinned)}</span> })}
                {thread.answered.then(|| view! { <span class="badge badge-answer">{move || i18n.c(CollabMsg::Answered)}</span> })}
                <span class="thread-author">{thread.author.display_name.clone()}</span>
                " · " <span class="thread-replies">{move || reply_count(i18n.locale(), replies)}</span>
                {(new_replies > 0).then(|| view! {
                    " · " <span class="badge badge-new thread-new">{move || i18n.c(CollabMsg::NewReplies).replace("{count}", &new_replies.to_string())}</span>
                })}
                " · " <time datetime=last_activity.to_string()>{move || format_local_datetime(last_activity, i18n.locale().tag())}</time>
            </p>
        </li>
    }
}
