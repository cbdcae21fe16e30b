//! The body of a lesson, by kind: readings, lectures (video, audio), slide decks and quizzes. Kinds
//! this version cannot show yet say so plainly.

use super::assignment::AssignmentView;
use super::discussion::DiscussionView;
use super::media::{LectureBody, LectureView, SlideDeckView};
use super::quiz::QuizView;
use super::MarkdownView;
use crate::i18n::{fill, kind_label, I18nInjection, Msg};
use lectern_core::course::{LessonContent, SlideDeck};
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// A lesson's content, by kind, or a clear "not yet available".
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
        other => {
            let kind = other.kind();
            view! {
                <div
                    class="lesson-unavailable"
                    role="status"
                    data-kind=kind.as_str()
                    lang=move || i18n.locale().tag()
                    dir=move || i18n.locale().direction().as_attr()
                >
                    <p>{move || fill(i18n.t(Msg::LessonUnavailable), "kind", i18n.t(kind_label(kind)))}</p>
                </div>
            }
            .into_any()
        }
    }
}
