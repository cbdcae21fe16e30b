//! A video, audio or narrated-slides lesson: reads the learner's saved progress, then sets
//! up the player state and lays out the player, its status, chapters and transcript.

use super::{ChapterList, MediaPlayer, SlideDeckView, TranscriptPanel};
use crate::i18n::{fill, I18nInjection, PlayerMsg};
use crate::state::player::{load_lecture_tracks, LectureKey, PlayerInjection};
use crate::state::{ProgressInjection, SessionInjection};
use lectern_core::course::{MediaLesson, SlideDeck};
use lectern_core::{CourseId, LessonId};
use leptos::logging::warn;
use leptos::prelude::*;

/// What the lecture shows besides its media.
#[derive(Debug, Clone, PartialEq)]
pub enum LectureBody {
    Video,
    Audio,
    /// A slide deck that follows the narration.
    Slides(SlideDeck),
}

/// A lecture lesson with its player.
#[component]
pub fn LectureView(
    /// The lecture's media and its tracks.
    lecture: MediaLesson,
    /// What to show with it.
    body: LectureBody,
    course_id: CourseId,
    lesson_id: LessonId,
    /// The course's language, for slide text.
    language: String,
) -> impl IntoView {
    let session = SessionInjection::expect();
    let progress = ProgressInjection::expect();
    let Some(user_id) = session.user_id_untracked() else {
        return ().into_any();
    };
    let key = LectureKey {
        user_id,
        course_id,
        lesson_id,
    };
    let load_key = key.clone();
    // The saved position decides where playback starts, so it is read before the player appears.
    let stored = LocalResource::new(move || {
        let key = load_key.clone();
        let store = progress.store();
        async move {
            store
                .load(&key.user_id, &key.course_id, &key.lesson_id)
                .await
                .unwrap_or_else(|err| {
                    warn!("saved progress could not be read; starting from the beginning: {err}");
                    None
                })
        }
    });
    view! {
        <Suspense>
            {move || {
                let key = key.clone();
                let lecture = lecture.clone();
                let body = body.clone();
                let language = language.clone();
                Suspend::new(async move {
                    let stored = stored.await;
                    let player = PlayerInjection::provide(lecture.clone(), key.clone(), stored, progress.store());
                    load_lecture_tracks(player);
                    lecture_layout(lecture, body, key, language)
                })
            }}
        </Suspense>
    }
    .into_any()
}

fn lecture_layout(
    lecture: MediaLesson,
    body: LectureBody,
    key: LectureKey,
    language: String,
) -> impl IntoView {
    let media_url = lecture.media_url.to_string();
    let poster_url = lecture.poster_url.as_ref().map(ToString::to_string);
    let player = match &body {
        LectureBody::Video => {
            view! { <MediaPlayer is_video=true media_url poster_url /> }.into_any()
        }
        _ => view! { <MediaPlayer is_video=false media_url poster_url=None /> }.into_any(),
    };
    let slides = match body {
        LectureBody::Slides(deck) => {
            Some(view! { <SlideDeckView deck language lesson_id=key.lesson_id.to_string() /> })
        }
        _ => None,
    };
    view! {
        <div class="lecture">
            {slides}
            {player}
            <LectureStatus />
            <div class="lecture-aside">
                <ChapterList />
                <TranscriptPanel lesson_id=key.lesson_id.to_string() />
            </div>
        </div>
    }
}

/// "Completed", or how much of the lecture has really been watched.
#[component]
fn LectureStatus() -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    view! {
        <p class="lecture-status" data-complete=move || player.is_complete.get().to_string()>
            {move || {
                if player.is_complete.get() {
                    i18n.p(PlayerMsg::Completed).to_owned()
                } else {
                    let percent = (player.watched_share.get() * 100.0).floor() as u32;
                    fill(i18n.p(PlayerMsg::WatchedPercent), "percent", &percent.to_string())
                }
            }}
        </p>
    }
}
