//! The control bar: the seek bar, then play, chapters, volume, time, speed, captions,
//! transcript, shortcuts, picture-in-picture and fullscreen. Every control is a labelled
//! button, select or slider, reachable by Tab.

use super::icon::{paths, Icon};
use super::{CaptionStyleMenu, SeekBar};
use crate::i18n::{I18nInjection, PlayerMsg};
use crate::io::media::has_fullscreen;
use crate::state::player::PlayerInjection;
use lectern_core::playback::{format_clock, PlayerIntent, RATES};
use leptos::prelude::*;

/// The player's controls.
#[component]
pub fn MediaControls(
    /// Whether to offer picture-in-picture (video only, where the browser has it).
    has_picture_in_picture: bool,
) -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    let has_chapters = move || player.chapters.with(|chapters| !chapters.is_empty());
    let has_tracks = player
        .lecture
        .with_value(|lecture| !lecture.tracks.is_empty());
    let is_pip_offered = has_picture_in_picture && document_has_picture_in_picture();
    let time = move || {
        let duration = player
            .duration_ms
            .get()
            .map_or_else(|| "--:--".to_owned(), format_clock);
        format!("{} / {}", format_clock(player.position_ms.get()), duration)
    };
    view! {
        <div class="media-controls">
            <SeekBar />
            <div class="control-row">
                <button
                    type="button"
                    class="control play-toggle"
                    aria-label=move || i18n.p(if player.is_playing.get() { PlayerMsg::Pause } else { PlayerMsg::Play })
                    on:click=move |_| player.dispatch(PlayerIntent::TogglePlay)
                >
                    {move || if player.is_playing.get() { view! { <Icon paths=paths::PAUSE /> } } else { view! { <Icon paths=paths::PLAY /> } }}
                </button>
                <Show when=has_chapters>
                    <button type="button" class="control chapter-previous" aria-label=move || i18n.p(PlayerMsg::PreviousChapter)
                        on:click=move |_| player.dispatch(PlayerIntent::PreviousChapter)>
                        <Icon paths=paths::PREVIOUS />
                    </button>
                    <button type="button" class="control chapter-next" aria-label=move || i18n.p(PlayerMsg::NextChapter)
                        on:click=move |_| player.dispatch(PlayerIntent::NextChapter)>
                        <Icon paths=paths::NEXT />
                    </button>
                </Show>
                <button
                    type="button"
                    class="control mute-toggle"
                    aria-label=move || i18n.p(if player.is_muted.get() { PlayerMsg::Unmute } else { PlayerMsg::Mute })
                    on:click=move |_| player.dispatch(PlayerIntent::ToggleMute)
                >
                    {move || if player.is_muted.get() { view! { <Icon paths=paths::MUTED /> } } else { view! { <Icon paths=paths::VOLUME /> } }}
                </button>
                <input
                    type="range"
                    class="volume"
                    min="0"
                    max="100"
                    step="5"
                    aria-label=move || i18n.p(PlayerMsg::Volume)
                    prop:value=move || (if player.is_muted.get() { 0.0 } else { player.volume.get() * 100.0 }).round().to_string()
                    on:input=move |event| {
                        let percent = event_target_value(&event).parse::<f64>().unwrap_or(100.0);
                        player.set_volume(percent / 100.0);
                    }
                />
                <span class="media-time" aria-hidden="true">{time}</span>
                <span class="control-spacer"></span>
                <label class="control-select speed">
                    <span class="visually-hidden">{move || i18n.p(PlayerMsg::Speed)}</span>
                    <select
                        class="speed-select"
                        on:change=move |event| {
                            if let Ok(rate) = event_target_value(&event).parse::<f64>() {
                                player.choose_rate(rate);
                            }
                        }
                    >
                        {RATES
                            .iter()
                            .map(|rate| {
                                let rate = *rate;
                                view! {
                                    <option value=rate.to_string() selected=move || (player.rate.get() - rate).abs() < 1e-9>
                                        {move || if rate == 1.0 { format!("1× {}", i18n.p(PlayerMsg::SpeedNormal)) } else { format!("{rate}×") }}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <Show when=move || has_tracks>
                    <CaptionsSelect />
                    <CaptionStyleMenu />
                    <button
                        type="button"
                        class="control transcript-toggle"
                        aria-expanded=move || player.is_transcript_open.get().to_string()
                        aria-controls="transcript-panel"
                        aria-label=move || i18n.p(if player.is_transcript_open.get() { PlayerMsg::HideTranscript } else { PlayerMsg::ShowTranscript })
                        on:click=move |_| player.is_transcript_open.update(|is_open| *is_open = !*is_open)
                    >
                        <Icon paths=paths::TRANSCRIPT />
                    </button>
                </Show>
                <button type="button" class="control shortcuts-toggle" aria-label=move || i18n.p(PlayerMsg::KeyboardShortcuts)
                    aria-haspopup="dialog" on:click=move |_| player.is_help_open.set(true)>
                    <Icon paths=paths::KEYBOARD />
                </button>
                <Show when=move || is_pip_offered>
                    <button type="button" class="control pip-toggle" aria-label=move || i18n.p(PlayerMsg::PictureInPicture)
                        on:click=move |_| player.toggle_picture_in_picture()>
                        <Icon paths=paths::PICTURE_IN_PICTURE />
                    </button>
                </Show>
                <Show when=has_fullscreen>
                    <button
                        type="button"
                        class="control fullscreen-toggle"
                        aria-label=move || i18n.p(if player.is_fullscreen.get() { PlayerMsg::ExitFullscreen } else { PlayerMsg::Fullscreen })
                        on:click=move |_| player.dispatch(PlayerIntent::ToggleFullscreen)
                    >
                        {move || if player.is_fullscreen.get() { view! { <Icon paths=paths::EXIT_FULLSCREEN /> } } else { view! { <Icon paths=paths::FULLSCREEN /> } }}
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// The captions menu: each text track by its own name, or off.
#[component]
fn CaptionsSelect() -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    let tracks = player.lecture.with_value(|lecture| lecture.tracks.clone());
    let selected = move || {
        if player.is_captions_on.get() {
            player
                .track_index
                .get()
                .map_or_else(|| "off".to_owned(), |i| i.to_string())
        } else {
            "off".to_owned()
        }
    };
    view! {
        <label class="control-select captions">
            <span class="visually-hidden">{move || i18n.p(PlayerMsg::Captions)}</span>
            <select
                class="captions-select"
                prop:value=selected
                on:change=move |event| player.choose_track(event_target_value(&event).parse::<usize>().ok())
            >
                <option value="off">{move || format!("{}: {}", i18n.p(PlayerMsg::Captions), i18n.p(PlayerMsg::CaptionsOff))}</option>
                {tracks
                    .into_iter()
                    .enumerate()
                    .map(|(index, track)| view! {
                        <option value=index.to_string() lang=track.language.clone()>{track.label}</option>
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

fn document_has_picture_in_picture() -> bool {
    js_sys::Reflect::get(&document(), &"pictureInPictureEnabled".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}
