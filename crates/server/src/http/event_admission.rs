//! Whether the server takes a learner event at all: what the event can say by itself
//! ([`LearnerEvent::check`]), times the server can store and believe, and a lesson of a
//! course the caller is enrolled in. An event refused here is answered "rejected" with the
//! [`Refusal`] as its reason, and nothing of it is stored.

use super::ApiError;
use crate::db::courses;
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::LearnerEvent;
use lectern_core::sync::EventProblem;
use lectern_core::{parse_manifest, CourseId, LessonId, UserId};
use sqlx::SqliteConnection;
use std::collections::{BTreeSet, HashMap};

/// How far past the server's clock an event may say it happened (device clocks drift).
const MAX_CLOCK_AHEAD: SignedDuration = SignedDuration::from_hours(24);

/// Why the server does not take an event; the text is the reason a "rejected" answer gives.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum Refusal {
    /// What the event says of itself does not hold.
    #[error(transparent)]
    Invalid(#[from] EventProblem),
    #[error("the sequence number must be at most {}", i64::MAX)]
    SequenceTooLarge,
    #[error("occurred_at {0} is before 1970-01-01T00:00:00Z")]
    BeforeUnixEpoch(Timestamp),
    #[error("occurred_at {occurred_at} is more than 24 hours after the server's time {now}")]
    TooFarAhead {
        occurred_at: Timestamp,
        now: Timestamp,
    },
    /// The same whether the course does not exist, the caller is not in it, or the lesson is
    /// not one of its lessons.
    #[error("not a lesson of a course you are enrolled in")]
    NotYourLesson,
}

/// Checks what `event` says by itself against the server's time `now`.
pub(super) fn check_event(event: &LearnerEvent, now: Timestamp) -> Result<(), Refusal> {
    event.check()?;
    if i64::try_from(event.sequence).is_err() {
        return Err(Refusal::SequenceTooLarge);
    }
    if event.occurred_at < Timestamp::UNIX_EPOCH {
        return Err(Refusal::BeforeUnixEpoch(event.occurred_at));
    }
    let latest = now.saturating_add(MAX_CLOCK_AHEAD).unwrap_or(now);
    if event.occurred_at > latest {
        return Err(Refusal::TooFarAhead {
            occurred_at: event.occurred_at,
            now,
        });
    }
    Ok(())
}

/// The lessons of each course the caller is enrolled in, each manifest read once per batch.
pub(super) struct EnrolledLessons<'a> {
    user_id: &'a UserId,
    /// `None`: the caller is not enrolled in the course (or it does not exist).
    by_course: HashMap<CourseId, Option<BTreeSet<LessonId>>>,
}

impl<'a> EnrolledLessons<'a> {
    pub fn new(user_id: &'a UserId) -> Self {
        EnrolledLessons {
            user_id,
            by_course: HashMap::new(),
        }
    }

    /// Whether `lesson_id` is a lesson of `course_id` and the caller is enrolled in it.
    pub async fn contains(
        &mut self,
        conn: &mut SqliteConnection,
        course_id: &CourseId,
        lesson_id: &LessonId,
    ) -> Result<bool, ApiError> {
        if !self.by_course.contains_key(course_id) {
            let lessons = self.read(conn, course_id).await?;
            self.by_course.insert(course_id.clone(), lessons);
        }
        Ok(self
            .by_course
            .get(course_id)
            .and_then(Option::as_ref)
            .is_some_and(|lessons| lessons.contains(lesson_id)))
    }

    async fn read(
        &self,
        conn: &mut SqliteConnection,
        course_id: &CourseId,
    ) -> Result<Option<BTreeSet<LessonId>>, ApiError> {
        let Some((manifest_json, _role)) =
            courses::manifest_for_user(&mut *conn, self.user_id, course_id).await?
        else {
            return Ok(None);
        };
        let course = parse_manifest(&manifest_json).map_err(|problems| {
            ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
        })?;
        Ok(Some(
            course
                .lessons()
                .map(|lesson| lesson.lesson_id.clone())
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::sync::{DeviceId, EventBody, EventId};

    fn event(occurred_at: &str) -> LearnerEvent {
        LearnerEvent {
            event_id: EventId::parse("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap(),
            device_id: DeviceId::parse("7c9e6679-7425-40de-944b-e07fc1f90ae7").unwrap(),
            sequence: 1,
            occurred_at: occurred_at.parse().unwrap(),
            course_id: CourseId::parse("astronomy-101").unwrap(),
            lesson_id: LessonId::parse("tour-of-the-sky").unwrap(),
            body: EventBody::Completed,
        }
    }

    #[test]
    fn events_up_to_a_day_ahead_of_the_server_are_taken() {
        let now: Timestamp = "2030-01-10T09:00:00Z".parse().unwrap();
        assert_eq!(check_event(&event("2030-01-11T09:00:00Z"), now), Ok(()));
        assert_eq!(check_event(&event("2001-01-11T09:00:00Z"), now), Ok(()));
        let ahead = check_event(&event("2030-01-11T09:00:00.001Z"), now).unwrap_err();
        assert!(ahead.to_string().contains("24 hours"), "{ahead}");
        let ancient = check_event(&event("1969-12-31T23:59:59Z"), now).unwrap_err();
        assert!(ancient.to_string().contains("before 1970"), "{ancient}");
    }

    #[test]
    fn refusals_say_what_the_check_found() {
        let now: Timestamp = "2030-01-10T09:00:00Z".parse().unwrap();
        let mut zero = event("2030-01-10T09:00:00Z");
        zero.sequence = 0;
        let refusal = check_event(&zero, now).unwrap_err();
        assert_eq!(refusal, Refusal::Invalid(EventProblem::ZeroSequence));
        assert_eq!(refusal.to_string(), "the sequence number must be 1 or more");
        let mut huge = event("2030-01-10T09:00:00Z");
        huge.sequence = u64::MAX;
        assert_eq!(check_event(&huge, now), Err(Refusal::SequenceTooLarge));
    }
}
