//! One post: who wrote it and when, whether it is new, pending, refused, edited, hidden or
//! deleted, its body as inert Markdown, and what the reader may do with it (reply; edit or
//! delete their own; an instructor's moderation).

use super::{ComposerTarget, ModerationBar, PostComposer};
use crate::components::MarkdownView;
use crate::i18n::{CollabMsg, I18nInjection};
use crate::io::document::format_local_datetime;
use crate::state::discussion::{PostState, ShownPost};
use crate::state::DiscussionInjection;
use lectern_api::v1::PostId;
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// Where a post sits, and what the reader may do there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostPlaceInThread {
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    pub thread_id: PostId,
    pub is_opening: bool,
    /// Replies to this post go here (`None`: no reply button, as on nested replies).
    pub replies_to: Option<Option<PostId>>,
    pub can_moderate: bool,
    pub thread_pinned: bool,
}

/// A post card.
#[component]
pub fn PostCard(
    post: ShownPost,
    place: PostPlaceInThread,
    /// Called after the reader changed something (a reply, an edit, moderation).
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let discussions = DiscussionInjection::expect();
    let editing = RwSignal::new(false);
    let replying = RwSignal::new(false);
    let confirming_delete = RwSignal::new(false);
    let post_key = post.post_id.to_string();
    let written_at = post.written_at;
    let edited_at = post.edited_at;
    let is_stored = post.state == PostState::Stored;
    let can_change = post.mine && !post.deleted && !matches!(post.state, PostState::Refused(_));
    let stored = StoredValue::new(post.clone());
    let place = StoredValue::new(place);
    let delete = move |_| {
        let (post, place) = (stored.get_value(), place.get_value());
        leptos::task::spawn_local(async move {
            let outcome = discussions
                .delete(&place.course_id, &place.lesson_id, post.post_id)
                .await;
            if let Err(err) = outcome {
                leptos::logging::warn!("the post could not be deleted: {err}");
            }
            on_changed.run(());
        });
    };
    let body_view = move || {
        let post = stored.get_value();
        match (post.deleted, post.hidden, post.body.is_empty()) {
            (true, _, _) => {
                view! { <p class="post-removed">{move || i18n.c(CollabMsg::Deleted)}</p> }
                    .into_any()
            }
            (false, true, true) => {
                view! { <p class="post-removed">{move || i18n.c(CollabMsg::Hidden)}</p> }.into_any()
            }
            _ => {
                view! { <div class="post-body"><MarkdownView source=post.body /></div> }.into_any()
            }
        }
    };
    // A thread's title is its page's heading; replies have none.
    let title = post
        .title
        .clone()
        .filter(|_| !post.deleted && !place.get_value().is_opening);
    view! {
        <article class="post" class:is-new=post.is_new class:is-answer=post.is_answer class:is-pending=!is_stored
            data-post-id=post_key.clone() data-state=state_name(&post.state)>
            <header class="post-header">
                {title.map(|title| view! { <h2 class="post-title">{title}</h2> })}
                <p class="post-byline">
                    <span class="post-author">{post.author_name.clone()}</span>
                    {post.by_instructor.then(|| view! { <span class="badge">{move || i18n.c(CollabMsg::InstructorBadge)}</span> })}
                    " · "
                    <time datetime=written_at.to_string()>{move || format_local_datetime(written_at, i18n.locale().tag())}</time>
                    {edited_at.map(|at| view! { " · " <span class="post-edited">{move || i18n.c(CollabMsg::Edited).replace("{time}", &format_local_datetime(at, i18n.locale().tag()))}</span> })}
                    {post.is_new.then(|| view! { <span class="badge badge-new">{move || i18n.c(CollabMsg::NewBadge)}</span> })}
                    {post.is_answer.then(|| view! { <span class="badge badge-answer">{move || i18n.c(CollabMsg::AnswerBadge)}</span> })}
                    {(post.hidden && !post.body.is_empty()).then(|| view! { <span class="badge">{move || i18n.c(CollabMsg::Hidden)}</span> })}
                </p>
                {state_note(&post.state)}
            </header>
            <Show when=move || !editing.get() fallback=move || {
                let (post, place) = (stored.get_value(), place.get_value());
                view! {
                    <PostComposer course_id=place.course_id lesson_id=place.lesson_id
                        target=ComposerTarget::Edit { post_id: post.post_id.clone(), opening: place.is_opening }
                        form_id=format!("edit-{}", post.post_id) initial_title=post.title.unwrap_or_default() initial_body=post.body
                        on_done=move || { editing.set(false); on_changed.run(()) } on_cancel=move || editing.set(false) />
                }
            }>
                {body_view}
            </Show>
            <div class="post-actions">
                {place.get_value().replies_to.is_some().then(|| view! {
                    <button type="button" class="button button-quiet" aria-expanded=move || replying.get().to_string()
                        on:click=move |_| replying.update(|open| *open = !*open)>{move || i18n.c(CollabMsg::Reply)}</button>
                })}
                {can_change.then(|| view! {
                    <button type="button" class="button button-quiet post-edit" on:click=move |_| editing.set(true)>{move || i18n.c(CollabMsg::Edit)}</button>
                    <button type="button" class="button button-quiet post-delete" on:click=move |_| confirming_delete.set(true)>{move || i18n.c(CollabMsg::Delete)}</button>
                })}
            </div>
            <Show when=move || confirming_delete.get()>
                <div class="confirm" role="alertdialog" aria-label=move || i18n.c(CollabMsg::ConfirmDelete)>
                    <p>{move || i18n.c(CollabMsg::ConfirmDelete)}</p>
                    <button type="button" class="button" on:click=delete>{move || i18n.c(CollabMsg::Delete)}</button>
                    <button type="button" class="button button-quiet" on:click=move |_| confirming_delete.set(false)>{move || i18n.c(CollabMsg::Cancel)}</button>
                </div>
            </Show>
            {(place.get_value().can_moderate && is_stored).then(|| {
                let place = place.get_value();
                view! { <ModerationBar post=stored.get_value() is_opening=place.is_opening pinned=place.thread_pinned on_changed /> }
            })}
            <Show when=move || replying.get()>
                {move || {
                    let place = place.get_value();
                    let reply_to = place.replies_to.clone().flatten();
                    view! {
                        <PostComposer course_id=place.course_id lesson_id=place.lesson_id
                            target=ComposerTarget::Reply { thread_id: place.thread_id.clone(), reply_to }
                            form_id=format!("reply-{}", stored.get_value().post_id)
                            on_done=move || { replying.set(false); on_changed.run(()) } on_cancel=move || replying.set(false) />
                    }
                }}
            </Show>
        </article>
    }
}

fn state_name(state: &PostState) -> &'static str {
    match state {
        PostState::Stored => "stored",
        PostState::Pending => "pending",
        PostState::Refused(_) => "refused",
    }
}

fn state_note(state: &PostState) -> impl IntoView {
    let i18n = I18nInjection::expect();
    match state.clone() {
        PostState::Stored => ().into_any(),
        PostState::Pending => view! {
            <p class="post-state" role="status">
                <span class="badge badge-pending">{move || i18n.c(CollabMsg::Pending)}</span>
                " " {move || i18n.c(CollabMsg::PendingHint)}
            </p>
        }
        .into_any(),
        PostState::Refused(reason) => view! {
            <p class="post-state post-refused" role="alert">
                {move || i18n.c(CollabMsg::Refused).replace("{reason}", &reason)}
            </p>
        }
        .into_any(),
    }
}
