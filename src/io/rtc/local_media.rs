//! The participant's own media as captured ([`super::capture`]): the microphone, the camera
//! and the screen, captured when a plan first sends them, shared by every connection, and
//! stopped as soon as no plan sends them. A device that was refused, or that
//! stopped on its own, is not asked for again until the plan has stopped wanting it. One
//! preview stream holds whatever is captured.

use super::LocalSource;
use crate::state::live::SendPlan;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MediaStream, MediaStreamTrack};

/// The local sources `send` wants, in the order they are captured.
pub(super) fn wanted_sources(send: SendPlan) -> Vec<LocalSource> {
    [
        (send.microphone, LocalSource::Microphone),
        (send.camera, LocalSource::Camera),
        (send.screen, LocalSource::Screen),
    ]
    .into_iter()
    .filter_map(|(is_wanted, source)| is_wanted.then_some(source))
    .collect()
}

/// The tracks held, and what is not to be asked for again.
#[derive(Default)]
pub(super) struct LocalMedia {
    held: BTreeMap<LocalSource, HeldTrack>,
    declined: BTreeSet<LocalSource>,
    preview: Option<MediaStream>,
}

/// A captured track, stopped when dropped.
struct HeldTrack {
    track: MediaStreamTrack,
    _on_ended: Closure<dyn FnMut()>,
}

impl Drop for HeldTrack {
    fn drop(&mut self) {
        self.track.set_onended(None);
        self.track.stop();
    }
}

impl LocalMedia {
    /// The sources `send` wants that are neither held nor declined.
    pub(super) fn missing(&self, send: SendPlan) -> Vec<LocalSource> {
        wanted_sources(send)
            .into_iter()
            .filter(|source| !self.held.contains_key(source) && !self.declined.contains(source))
            .collect()
    }

    /// The held tracks `send` wants.
    pub(super) fn tracks_for(&self, send: SendPlan) -> BTreeMap<LocalSource, MediaStreamTrack> {
        wanted_sources(send)
            .into_iter()
            .filter_map(|source| Some((source, Clone::clone(&self.held.get(&source)?.track))))
            .collect()
    }

    /// The preview: every held track, or none while nothing is held.
    pub(super) fn preview(&self) -> Option<MediaStream> {
        self.preview.clone().filter(|_| !self.held.is_empty())
    }

    /// Keeps a captured track; `on_ended` hears of it if it stops on its own.
    pub(super) fn hold(
        &mut self,
        source: LocalSource,
        track: MediaStreamTrack,
        on_ended: Rc<dyn Fn(LocalSource)>,
    ) {
        let on_ended = Closure::<dyn FnMut()>::new(move || on_ended(source));
        track.set_onended(Some(on_ended.as_ref().unchecked_ref()));
        if self.preview.is_none() {
            match MediaStream::new() {
                Ok(stream) => self.preview = Some(stream),
                Err(err) => super::warn("no preview stream", &err),
            }
        }
        if let Some(preview) = &self.preview {
            preview.add_track(&track);
        }
        let held = HeldTrack {
            track,
            _on_ended: on_ended,
        };
        if let Some(replaced) = self.held.insert(source, held) {
            self.forget(&replaced.track);
        }
    }

    /// Does not ask for `source` again while the plan wants it.
    pub(super) fn decline(&mut self, source: LocalSource) {
        self.declined.insert(source);
    }

    /// A held track stopped on its own: lets it go and declines its source.
    pub(super) fn end(&mut self, source: LocalSource) -> bool {
        self.decline(source);
        self.release(source)
    }

    /// Stops what `send` does not want, and forgets the declines of what it does not want.
    /// Whether anything stopped.
    pub(super) fn release_unwanted(&mut self, send: SendPlan) -> bool {
        let wanted = wanted_sources(send);
        self.declined.retain(|source| wanted.contains(source));
        let unwanted: Vec<LocalSource> = self
            .held
            .keys()
            .filter(|source| !wanted.contains(source))
            .copied()
            .collect();
        let mut is_stopped = false;
        for source in unwanted {
            is_stopped |= self.release(source);
        }
        is_stopped
    }

    /// Stops every track.
    pub(super) fn stop_all(&mut self) {
        self.release_unwanted(SendPlan::default());
    }

    fn release(&mut self, source: LocalSource) -> bool {
        let Some(held) = self.held.remove(&source) else {
            return false;
        };
        self.forget(&held.track);
        true
    }

    fn forget(&self, track: &MediaStreamTrack) {
        if let Some(preview) = &self.preview {
            preview.remove_track(track);
        }
    }
}
