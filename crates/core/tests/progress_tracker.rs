//! Scenario and property tests for the playback tracker, on a fake wall clock: real
//! playback at any rate completes, scrubbing and jumps do not, saves are throttled, and
//! `Completed` comes exactly once.

use lectern_core::progress::{
    CompletionThreshold, LessonProgress, PlaybackInput, PlaybackOutput, PlaybackTracker,
    WatchedIntervals,
};
use proptest::prelude::*;

const MINUTE_MS: u64 = 60_000;
const TICK_MS: u64 = 250;

/// A tracker on a fake clock, collecting everything it asks for.
struct Session {
    tracker: PlaybackTracker,
    now_ms: u64,
    outputs: Vec<PlaybackOutput>,
}

impl Session {
    fn new(duration_ms: Option<u64>) -> Self {
        Self::resuming(duration_ms, &LessonProgress::default())
    }

    fn resuming(duration_ms: Option<u64>, already: &LessonProgress) -> Self {
        let mut session = Session {
            tracker: PlaybackTracker::new(duration_ms, CompletionThreshold::DEFAULT, already),
            now_ms: 1_700_000_000_000,
            outputs: Vec::new(),
        };
        session.drain();
        session
    }

    fn send(&mut self, input: PlaybackInput) {
        self.tracker.handle(input, self.now_ms);
        self.drain();
    }

    fn drain(&mut self) {
        while let Some(output) = self.tracker.poll() {
            self.outputs.push(output);
        }
    }

    fn wait(&mut self, wall_ms: u64) {
        self.now_ms += wall_ms;
    }

    /// Plays from `from_ms` to `to_ms` at `rate`, with a time update every 250 ms of wall
    /// time, as a browser would.
    fn play(&mut self, from_ms: u64, to_ms: u64, rate: f64) {
        self.send(PlaybackInput::Playing {
            position_ms: from_ms,
        });
        let step_ms = (TICK_MS as f64 * rate) as u64;
        let mut position_ms = from_ms;
        while position_ms < to_ms {
            self.wait(TICK_MS);
            position_ms = (position_ms + step_ms).min(to_ms);
            self.send(PlaybackInput::TimeUpdate { position_ms });
        }
    }

    fn seek(&mut self, to_ms: u64) {
        self.send(PlaybackInput::Seeking);
        self.wait(40);
        self.send(PlaybackInput::Seeked { position_ms: to_ms });
    }

    fn count(&self, wanted: PlaybackOutput) -> usize {
        self.outputs
            .iter()
            .filter(|&&output| output == wanted)
            .count()
    }

    fn saves(&self) -> Vec<u64> {
        self.outputs
            .iter()
            .filter_map(|output| match output {
                PlaybackOutput::SavePosition { position_ms } => Some(*position_ms),
                _ => None,
            })
            .collect()
    }

    fn watched_ms(&self) -> u64 {
        self.tracker.watched().watched_ms(u64::MAX)
    }
}

#[test]
fn watching_through_completes_at_any_rate() {
    for rate in [1.0, 1.5, 2.0, 16.0] {
        let duration_ms = 10 * MINUTE_MS;
        let mut session = Session::new(Some(duration_ms));
        session.send(PlaybackInput::RateChanged { rate });
        session.play(0, duration_ms, rate);
        session.send(PlaybackInput::Ended {
            position_ms: duration_ms,
        });
        assert!(session.tracker.is_complete(), "rate {rate}");
        assert_eq!(
            session.tracker.watched().ranges(),
            &[(0, duration_ms)],
            "rate {rate}"
        );
        assert_eq!(session.count(PlaybackOutput::Completed), 1, "rate {rate}");
    }
}

#[test]
fn completed_comes_once_when_the_threshold_is_first_reached() {
    let mut session = Session::new(Some(100_000));
    session.play(0, 89_000, 1.0);
    assert_eq!(session.count(PlaybackOutput::Completed), 0);
    session.play(89_000, 90_000, 1.0);
    assert_eq!(session.count(PlaybackOutput::Completed), 1);
    assert_eq!(session.outputs.last(), Some(&PlaybackOutput::Completed));
    session.play(90_000, 100_000, 1.0);
    session.seek(0);
    session.play(0, 100_000, 1.0);
    session.send(PlaybackInput::Ended {
        position_ms: 100_000,
    });
    assert_eq!(session.count(PlaybackOutput::Completed), 1);
}

