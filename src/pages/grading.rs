//! `/courses/:course_id/lessons/:lesson_id/grading`: an instructor's queue for one
//! assignment: each learner's latest submission, those without a grade first, each with
//! its answer and files and a form to grade it.

use crate::components::assignment::{GradeForm, SubmissionItem};
use crate::components::{DocumentTitle, ErrorView, Loading};
use crate::i18n::{I18nInjection, QuizMsg, WorkMsg};
use crate::io::assignments_api;
use crate::io::http::HttpError;
use crate::paths;
use crate::state::SessionInjection;
use lectern_api::v1::{AssignmentId, QueuedSubmission};
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The grading page.
#[component]
pub fn GradingPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let read = |key: &str| params.read().get(key).unwrap_or_default();
        (read("course_id"), read("lesson_id"))
    });
    let loaded = LocalResource::new(move || {
        let (raw_course, raw_lesson) = ids.get();
        async move {
            let (Ok(course_id), Ok(lesson_id)) =
                (CourseId::parse(&raw_course), LessonId::parse(&raw_lesson))
            else {
                return Err(HttpError::NotFound);
            };
            let token = session.token_untracked().ok_or(HttpError::SignedOut)?;
            let assignment_id = AssignmentId::new(course_id, lesson_id);
            session.observe(assignments_api::grading_queue(&token, &assignment_id).await)
        }
    });
    view! {
        <DocumentTitle text=i18n.w(WorkMsg::GradingTitle).to_owned() />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(queue) => {
                        let id = &queue.assignment_id;
                        let back = paths::lesson(&id.course_id, &id.lesson_id);
                        let max_points = queue.max_points;
                        let is_empty = queue.submissions.is_empty();
                        view! {
                            <p><a href=back>{move || i18n.q(QuizMsg::BackToLesson)}</a></p>
                            <h1>{move || i18n.w(WorkMsg::GradingTitle)}</h1>
                            {is_empty.then(|| view! { <p>{move || i18n.w(WorkMsg::NothingToGrade)}</p> })}
                            <ul class="grading-queue">
                                {queue.submissions.into_iter().map(|queued| queued_item(queued, max_points, move || loaded.refetch())).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(HttpError::NotFound) => view! { <p role="alert">{move || i18n.w(WorkMsg::NotTeaching)}</p> }.into_any(),
                    Err(error) => view! { <ErrorView error is_page=true on_retry=move || loaded.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn queued_item(
    queued: QueuedSubmission,
    max_points: u32,
    on_saved: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let grade = queued.submission.grade.clone();
    let count = queued.submission_count;
    view! {
        <li class="queued-submission" data-learner=queued.learner.user_id.to_string()>
            <h2>{queued.learner.display_name.clone()}</h2>
            <p class="post-byline">{move || i18n.w(WorkMsg::SubmissionCount).replace("{count}", &count.to_string())}</p>
            <SubmissionItem submission=queued.submission.clone() />
            <GradeForm submission_id=queued.submission.submission_id.clone() max_points
                score=grade.as_ref().map(|g| g.score)
                feedback=grade.map(|g| g.feedback).unwrap_or_default() on_saved />
        </li>
    }
}
