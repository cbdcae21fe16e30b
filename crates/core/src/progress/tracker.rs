//! Turns the media element's events into honest watched intervals, save requests and the
//! one completion event. A sans-IO machine: the player's `io/` feeds it events with the
//! wall-clock time (`handle`) and drains what to do (`poll`).
//!
//! Only media time that plausibly played counts. Between two observations while playing,
//! the range `[previous, current]` is credited when `0 < current - previous <=
//! elapsed_wall_ms * max(rate, 1.0) * 1.5 + 1_000`; anything else (a jump without a seek
//! event, backwards motion, a seek) is a discontinuity that starts a new base and credits
//! nothing.

use super::{CompletionThreshold, LessonProgress, WatchedIntervals};
use std::collections::VecDeque;

/// Least wall time between two position saves made by `TimeUpdate` while playing.
pub const SAVE_INTERVAL_MS: u64 = 5_000;

/// Media time allowed to advance beyond what the wall clock explains (event jitter,
/// throttled timers).
pub const ADVANCE_SLACK_MS: u64 = 1_000;

/// Factor on the expected advance before a move counts as a jump.
pub const ADVANCE_TOLERANCE: f64 = 1.5;

/// The fastest playback rate credited; browsers play at most 16×.
pub const MAX_CREDITED_RATE: f64 = 16.0;

/// An event from the media element, with the position it reports (`currentTime` in ms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlaybackInput {
    Playing {
        position_ms: u64,
    },
    TimeUpdate {
        position_ms: u64,
    },
    Paused {
        position_ms: u64,
    },
    Seeking,
    Seeked {
        position_ms: u64,
    },
    RateChanged {
        rate: f64,
    },
    Ended {
        position_ms: u64,
    },
    /// `visibilitychange` to hidden, or `pagehide`: the last chance to save.
    Hidden {
        position_ms: u64,
    },
}

/// What the shell should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaybackOutput {
    /// Store the position (and the rest of [`PlaybackTracker::progress`]).
    SavePosition { position_ms: u64 },
    /// The watched set grew; progress rings may redraw.
    WatchedChanged,
    /// The watched share reached the threshold; emitted at most once per tracker, never for a
    /// lesson that was already complete.
    Completed,
}

/// The last observation credit may start from.
#[derive(Debug, Clone, Copy)]
struct Base {
    position_ms: u64,
    at_ms: u64,
    /// The fastest rate in effect since this observation.
    max_rate: f64,
}

/// Tracks one learner watching one lecture.
#[derive(Debug, Clone)]
pub struct PlaybackTracker {
    duration_ms: Option<u64>,
    threshold: CompletionThreshold,
    watched: WatchedIntervals,
    is_complete: bool,
    position_ms: u64,
    rate: f64,
    is_playing: bool,
    is_seeking: bool,
    base: Option<Base>,
    last_save_at_ms: Option<u64>,
    outputs: VecDeque<PlaybackOutput>,
}

impl PlaybackTracker {
    /// Starts from stored progress (its watched set, completion and position). The duration
    /// is `duration_ms` if known, else the stored one; a zero duration counts as unknown. If
    /// the stored watched set already meets the threshold of a lesson not yet marked
    /// complete, the first `poll` gives `Completed`.
    pub fn new(
        duration_ms: Option<u64>,
        threshold: CompletionThreshold,
        already: &LessonProgress,
    ) -> Self {
        let mut tracker = PlaybackTracker {
            duration_ms: duration_ms
                .or(already.duration_ms)
                .filter(|&duration| duration > 0),
            threshold,
            watched: already.watched.clone(),
            is_complete: already.is_complete,
            position_ms: already.position_ms,
            rate: 1.0,
            is_playing: false,
            is_seeking: false,
            base: None,
            last_save_at_ms: None,
            outputs: VecDeque::new(),
        };
        tracker.check_completion();
        tracker
    }

    /// The media's real duration, once its metadata loads; 0 is ignored.
    pub fn set_duration(&mut self, duration_ms: u64) {
        if duration_ms == 0 {
            return;
        }
        self.duration_ms = Some(duration_ms);
        self.check_completion();
    }

