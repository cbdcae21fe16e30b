//! The rules of one attempt, judged by the server's clock (the player applies the same rules
//! to its estimate of that clock): whether an attempt may start, when it must end, whether a
//! submission is late or arrives after the answers closed, and what feedback the learner may
//! see. `now` is always a parameter.

use super::definition::{FeedbackTiming, LatePolicy, QuizSettings};
use jiff::{SignedDuration, Timestamp};

/// How long past its deadline an attempt still takes answers, so that a submission sent in
/// the last second over a slow network is not refused.
pub const SUBMIT_GRACE: SignedDuration = SignedDuration::from_secs(30);

/// Why an attempt may not start now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartRefusal {
    #[error("the quiz opens at {opens_at}")]
    NotYetOpen { opens_at: Timestamp },
    #[error("the quiz closed at {closes_at}")]
    Closed { closes_at: Timestamp },
    #[error("the quiz was due at {due_at} and takes no late attempts")]
    PastDue { due_at: Timestamp },
    #[error("all {limit} attempts have been used")]
    AttemptLimitReached { limit: u32 },
}

/// Checks whether a new attempt may start at `now`, when `attempts_used` were started before.
pub fn check_start(
    settings: &QuizSettings,
    now: Timestamp,
    attempts_used: u32,
) -> Result<(), StartRefusal> {
    if let Some(opens_at) = settings.opens_at.filter(|opens_at| now < *opens_at) {
        return Err(StartRefusal::NotYetOpen { opens_at });
    }
    if let Some(closes_at) = settings.closes_at.filter(|closes_at| now >= *closes_at) {
        return Err(StartRefusal::Closed { closes_at });
    }
    if settings.late_policy == LatePolicy::Refuse {
        if let Some(due_at) = settings.due_at.filter(|due_at| now >= *due_at) {
            return Err(StartRefusal::PastDue { due_at });
        }
    }
    match settings.attempt_limit {
        Some(limit) if attempts_used >= limit => Err(StartRefusal::AttemptLimitReached { limit }),
        _ => Ok(()),
    }
}

/// When an attempt started at `started_at` stops taking answers: the end of its time limit,
/// the quiz's closing time, or (when late work is refused) the due date, whichever is first.
/// `None` when nothing ends it.
pub fn attempt_deadline(settings: &QuizSettings, started_at: Timestamp) -> Option<Timestamp> {
    let time_limit_end = settings.time_limit_seconds.and_then(|seconds| {
        started_at
            .checked_add(SignedDuration::from_secs(i64::from(seconds)))
            .ok()
    });
    let refused_after_due = match settings.late_policy {
        LatePolicy::Refuse => settings.due_at,
        LatePolicy::AcceptAndFlag => None,
    };
    [time_limit_end, settings.closes_at, refused_after_due]
        .into_iter()
        .flatten()
        .min()
}

/// Whether an attempt with `deadline` still takes answers at `now` (the grace included).
pub fn takes_answers(deadline: Option<Timestamp>, now: Timestamp) -> bool {
    match deadline {
        None => true,
        Some(deadline) => match deadline.checked_add(SUBMIT_GRACE) {
            Ok(closes) => now <= closes,
            Err(_) => true,
        },
    }
}

/// Whether a submission at `now` is late: after the due date (the grace included) of a quiz
/// that accepts late work. A quiz that refuses late work closes its attempts at the due date
/// instead, so its submissions are never late.
pub fn is_late(settings: &QuizSettings, now: Timestamp) -> bool {
    settings.late_policy == LatePolicy::AcceptAndFlag
        && settings
            .due_at
            .is_some_and(|due_at| !takes_answers(Some(due_at), now))
}

/// What a learner may see of a submitted attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FeedbackView {
    /// The total, and whether it passes.
    pub shows_score: bool,
    /// Which answers were right, partly right or wrong, with each question's points.
    pub shows_outcomes: bool,
    /// The authored explanations.
    pub shows_explanations: bool,
}

/// What the settings let a learner see at `now`. Nothing shows before submission, except
/// that a practice quiz with feedback after each question shows it question by question
/// (the player does that with the keys it holds). Instructors' feedback on essays is always
/// shown once written: it is written for the learner.
pub fn feedback_view(settings: &QuizSettings, is_submitted: bool, now: Timestamp) -> FeedbackView {
    if !is_submitted {
        return FeedbackView::default();
    }
    let full = FeedbackView {
        shows_score: true,
        shows_outcomes: true,
        shows_explanations: true,
    };
    match settings.feedback {
        FeedbackTiming::AfterEachQuestion | FeedbackTiming::AfterSubmission => full,
        FeedbackTiming::AfterDueDate => match settings.due_at.or(settings.closes_at) {
            Some(due_at) if now < due_at => FeedbackView::default(),
            _ => full,
        },
        FeedbackTiming::Never => FeedbackView {
            shows_score: true,
            shows_outcomes: false,
            shows_explanations: false,
        },
    }
}

