//! The frame of the embedded player: provides the link to the host page
//! ([`EmbedInjection`]), announces `ready` once a launched learner is on a page, and turns what the learner does into the host's
//! events: progress and completion as they are recorded, and the end of the session.

use crate::state::embed::EmbedInjection;
use crate::state::{SessionInjection, SyncInjection};
use lectern_core::embed::{watched_share, PlayerEvent};
use lectern_core::sync::{EventBody, LearnerEvent};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::rc::Rc;

/// Wraps the embedded player's pages.
#[component]
pub fn EmbedFrame(children: Children) -> impl IntoView {
    let navigate = use_navigate();
    let location = use_location();
    let path = Signal::derive(move || location.pathname.get());
    let go_to = Rc::new(move |to: &str| navigate(to, NavigateOptions::default()));
    let embed = EmbedInjection::provide(go_to, path);
    let sync = SyncInjection::expect();
    Effect::new(move || {
        for event in sync.recorded.get() {
            if let Some(told) = host_event(&event) {
                embed.post(&told);
            }
        }
    });
    let session = SessionInjection::expect();
    Effect::new(move |was_signed_in: Option<bool>| {
        let is_signed_in = session.user_id().is_some();
        if was_signed_in == Some(true) && !is_signed_in {
            embed.post(&PlayerEvent::Error {
                code: "signed-out".into(),
                message: "the learner's session ended; launch the player again".into(),
            });
        }
        is_signed_in
    });
    // Ready once a launched learner is on a player page (not while the launch page still
    // trades its token): only then does the player know which origins it may talk to.
    Effect::new(move |was_announced: Option<bool>| {
        if was_announced == Some(true) {
            return true;
        }
        let is_launched =
            session.user_id().is_some() && !session.embed_origins_untracked().is_empty();
        let is_on_a_page = path.get() != crate::paths::LAUNCH;
        if is_launched && is_on_a_page {
            embed.announce_ready();
            return true;
        }
        false
    });
    children()
}

/// What the host hears of a recorded learner event.
fn host_event(event: &LearnerEvent) -> Option<PlayerEvent> {
    match &event.body {
        EventBody::Progressed {
            position_ms,
            duration_ms,
            watched,
        } => Some(PlayerEvent::Progress {
            lesson_id: event.lesson_id.clone(),
            position: *position_ms as f64 / 1_000.0,
            watched_share: watched_share(watched, *duration_ms),
        }),
        EventBody::Completed => Some(PlayerEvent::Completed {
            lesson_id: event.lesson_id.clone(),
        }),
        EventBody::AttemptStarted { .. }
        | EventBody::Answered { .. }
        | EventBody::AttemptSubmitted { .. }
        | EventBody::Posted { .. }
        | EventBody::PostEdited { .. }
        | EventBody::PostDeleted { .. }
        | EventBody::AssignmentSubmitted { .. } => None,
    }
}
