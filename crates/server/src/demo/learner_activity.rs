//! learner2's activity in the demo's astronomy-101, so a fresh demo's gradebook shows
//! something: the two opening readings completed (events and the progress they add up to),
//! and the star journal handed in and graded by instructor1 with feedback. Written through
//! the db functions, at fixed times, as the events and grading endpoints would write them.

use super::SeedError;
use crate::db::events::{self, NewEvent};
use crate::db::progress;
use crate::db::submissions::{self, NewGrade, StoredSubmission};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use lectern_api::v1::LearnerEvent;
use lectern_core::assignment::SubmissionId;
use lectern_core::calendar::{late_decision, LateDecision};
use lectern_core::course::LessonContent;
use lectern_core::progress::LessonProgress;
use lectern_core::sync::{DeviceId, EventBody, EventId};
use lectern_core::{Course, CourseId, LessonId, UserId};
use sqlx::SqliteConnection;

const COURSE: &str = "astronomy-101";
const LEARNER: &str = "learner2";
/// The browser learner2 "used".
const DEVICE: &str = "5eed0000-0000-4000-8000-0000000de002";
const JOURNAL: &str = "star-journal";
const JOURNAL_SUBMISSION: &str = "5eed0000-0000-4000-8000-00000000f001";
const JOURNAL_TEXT: &str = "Monday, 21:00, clear: Orion rising in the east, the Pleiades, a \
    satellite crossing Cassiopeia.\nWednesday, 22:00, hazy: only Sirius and Betelgeuse.\n\
    Thursday, 20:30, clear: the Moon near Jupiter.\nSaturday, 21:30, clear: Orion higher \
    than on Monday.\n\nOrion stood higher at the same hour each night, because the stars \
    rise about four minutes earlier every day.";
const FEEDBACK: &str = "A careful journal. Your explanation of Orion's climb is **right**: \
    the sidereal day is about four minutes shorter than the solar day.\n\nNext time, sketch \
    one constellation each night, as the instructions ask.";

/// Event ids, lessons and times, in the order learner2 did them.
const COMPLETED: [(&str, &str, &str); 2] = [
    (
        "5eed0000-0000-4000-8000-0000000e0001",
        "welcome",
        "2026-11-17T19:00:00Z",
    ),
    (
        "5eed0000-0000-4000-8000-0000000e0002",
        "observing-the-sky",
        "2026-11-17T19:20:00Z",
    ),
];
const SUBMITTED_EVENT: &str = "5eed0000-0000-4000-8000-0000000e0003";
const SUBMITTED_AT: &str = "2026-11-24T20:15:00Z";
const GRADED_AT: &str = "2026-11-26T10:00:00Z";

/// Writes learner2's activity into `course`, the demo's astronomy-101, unless the star
/// journal is there already.
pub(super) async fn seed_learner_activity(
    conn: &mut SqliteConnection,
    course: &Course,
) -> Result<(), SeedError> {
    let submission_id = SubmissionId::parse(JOURNAL_SUBMISSION)?;
    if submissions::is_taken(&mut *conn, &submission_id).await? {
        return Ok(());
    }
    let user_id = UserId::parse(LEARNER)?;
    let course_id = CourseId::parse(COURSE)?;
    let mut sequence = 0;
    for (event_id, lesson, at) in COMPLETED {
        sequence += 1;
        let lesson_id = LessonId::parse(lesson)?;
        let event = event(event_id, sequence, at, &lesson_id, EventBody::Completed)?;
        store(conn, &user_id, &event).await?;
        let complete = LessonProgress {
            is_complete: true,
            ..LessonProgress::default()
        };
        progress::upsert(&mut *conn, &user_id, &course_id, &lesson_id, &complete).await?;
    }
    let journal = LessonId::parse(JOURNAL)?;
    let body = EventBody::AssignmentSubmitted {
        submission_id: submission_id.clone(),
        text: JOURNAL_TEXT.to_owned(),
        files: Vec::new(),
    };
    let event = event(SUBMITTED_EVENT, sequence + 1, SUBMITTED_AT, &journal, body)?;
    store(conn, &user_id, &event).await?;
    let (days_late, penalty_percent) = lateness(course, &journal, event.occurred_at);
    let submission = StoredSubmission {
        submission_id: submission_id.clone(),
        user_id,
        course_id,
        lesson_id: journal,
        text: JOURNAL_TEXT.to_owned(),
        files: Vec::new(),
        submitted_at: event.occurred_at,
        client_submitted_at: event.occurred_at,
        days_late,
        penalty_percent,
        grade: None,
    };
    submissions::insert(conn, &submission, &event.event_id).await?;
    let grader_id = UserId::parse("instructor1")?;
    let grade = NewGrade {
        submission_id: &submission_id,
        score: 17,
        feedback: FEEDBACK,
        grader_id: &grader_id,
        graded_at: GRADED_AT.parse()?,
    };
    submissions::insert_grade(conn, &grade).await?;
    Ok(())
}

/// Event `event_id`, learner2's `sequence`-th on the demo device, at `at`.
fn event(
    event_id: &str,
    sequence: u64,
    at: &str,
    lesson_id: &LessonId,
    body: EventBody,
) -> Result<LearnerEvent, SeedError> {
    Ok(LearnerEvent {
        event_id: EventId::parse(event_id)?,
        device_id: DeviceId::parse(DEVICE)?,
        sequence,
        occurred_at: at.parse()?,
        course_id: CourseId::parse(COURSE)?,
        lesson_id: lesson_id.clone(),
        body,
    })
}

/// Stores `event` as received when it happened.
async fn store(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
) -> Result<(), SeedError> {
    let body_json = serde_json::to_string(event)?;
    let new_event = NewEvent {
        user_id,
        event,
        body_json: &body_json,
        received_at: event.occurred_at,
    };
    events::insert(&mut *conn, &new_event).await?;
    Ok(())
}

/// Late days and penalty of work on `lesson_id` handed in at `at`, by the assignment's
/// policy in UTC, as the server judges it.
fn lateness(course: &Course, lesson_id: &LessonId, at: Timestamp) -> (u32, u8) {
    let Some(LessonContent::Assignment(assignment)) =
        course.lesson(lesson_id).map(|lesson| &lesson.content)
    else {
        return (0, 0);
    };
    let Some(due_at) = assignment.due_at else {
        return (0, 0);
    };
    match late_decision(assignment.late_policy, due_at, at, &TimeZone::UTC) {
        LateDecision::Late {
            days_late,
            penalty_percent,
        } => (days_late, penalty_percent),
        LateDecision::OnTime | LateDecision::Refused => (0, 0),
    }
}
