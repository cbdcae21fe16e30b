//! "Resumed at 1:05 · Start over": shown after the player picks up where the learner
//! stopped, until they seek or start over.

use crate::i18n::{fill, I18nInjection, PlayerMsg};
use crate::state::player::PlayerInjection;
use lectern_core::playback::format_clock;
use leptos::prelude::*;

/// The resume note with its "Start over" button.
#[component]
pub fn ResumeNotice() -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    view! {
        <Show when=move || player.resumed_from_ms.get().is_some()>
            <div class="resume-notice" role="status">
                <span>
                    {move || fill(i18n.p(PlayerMsg::ResumedAt), "time", &format_clock(player.resumed_from_ms.get().unwrap_or(0)))}
                </span>
                <button type="button" class="start-over" on:click=move |_| player.start_over()>
                    {move || i18n.p(PlayerMsg::StartOver)}
                </button>
            </div>
        </Show>
    }
}
