//! Quiz answers as outbox events, in a real browser: the attempt store keeps each change of
//! an attempt and appends its events in one write, one `answered` per changed question
//! (changes made meanwhile coalesced into the latest answer), after the start and before
//! the submission, which carries every answer; a write stopped after any of its steps
//! stores the attempt and its events together or neither; a submitted attempt records
//! nothing more; and the in-memory store follows the same rules.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use futures::channel::mpsc;
use futures::StreamExt;
use lectern::io::attempt_store::{AttemptChanges, AttemptStore};
use lectern::io::idb::{EventDraft, PlayerDb};
use lectern::io::memory_db::MemoryDb;
use lectern_api::v1::AttemptStatus;
use lectern_core::quiz::{Answer, ChoiceId};
use lectern_core::sync::{DeviceId, EventBody, EventId, LearnerEvent};
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::{attempt, fresh, owner, poll_at_most};

fn event_id(n: u64) -> EventId {
    EventId::parse(&format!("00000000-0000-4000-8000-{n:012x}")).unwrap()
}

fn device(n: u64) -> DeviceId {
    DeviceId::parse(&format!("11111111-0000-4000-8000-{n:012x}")).unwrap()
}

fn answered_draft(n: u64, attempt_id: &str) -> EventDraft {
    EventDraft {
        event_id: event_id(n),
        occurred_at: "2026-05-01T10:05:00Z".parse().unwrap(),
        course_id: owner("ada").course_id,
        lesson_id: owner("ada").lesson_id,
        body: EventBody::Answered {
            attempt_id: attempt_id.to_owned(),
            question_id: format!("question-{n}"),
            answer: Answer::TrueFalse(true),
        },
    }
}

#[wasm_bindgen_test]
async fn a_start_answers_and_a_submission_are_recorded_with_the_attempt_in_order() {
    let name = "lectern-test-attempt-events";
    fresh(name).await;
    let store = AttemptStore::named(name);
    let (recorded, mut recordings) = mpsc::unbounded::<Vec<LearnerEvent>>();
    store.on_recorded(move |_, events| recorded.unbounded_send(events).unwrap());
    let ada = owner("ada");
    let mut taken = attempt("21", 1, AttemptStatus::InProgress);
    taken.view.answers.clear();
    taken.has_unsent_start = true;
    let started = AttemptChanges {
        started: true,
        ..AttemptChanges::default()
    };
    store.save(&ada, &taken, started);
    // Typing an answer: five versions before the writer runs, then another question.
    for count in 1..=5 {
        taken
            .view
            .answers
            .insert("planet-count".into(), Answer::Numeric(count.to_string()));
        store.save(&ada, &taken, AttemptChanges::answered("planet-count"));
    }
    taken.view.answers.insert(
        "largest-planet".into(),
        Answer::SingleChoice(ChoiceId::new("jupiter")),
    );
    store.save(&ada, &taken, AttemptChanges::answered("largest-planet"));
    taken.submit_requested_at = Some("2026-05-01T10:06:00Z".parse().unwrap());
    let submitted = AttemptChanges {
        submitted: true,
        ..AttemptChanges::default()
    };
    store.save(&ada, &taken, submitted);

    let mut events = Vec::new();
    while events.len() < 4 {
        events.extend(recordings.next().await.unwrap());
    }
    let db = PlayerDb::open_named(name).await.unwrap();
    let outbox = db.outbox(&ada.user_id).await.unwrap();
    assert_eq!(outbox, events, "what was reported is what the outbox holds");
    let kinds: Vec<&str> = outbox.iter().map(|e| e.body.kind_name()).collect();
    assert_eq!(
        kinds,
        [
            "attempt_started",
            "answered",
            "answered",
            "attempt_submitted"
        ]
    );
    let sequences: Vec<u64> = outbox.iter().map(|e| e.sequence).collect();
    assert_eq!(sequences, [1, 2, 3, 4]);
    let attempt_id = taken.view.attempt_id.to_string();
    let answered: BTreeMap<String, Answer> = outbox
        .iter()
        .filter_map(|event| match &event.body {
            EventBody::Answered {
                attempt_id: of,
                question_id,
                answer,
            } if of == &attempt_id => Some((question_id.clone(), answer.clone())),
            _ => None,
        })
        .collect();
    // One event per question, with the answer as it last stood.
    assert_eq!(answered, taken.view.answers);
    match &outbox[0].body {
        EventBody::AttemptStarted { seed, .. } => assert_eq!(*seed, taken.view.seed.0),
        other => panic!("expected the start first, got {other:?}"),
    }
    match &outbox[3].body {
        EventBody::AttemptSubmitted { answers, .. } => assert_eq!(answers, &taken.view.answers),
        other => panic!("expected the submission last, got {other:?}"),
    }
    let kept = db
        .attempts(&ada.user_id, &ada.course_id, &ada.lesson_id)
        .await
        .unwrap();
    assert_eq!(kept, vec![taken.clone()]);
    // Its events wait in the outbox, so the attempt counts as unsent.
    let unsent = store.unsent_attempt_ids(&ada.user_id).await.unwrap();
    assert_eq!(unsent, BTreeSet::from([attempt_id]));
    assert!(store
        .unsent_attempt_ids(&owner("grace").user_id)
        .await
        .unwrap()
        .is_empty());
}

