//! An instructor's tools on a post: pin or unpin a thread, mark or unmark a reply as the
//! answer, hide or show a post. Each is one request; the server checks the role.

use crate::i18n::{action_error_line, CollabMsg, I18nInjection};
use crate::io::discussions_api;
use crate::state::discussion::ShownPost;
use crate::state::SessionInjection;
use lectern_api::v1::PostModeration;
use leptos::prelude::*;

/// The moderation buttons of one post.
#[component]
pub fn ModerationBar(
    post: ShownPost,
    is_opening: bool,
    /// Whether the thread is pinned (for the opening post's button).
    pinned: bool,
    /// Called after a change the server took.
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let post_id = StoredValue::new(post.post_id.clone());
    let apply = move |moderation: PostModeration| {
        let Some(token) = session.token_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome =
                discussions_api::moderate(&token, &post_id.get_value(), &moderation).await;
            busy.set(false);
            match session.observe(outcome) {
                Ok(()) => {
                    error.set(None);
                    on_changed.run(());
                }
                Err(err) => error.set(Some(action_error_line(i18n.locale(), &err))),
            }
        });
    };
    let (hidden, is_answer) = (post.hidden, post.is_answer);
    let toggle =
        move |msg_on: CollabMsg, msg_off: CollabMsg, is_on: bool, moderation: PostModeration| {
            view! {
                <button type="button" class="button button-quiet" aria-pressed=is_on.to_string()
                    disabled=move || busy.get() on:click=move |_| apply(moderation.clone())>
                    {move || i18n.c(if is_on { msg_off } else { msg_on })}
                </button>
            }
        };
    view! {
        <div class="moderation-bar" role="group" aria-label=move || i18n.c(CollabMsg::Moderation)>
            {is_opening.then(|| toggle(CollabMsg::Pin, CollabMsg::Unpin, pinned,
                PostModeration { pinned: Some(!pinned), ..PostModeration::default() }))}
            {(!is_opening).then(|| toggle(CollabMsg::MarkAnswer, CollabMsg::UnmarkAnswer, is_answer,
                PostModeration { answer: Some(!is_answer), ..PostModeration::default() }))}
            {toggle(CollabMsg::Hide, CollabMsg::Unhide, hidden,
                PostModeration { hidden: Some(!hidden), ..PostModeration::default() })}
            <p class="form-error" role="alert">
                {move || error.get().map(|message| i18n.c(CollabMsg::ActionFailed).replace("{error}", &message))}
            </p>
        </div>
    }
}
