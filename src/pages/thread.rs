//! `/courses/:course_id/lessons/:lesson_id/threads/:thread_id`: one discussion thread. The
//! server's copy with this device's unsent posts laid over it; a thread started offline
//! shows from this device alone. Opening it marks its replies read (once per visit).

use crate::components::discussion::ThreadBody;
use crate::components::{DocumentTitle, ErrorView, Loading};
use crate::i18n::{CollabMsg, I18nInjection};
use crate::io::discussions_api;
use crate::io::http::HttpError;
use crate::paths;
use crate::state::discussion::shown_thread;
use crate::state::{DiscussionInjection, SessionInjection};
use lectern_api::v1::PostId;
use lectern_core::user::Role;
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A thread page.
#[component]
pub fn ThreadPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let discussions = DiscussionInjection::expect();
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let read = |key: &str| params.read().get(key).unwrap_or_default();
        (read("course_id"), read("lesson_id"), read("thread_id"))
    });
    let marked_read = StoredValue::new(None::<PostId>);
    let loaded = LocalResource::new(move || {
        discussions.changes.track();
        let (raw_course, raw_lesson, raw_thread) = ids.get();
        async move {
            let (Ok(course_id), Ok(lesson_id), Ok(thread_id)) = (
                CourseId::parse(&raw_course),
                LessonId::parse(&raw_lesson),
                PostId::parse(&raw_thread),
            ) else {
                return Err(HttpError::NotFound);
            };
            let user = session.user_untracked().ok_or(HttpError::SignedOut)?;
            let token = session.token_untracked().ok_or(HttpError::SignedOut)?;
            let server = session.observe(discussions_api::thread(&token, &thread_id).await);
            let local = discussions
                .local(&course_id, Some(&lesson_id))
                .await
                .inspect_err(|err| {
                    leptos::logging::warn!("posts on this device could not be read: {err}")
                })
                .unwrap_or_default();
            let me = (user.display_name.as_str(), user.role);
            let shown = shown_thread(server.as_ref().ok(), &local, &thread_id, me);
            match (shown, server) {
                (Some(thread), server) => {
                    if server.is_ok() && marked_read.get_value().as_ref() != Some(&thread_id) {
                        marked_read.set_value(Some(thread_id.clone()));
                        mark_read(token, thread_id);
                    }
                    let can_moderate = matches!(user.role, Role::Instructor | Role::Admin);
                    Ok((course_id, lesson_id, thread, can_moderate))
                }
                (None, Err(error)) => Err(error),
                (None, Ok(_)) => Err(HttpError::NotFound),
            }
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((course_id, lesson_id, thread, can_moderate)) => {
                        let title = thread.opening.title.clone().unwrap_or_default();
                        let back = paths::lesson(&course_id, &lesson_id);
                        view! {
                            <DocumentTitle text=title.clone() />
                            <p><a class="thread-back" href=back>{move || i18n.c(CollabMsg::BackToDiscussion)}</a></p>
                            <h1 class="thread-heading">{title}</h1>
                            <ThreadBody thread course_id lesson_id can_moderate on_changed=move || loaded.refetch() />
                        }
                        .into_any()
                    }
                    Err(HttpError::NotFound) => view! {
                        <p class="thread-missing" role="alert">{move || i18n.c(CollabMsg::ThreadNotFound)}</p>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error is_page=true on_retry=move || loaded.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Tells the server the reader has seen the thread; its notifications go read too.
fn mark_read(token: String, thread_id: PostId) {
    leptos::task::spawn_local(async move {
        if let Err(err) = discussions_api::mark_thread_read(&token, &thread_id).await {
            leptos::logging::warn!("the thread could not be marked read: {err}");
        }
    });
}
