//! Turns intents into calls on the media element, and the element's events into state, the
//! honest-completion tracker's input and progress saves. The only code that drives media.

use super::PlayerInjection;
use crate::io::document::monotonic_ms;
use crate::io::media::{is_fullscreen, toggle_fullscreen};
use crate::io::server_clock::server_now;
use lectern_core::playback::{faster, seek_target, slower, volume_by, PlayerIntent};
use lectern_core::progress::{PlaybackInput, PlaybackOutput};
use lectern_core::vtt::{next_chapter_start, previous_chapter_start};
use leptos::logging::warn;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the media element reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaEvent {
    LoadedMetadata,
    DurationChanged,
    Played,
    Playing,
    Paused,
    Waiting,
    Stalled,
    TimeUpdated,
    Seeking,
    Seeked,
    RateChanged,
    VolumeChanged,
    Progressed,
    Ended,
    Failed,
    /// The page is being hidden or left (`visibilitychange`, `pagehide`).
    Hidden,
    FullscreenChanged,
}

pub(super) fn dispatch(player: &PlayerInjection, intent: PlayerIntent) {
    let position = player.position_ms.get_untracked();
    let duration = player.duration_ms.get_untracked();
    match intent {
        PlayerIntent::TogglePlay if player.is_playing.get_untracked() => pause(player),
        PlayerIntent::TogglePlay | PlayerIntent::Play => play(player),
        PlayerIntent::Pause => pause(player),
        PlayerIntent::SeekBy { delta_ms } => {
            seek(player, seek_target(position, delta_ms, duration))
        }
        PlayerIntent::SeekTo { position_ms } => seek(player, seek_target(position_ms, 0, duration)),
        PlayerIntent::SeekToPercent { percent } => {
            if let Some(duration) = duration {
                seek(player, duration * u64::from(percent.min(100)) / 100);
            }
        }
        PlayerIntent::SeekToStart => seek(player, 0),
        PlayerIntent::SeekToEnd => {
            if let Some(duration) = duration {
                seek(player, duration);
            }
        }
        PlayerIntent::VolumeBy { delta_percent } => player.with_element(|element| {
            element.set_muted(false);
            element.set_volume(volume_by(element.volume(), delta_percent));
        }),
        PlayerIntent::ToggleMute => {
            player.with_element(|element| element.set_muted(!element.is_muted()))
        }
        PlayerIntent::ToggleFullscreen => {
            if let Some(container) = player.container.get_value() {
                spawn_local(async move {
                    if let Err(err) = toggle_fullscreen(&container).await {
                        warn!("fullscreen was refused: {err}");
                    }
                });
            }
        }
        PlayerIntent::ToggleCaptions => {
            if player.track_index.get_untracked().is_some() {
                player.is_captions_on.update(|is_on| *is_on = !*is_on);
                player.save_prefs();
            }
        }
        PlayerIntent::Faster => set_rate(player, faster(player.rate.get_untracked())),
        PlayerIntent::Slower => set_rate(player, slower(player.rate.get_untracked())),
        PlayerIntent::ShowShortcuts => player.is_help_open.set(true),
        PlayerIntent::PreviousChapter => {
            let target = player
                .chapters
                .with_untracked(|chapters| previous_chapter_start(chapters, position));
            if let Some(target) = target {
                seek(player, target);
            }
        }
        PlayerIntent::NextChapter => {
            let target = player
                .chapters
                .with_untracked(|chapters| next_chapter_start(chapters, position));
            if let Some(target) = target {
                seek(player, target);
            }
        }
    }
}

/// Sets the speed from the speed menu.
pub(super) fn set_rate(player: &PlayerInjection, rate: f64) {
    player.with_element(|element| element.set_rate(rate));
    player.rate.set(rate);
    player.save_prefs();
}

fn play(player: &PlayerInjection) {
    if player.open_question.get_untracked().is_some() {
        return;
    }
    let Some(element) = player.element.get_value() else {
        return;
    };
    let failure = player.failure;
    spawn_local(async move {
        if let Err(err) = element.play().await {
            failure.set(Some(err));
        }
    });
}

