//! The body of a lesson, by kind: readings, lectures (video, audio), slide decks, quizzes,
//! assignments, discussions, and live sessions' schedules.

use super::assignment::AssignmentView;
use super::discussion::DiscussionView;
use super::media::{LectureBody, LectureView, SlideDeckView};
use super::quiz::QuizView;
use super::{LiveSchedule, MarkdownView};
use crate::i18n::{I18nInjection, LiveMsg};
use crate::io::server_clock::server_now;
use crate::paths;
use lectern_core::course::{LessonContent, SlideDeck};
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// A lesson's content, by kind.
#[component]
pub fn LessonContentView(
    /// What the lesson holds.
    content: LessonContent,
    course_id: CourseId,
    lesson_id: LessonId,
    /// The course's language (for `lang` on slide text).
    language: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    match content {
        LessonContent::Text { body } => view! {
            <div class="lesson-body">
                <MarkdownView source=body />
            </div>
        }
        .into_any(),
        LessonContent::Video(lecture) => {
            view! { <LectureView lecture body=LectureBody::Video course_id lesson_id language /> }
                .into_any()
        }
        LessonContent::Audio(lecture) => {
            view! { <LectureView lecture body=LectureBody::Audio course_id lesson_id language /> }
                .into_any()
        }
        LessonContent::Slides(SlideDeck {
            slides,
            narration: Some(lecture),
        }) => {
            let deck = SlideDeck {
                slides,
                narration: None,
            };
            view! { <LectureView lecture body=LectureBody::Slides(deck) course_id lesson_id language /> }.into_any()
        }
        LessonContent::Slides(deck) => {
            view! { <SlideDeckView deck language lesson_id=lesson_id.to_string() /> }.into_any()
        }
        LessonContent::Quiz(quiz) => {
            view! { <QuizView quiz course_id lesson_id language /> }.into_any()
        }
        LessonContent::Assignment(assignment) => {
            view! { <AssignmentView course_id lesson_id assignment /> }.into_any()
        }
        LessonContent::Discussion { prompt } => {
            view! { <DiscussionView course_id lesson_id prompt /> }.into_any()
        }
        LessonContent::Live(session) => {
            let is_over = session.ends_at <= server_now();
            let join = (!is_over && !paths::is_embedded()).then(|| {
                let href = paths::live_room(&course_id, &lesson_id);
                view! { <a class="button join-live" href=href>{move || i18n.live(LiveMsg::JoinLive)}</a> }
            });
            view! { <div class="live-lesson"><LiveSchedule session />{join}</div> }.into_any()
        }
    }
}
