//! Captions drawn by the player itself over the picture, so their style follows the
//! learner's settings and they stay visible in fullscreen on every platform.

use super::CueText;
use crate::i18n::{content_direction, I18nInjection, PlayerMsg};
use crate::state::player::{active_caption_cues, PlayerInjection, TrackCues};
use leptos::prelude::*;

/// The active cues of the chosen track, or a note when the captions could not be loaded.
#[component]
pub fn CaptionOverlay() -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    let language = move || {
        let index = player.track_index.get()?;
        player
            .lecture
            .with_value(|lecture| lecture.tracks.get(index).map(|t| t.language.clone()))
    };
    let has_failed = move || {
        player.is_captions_on.get()
            && player
                .cues
                .with(|cues| matches!(cues, TrackCues::Failed(_)))
    };
    view! {
        <div
            class="caption-overlay"
            aria-live="off"
            data-size=move || player.caption_size_percent.get().to_string()
            data-background=move || player.caption_background_percent.get().to_string()
            lang=language
            dir=move || language().map(|l: String| content_direction(&l).as_attr())
        >
            {move || {
                active_caption_cues(&player)
                    .into_iter()
                    .map(|cue| view! { <p class="caption-cue"><span class="caption-text"><CueText nodes=cue.payload /></span></p> })
                    .collect_view()
            }}
            <Show when=has_failed>
                <p class="caption-cue caption-failed" role="status">
                    <span class="caption-text">{move || i18n.p(PlayerMsg::CaptionsFailed)}</span>
                </p>
            </Show>
        </div>
    }
}
