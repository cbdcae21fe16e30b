//! Merging the attempts this device holds with the server's list of them. The server is
//! authoritative for a submitted attempt, and for one whose events have all reached it.
//! For an attempt in progress whose events still wait in the outbox (`is_unsent`), this
//! device's answers are newer than the server's and are kept, and so is its submission.
//! Attempts the server has not heard of (started offline) are kept until it has.

use crate::io::idb::LocalAttempt;
use lectern_api::v1::{AttemptStatus, AttemptView};
use std::collections::BTreeSet;

/// `local` updated with `server`, oldest first. `unsent` names the attempts whose events
/// the server has not answered for yet.
pub fn merge_attempts(
    local: Vec<LocalAttempt>,
    server: Vec<AttemptView>,
    unsent: &BTreeSet<String>,
) -> Vec<LocalAttempt> {
    let mut merged = local;
    for view in server {
        match merged
            .iter_mut()
            .find(|known| known.view.attempt_id == view.attempt_id)
        {
            Some(known) => {
                let is_unsent = unsent.contains(known.view.attempt_id.as_str());
                adopt(known, view, is_unsent);
            }
            None => merged.push(LocalAttempt::from_server(view)),
        }
    }
    merged.sort_by_key(|attempt| (attempt.view.attempt_number, attempt.view.started_at));
    merged
}

/// Takes the server's copy of an attempt this device also holds. When the server has heard
/// everything (`is_unsent` is false), or the attempt is submitted there, its copy is the
/// attempt; otherwise this device's answers and submission stay on top of it.
pub fn adopt(known: &mut LocalAttempt, view: AttemptView, is_unsent: bool) {
    let local_answers = known.view.answers.clone();
    let keeps_local = is_unsent && view.status == AttemptStatus::InProgress;
    known.view = view;
    known.has_unsent_start = false;
    if keeps_local {
        known.view.answers.extend(local_answers);
    } else {
        known.has_unsent_answers = false;
        known.submit_requested_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_api::v1::{AttemptId, QuizId, Seed};
    use lectern_core::quiz::Answer;
    use std::collections::BTreeMap;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn view(id: &str, number: u32, status: AttemptStatus) -> AttemptView {
        AttemptView {
            attempt_id: AttemptId::parse(id).unwrap(),
            quiz_id: QuizId::parse("c.q").unwrap(),
            attempt_number: number,
            seed: Seed(7),
            started_at: "2026-05-01T10:00:00Z".parse().unwrap(),
            deadline_at: None,
            status,
            answers: BTreeMap::new(),
            submitted_at: None,
            client_submitted_at: None,
            is_late: false,
            has_ignored_late_answers: false,
            late_copy_of: None,
            result: None,
        }
    }

    const A: &str = "00000000-0000-4000-8000-00000000000a";
    const B: &str = "00000000-0000-4000-8000-00000000000b";

    #[wasm_bindgen_test(unsupported = test)]
    fn unsent_answers_survive_an_in_progress_server_copy() {
        let mut local_view = view(A, 1, AttemptStatus::InProgress);
        local_view
            .answers
            .insert("q1".into(), Answer::TrueFalse(true));
        let local = LocalAttempt {
            view: local_view,
            current_question: 3,
            has_unsent_start: false,
            has_unsent_answers: true,
            submit_requested_at: None,
        };
        let unsent = BTreeSet::from([A.to_owned()]);
        let merged = merge_attempts(
            vec![local.clone()],
            vec![view(A, 1, AttemptStatus::InProgress)],
            &unsent,
        );
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].view.answers.len(), 1);
        assert_eq!(merged[0].current_question, 3);
        assert!(merged[0].has_unsent_answers);
        // Once its events have left the outbox, the server's copy is the attempt.
        let merged = merge_attempts(
            vec![local],
            vec![view(A, 1, AttemptStatus::InProgress)],
            &BTreeSet::new(),
        );
        assert!(merged[0].view.answers.is_empty() && !merged[0].has_unsent());
        assert_eq!(merged[0].current_question, 3);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_submitted_server_copy_wins_and_new_attempts_are_added_in_order() {
        let local = LocalAttempt {
            view: view(B, 2, AttemptStatus::InProgress),
            current_question: 0,
            has_unsent_start: true,
            has_unsent_answers: true,
            submit_requested_at: Some("2026-05-01T10:05:00Z".parse().unwrap()),
        };
        let merged = merge_attempts(
            vec![local],
            vec![
                view(B, 2, AttemptStatus::Submitted),
                view(A, 1, AttemptStatus::Submitted),
            ],
            &BTreeSet::from([B.to_owned()]),
        );
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].view.attempt_id.as_str(), A);
        assert!(merged[1].is_submitted() && !merged[1].has_unsent());
    }
}
