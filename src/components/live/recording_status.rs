//! The instructor's line about the class's recording: under way and how much is saved,
//! waiting for the network, saved as a lesson, or why it could not be.

use crate::i18n::{I18nInjection, LiveMsg};
use crate::io::document::format_bytes;
use crate::state::live::RecordingState;
use leptos::prelude::*;

/// The recording's line; nothing while there is no recording.
#[component]
pub fn RecordingStatus(state: RwSignal<RecordingState>) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let line = move || match state.get() {
        RecordingState::Off => None,
        RecordingState::Recording { bytes_stored } => Some((
            "recording",
            i18n.live(LiveMsg::RecordingOn)
                .replace("{size}", &format_bytes(bytes_stored, i18n.locale().tag())),
        )),
        RecordingState::Waiting => {
            Some(("waiting", i18n.live(LiveMsg::RecordingWaiting).to_owned()))
        }
        RecordingState::Saved => Some(("saved", i18n.live(LiveMsg::RecordingSaved).to_owned())),
        RecordingState::Failed(error) => Some((
            "failed",
            i18n.live(LiveMsg::RecordingFailed)
                .replace("{error}", &error),
        )),
    };
    move || {
        line().map(|(name, text)| {
            view! {
                <p class="recording-status" data-recording=name role="status">{text}</p>
            }
        })
    }
}
