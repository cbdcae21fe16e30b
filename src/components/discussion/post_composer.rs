//! The form for a post: a new thread (title and body), a reply, or a new version of one's
//! own post. Saving writes an outbox event, so it works offline; the post shows at once,
//! marked pending, and the server's copy replaces it once sent.

use crate::i18n::{CollabMsg, I18nInjection};
use crate::state::discussion::{PostFailure, PostPlace};
use crate::state::DiscussionInjection;
use lectern_api::v1::PostId;
use lectern_core::discussion::{PostProblem, MAX_POST_BODY_CHARS, MAX_POST_TITLE_CHARS};
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// What the form writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComposerTarget {
    NewThread,
    Reply {
        thread_id: PostId,
        reply_to: Option<PostId>,
    },
    /// A new version of `post_id`; `opening`: it opens its thread (so it has a title).
    Edit {
        post_id: PostId,
        opening: bool,
    },
}

impl ComposerTarget {
    fn has_title(&self) -> bool {
        matches!(
            self,
            ComposerTarget::NewThread | ComposerTarget::Edit { opening: true, .. }
        )
    }
}

/// A post form.
#[component]
pub fn PostComposer(
    course_id: CourseId,
    lesson_id: LessonId,
    target: ComposerTarget,
    /// Unique on the page: the form's fields are named after it.
    form_id: String,
    #[prop(optional)] initial_title: String,
    #[prop(optional)] initial_body: String,
    /// Called once the post is saved on this device.
    #[prop(into)]
    on_done: Callback<()>,
    #[prop(optional, into)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let discussions = DiscussionInjection::expect();
    let title = RwSignal::new(initial_title);
    let body = RwSignal::new(initial_body);
    let saving = RwSignal::new(false);
    let problem = RwSignal::new(None::<(CollabMsg, usize)>);
    let has_title = target.has_title();
    let submit_label = match target {
        ComposerTarget::NewThread => CollabMsg::PostThread,
        ComposerTarget::Reply { .. } => CollabMsg::PostReply,
        ComposerTarget::Edit { .. } => CollabMsg::SaveEdit,
    };
    let target = StoredValue::new(target);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        problem.set(None);
        let (course_id, lesson_id) = (course_id.clone(), lesson_id.clone());
        let (title_text, body_text) = (title.get_untracked(), body.get_untracked());
        let target = target.get_value();
        leptos::task::spawn_local(async move {
            let outcome = match target {
                ComposerTarget::NewThread => {
                    let place = PostPlace::NewThread { title: title_text };
                    discussions
                        .post(&course_id, &lesson_id, place, body_text)
                        .await
                        .map(drop)
                }
                ComposerTarget::Reply {
                    thread_id,
                    reply_to,
                } => {
                    let place = PostPlace::Reply {
                        thread_id,
                        reply_to,
                    };
                    discussions
                        .post(&course_id, &lesson_id, place, body_text)
                        .await
                        .map(drop)
                }
                ComposerTarget::Edit { post_id, opening } => {
                    let title = opening.then_some(title_text);
                    discussions
                        .edit(&course_id, &lesson_id, post_id, title, body_text)
                        .await
                }
            };
            saving.set(false);
            match outcome {
                Ok(()) => {
                    title.set(String::new());
                    body.set(String::new());
                    on_done.run(());
                }
                Err(failure) => problem.set(Some(failure_text(&failure))),
            }
        });
    };
    let title_id = format!("{form_id}-title");
    let body_id = format!("{form_id}-body");
    let hint_id = format!("{form_id}-hint");
    let error_id = format!("{form_id}-error");
    view! {
        <form class="post-composer" id=form_id.clone() on:submit=save novalidate>
            {has_title.then(|| view! {
                <label for=title_id.clone()>{move || i18n.c(CollabMsg::TitleLabel)}</label>
                <input id=title_id.clone() name="title" type="text" maxlength=MAX_POST_TITLE_CHARS.to_string()
                    prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
            })}
            <label for=body_id.clone()>{move || i18n.c(CollabMsg::BodyLabel)}</label>
            <textarea id=body_id.clone() name="body" rows="4" maxlength=MAX_POST_BODY_CHARS.to_string()
                aria-describedby=format!("{hint_id} {error_id}")
                prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <p class="field-hint" id=hint_id>{move || i18n.c(CollabMsg::BodyHint)}</p>
            <p class="form-error" id=error_id role="alert">
                {move || problem.get().map(|(msg, max)| i18n.c(msg).replace("{max}", &max.to_string()))}
            </p>
            <div class="form-actions">
                <button type="submit" class="button" disabled=move || saving.get()>
                    {move || if saving.get() { i18n.c(CollabMsg::Posting) } else { i18n.c(submit_label) }}
                </button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="button button-quiet" on:click=move |_| cancel.run(())>
                        {move || i18n.c(CollabMsg::Cancel)}
                    </button>
                })}
            </div>
        </form>
    }
}

/// What to tell the writer, with the limit a "too long" message names.
fn failure_text(failure: &PostFailure) -> (CollabMsg, usize) {
    match failure {
        PostFailure::Invalid(PostProblem::EmptyBody) => (CollabMsg::EmptyBody, 0),
        PostFailure::Invalid(PostProblem::EmptyTitle) => (CollabMsg::EmptyTitle, 0),
        PostFailure::Invalid(PostProblem::BodyTooLong(_)) => {
            (CollabMsg::TooLong, MAX_POST_BODY_CHARS)
        }
        PostFailure::Invalid(PostProblem::TitleTooLong(_)) => {
            (CollabMsg::TooLong, MAX_POST_TITLE_CHARS)
        }
        _ => (CollabMsg::SaveFailed, 0),
    }
}
