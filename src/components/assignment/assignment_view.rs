//! An `assignment` lesson: its instructions, due date (in the learner's zone, and how far
//! by the server's clock), late policy, where the learner stands, the hand-in form while
//! work is taken, and past submissions with their grades and feedback. Work handed in on
//! this device and not yet sent shows as pending; work the server refused, with why.

use super::{SubmissionForm, SubmissionItem};
use crate::components::{DueText, Loading, MarkdownView};
use crate::i18n::{I18nInjection, WorkMsg};
use crate::io::assignments_api;
use crate::io::event_recorder::EventRecorder;
use crate::io::http::HttpError;
use crate::paths;
use crate::state::{SessionInjection, SyncInjection};
use lectern_api::v1::{AssignmentId, AssignmentState, AssignmentView as ServerView};
use lectern_core::assignment::Assignment;
use lectern_core::calendar::SubmissionLatePolicy;
use lectern_core::sync::{EventBody, LearnerEvent};
use lectern_core::user::Role;
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// The body of an assignment lesson.
#[component]
pub fn AssignmentView(
    course_id: CourseId,
    lesson_id: LessonId,
    assignment: Assignment,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let sync = SyncInjection::expect();
    let recorder = StoredValue::new_local(EventRecorder::new());
    let written = RwSignal::new(0u64);
    let assignment_id = AssignmentId::new(course_id.clone(), lesson_id.clone());
    let ids = StoredValue::new((assignment_id, lesson_id.clone()));
    let loaded = LocalResource::new(move || {
        written.track();
        sync.outbox_changes.track();
        let (assignment_id, lesson_id) = ids.get_value();
        async move {
            let server = match session.token_untracked() {
                Some(token) => {
                    session.observe(assignments_api::assignment(&token, &assignment_id).await)
                }
                None => Err(HttpError::SignedOut),
            };
            let local = local_submissions(&recorder.get_value(), session, &lesson_id).await;
            (server, local)
        }
    });
    let teaches = session
        .user_untracked()
        .is_some_and(|user| matches!(user.role, Role::Instructor | Role::Admin));
    let grading_href = paths::grading(&course_id, &lesson_id);
    let rules = StoredValue::new(assignment.submission.clone());
    let place = StoredValue::new((course_id, lesson_id));
    view! {
        <div class="assignment">
            <div class="lesson-body"><MarkdownView source=assignment.instructions.clone() /></div>
            <ul class="assignment-terms">
                <li>{match assignment.due_at {
                    Some(due_at) => view! { <DueText due_at /> }.into_any(),
                    None => view! { {move || i18n.w(WorkMsg::NoDueDate)} }.into_any(),
                }}</li>
                <li>{policy_line(assignment.late_policy)}</li>
                {assignment.resubmit.then(|| view! { <li>{move || i18n.w(WorkMsg::ResubmitAllowed)}</li> })}
                <li>{move || i18n.w(WorkMsg::OutOf).replace("{points}", &assignment.max_points.to_string())}</li>
            </ul>
            {teaches.then(|| view! { <p><a class="grading-link" href=grading_href>{move || i18n.w(WorkMsg::GradingLink)}</a></p> })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (server, local) = loaded.await;
                    let (course_id, lesson_id) = place.get_value();
                    standing_view(server, local, course_id, lesson_id, rules.get_value(), move || written.update(|n| *n += 1))
                })}
            </Suspense>
        </div>
    }
}

fn standing_view(
    server: Result<ServerView, HttpError>,
    local: Vec<(LearnerEvent, Option<String>)>,
    course_id: CourseId,
    lesson_id: LessonId,
    rules: lectern_core::assignment::AssignmentRules,
    on_done: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let pending = local.iter().any(|(_, refusal)| refusal.is_none());
    let refusals: Vec<String> = local
        .into_iter()
        .filter_map(|(_, refusal)| refusal)
        .collect();
    let (state, can_submit, reason, submissions) = match server {
        Ok(view) => (
            Some(view.state),
            view.can_submit,
            view.cannot_submit_reason,
            view.submissions,
        ),
        // No answer (offline): the form stays, and the server judges the work when it is sent.
        Err(_) => (None, true, None, Vec::new()),
    };
    let state_msg = match (pending, state) {
        (true, _) => WorkMsg::StatePending,
        (false, Some(AssignmentState::Graded)) => WorkMsg::StateGraded,
        (false, Some(AssignmentState::Late)) => WorkMsg::StateLate,
        (false, Some(AssignmentState::Submitted)) => WorkMsg::StateSubmitted,
        (false, _) => WorkMsg::StateNotSubmitted,
    };
    let state_name = match (pending, state) {
        (true, _) => "pending",
        (false, Some(AssignmentState::Graded)) => "graded",
        (false, Some(AssignmentState::Late)) => "late",
        (false, Some(AssignmentState::Submitted)) => "submitted",
        (false, _) => "not_submitted",
    };
    view! {
        <p class="assignment-state" role="status" data-state=state_name>{move || i18n.w(state_msg)}</p>
        {refusals.into_iter().map(|reason| view! { <p class="form-error" role="alert">{reason}</p> }).collect_view()}
        {match (can_submit && !pending, reason) {
            (true, _) => view! { <SubmissionForm course_id lesson_id rules on_done /> }.into_any(),
            (false, Some(reason)) => view! { <p class="notice">{reason}</p> }.into_any(),
            (false, None) => ().into_any(),
        }}
        {(!submissions.is_empty()).then(|| view! {
            <section class="submissions-mine" aria-labelledby="submissions-mine-heading">
                <h2 id="submissions-mine-heading">{move || i18n.w(WorkMsg::SubmissionsHeading)}</h2>
                {submissions.into_iter().map(|submission| view! { <SubmissionItem submission /> }).collect_view()}
            </section>
        })}
    }
}

fn policy_line(policy: SubmissionLatePolicy) -> impl IntoView {
    let i18n = I18nInjection::expect();
    move || match policy {
        SubmissionLatePolicy::Refuse => i18n.w(WorkMsg::PolicyRefuse).to_owned(),
        SubmissionLatePolicy::Accept => i18n.w(WorkMsg::PolicyAccept).to_owned(),
        SubmissionLatePolicy::Penalty {
            percent_per_day,
            max_percent,
        } => i18n
            .w(WorkMsg::PolicyPenalty)
            .replace("{percent}", &percent_per_day.to_string())
            .replace("{max}", &max_percent.to_string()),
    }
}

/// This lesson's submissions still on this device: unsent ones (no reason) and refused
/// ones (with the server's reason).
async fn local_submissions(
    recorder: &EventRecorder,
    session: SessionInjection,
    lesson_id: &LessonId,
) -> Vec<(LearnerEvent, Option<String>)> {
    let Some(user_id) = session.user_id_untracked() else {
        return Vec::new();
    };
    let is_here = |event: &LearnerEvent| {
        &event.lesson_id == lesson_id && matches!(event.body, EventBody::AssignmentSubmitted { .. })
    };
    let unsent = recorder.unsent(&user_id).await.unwrap_or_default();
    let refused = recorder.refused(&user_id).await.unwrap_or_default();
    refused
        .into_iter()
        .map(|(event, reason)| (event, Some(reason.unwrap_or_default())))
        .chain(unsent.into_iter().map(|event| (event, None)))
        .filter(|(event, _)| is_here(event))
        .collect()
}