#[test]
fn a_rate_change_mid_interval_is_credited_at_the_faster_rate() {
    let mut session = Session::new(Some(MINUTE_MS));
    session.send(PlaybackInput::Playing { position_ms: 0 });
    session.wait(1_000);
    session.send(PlaybackInput::RateChanged { rate: 4.0 });
    session.send(PlaybackInput::TimeUpdate { position_ms: 4_000 });
    assert_eq!(session.tracker.watched().ranges(), &[(0, 4_000)]);
}

#[test]
fn scrubbing_through_with_seeks_credits_nothing() {
    let duration_ms = 10 * MINUTE_MS;
    let mut session = Session::new(Some(duration_ms));
    session.send(PlaybackInput::Playing { position_ms: 0 });
    for position_ms in (0..=duration_ms).step_by(2_000) {
        session.seek(position_ms);
    }
    session.send(PlaybackInput::Ended {
        position_ms: duration_ms,
    });
    assert!(session.tracker.watched().is_empty());
    assert!(!session.tracker.is_complete());
    assert_eq!(session.count(PlaybackOutput::Completed), 0);
}

#[test]
fn jumping_ahead_without_seek_events_credits_nothing() {
    let duration_ms = 10 * MINUTE_MS;
    let mut session = Session::new(Some(duration_ms));
    session.send(PlaybackInput::Playing { position_ms: 0 });
    for position_ms in (10_000..=duration_ms).step_by(10_000) {
        session.wait(TICK_MS);
        session.send(PlaybackInput::TimeUpdate { position_ms });
    }
    session.send(PlaybackInput::Ended {
        position_ms: duration_ms,
    });
    assert!(session.tracker.watched().is_empty());
    assert!(!session.tracker.is_complete());
}

#[test]
fn backwards_motion_credits_nothing_and_starts_a_new_base() {
    let mut session = Session::new(Some(MINUTE_MS));
    session.play(20_000, 30_000, 1.0);
    session.wait(TICK_MS);
    session.send(PlaybackInput::TimeUpdate { position_ms: 5_000 });
    session.wait(TICK_MS);
    session.send(PlaybackInput::TimeUpdate { position_ms: 5_250 });
    assert_eq!(
        session.tracker.watched().ranges(),
        &[(5_000, 5_250), (20_000, 30_000)]
    );
}

#[test]
fn ended_below_the_threshold_does_not_complete() {
    let duration_ms = 10 * MINUTE_MS;
    let mut session = Session::new(Some(duration_ms));
    session.play(0, MINUTE_MS, 1.0);
    session.seek(duration_ms - MINUTE_MS);
    session.play(duration_ms - MINUTE_MS, duration_ms, 1.0);
    session.send(PlaybackInput::Ended {
        position_ms: duration_ms,
    });
    assert_eq!(session.watched_ms(), 2 * MINUTE_MS);
    assert!(!session.tracker.is_complete());
    assert_eq!(session.count(PlaybackOutput::Completed), 0);
}

#[test]
fn pausing_and_resuming_elsewhere_counts_only_what_played() {
    let mut session = Session::new(Some(10 * MINUTE_MS));
    session.play(0, 30_000, 1.0);
    session.send(PlaybackInput::Paused {
        position_ms: 30_000,
    });
    session.wait(5 * MINUTE_MS);
    session.seek(4 * MINUTE_MS);
    // A long pause then a resume elsewhere: the wall time spent paused credits nothing.
    session.play(4 * MINUTE_MS, 4 * MINUTE_MS + 10_000, 1.0);
    session.send(PlaybackInput::Paused {
        position_ms: 4 * MINUTE_MS + 10_000,
    });
    assert_eq!(
        session.tracker.watched().ranges(),
        &[(0, 30_000), (4 * MINUTE_MS, 4 * MINUTE_MS + 10_000)]
    );
    // Resuming after a pause without a seek event, at a different point.
    session.wait(MINUTE_MS);
    session.play(7 * MINUTE_MS, 7 * MINUTE_MS + 1_000, 1.0);
    assert_eq!(session.watched_ms(), 30_000 + 10_000 + 1_000);
}

