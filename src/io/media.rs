//! The HTML media element and the browser features around it: playback, seeking, buffered
//! ranges, fullscreen of the player container and picture-in-picture. Components never call
//! these directly; the player controller turns intents into these calls.

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlMediaElement};

/// Why the media cannot play, from `HTMLMediaElement.error` or a refused `play()`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaFailure {
    /// The file could not be fetched, or the network dropped while playing.
    #[error("the media could not be loaded from the network")]
    Network,
    /// The file is there but damaged.
    #[error("the media file could not be decoded")]
    Decode,
    /// The file is missing, or its format or codec is not supported by this browser.
    #[error("the media is missing or its format is not supported")]
    Unsupported,
    /// The browser refused to start playback (autoplay rules); a click will work.
    #[error("the browser did not allow playback to start: {0}")]
    PlayRefused(String),
}

/// A `<video>` or `<audio>` element.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaElement(HtmlMediaElement);

impl MediaElement {
    pub fn new(element: HtmlMediaElement) -> Self {
        MediaElement(element)
    }

    /// Starts playback; a refusal (autoplay policy, no source) comes back as an error.
    pub async fn play(&self) -> Result<(), MediaFailure> {
        let promise = self
            .0
            .play()
            .map_err(|err| MediaFailure::PlayRefused(describe(&err)))?;
        JsFuture::from(promise)
            .await
            .map(drop)
            .map_err(|err| MediaFailure::PlayRefused(describe(&err)))
    }

    pub fn pause(&self) {
        // pause() only throws on a detached element; nothing to do then.
        let _ = self.0.pause();
    }

    pub fn is_paused(&self) -> bool {
        self.0.paused()
    }

    pub fn position_ms(&self) -> u64 {
        seconds_to_ms(self.0.current_time())
    }

    pub fn seek_ms(&self, position_ms: u64) {
        self.0.set_current_time(position_ms as f64 / 1000.0);
    }

    /// The media's own duration, once known (live streams and unknown lengths are `None`).
    pub fn duration_ms(&self) -> Option<u64> {
        let seconds = self.0.duration();
        (seconds.is_finite() && seconds > 0.0).then(|| seconds_to_ms(seconds))
    }

    pub fn rate(&self) -> f64 {
        self.0.playback_rate()
    }

    pub fn set_rate(&self, rate: f64) {
        self.0.set_playback_rate(rate);
        self.0.set_default_playback_rate(rate);
    }

    pub fn volume(&self) -> f64 {
        self.0.volume()
    }

    pub fn set_volume(&self, volume: f64) {
        self.0.set_volume(volume.clamp(0.0, 1.0));
    }

    pub fn is_muted(&self) -> bool {
        self.0.muted()
    }

    pub fn set_muted(&self, is_muted: bool) {
        self.0.set_muted(is_muted);
    }

    /// The ranges the browser holds, in milliseconds.
    pub fn buffered_ms(&self) -> Vec<(u64, u64)> {
        let ranges = self.0.buffered();
        (0..ranges.length())
            .filter_map(|index| {
                let start = ranges.start(index).ok()?;
                let end = ranges.end(index).ok()?;
                Some((seconds_to_ms(start), seconds_to_ms(end)))
            })
            .collect()
    }

    /// What went wrong, when the element is in an error state.
    pub fn failure(&self) -> Option<MediaFailure> {
        let error = self.0.error()?;
        Some(match error.code() {
            web_sys::MediaError::MEDIA_ERR_NETWORK => MediaFailure::Network,
            web_sys::MediaError::MEDIA_ERR_DECODE => MediaFailure::Decode,
            _ => MediaFailure::Unsupported,
        })
    }

    /// Loads the source again after a failure, keeping the position.
    pub fn reload(&self, position_ms: u64) {
        self.0.load();
        self.seek_ms(position_ms);
    }

    /// Whether the element is a `<video>` and the browser offers picture-in-picture.
    pub fn has_picture_in_picture(&self) -> bool {
        let is_enabled = Reflect::get(&document(), &"pictureInPictureEnabled".into())
            .ok()
            .and_then(|value| value.as_bool())
            .unwrap_or(false);
        is_enabled && self.0.has_type::<web_sys::HtmlVideoElement>()
    }

    /// Enters picture-in-picture, or leaves it if this element is already there.
    pub async fn toggle_picture_in_picture(&self) -> Result<(), String> {
        let current = Reflect::get(&document(), &"pictureInPictureElement".into())
            .map_err(|err| describe(&err))?;
        let is_active = current.is_object() && current == JsValue::from(self.0.clone());
        let promise = if is_active {
            call_method(&document(), "exitPictureInPicture")?
        } else {
            call_method(&self.0, "requestPictureInPicture")?
        };
        JsFuture::from(promise)
            .await
            .map(drop)
            .map_err(|err| describe(&err))
    }
}

/// Puts `container` (the whole player, so its captions and controls stay visible) in
/// fullscreen, or leaves fullscreen if it is already there.
pub async fn toggle_fullscreen(container: &Element) -> Result<(), String> {
    let document = document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
        return Ok(());
    }
    container.request_fullscreen().map_err(|err| describe(&err))
}

/// Whether `container` is the element in fullscreen.
pub fn is_fullscreen(container: &Element) -> bool {
    document()
        .fullscreen_element()
        .is_some_and(|element| &element == container)
}

/// Whether the browser can show elements in fullscreen here (not in some iframes).
pub fn has_fullscreen() -> bool {
    document().fullscreen_enabled()
}

fn call_method(target: &JsValue, name: &str) -> Result<Promise, String> {
    let method = Reflect::get(target, &name.into())
        .map_err(|err| describe(&err))?
        .dyn_into::<Function>()
        .map_err(|_| format!("{name} is not available"))?;
    method
        .call0(target)
        .map_err(|err| describe(&err))?
        .dyn_into::<Promise>()
        .map_err(|_| format!("{name} did not return a promise"))
}

fn seconds_to_ms(seconds: f64) -> u64 {
    if seconds.is_finite() && seconds > 0.0 {
        (seconds * 1000.0).round() as u64
    } else {
        0
    }
}

/// A browser error as text: `DOMException`'s name and message, or whatever it is.
pub fn describe(err: &JsValue) -> String {
    if let Some(exception) = err.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", exception.name(), exception.message());
    }
    err.as_string().unwrap_or_else(|| format!("{err:?}"))
}
