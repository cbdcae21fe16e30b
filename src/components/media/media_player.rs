//! The lecture player: the media element, the captions drawn over it, its controls and
//! overlays, all inside one container that goes fullscreen as a whole (so the player's own
//! captions and controls stay visible on every platform).

use super::{
    CaptionOverlay, MediaControls, MediaFailureNotice, ResumeNotice, ShortcutsHelp,
    TimedQuestionView,
};
use crate::i18n::{I18nInjection, PlayerMsg};
use crate::io::document::{mark_performance, monotonic_ms};
use crate::io::media::MediaElement;
use crate::state::player::{MediaEvent, PlayerInjection};
use lectern_core::playback::{intent_for_key, is_typing_target, KeyPress};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;

/// How long without pointer movement before the controls fade during playback.
const IDLE_AFTER_MS: u64 = 3_000;

/// The User Timing mark set the first time on this page that a lecture's media has data
/// for its current position (`loadeddata`: a video's first frame can be shown), read by
/// `cargo xtask bench`.
const FIRST_FRAME_MARK: &str = "lectern:first-frame";

/// Whether [`FIRST_FRAME_MARK`] has been set since this page loaded.
static IS_FIRST_FRAME_MARKED: AtomicBool = AtomicBool::new(false);

/// A video or audio lecture with its controls. Reads and drives the [`PlayerInjection`]
/// provided above it.
#[component]
pub fn MediaPlayer(
    /// Whether the lecture has pictures (video) or only sound (audio).
    is_video: bool,
    /// The media file.
    media_url: String,
    /// A still shown before playback.
    poster_url: Option<String>,
) -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    let container = NodeRef::<html::Section>::new();
    let media = NodeRef::<html::Video>::new();
    let last_activity_ms = RwSignal::new(monotonic_ms());
    let is_idle = RwSignal::new(false);

    Effect::new(move || {
        if let (Some(section), Some(video)) = (container.get(), media.get()) {
            let element: &web_sys::HtmlMediaElement = video.unchecked_ref();
            player.attach(MediaElement::new(element.clone()), section.unchecked_into());
        }
    });
    let keys = window_event_listener(ev::keydown, move |event| on_key(player, container, event));
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            player.on_media(MediaEvent::Hidden);
        }
    });
    let leaving = window_event_listener(ev::pagehide, move |_| player.on_media(MediaEvent::Hidden));
    let fullscreen = window_event_listener_untyped("fullscreenchange", move |_| {
        player.on_media(MediaEvent::FullscreenChanged)
    });
    let idle_timer = set_interval_with_handle(
        move || {
            let is_quiet =
                monotonic_ms().saturating_sub(last_activity_ms.get_untracked()) > IDLE_AFTER_MS;
            is_idle.set(player.is_playing.get_untracked() && is_quiet);
        },
        std::time::Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        player.leave();
        keys.remove();
        hidden.remove();
        leaving.remove();
        fullscreen.remove();
        if let Some(timer) = idle_timer {
            timer.clear();
        }
    });
    let wake = move || {
        last_activity_ms.set(monotonic_ms());
        is_idle.set(false);
    };

    view! {
        <section
            class="media-player"
            node_ref=container
            aria-label=move || i18n.p(PlayerMsg::Player)
            data-kind=if is_video { "video" } else { "audio" }
            data-idle=move || is_idle.get().to_string()
            data-playing=move || player.is_playing.get().to_string()
            on:pointermove=move |_| wake()
            on:focusin=move |_| wake()
        >
            <div class="media-stage">
                <video
                    class="media-element"
                    node_ref=media
                    src=media_url
                    poster=poster_url
                    preload="metadata"
                    playsinline=true
                    on:click=move |_| player.dispatch(lectern_core::playback::PlayerIntent::TogglePlay)
                    on:dblclick=move |_| player.dispatch(lectern_core::playback::PlayerIntent::ToggleFullscreen)
                    on:loadedmetadata=move |_| player.on_media(MediaEvent::LoadedMetadata)
                    on:loadeddata=move |_| mark_first_frame()
                    on:durationchange=move |_| player.on_media(MediaEvent::DurationChanged)
                    on:play=move |_| player.on_media(MediaEvent::Played)
                    on:playing=move |_| player.on_media(MediaEvent::Playing)
                    on:pause=move |_| player.on_media(MediaEvent::Paused)
                    on:waiting=move |_| player.on_media(MediaEvent::Waiting)
                    on:stalled=move |_| player.on_media(MediaEvent::Stalled)
                    on:timeupdate=move |_| player.on_media(MediaEvent::TimeUpdated)
                    on:seeking=move |_| player.on_media(MediaEvent::Seeking)
                    on:seeked=move |_| player.on_media(MediaEvent::Seeked)
                    on:ratechange=move |_| player.on_media(MediaEvent::RateChanged)
                    on:volumechange=move |_| player.on_media(MediaEvent::VolumeChanged)
                    on:progress=move |_| player.on_media(MediaEvent::Progressed)
                    on:ended=move |_| player.on_media(MediaEvent::Ended)
                    on:error=move |_| player.on_media(MediaEvent::Failed)
                ></video>
                <Show when=move || player.is_waiting.get() && player.failure.get().is_none()>
                    <p class="media-buffering" role="status">
                        {move || i18n.p(if player.is_stalled.get() { PlayerMsg::Stalled } else { PlayerMsg::Buffering })}
                    </p>
                </Show>
                <CaptionOverlay />
                <TimedQuestionView />
                <ShortcutsHelp />
            </div>
            <MediaFailureNotice />
            <ResumeNotice />
            <MediaControls has_picture_in_picture=is_video />
        </section>
    }
}

