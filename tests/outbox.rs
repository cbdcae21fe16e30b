//! The sync stores in a real browser: recording an event updates the lesson's progress and
//! appends the event with this device's next sequence number in one call; a batch of events
//! lands whole, in order, or not at all; the outbox is per learner and in order;
//! acknowledged events leave it; conflicts and rejections are set aside with their reasons,
//! never lost; and a v3 database (the last released schema) upgrades with its attempts
//! intact.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use lectern::io::idb::{
    EventDraft, EventWrite, PlayerDb, SetAside, ATTEMPTS, ATTEMPTS_BY_QUIZ, CONFLICTS, DB_VERSION,
    DEVICE, MANIFESTS, OUTBOX, PROGRESS, PROGRESS_BY_COURSE, REJECTED,
};
use lectern_core::progress::LessonProgress;
use lectern_core::sync::{DeviceId, EventBody, EventId};
use lectern_core::{CourseId, LessonId, UserId};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::{fresh, poll_at_most};

fn event_id(n: u64) -> EventId {
    EventId::parse(&format!("00000000-0000-4000-8000-{n:012x}")).unwrap()
}

fn device(n: u64) -> DeviceId {
    DeviceId::parse(&format!("11111111-0000-4000-8000-{n:012x}")).unwrap()
}

fn draft(n: u64, body: EventBody) -> EventDraft {
    EventDraft {
        event_id: event_id(n),
        occurred_at: "2026-05-01T10:00:00Z".parse().unwrap(),
        course_id: CourseId::parse("astronomy-101").unwrap(),
        lesson_id: LessonId::parse("tour-of-the-sky").unwrap(),
        body,
    }
}

fn progressed(position_ms: u64) -> EventBody {
    EventBody::Progressed {
        position_ms,
        duration_ms: Some(60_000),
        watched: vec![(0, position_ms)],
    }
}

fn progress(position_ms: u64) -> LessonProgress {
    LessonProgress {
        position_ms,
        position_at_ms: 1_777_000_000_000,
        duration_ms: Some(60_000),
        watched: [(0, position_ms)].into_iter().collect(),
        is_complete: false,
    }
}

#[wasm_bindgen_test]
async fn recording_updates_progress_and_appends_the_event_with_the_next_sequence() {
    let name = "lectern-test-outbox-record";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let ada = UserId::parse("ada").unwrap();
    let first = db
        .record_event(
            &ada,
            draft(1, progressed(10_000)),
            Some(&progress(10_000)),
            &device(1),
            1.0,
        )
        .await
        .unwrap();
    // Another id offered later is ignored: the device keeps the id it got first.
    let second = db
        .record_event(&ada, draft(2, EventBody::Completed), None, &device(2), 2.0)
        .await
        .unwrap();
    assert_eq!((first.sequence, second.sequence), (1, 2));
    assert_eq!(first.device_id, device(1));
    assert_eq!(second.device_id, device(1));
    let course = CourseId::parse("astronomy-101").unwrap();
    let lesson = LessonId::parse("tour-of-the-sky").unwrap();
    let saved = db.progress(&ada, &course, &lesson).await.unwrap().unwrap();
    assert_eq!(saved.position_ms, 10_000);
    assert_eq!(
        db.outbox(&ada).await.unwrap(),
        vec![first.clone(), second.clone()]
    );
    drop(db);
    // The sequence survives a restart.
    let again = PlayerDb::open_named(name).await.unwrap();
    let third = again
        .record_event(&ada, draft(3, EventBody::Completed), None, &device(3), 3.0)
        .await
        .unwrap();
    assert_eq!((third.sequence, third.device_id), (3, device(1)));
}

/// A write of `draft` merging `progress` into its lesson when given.
fn write(draft: EventDraft, progress: Option<LessonProgress>) -> EventWrite {
    EventWrite { draft, progress }
}

/// `draft` moved to another lesson of the same course.
fn in_lesson(mut draft: EventDraft, lesson_id: &str) -> EventDraft {
    draft.lesson_id = LessonId::parse(lesson_id).unwrap();
    draft
}