fn pause(player: &PlayerInjection) {
    player.with_element(|element| element.pause());
}

fn seek(player: &PlayerInjection, position_ms: u64) {
    player.with_element(|element| element.seek_ms(position_ms));
    player.position_ms.set(position_ms);
    player.resumed_from_ms.set(None);
}

impl PlayerInjection {
    /// Sets the speed (from the speed menu) and remembers it.
    pub fn choose_rate(&self, rate: f64) {
        set_rate(self, rate);
    }

    /// Updates the state from what the media element reported.
    pub fn on_media(&self, event: MediaEvent) {
        let Some(element) = self.element.get_value() else {
            return;
        };
        let position_ms = element.position_ms();
        let input = match event {
            MediaEvent::LoadedMetadata | MediaEvent::DurationChanged => {
                if let Some(duration) = element.duration_ms() {
                    self.duration_ms.set(Some(duration));
                    self.tracker.update_value(|t| t.set_duration(duration));
                }
                if event == MediaEvent::LoadedMetadata {
                    self.failure.set(None);
                    self.resume(&element);
                }
                None
            }
            MediaEvent::Played => {
                self.failure.set(None);
                None
            }
            MediaEvent::Playing => {
                self.is_playing.set(true);
                self.stop_waiting();
                Some(PlaybackInput::Playing { position_ms })
            }
            MediaEvent::Paused => {
                self.is_playing.set(false);
                self.stop_waiting();
                Some(PlaybackInput::Paused { position_ms })
            }
            MediaEvent::Waiting => {
                self.is_waiting.set(true);
                None
            }
            MediaEvent::Stalled => {
                if self.is_waiting.get_untracked() {
                    self.is_stalled.set(true);
                }
                None
            }
            MediaEvent::TimeUpdated => {
                self.ask_due_question(&element, position_ms);
                Some(PlaybackInput::TimeUpdate { position_ms })
            }
            MediaEvent::Seeking => Some(PlaybackInput::Seeking),
            MediaEvent::Seeked => Some(PlaybackInput::Seeked { position_ms }),
            MediaEvent::RateChanged => {
                let rate = element.rate();
                self.rate.set(rate);
                Some(PlaybackInput::RateChanged { rate })
            }
            MediaEvent::VolumeChanged => {
                self.volume.set(element.volume());
                self.is_muted.set(element.is_muted());
                None
            }
            MediaEvent::Progressed => {
                self.buffered_ms.set(element.buffered_ms());
                None
            }
            MediaEvent::Ended => {
                self.is_playing.set(false);
                Some(PlaybackInput::Ended { position_ms })
            }
            MediaEvent::Failed => {
                self.is_playing.set(false);
                self.stop_waiting();
                self.failure.set(element.failure());
                None
            }
            MediaEvent::Hidden => Some(PlaybackInput::Hidden { position_ms }),
            MediaEvent::FullscreenChanged => {
                let is_full = self
                    .container
                    .with_value(|c| c.as_ref().is_some_and(is_fullscreen));
                self.is_fullscreen.set(is_full);
                None
            }
        };
        self.position_ms.set(position_ms);
        if let Some(input) = input {
            self.track(input);
        }
    }

    fn stop_waiting(&self) {
        if self.is_waiting.get_untracked() {
            self.is_waiting.set(false);
        }
        if self.is_stalled.get_untracked() {
            self.is_stalled.set(false);
        }
    }

    /// Saves where the learner is as the player goes away (another page in the app). Writes
    /// no signal: the views that read them are being torn down.
    pub fn leave(&self) {
        let Some(Some(element)) = self.element.try_get_value() else {
            return;
        };
        let input = PlaybackInput::Hidden {
            position_ms: element.position_ms(),
        };
        let now = monotonic_ms();
        let is_updated = self.tracker.try_update_value(|tracker| {
            tracker.handle(input, now);
            while tracker.poll().is_some() {}
        });
        if is_updated.is_some() {
            self.save_progress();
        }
    }

