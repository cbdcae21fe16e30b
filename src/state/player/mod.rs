//! The lecture player's state, one reactive record in context (in the manner of Vidstack's
//! player state). Controls read these signals and send [`PlayerIntent`]s through
//! [`PlayerInjection::dispatch`]; only the controller touches the media element.

mod controller;
mod prefs;
mod tracks;

pub use controller::MediaEvent;
pub use prefs::{load_prefs, save_prefs, StoredPlayerPrefsV1, CAPTION_BACKGROUNDS, CAPTION_SIZES};
pub use tracks::{load_lecture_tracks, TrackCues};

use crate::io::media::{MediaElement, MediaFailure};
use crate::io::progress_store::ProgressStore;
use lectern_core::course::MediaLesson;
use lectern_core::playback::PlayerIntent;
use lectern_core::progress::{CompletionThreshold, LessonProgress, PlaybackTracker};
use lectern_core::vtt::{Chapter, Cue};
use lectern_core::{CourseId, LessonId, UserId};
use leptos::prelude::*;
use std::collections::HashSet;

/// Who is watching what: the keys progress is saved under.
#[derive(Debug, Clone, PartialEq)]
pub struct LectureKey {
    pub user_id: UserId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
}

/// The player's state and its handle on the media element. `Copy`, so views capture it.
#[derive(Clone, Copy)]
pub struct PlayerInjection {
    pub is_playing: RwSignal<bool>,
    pub is_waiting: RwSignal<bool>,
    /// The browser has been waiting for data for a while (`stalled` while waiting).
    pub is_stalled: RwSignal<bool>,
    pub position_ms: RwSignal<u64>,
    pub duration_ms: RwSignal<Option<u64>>,
    pub buffered_ms: RwSignal<Vec<(u64, u64)>>,
    pub volume: RwSignal<f64>,
    pub is_muted: RwSignal<bool>,
    pub rate: RwSignal<f64>,
    /// The text track shown as captions and in the transcript.
    pub track_index: RwSignal<Option<usize>>,
    pub is_captions_on: RwSignal<bool>,
    pub caption_size_percent: RwSignal<u16>,
    pub caption_background_percent: RwSignal<u8>,
    /// The cues of the track at `track_index`.
    pub cues: RwSignal<TrackCues>,
    pub chapters: RwSignal<Vec<Chapter>>,
    pub is_fullscreen: RwSignal<bool>,
    pub is_transcript_open: RwSignal<bool>,
    pub is_help_open: RwSignal<bool>,
    pub failure: RwSignal<Option<MediaFailure>>,
    /// Where playback resumed, while the "Start over" notice is shown.
    pub resumed_from_ms: RwSignal<Option<u64>>,
    pub is_complete: RwSignal<bool>,
    pub watched_share: RwSignal<f64>,
    /// The in-video question being asked, by index into the lecture's questions.
    pub open_question: RwSignal<Option<usize>>,
    pub lecture: StoredValue<MediaLesson>,
    key: StoredValue<LectureKey>,
    element: StoredValue<Option<MediaElement>, LocalStorage>,
    container: StoredValue<Option<web_sys::Element>, LocalStorage>,
    tracker: StoredValue<PlaybackTracker, LocalStorage>,
    store: StoredValue<ProgressStore, LocalStorage>,
    answered: StoredValue<HashSet<usize>>,
    pending_resume_ms: StoredValue<Option<u64>>,
}