#[test]
fn pause_credits_up_to_its_position() {
    let mut session = Session::new(Some(MINUTE_MS));
    session.play(0, 1_000, 1.0);
    session.wait(200);
    session.send(PlaybackInput::Paused { position_ms: 1_200 });
    assert_eq!(session.tracker.watched().ranges(), &[(0, 1_200)]);
    // Time updates while paused credit nothing.
    session.wait(TICK_MS);
    session.send(PlaybackInput::TimeUpdate { position_ms: 1_450 });
    assert_eq!(session.tracker.watched().ranges(), &[(0, 1_200)]);
}

#[test]
fn saves_are_throttled_while_playing_and_immediate_on_transitions() {
    let mut session = Session::new(Some(10 * MINUTE_MS));
    session.play(0, 20_000, 1.0);
    // The first update saves, then one every 5 s of wall time.
    assert_eq!(session.saves(), vec![250, 5_250, 10_250, 15_250]);
    session.send(PlaybackInput::Paused {
        position_ms: 20_000,
    });
    session.seek(30_000);
    session.send(PlaybackInput::Hidden {
        position_ms: 30_000,
    });
    assert_eq!(session.saves()[4..], [20_000, 30_000, 30_000]);
    // A paused player's time updates do not save.
    session.wait(10_000);
    session.send(PlaybackInput::TimeUpdate {
        position_ms: 30_000,
    });
    assert_eq!(session.saves().len(), 7);
}

#[test]
fn unpolled_saves_and_changes_fold_into_one() {
    let mut tracker = PlaybackTracker::new(
        Some(MINUTE_MS),
        CompletionThreshold::DEFAULT,
        &LessonProgress::default(),
    );
    tracker.handle(PlaybackInput::Playing { position_ms: 0 }, 0);
    tracker.handle(PlaybackInput::TimeUpdate { position_ms: 250 }, 250);
    tracker.handle(PlaybackInput::TimeUpdate { position_ms: 500 }, 500);
    tracker.handle(PlaybackInput::Paused { position_ms: 600 }, 600);
    tracker.handle(PlaybackInput::Hidden { position_ms: 600 }, 700);
    let outputs: Vec<_> = std::iter::from_fn(|| tracker.poll()).collect();
    assert_eq!(
        outputs,
        vec![
            PlaybackOutput::WatchedChanged,
            PlaybackOutput::SavePosition { position_ms: 600 },
        ]
    );
}

#[test]
fn resuming_keeps_stored_progress_and_completion() {
    let stored = LessonProgress {
        position_ms: 30_000,
        position_at_ms: 5,
        duration_ms: Some(MINUTE_MS),
        watched: [(0, 30_000)].into_iter().collect(),
        is_complete: false,
    };
    let mut session = Session::resuming(None, &stored);
    assert_eq!(session.tracker.position_ms(), 30_000);
    assert_eq!(session.tracker.duration_ms(), Some(MINUTE_MS));
    session.play(30_000, 54_000, 1.0);
    assert_eq!(session.count(PlaybackOutput::Completed), 1);
    let progress = session.tracker.progress(99);
    assert_eq!(progress.position_ms, 54_000);
    assert_eq!(progress.position_at_ms, 99);
    assert_eq!(progress.watched.ranges(), &[(0, 54_000)]);
    assert!(progress.is_complete);

    // An already complete lesson stays complete and never announces it again.
    let mut again = Session::resuming(Some(MINUTE_MS), &progress);
    again.seek(0);
    again.play(0, MINUTE_MS, 1.0);
    assert!(again.tracker.is_complete());
    assert_eq!(again.count(PlaybackOutput::Completed), 0);
}

