//! Set-up shared by the browser tests: a fresh database, a future stopped part-way, and a
//! learner's quiz attempt.

// Each test file uses its own part of this module.
#![allow(dead_code, clippy::unwrap_used)]

use indexed_db_futures::database::Database;
use lectern::io::attempt_store::QuizOwner;
use lectern::io::idb::LocalAttempt;
use lectern_api::v1::{AttemptId, AttemptStatus, AttemptView, QuizId, Seed};
use lectern_core::quiz::Answer;
use lectern_core::{CourseId, LessonId, UserId};
use std::collections::BTreeMap;
use std::future::Future;
use std::task::Poll;

pub async fn fresh(name: &str) {
    Database::delete_by_name(name).unwrap().await.unwrap();
}

pub fn owner(user_id: &str) -> QuizOwner {
    QuizOwner {
        user_id: UserId::parse(user_id).unwrap(),
        course_id: CourseId::parse("astronomy-101").unwrap(),
        lesson_id: LessonId::parse("solar-system-check").unwrap(),
    }
}

pub fn attempt(id_suffix: &str, number: u32, status: AttemptStatus) -> LocalAttempt {
    LocalAttempt {
        view: AttemptView {
            attempt_id: AttemptId::parse(&format!("00000000-0000-4000-8000-0000000000{id_suffix}"))
                .unwrap(),
            quiz_id: QuizId::parse("astronomy-101.solar-system-check").unwrap(),
            attempt_number: number,
            seed: Seed(u64::MAX - 1),
            started_at: "2026-05-01T10:00:00Z".parse().unwrap(),
            deadline_at: Some("2026-05-01T10:20:00Z".parse().unwrap()),
            status,
            answers: BTreeMap::from([("planet-count".to_owned(), Answer::Numeric("8".into()))]),
            submitted_at: None,
            client_submitted_at: None,
            is_late: false,
            has_ignored_late_answers: false,
            late_copy_of: None,
            result: None,
        },
        current_question: 2,
        has_unsent_start: false,
        has_unsent_answers: true,
        submit_requested_at: None,
    }
}

/// Polls `future` at most `polls` times, and drops it unfinished (`None`) after that.
pub async fn poll_at_most<F: Future>(future: F, polls: usize) -> Option<F::Output> {
    // Boxed, so dropping it drops the future itself, and with it its transaction.
    let mut future = Box::pin(future);
    let mut polls_left = polls;
    std::future::poll_fn(move |cx| {
        polls_left -= 1;
        match future.as_mut().poll(cx) {
            Poll::Ready(output) => Poll::Ready(Some(output)),
            Poll::Pending if polls_left == 0 => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}