#[wasm_bindgen_test]
async fn a_batch_of_events_lands_whole_in_order_after_what_was_recorded_before() {
    let name = "lectern-test-outbox-batch";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let ada = UserId::parse("ada").unwrap();
    let first = db
        .record_event(&ada, draft(1, progressed(5_000)), None, &device(1), 1.0)
        .await
        .unwrap();
    let batch = vec![
        write(draft(2, progressed(10_000)), Some(progress(10_000))),
        write(
            in_lesson(draft(3, progressed(20_000)), "planets-narrated"),
            Some(progress(20_000)),
        ),
        write(draft(4, EventBody::Completed), None),
        // A second write to the same lesson in the batch merges with the first.
        write(draft(5, progressed(30_000)), Some(progress(30_000))),
    ];
    // The device keeps the id it got first, whatever a batch offers.
    let recorded = db
        .record_events(&ada, batch, &device(2), 2.0)
        .await
        .unwrap();
    let sequences: Vec<u64> = recorded.iter().map(|e| e.sequence).collect();
    assert_eq!(sequences, [2, 3, 4, 5]);
    assert!(recorded.iter().all(|e| e.device_id == device(1)));
    let ids: Vec<EventId> = recorded.iter().map(|e| e.event_id.clone()).collect();
    assert_eq!(ids, [event_id(2), event_id(3), event_id(4), event_id(5)]);
    let mut expected = vec![first];
    expected.extend(recorded);
    assert_eq!(db.outbox(&ada).await.unwrap(), expected);
    let course = CourseId::parse("astronomy-101").unwrap();
    let tour = LessonId::parse("tour-of-the-sky").unwrap();
    let planets = LessonId::parse("planets-narrated").unwrap();
    let saved = db.progress(&ada, &course, &tour).await.unwrap().unwrap();
    assert_eq!(saved.position_ms, 30_000);
    assert_eq!(saved.watched.ranges(), [(0, 30_000)]);
    let saved = db.progress(&ada, &course, &planets).await.unwrap().unwrap();
    assert_eq!(saved.position_ms, 20_000);
    // The next event continues after the batch.
    let next = db
        .record_event(&ada, draft(6, EventBody::Completed), None, &device(3), 3.0)
        .await
        .unwrap();
    assert_eq!(next.sequence, 6);
}

#[wasm_bindgen_test]
async fn a_batch_stopped_after_any_of_its_steps_is_stored_whole_or_not_at_all() {
    let name = "lectern-test-outbox-batch-stopped";
    let ada = UserId::parse("ada").unwrap();
    let course = CourseId::parse("astronomy-101").unwrap();
    let lessons = ["tour-of-the-sky", "planets-narrated", "planets-at-a-glance"];
    // Two writes to each lesson.
    let batch: Vec<EventWrite> = (1..=6)
        .map(|n| {
            let lesson_id = lessons[n as usize % lessons.len()];
            let draft = in_lesson(draft(n, progressed(n * 1_000)), lesson_id);
            write(draft, Some(progress(n * 1_000)))
        })
        .collect();
    let first_device = device(1);
    let mut stopped_with_nothing = 0;
    // Stops the batch after its first step, its second, and so on, as a failed request
    // (returned with `?`) or a closed tab does, until it finishes.
    for polls in 1.. {
        assert!(polls < 100, "the batch never finished");
        fresh(name).await;
        let db = PlayerDb::open_named(name).await.unwrap();
        let recording = db.record_events(&ada, batch.clone(), &first_device, 1.0);
        let outcome = poll_at_most(recording, polls).await;
        let outbox = db.outbox(&ada).await.unwrap();
        let mut saved = Vec::new();
        for lesson_id in lessons {
            let lesson_id = LessonId::parse(lesson_id).unwrap();
            saved.extend(db.progress(&ada, &course, &lesson_id).await.unwrap());
        }
        if outbox.is_empty() {
            assert_eq!(saved, Vec::new(), "stopped after {polls} polls");
            assert!(outcome.is_none(), "finished without storing anything");
            // Nor was the device's sequence advanced, or its id taken.
            let next = db
                .record_event(&ada, draft(9, EventBody::Completed), None, &device(2), 2.0)
                .await
                .unwrap();
            assert_eq!((next.sequence, next.device_id), (1, device(2)));
            stopped_with_nothing += 1;
            continue;
        }
        // Stopped once its commit was asked for (the last step), or finished: all of it.
        let sequences: Vec<u64> = outbox.iter().map(|e| e.sequence).collect();
        assert_eq!(sequences, [1, 2, 3, 4, 5, 6], "stopped after {polls} polls");
        // Each lesson holds the later of its two writes.
        let positions: Vec<u64> = saved.iter().map(|p| p.position_ms).collect();
        assert_eq!(
            positions,
            [6_000, 4_000, 5_000],
            "stopped after {polls} polls"
        );
        if let Some(recorded) = outcome {
            assert_eq!(recorded.unwrap(), outbox);
            break;
        }
    }
    assert!(
        stopped_with_nothing > 5,
        "only {stopped_with_nothing} steps"
    );
}