    /// Feeds the tracker and acts on what it asks for.
    fn track(&self, input: PlaybackInput) {
        let now = monotonic_ms();
        let outputs = self.tracker.try_update_value(|tracker| {
            tracker.handle(input, now);
            let mut outputs = Vec::new();
            while let Some(output) = tracker.poll() {
                outputs.push(output);
            }
            outputs
        });
        let mut should_save = false;
        for output in outputs.unwrap_or_default() {
            match output {
                PlaybackOutput::SavePosition { .. } => should_save = true,
                PlaybackOutput::WatchedChanged => {}
                PlaybackOutput::Completed => {
                    self.is_complete.set(true);
                    should_save = true;
                }
            }
        }
        let share = self
            .tracker
            .with_value(|tracker| tracker.progress(0).share());
        if self.watched_share.get_untracked() != share {
            self.watched_share.set(share);
        }
        if should_save {
            self.save_progress();
        }
    }

    /// Hands the current progress to the store; never blocks playback.
    fn save_progress(&self) {
        // Event time by the server's clock, so positions from several devices order rightly.
        let event_time = u64::try_from(server_now().as_millisecond()).unwrap_or(0);
        let progress = self
            .tracker
            .try_with_value(|tracker| tracker.progress(event_time));
        let (Some(progress), Some(key)) = (progress, self.key.try_get_value()) else {
            return;
        };
        self.store.try_with_value(|store| {
            store.save(&key.user_id, &key.course_id, &key.lesson_id, progress);
        });
    }

    /// Seeks to the saved point once the media can seek, and says so.
    fn resume(&self, element: &crate::io::media::MediaElement) {
        let Some(resume_ms) = self.pending_resume_ms.get_value() else {
            return;
        };
        self.pending_resume_ms.set_value(None);
        element.seek_ms(resume_ms);
        self.position_ms.set(resume_ms);
        self.resumed_from_ms.set(Some(resume_ms));
    }

    /// Pauses for an in-video question whose time has just been reached.
    fn ask_due_question(&self, element: &crate::io::media::MediaElement, position_ms: u64) {
        if !self.is_playing.get_untracked() || self.open_question.get_untracked().is_some() {
            return;
        }
        let previous_ms = self.position_ms.get_untracked();
        // Time updates come about every 250 ms of wall time, so further apart at high speed;
        // a bigger step than this is a jump, which asks nothing.
        let window_ms = (2_000.0 * self.rate.get_untracked().max(1.0)) as u64;
        let due = self.lecture.with_value(|lecture| {
            lecture.questions.iter().position(|question| {
                let at_ms = (question.at_seconds * 1000.0) as u64;
                previous_ms < at_ms && at_ms <= position_ms && position_ms - previous_ms < window_ms
            })
        });
        let Some(index) = due else {
            return;
        };
        if self
            .answered
            .with_value(|answered| answered.contains(&index))
        {
            return;
        }
        element.pause();
        self.open_question.set(Some(index));
    }

    /// Sets the volume from the volume slider (0 to 1), unmuting.
    pub fn set_volume(&self, volume: f64) {
        self.with_element(|element| {
            element.set_muted(false);
            element.set_volume(volume);
        });
    }

    /// Enters or leaves picture-in-picture.
    pub fn toggle_picture_in_picture(&self) {
        let Some(element) = self.element.get_value() else {
            return;
        };
        spawn_local(async move {
            if let Err(err) = element.toggle_picture_in_picture().await {
                warn!("picture-in-picture was refused: {err}");
            }
        });
    }

    /// Plays from the beginning (the "Start over" control).
    pub fn start_over(&self) {
        seek(self, 0);
        self.resumed_from_ms.set(None);
        play(self);
    }

    /// Loads the media again after a failure, from where it stopped.
    pub fn retry(&self) {
        self.failure.set(None);
        let position = self.position_ms.get_untracked();
        self.with_element(|element| element.reload(position));
    }
}