    /// Feeds one media event, observed at wall-clock time `now_ms`.
    pub fn handle(&mut self, input: PlaybackInput, now_ms: u64) {
        match input {
            PlaybackInput::Playing { position_ms } => {
                if !self.is_playing {
                    self.is_playing = true;
                    self.base = None;
                }
                self.observe(position_ms, now_ms);
            }
            PlaybackInput::TimeUpdate { position_ms } => {
                self.observe(position_ms, now_ms);
                let is_save_due = self
                    .last_save_at_ms
                    .is_none_or(|last| now_ms.saturating_sub(last) >= SAVE_INTERVAL_MS);
                if self.is_playing && is_save_due {
                    self.save(now_ms);
                }
            }
            PlaybackInput::Paused { position_ms } | PlaybackInput::Ended { position_ms } => {
                self.observe(position_ms, now_ms);
                self.is_playing = false;
                self.base = None;
                self.save(now_ms);
            }
            PlaybackInput::Seeking => {
                self.is_seeking = true;
                self.base = None;
            }
            PlaybackInput::Seeked { position_ms } => {
                self.is_seeking = false;
                self.base = None;
                self.observe(position_ms, now_ms);
                self.save(now_ms);
            }
            PlaybackInput::RateChanged { rate } => {
                self.rate = if rate.is_nan() {
                    1.0
                } else {
                    rate.clamp(0.0, MAX_CREDITED_RATE)
                };
                if let Some(base) = &mut self.base {
                    base.max_rate = base.max_rate.max(self.rate);
                }
            }
            PlaybackInput::Hidden { position_ms } => {
                self.observe(position_ms, now_ms);
                self.save(now_ms);
            }
        }
    }

    /// The next thing to do, oldest first. Repeated saves and watched changes that were not
    /// polled yet are folded into one, so the queue stays short.
    pub fn poll(&mut self) -> Option<PlaybackOutput> {
        self.outputs.pop_front()
    }

    pub fn watched(&self) -> &WatchedIntervals {
        &self.watched
    }

    pub fn is_complete(&self) -> bool {
        self.is_complete
    }

    /// The last position the media reported.
    pub fn position_ms(&self) -> u64 {
        self.position_ms
    }

    pub fn duration_ms(&self) -> Option<u64> {
        self.duration_ms
    }

    /// The record to store, with `updated_at_ms` as the position's event time.
    pub fn progress(&self, updated_at_ms: u64) -> LessonProgress {
        LessonProgress {
            position_ms: self.position_ms,
            position_at_ms: updated_at_ms,
            duration_ms: self.duration_ms,
            watched: self.watched.clone(),
            is_complete: self.is_complete,
        }
    }

    /// Records a reported position; while playing (and not seeking), credits the range since
    /// the base if the advance is plausible, and makes this observation the new base.
    fn observe(&mut self, position_ms: u64, now_ms: u64) {
        self.position_ms = position_ms;
        if !self.is_playing || self.is_seeking {
            return;
        }
        if let Some(base) = self.base {
            let advance_ms = position_ms.saturating_sub(base.position_ms);
            let elapsed_ms = now_ms.saturating_sub(base.at_ms);
            let allowed_ms = elapsed_ms as f64 * base.max_rate.max(1.0) * ADVANCE_TOLERANCE
                + ADVANCE_SLACK_MS as f64;
            if advance_ms > 0 && advance_ms as f64 <= allowed_ms {
                self.credit(base.position_ms, position_ms);
            }
        }
        self.base = Some(Base {
            position_ms,
            at_ms: now_ms,
            max_rate: self.rate,
        });
    }

    fn credit(&mut self, start_ms: u64, end_ms: u64) {
        if self.watched.insert(start_ms, end_ms) {
            if !self.outputs.contains(&PlaybackOutput::WatchedChanged) {
                self.outputs.push_back(PlaybackOutput::WatchedChanged);
            }
            self.check_completion();
        }
    }

    fn check_completion(&mut self) {
        let Some(duration_ms) = self.duration_ms else {
            return;
        };
        if !self.is_complete && self.threshold.is_met(&self.watched, duration_ms) {
            self.is_complete = true;
            self.outputs.push_back(PlaybackOutput::Completed);
        }
    }

    fn save(&mut self, now_ms: u64) {
        self.last_save_at_ms = Some(now_ms);
        let position_ms = self.position_ms;
        let queued = self
            .outputs
            .iter_mut()
            .find(|output| matches!(output, PlaybackOutput::SavePosition { .. }));
        match queued {
            Some(output) => *output = PlaybackOutput::SavePosition { position_ms },
            None => self
                .outputs
                .push_back(PlaybackOutput::SavePosition { position_ms }),
        }
    }
}
