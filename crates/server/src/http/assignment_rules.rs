//! The assignment rules the server judges by its own clock: whether the caller may hand in
//! (again) now, how late a submission is, and where the caller stands. Pure functions, so
//! the event path, the uploads and the assignment view all decide alike.
//!
//! Late days are counted in UTC: a course has no time zone in the manifest yet. When it
//! gets one, [`COURSE_ZONE`] becomes the course's.

use crate::db::submissions::StoredSubmission;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use lectern_api::v1::AssignmentState;
use lectern_core::assignment::Assignment;
use lectern_core::calendar::{late_decision, LateDecision, SubmissionLatePolicy};

/// The zone late days are counted in.
pub(super) const COURSE_ZONE: TimeZone = TimeZone::UTC;

/// Why the caller may not hand in now; the text is shown to the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(super) enum SubmitRefusal {
    #[error(
        "this assignment was due at {due_at} and takes no late work; the server's time is {now}"
    )]
    PastHardDeadline { due_at: Timestamp, now: Timestamp },
    #[error("you have handed this assignment in already, and it takes one submission")]
    AlreadySubmitted,
    #[error("handing in again was possible until the due date, {due_at}")]
    ResubmitPastDue { due_at: Timestamp },
}

/// Whether `assignment` takes a submission at `now` from a learner who has handed it in
/// `submitted_before` times.
pub(super) fn submit_refusal(
    assignment: &Assignment,
    submitted_before: usize,
    now: Timestamp,
) -> Option<SubmitRefusal> {
    if submitted_before > 0 && !assignment.resubmit {
        return Some(SubmitRefusal::AlreadySubmitted);
    }
    let due_at = assignment.due_at.filter(|due_at| now > *due_at)?;
    if submitted_before > 0 {
        return Some(SubmitRefusal::ResubmitPastDue { due_at });
    }
    match assignment.late_policy {
        SubmissionLatePolicy::Refuse => Some(SubmitRefusal::PastHardDeadline { due_at, now }),
        SubmissionLatePolicy::Accept | SubmissionLatePolicy::Penalty { .. } => None,
    }
}

/// How late a submission reaching the server at `submitted_at` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Lateness {
    pub days_late: u32,
    pub penalty_percent: u8,
}

/// The lateness of work handed in at `submitted_at`; `None` after a hard deadline.
pub(super) fn lateness(assignment: &Assignment, submitted_at: Timestamp) -> Option<Lateness> {
    let on_time = Lateness {
        days_late: 0,
        penalty_percent: 0,
    };
    let Some(due_at) = assignment.due_at else {
        return Some(on_time);
    };
    match late_decision(assignment.late_policy, due_at, submitted_at, &COURSE_ZONE) {
        LateDecision::OnTime => Some(on_time),
        LateDecision::Late {
            days_late,
            penalty_percent,
        } => Some(Lateness {
            days_late,
            penalty_percent,
        }),
        LateDecision::Refused => None,
    }
}

/// A media type as stored: without parameters, trimmed, in lowercase (`Image/PNG; q=1` is
/// `image/png`), as [`lectern_core::assignment::FileRules::accepts_type`] compares it.
pub(super) fn media_type_essence(raw: &str) -> String {
    raw.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Where a learner stands, by their latest submission.
pub(super) fn assignment_state(latest: Option<&StoredSubmission>) -> AssignmentState {
    match latest {
        None => AssignmentState::NotSubmitted,
        Some(submission) if submission.grade.is_some() => AssignmentState::Graded,
        Some(submission) if submission.days_late > 0 => AssignmentState::Late,
        Some(_) => AssignmentState::Submitted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::assignment::AssignmentRules;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn assignment(late_policy: SubmissionLatePolicy, resubmit: bool) -> Assignment {
        Assignment {
            instructions: "Write.".into(),
            due_at: Some(at("2030-01-10T12:00:00Z")),
            late_policy,
            resubmit,
            max_points: 20,
            submission: AssignmentRules {
                text: true,
                files: None,
            },
        }
    }

    const PENALTY: SubmissionLatePolicy = SubmissionLatePolicy::Penalty {
        percent_per_day: 10,
        max_percent: 50,
    };

    #[test]
    fn a_hard_deadline_refuses_first_submissions_after_it_and_others_take_them() {
        let before = at("2030-01-10T12:00:00Z");
        let after = at("2030-01-10T12:00:01Z");
        let hard = assignment(SubmissionLatePolicy::Refuse, false);
        assert_eq!(submit_refusal(&hard, 0, before), None);
        assert_eq!(
            submit_refusal(&hard, 0, after),
            Some(SubmitRefusal::PastHardDeadline {
                due_at: before,
                now: after
            })
        );
        assert_eq!(lateness(&hard, after), None);
        assert_eq!(submit_refusal(&assignment(PENALTY, false), 0, after), None);
        assert_eq!(
            submit_refusal(&assignment(SubmissionLatePolicy::Accept, false), 0, after),
            None
        );
    }

    #[test]
    fn resubmitting_needs_the_setting_and_time_before_the_due_date() {
        let before = at("2030-01-09T00:00:00Z");
        let after = at("2030-01-11T00:00:00Z");
        let once = assignment(PENALTY, false);
        assert_eq!(
            submit_refusal(&once, 1, before),
            Some(SubmitRefusal::AlreadySubmitted)
        );
        let again = assignment(PENALTY, true);
        assert_eq!(submit_refusal(&again, 2, before), None);
        assert!(matches!(
            submit_refusal(&again, 1, after),
            Some(SubmitRefusal::ResubmitPastDue { .. })
        ));
        let undated = Assignment {
            due_at: None,
            ..again
        };
        assert_eq!(submit_refusal(&undated, 5, after), None);
    }

    #[test]
    fn media_types_are_stored_without_parameters() {
        assert_eq!(media_type_essence(" Image/PNG; q=1"), "image/png");
        assert_eq!(media_type_essence("application/pdf"), "application/pdf");
        assert_eq!(media_type_essence(""), "");
    }

    #[test]
    fn late_days_and_penalties_are_counted_in_utc() {
        let penalised = assignment(PENALTY, false);
        let one_day = lateness(&penalised, at("2030-01-11T11:00:00Z"));
        assert_eq!(
            one_day,
            Some(Lateness {
                days_late: 1,
                penalty_percent: 10
            })
        );
        let capped = lateness(&penalised, at("2030-01-20T13:00:00Z"));
        assert_eq!(
            capped,
            Some(Lateness {
                days_late: 11,
                penalty_percent: 50
            })
        );
        let on_time = lateness(&penalised, at("2030-01-10T11:00:00Z"));
        assert_eq!(on_time.map(|late| late.days_late), Some(0));
    }
}