#[wasm_bindgen_test]
async fn an_attempt_write_stopped_after_any_step_stores_all_of_it_or_nothing() {
    let name = "lectern-test-attempt-events-stopped";
    let ada = owner("ada");
    let taken = attempt("22", 1, AttemptStatus::InProgress);
    let attempt_id = taken.view.attempt_id.to_string();
    let drafts: Vec<EventDraft> = (1..=3).map(|n| answered_draft(n, &attempt_id)).collect();
    let first_device = device(1);
    let mut stopped_with_nothing = 0;
    for polls in 1.. {
        assert!(polls < 100, "the write never finished");
        fresh(name).await;
        let db = PlayerDb::open_named(name).await.unwrap();
        let writing = db.record_attempt(&ada, &taken, drafts.clone(), &first_device, 1.0);
        let outcome = poll_at_most(writing, polls).await;
        let outbox = db.outbox(&ada.user_id).await.unwrap();
        let kept = db
            .attempts(&ada.user_id, &ada.course_id, &ada.lesson_id)
            .await
            .unwrap();
        if outbox.is_empty() {
            assert!(kept.is_empty(), "stopped after {polls} polls");
            assert!(outcome.is_none(), "finished without storing anything");
            stopped_with_nothing += 1;
            continue;
        }
        assert_eq!(kept, vec![taken.clone()], "stopped after {polls} polls");
        let sequences: Vec<u64> = outbox.iter().map(|e| e.sequence).collect();
        assert_eq!(sequences, [1, 2, 3], "stopped after {polls} polls");
        if let Some(written) = outcome {
            assert_eq!(written.unwrap(), (taken.clone(), outbox));
            break;
        }
    }
    assert!(
        stopped_with_nothing > 2,
        "only {stopped_with_nothing} steps"
    );
}

#[wasm_bindgen_test]
async fn a_submitted_attempt_records_nothing_more_on_the_device_or_in_memory() {
    let name = "lectern-test-attempt-events-submitted";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let ada = owner("ada");
    let submitted = attempt("23", 1, AttemptStatus::Submitted);
    let stale = attempt("23", 1, AttemptStatus::InProgress);
    let attempt_id = submitted.view.attempt_id.to_string();
    db.record_attempt(&ada, &submitted, Vec::new(), &device(1), 1.0)
        .await
        .unwrap();
    let (kept, events) = db
        .record_attempt(
            &ada,
            &stale,
            vec![answered_draft(1, &attempt_id)],
            &device(1),
            2.0,
        )
        .await
        .unwrap();
    assert_eq!((kept, events), (submitted.clone(), Vec::new()));
    assert!(db.outbox(&ada.user_id).await.unwrap().is_empty());

    let memory = MemoryDb::named("lectern-test-attempt-events-memory");
    let (kept, events) = memory.record_attempt(
        &ada,
        &stale,
        vec![answered_draft(2, &attempt_id)],
        &device(2),
    );
    assert_eq!(kept, stale);
    assert_eq!(events.len(), 1);
    assert_eq!(memory.outbox(&ada.user_id), events);
    memory.record_attempt(&ada, &submitted, Vec::new(), &device(2));
    let (kept, events) = memory.record_attempt(
        &ada,
        &stale,
        vec![answered_draft(3, &attempt_id)],
        &device(2),
    );
    assert_eq!((kept, events), (submitted.clone(), Vec::new()));
    assert_eq!(memory.attempts(&ada), vec![submitted]);
    assert!(memory.attempts(&owner("grace")).is_empty());
    assert_eq!(memory.outbox(&ada.user_id).len(), 1);
}