/// Whole seconds left until `deadline` at `now`, never below zero.
pub fn seconds_left(deadline: Timestamp, now: Timestamp) -> u64 {
    let left = deadline.duration_since(now).as_secs();
    u64::try_from(left).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn settings() -> QuizSettings {
        QuizSettings {
            is_graded: true,
            ..QuizSettings::practice()
        }
    }

    #[test]
    fn the_window_and_the_attempt_limit_decide_starts() {
        let mut quiz = settings();
        quiz.opens_at = Some(at("2026-01-10T09:00:00Z"));
        quiz.closes_at = Some(at("2026-01-20T09:00:00Z"));
        quiz.attempt_limit = Some(2);
        let opens_at = at("2026-01-10T09:00:00Z");
        assert_eq!(
            check_start(&quiz, at("2026-01-10T08:59:59Z"), 0),
            Err(StartRefusal::NotYetOpen { opens_at })
        );
        assert_eq!(check_start(&quiz, opens_at, 0), Ok(()));
        assert_eq!(check_start(&quiz, opens_at, 1), Ok(()));
        assert_eq!(
            check_start(&quiz, opens_at, 2),
            Err(StartRefusal::AttemptLimitReached { limit: 2 })
        );
        assert_eq!(
            check_start(&quiz, at("2026-01-20T09:00:00Z"), 0),
            Err(StartRefusal::Closed {
                closes_at: at("2026-01-20T09:00:00Z")
            })
        );
    }

    #[test]
    fn late_attempts_start_only_where_late_work_is_accepted() {
        let mut quiz = settings();
        quiz.due_at = Some(at("2026-01-15T12:00:00Z"));
        let after = at("2026-01-15T12:00:01Z");
        assert_eq!(check_start(&quiz, after, 0), Ok(()));
        assert!(is_late(&quiz, at("2026-01-15T12:00:31Z")));
        assert!(!is_late(&quiz, at("2026-01-15T12:00:30Z")));
        quiz.late_policy = LatePolicy::Refuse;
        assert!(matches!(
            check_start(&quiz, after, 0),
            Err(StartRefusal::PastDue { .. })
        ));
        assert!(!is_late(&quiz, at("2026-01-16T00:00:00Z")));
    }

    #[test]
    fn the_deadline_is_the_first_of_time_limit_closing_and_refused_due_date() {
        let mut quiz = settings();
        let start = at("2026-01-15T11:00:00Z");
        assert_eq!(attempt_deadline(&quiz, start), None);
        quiz.time_limit_seconds = Some(3_600);
        assert_eq!(
            attempt_deadline(&quiz, start),
            Some(at("2026-01-15T12:00:00Z"))
        );
        quiz.due_at = Some(at("2026-01-15T11:30:00Z"));
        assert_eq!(
            attempt_deadline(&quiz, start),
            Some(at("2026-01-15T12:00:00Z")),
            "late work accepted: the due date does not cut the attempt short"
        );
        quiz.late_policy = LatePolicy::Refuse;
        assert_eq!(attempt_deadline(&quiz, start), quiz.due_at);
        quiz.closes_at = Some(at("2026-01-15T11:10:00Z"));
        assert_eq!(attempt_deadline(&quiz, start), quiz.closes_at);
    }

    #[test]
    fn answers_are_taken_until_the_grace_after_the_deadline_ends() {
        let deadline = at("2026-01-15T12:00:00Z");
        assert!(takes_answers(None, deadline));
        assert!(takes_answers(Some(deadline), at("2026-01-15T12:00:30Z")));
        assert!(!takes_answers(Some(deadline), at("2026-01-15T12:00:31Z")));
        assert!(takes_answers(Some(Timestamp::MAX), Timestamp::MAX));
    }

    #[test]
    fn feedback_follows_the_timing_setting() {
        let mut quiz = settings();
        let now = at("2026-01-15T12:00:00Z");
        assert_eq!(feedback_view(&quiz, false, now), FeedbackView::default());
        assert!(feedback_view(&quiz, true, now).shows_outcomes);
        quiz.feedback = FeedbackTiming::AfterDueDate;
        quiz.due_at = Some(at("2026-01-16T00:00:00Z"));
        assert_eq!(feedback_view(&quiz, true, now), FeedbackView::default());
        assert!(feedback_view(&quiz, true, at("2026-01-16T00:00:00Z")).shows_explanations);
        quiz.feedback = FeedbackTiming::Never;
        let never = feedback_view(&quiz, true, at("2027-01-01T00:00:00Z"));
        assert!(never.shows_score && !never.shows_outcomes && !never.shows_explanations);
    }

    #[test]
    fn seconds_left_never_go_negative() {
        let deadline = at("2026-01-15T12:00:00Z");
        assert_eq!(seconds_left(deadline, at("2026-01-15T11:58:30Z")), 90);
        assert_eq!(seconds_left(deadline, at("2026-01-15T12:00:01Z")), 0);
    }
}
