//! A quiz lesson: its overview, the attempt being taken, or the review of one. Keeps the
//! attempts in context (their answers travel through the app's outbox).

use super::{AttemptReview, AttemptRunner, QuizOverview};
use crate::io::attempt_store::QuizOwner;
use crate::paths;
use crate::state::quiz::QuizInjection;
use crate::state::SessionInjection;
use lectern_api::v1::QuizId;
use lectern_core::quiz::Quiz;
use lectern_core::user::Role;
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// The quiz lesson `lesson_id` of `course_id`.
#[component]
pub fn QuizView(
    quiz: Quiz,
    course_id: CourseId,
    lesson_id: LessonId,
    /// The course's language: questions are shown in it, the quiz's own controls in the UI's.
    language: String,
) -> impl IntoView {
    let i18n = crate::i18n::I18nInjection::expect();
    let session = SessionInjection::expect();
    let Some(user) = session.user_untracked() else {
        return ().into_any();
    };
    let owner = QuizOwner {
        user_id: user.user_id.clone(),
        course_id: course_id.clone(),
        lesson_id: lesson_id.clone(),
    };
    let quiz_id = QuizId::new(course_id.clone(), lesson_id.clone());
    let injection = QuizInjection::provide(quiz, quiz_id, owner, language);
    let submissions_href = matches!(user.role, Role::Instructor | Role::Admin)
        .then(|| paths::quiz_submissions(&course_id, &lesson_id));
    // Only a change of attempt or phase rebuilds the view: answering must not.
    let mode = Memo::new(move |_| {
        injection.current().map(|attempt| {
            let phase = if attempt.is_submitted() {
                Phase::Submitted(attempt.view.result.clone())
            } else if attempt.submit_requested_at.is_some() {
                Phase::Waiting
            } else {
                Phase::Running
            };
            (attempt.view.attempt_id.to_string(), phase)
        })
    });
    view! {
        <div class="quiz" lang=move || i18n.locale().tag() dir=move || i18n.locale().direction().as_attr()>
            {move || match mode.get() {
                Some((attempt_id, Phase::Running)) => view! { <KeyedRunner attempt_id /> }.into_any(),
                Some((attempt_id, _)) => view! { <KeyedReview attempt_id /> }.into_any(),
                None => view! { <QuizOverview submissions_href=submissions_href.clone() /> }.into_any(),
            }}
        </div>
    }
    .into_any()
}

/// Where the open attempt stands, as far as the view cares.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Running,
    Waiting,
    Submitted(Option<lectern_api::v1::AttemptResult>),
}

/// The review of the open attempt, built once per phase.
#[component]
fn KeyedReview(attempt_id: String) -> impl IntoView {
    let quiz = QuizInjection::expect();
    let attempt = quiz.attempts.with_untracked(|a| {
        a.iter()
            .find(|a| a.view.attempt_id.as_str() == attempt_id)
            .cloned()
    });
    attempt.map(|attempt| view! { <AttemptReview attempt /> })
}

/// The runner of the open attempt, built once per attempt.
#[component]
fn KeyedRunner(attempt_id: String) -> impl IntoView {
    let quiz = QuizInjection::expect();
    let attempt = quiz.attempts.with_untracked(|a| {
        a.iter()
            .find(|a| a.view.attempt_id.as_str() == attempt_id)
            .cloned()
    });
    attempt.map(|attempt| view! { <AttemptRunner attempt /> })
}
