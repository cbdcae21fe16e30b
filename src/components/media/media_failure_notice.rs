//! What went wrong with the media, in plain words, with a retry where one can help. The
//! rest of the lesson (transcript, slides, notes) keeps working.

use crate::i18n::{I18nInjection, Msg, PlayerMsg};
use crate::io::media::MediaFailure;
use crate::state::player::PlayerInjection;
use leptos::prelude::*;

/// The message for a failure, and whether trying again can help.
fn explain(failure: &MediaFailure) -> (PlayerMsg, bool) {
    match failure {
        MediaFailure::Network => (PlayerMsg::MediaNetwork, true),
        MediaFailure::Decode => (PlayerMsg::MediaDecode, false),
        MediaFailure::Unsupported => (PlayerMsg::MediaUnsupported, true),
        MediaFailure::PlayRefused(_) => (PlayerMsg::MediaRefused, false),
    }
}

/// An alert with the failure and, when it may help, a "Try again" button.
#[component]
pub fn MediaFailureNotice() -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    move || {
        player.failure.get().map(|failure| {
            let (message, can_retry) = explain(&failure);
            view! {
                <div class="media-failure" role="alert" data-failure=format!("{failure:?}")>
                    <p>{move || i18n.p(message)}</p>
                    <Show when=move || can_retry>
                        <button type="button" class="retry" on:click=move |_| player.retry()>
                            {move || i18n.t(Msg::Retry)}
                        </button>
                    </Show>
                </div>
            }
        })
    }
}