#[wasm_bindgen_test]
async fn the_outbox_is_per_learner_and_events_leave_it_only_when_answered_for() {
    let name = "lectern-test-outbox-flow";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let ada = UserId::parse("ada").unwrap();
    let bob = UserId::parse("bob").unwrap();
    let mut adas = Vec::new();
    for n in 1..=4 {
        adas.push(
            db.record_event(&ada, draft(n, progressed(n * 1_000)), None, &device(1), 1.0)
                .await
                .unwrap(),
        );
    }
    let bobs = db
        .record_event(&bob, draft(9, EventBody::Completed), None, &device(1), 1.0)
        .await
        .unwrap();
    assert_eq!(db.outbox(&bob).await.unwrap(), vec![bobs]);
    assert_eq!(db.outbox(&ada).await.unwrap().len(), 4);

    db.acknowledge(&[adas[0].event_id.clone()]).await.unwrap();
    db.set_aside(
        &ada,
        SetAside::Conflicts,
        &[(adas[1].clone(), Some("another body".into()))],
        5.0,
    )
    .await
    .unwrap();
    db.set_aside(
        &ada,
        SetAside::Rejected,
        &[(adas[2].clone(), Some("inverted range".into()))],
        5.0,
    )
    .await
    .unwrap();
    assert_eq!(db.outbox(&ada).await.unwrap(), vec![adas[3].clone()]);
    assert_eq!(
        db.set_aside_events(&ada, SetAside::Conflicts)
            .await
            .unwrap(),
        vec![(adas[1].clone(), Some("another body".into()))]
    );
    assert_eq!(
        db.set_aside_events(&ada, SetAside::Rejected).await.unwrap(),
        vec![(adas[2].clone(), Some("inverted range".into()))]
    );
    assert_eq!(
        db.set_aside_events(&bob, SetAside::Rejected).await.unwrap(),
        Vec::new()
    );
}

fn js_object(properties: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in properties {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object.into()
}

#[wasm_bindgen_test]
async fn a_canned_v3_database_upgrades_with_its_attempts() {
    let name = "lectern-test-canned-v3";
    fresh(name).await;
    let db = Database::open(name)
        .with_version(3u32)
        .with_on_upgrade_needed(|_, db: Database| {
            db.create_object_store(MANIFESTS)
                .with_key_path(KeyPath::One("course_id"))
                .build()?;
            db.create_object_store(PROGRESS)
                .with_key_path(KeyPath::One("progress_key"))
                .build()?
                .create_index(PROGRESS_BY_COURSE, KeyPath::One("course_key"))
                .build()?;
            db.create_object_store(ATTEMPTS)
                .with_key_path(KeyPath::One("attempt_key"))
                .build()?
                .create_index(ATTEMPTS_BY_QUIZ, KeyPath::One("quiz_key"))
                .build()?;
            Ok(())
        })
        .await
        .unwrap();
    let attempt_json = r#"{"attempt_id":"00000000-0000-4000-8000-000000000001","quiz_id":"astronomy-101.solar-system-check","attempt_number":1,"seed":"7","started_at":"2026-05-01T10:00:00Z","status":"in_progress","answers":{"planet-count":{"kind":"numeric","value":"8"}}}"#;
    let tx = db
        .transaction(ATTEMPTS)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store(ATTEMPTS)
        .unwrap()
        .put(js_object(&[
            ("attempt_key", "00000000-0000-4000-8000-000000000001".into()),
            ("quiz_key", "ada/astronomy-101/solar-system-check".into()),
            ("attempt_json", attempt_json.into()),
            ("current_question", JsValue::from_f64(3.0)),
            ("has_unsent_answers", JsValue::TRUE),
        ]))
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let player = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(player.version(), f64::from(DB_VERSION));
    for store in [OUTBOX, CONFLICTS, REJECTED, DEVICE] {
        assert!(
            player.store_names().contains(&store.to_owned()),
            "{store} was added"
        );
    }
    let ada = UserId::parse("ada").unwrap();
    let attempts = player
        .attempts(
            &ada,
            &CourseId::parse("astronomy-101").unwrap(),
            &LessonId::parse("solar-system-check").unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].current_question, 3);
    assert!(attempts[0].has_unsent_answers);
    assert_eq!(player.outbox(&ada).await.unwrap(), Vec::new());
}