impl PlayerInjection {
    /// Creates the player's state for `lecture` and provides it to the views below.
    /// `stored` is the learner's saved progress, read before the player appears.
    pub fn provide(
        lecture: MediaLesson,
        key: LectureKey,
        stored: Option<LessonProgress>,
        store: ProgressStore,
    ) -> Self {
        let prefs = load_prefs(key.user_id.as_str());
        let threshold =
            CompletionThreshold::new(lecture.completion_threshold_percent).unwrap_or_default();
        let stored = stored.unwrap_or_default();
        let stated_duration = lecture
            .duration_seconds
            .map(|seconds| u64::from(seconds) * 1000);
        let duration = stored.duration_ms.or(stated_duration);
        let tracker = PlaybackTracker::new(duration, threshold, &stored);
        let track_index = prefs
            .caption_language
            .as_ref()
            .and_then(|language| lecture.tracks.iter().position(|t| &t.language == language));
        let player = PlayerInjection {
            is_playing: RwSignal::new(false),
            is_waiting: RwSignal::new(false),
            is_stalled: RwSignal::new(false),
            position_ms: RwSignal::new(0),
            duration_ms: RwSignal::new(duration),
            buffered_ms: RwSignal::new(Vec::new()),
            volume: RwSignal::new(1.0),
            is_muted: RwSignal::new(false),
            rate: RwSignal::new(prefs.rate),
            track_index: RwSignal::new(track_index.or((!lecture.tracks.is_empty()).then_some(0))),
            is_captions_on: RwSignal::new(track_index.is_some()),
            caption_size_percent: RwSignal::new(prefs.caption_size_percent),
            caption_background_percent: RwSignal::new(prefs.caption_background_percent),
            cues: RwSignal::new(TrackCues::None),
            chapters: RwSignal::new(Vec::new()),
            is_fullscreen: RwSignal::new(false),
            is_transcript_open: RwSignal::new(false),
            is_help_open: RwSignal::new(false),
            failure: RwSignal::new(None),
            resumed_from_ms: RwSignal::new(None),
            is_complete: RwSignal::new(stored.is_complete),
            watched_share: RwSignal::new(stored.share()),
            open_question: RwSignal::new(None),
            pending_resume_ms: StoredValue::new(lectern_core::progress::resume_point(
                stored.position_ms,
                duration,
            )),
            lecture: StoredValue::new(lecture),
            key: StoredValue::new(key),
            element: StoredValue::new_local(None),
            container: StoredValue::new_local(None),
            tracker: StoredValue::new_local(tracker),
            store: StoredValue::new_local(store),
            answered: StoredValue::new(HashSet::new()),
        };
        provide_context(player);
        player
    }

    /// The player provided by [`PlayerInjection::provide`] above this view.
    pub fn expect() -> Self {
        expect_context::<PlayerInjection>()
    }

    /// The player provided by [`PlayerInjection::provide`], if any.
    pub fn use_player() -> Option<Self> {
        use_context::<PlayerInjection>()
    }

    /// Connects the state to the rendered media element and the player container.
    pub fn attach(&self, element: MediaElement, container: web_sys::Element) {
        element.set_rate(self.rate.get_untracked());
        self.element.set_value(Some(element));
        self.container.set_value(Some(container));
    }

    /// Carries out what a control or a shortcut asks for.
    pub fn dispatch(&self, intent: PlayerIntent) {
        controller::dispatch(self, intent);
    }

    /// Remembers the learner's preferences from the current state.
    pub fn save_prefs(&self) {
        let language = self.is_captions_on.get_untracked().then(|| {
            let index = self.track_index.get_untracked()?;
            self.lecture
                .with_value(|lecture| lecture.tracks.get(index).map(|t| t.language.clone()))
        });
        let prefs = StoredPlayerPrefsV1 {
            rate: self.rate.get_untracked(),
            caption_language: language.flatten(),
            caption_size_percent: self.caption_size_percent.get_untracked(),
            caption_background_percent: self.caption_background_percent.get_untracked(),
        };
        self.key
            .with_value(|key| save_prefs(key.user_id.as_str(), &prefs));
    }

    /// Shows the captions of track `index`, or turns captions off.
    pub fn choose_track(&self, index: Option<usize>) {
        match index {
            Some(index) => {
                self.track_index.set(Some(index));
                self.is_captions_on.set(true);
            }
            None => self.is_captions_on.set(false),
        }
        self.save_prefs();
    }

    /// Answers (or skips, with `None`) the open in-video question and continues playback.
    pub fn close_question(&self) {
        if let Some(index) = self.open_question.get_untracked() {
            self.answered.update_value(|answered| {
                answered.insert(index);
            });
        }
        self.open_question.set(None);
        self.dispatch(PlayerIntent::Play);
        crate::io::document::focus_selector(".media-player .play-toggle");
    }

    fn with_element(&self, act: impl FnOnce(&MediaElement)) {
        self.element.with_value(|element| {
            if let Some(element) = element {
                act(element);
            }
        });
    }
}

/// The cue text currently shown as captions.
pub fn active_caption_cues(player: &PlayerInjection) -> Vec<Cue> {
    if !player.is_captions_on.get() {
        return Vec::new();
    }
    let position_ms = player.position_ms.get();
    player.cues.with(|cues| match cues {
        TrackCues::Loaded(cues) => lectern_core::vtt::active_cues(cues, position_ms)
            .map(|(_, cue)| cue.clone())
            .collect(),
        _ => Vec::new(),
    })
}