/// Marks the first time on this page that a lecture's current frame can be shown.
fn mark_first_frame() {
    if !IS_FIRST_FRAME_MARKED.swap(true, Ordering::Relaxed) {
        mark_performance(FIRST_FRAME_MARK);
    }
}

/// Keyboard shortcuts, for keys pressed in the player or on the page itself; never while
/// typing, and never instead of a focused control's own keys.
fn on_key(
    player: PlayerInjection,
    container: NodeRef<html::Section>,
    event: web_sys::KeyboardEvent,
) {
    if event.default_prevented() {
        return;
    }
    let Some(section) = container.get_untracked() else {
        return;
    };
    let target = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let Some(target) = target else {
        return;
    };
    let is_page = target.tag_name().eq_ignore_ascii_case("body");
    let section: &web_sys::Element = section.unchecked_ref();
    if !is_page && !section.contains(Some(&target)) {
        return;
    }
    let input_type = target.get_attribute("type");
    let is_editable = target
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|element| element.is_content_editable());
    if is_typing_target(
        &target.tag_name().to_ascii_lowercase(),
        input_type.as_deref(),
        is_editable,
    ) {
        return;
    }
    let key = event.key();
    let is_activation = key == " " || key == "Enter";
    let tag = target.tag_name().to_ascii_lowercase();
    if is_activation && matches!(tag.as_str(), "button" | "a" | "select" | "summary") {
        return;
    }
    // Sliders keep their own arrows, Home and End.
    let is_slider_key =
        key.starts_with("Arrow") || matches!(key.as_str(), "Home" | "End" | "PageUp" | "PageDown");
    if tag == "input" && input_type.as_deref() == Some("range") && is_slider_key {
        return;
    }
    if player.is_help_open.get_untracked() && key == "Escape" {
        player.is_help_open.set(false);
        event.prevent_default();
        return;
    }
    let press = KeyPress {
        key: &key,
        has_ctrl: event.ctrl_key(),
        has_alt: event.alt_key(),
        has_meta: event.meta_key(),
    };
    if let Some(intent) = intent_for_key(press) {
        event.prevent_default();
        player.dispatch(intent);
    }
}