#[test]
fn a_late_duration_completes_what_was_already_watched() {
    let mut session = Session::new(None);
    session.play(0, 30_000, 2.0);
    assert!(!session.tracker.is_complete());
    session.tracker.set_duration(0);
    session.drain();
    assert!(!session.tracker.is_complete());
    session.tracker.set_duration(30_000);
    session.drain();
    assert!(session.tracker.is_complete());
    assert_eq!(session.count(PlaybackOutput::Completed), 1);

    // A stored record that already meets the threshold completes on the first poll.
    let stored = LessonProgress {
        watched: [(0, 30_000)].into_iter().collect(),
        ..LessonProgress::default()
    };
    let resumed = Session::resuming(Some(30_000), &stored);
    assert_eq!(resumed.outputs, vec![PlaybackOutput::Completed]);
}

fn any_input() -> impl Strategy<Value = (PlaybackInput, u64)> {
    let position = 0u64..200_000;
    let input = prop_oneof![
        1 => position.clone().prop_map(|position_ms| PlaybackInput::Playing { position_ms }),
        4 => position.clone().prop_map(|position_ms| PlaybackInput::TimeUpdate { position_ms }),
        1 => position.clone().prop_map(|position_ms| PlaybackInput::Paused { position_ms }),
        1 => Just(PlaybackInput::Seeking),
        1 => position.clone().prop_map(|position_ms| PlaybackInput::Seeked { position_ms }),
        1 => prop_oneof![Just(f64::NAN), Just(f64::INFINITY), -2.0f64..20.0]
            .prop_map(|rate| PlaybackInput::RateChanged { rate }),
        1 => position.clone().prop_map(|position_ms| PlaybackInput::Ended { position_ms }),
        1 => position.prop_map(|position_ms| PlaybackInput::Hidden { position_ms }),
    ];
    (input, 0u64..3_000)
}

fn any_seek() -> impl Strategy<Value = PlaybackInput> {
    prop_oneof![
        Just(PlaybackInput::Seeking),
        any::<u64>().prop_map(|position_ms| PlaybackInput::Seeked { position_ms }),
    ]
}

proptest! {
    #[test]
    fn random_events_only_grow_the_watched_set(
        inputs in proptest::collection::vec(any_input(), 0..120),
        duration_ms in proptest::option::of(1u64..200_000),
    ) {
        let mut session = Session::new(duration_ms);
        let mut previous = WatchedIntervals::new();
        let mut was_complete = false;
        for (input, wait_ms) in inputs {
            session.wait(wait_ms);
            session.send(input);
            let watched = session.tracker.watched();
            for &(start, end) in previous.ranges() {
                prop_assert!(watched.covers(start, end));
            }
            let share = watched.watched_share(duration_ms.unwrap_or(200_000));
            prop_assert!((0.0..=1.0).contains(&share));
            prop_assert!(session.tracker.is_complete() || !was_complete);
            was_complete = session.tracker.is_complete();
            previous = watched.clone();
        }
        prop_assert!(session.count(PlaybackOutput::Completed) <= 1);
        prop_assert_eq!(session.count(PlaybackOutput::Completed) == 1, session.tracker.is_complete());
    }

    #[test]
    fn seeking_alone_adds_nothing(
        is_playing in any::<bool>(),
        seeks in proptest::collection::vec((any_seek(), 0u64..60_000), 0..60),
    ) {
        let mut session = Session::new(Some(200_000));
        if is_playing {
            session.send(PlaybackInput::Playing { position_ms: 0 });
        }
        for (input, wait_ms) in seeks {
            session.wait(wait_ms);
            session.send(input);
        }
        prop_assert!(session.tracker.watched().is_empty());
        prop_assert_eq!(session.count(PlaybackOutput::WatchedChanged), 0);
    }

    #[test]
    fn credit_never_outruns_the_wall_clock(
        inputs in proptest::collection::vec(any_input(), 0..120),
    ) {
        // Whatever the events, no more media time is credited than 16× at 1.5× tolerance
        // plus one second of slack per observation allows.
        let mut session = Session::new(None);
        let mut budget_ms = 0u64;
        for (input, wait_ms) in inputs {
            session.wait(wait_ms);
            budget_ms += wait_ms * 24 + 1_000;
            session.send(input);
        }
        prop_assert!(session.watched_ms() <= budget_ms);
    }
}
