//! One learner's attempt in the instructor's list: who, which attempt, its score, and every
//! answer with its grade; answers waiting for a person get a review form.

use super::{outcome_label, score_text, QuestionView, ReviewForm};
use crate::i18n::{I18nInjection, QuizMsg};
use lectern_api::v1::{AttemptView, Submission};
use lectern_core::quiz::{draw, Outcome, Quiz};
use leptos::prelude::*;

/// A submitted (or in-progress) attempt of one learner.
#[component]
pub fn SubmissionCard(
    submission: Submission,
    quiz: Quiz,
    /// The course's language, for the questions' text.
    language: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let attempt = RwSignal::new(submission.attempt);
    let learner = submission.learner;
    let (attempt_id, number, seed) =
        attempt.with_untracked(|a| (a.attempt_id.clone(), a.attempt_number, a.seed.0));
    let drawn = draw(&quiz, seed);
    let quiz = StoredValue::new(quiz);
    let name = learner.display_name.clone();
    let title = move || {
        i18n.q(QuizMsg::LearnerAttempt)
            .replace("{name}", &name)
            .replace("{n}", &number.to_string())
    };
    let summary = move || {
        attempt.with(|a: &AttemptView| {
            a.result.as_ref().map(|r| {
                let mut text = score_text(r.score_millipoints, r.possible_millipoints);
                if r.needs_review {
                    text = format!("{text} · {}", i18n.q(QuizMsg::NeedsReviewBadge));
                }
                text
            })
        })
    };
    let total = drawn.question_ids.len();
    let questions = drawn
        .question_ids
        .iter()
        .enumerate()
        .filter_map(|(index, question_id)| {
            let question = quiz.with_value(|q| q.question(question_id).cloned())?;
            let answer_id = question_id.clone();
            let answer = Signal::derive(move || attempt.with(|a| a.answers.get(&answer_id).cloned()));
            let result_id = question_id.clone();
            let result = Signal::derive(move || {
                attempt.with(|a| a.result.as_ref().and_then(|r| r.questions.iter().find(|q| q.question_id == result_id).cloned()))
            });
            let possible = lectern_core::quiz::Score::from_points(question.points);
            let is_reviewable = matches!(question.body, lectern_core::quiz::QuestionBody::Essay { .. })
                || result.get_untracked().and_then(|r| r.outcome) == Some(Outcome::NeedsReview);
            let review = is_reviewable.then(|| {
                view! { <ReviewForm attempt_id=attempt_id.clone() question_id=question_id.clone() possible result on_saved=Callback::new(move |view| attempt.set(view)) /> }
            });
            Some(view! {
                <div class="submission-question" data-question-id=question_id.clone()>
                    <QuestionView question drawn=drawn.clone() answer on_answer=Callback::new(|_| ()) is_read_only=true position=(index + 1, total) language=language.clone() />
                    <p class="submission-outcome">
                        {move || result.get().and_then(|r| Some((r.outcome?, r.awarded_millipoints?))).map(|(outcome, awarded)| {
                            format!("{} {} / {}", i18n.q(outcome_label(outcome)), awarded, possible)
                        })}
                    </p>
                    {review}
                </div>
            })
        })
        .collect_view();
    view! {
        <article class="submission" data-learner-id=learner.user_id.to_string() data-attempt-id=attempt_id.to_string()>
            <h2>{title}</h2>
            <p class="submission-score">{summary}</p>
            {questions}
        </article>
    }
}
