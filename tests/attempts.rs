//! Quiz attempts on the device, in a real browser: a canned v2 database (the last released
//! schema) upgrades to v3 with its manifests and progress intact; attempts round-trip per
//! learner and quiz and never show another learner's; a submitted attempt is never reopened
//! by a stale write; an unreadable record is skipped without hiding the others; and the
//! queued store reports each write and shows unwritten copies.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use futures::channel::mpsc;
use futures::StreamExt;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use lectern::io::attempt_store::{AttemptChanges, AttemptStore, QuizOwner};
use lectern::io::idb::{
    quiz_key, LocalAttempt, PlayerDb, ATTEMPTS, ATTEMPTS_BY_QUIZ, DB_VERSION, MANIFESTS, PROGRESS,
    PROGRESS_BY_COURSE,
};
use lectern_api::v1::{AttemptStatus, Seed};
use lectern_core::{CourseId, LessonId, UserId};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::{attempt, fresh, owner};

async fn save(db: &PlayerDb, owner: &QuizOwner, attempt: &LocalAttempt) -> LocalAttempt {
    db.save_attempt(
        &owner.user_id,
        &owner.course_id,
        &owner.lesson_id,
        attempt,
        1.0,
    )
    .await
    .unwrap()
}

async fn load(db: &PlayerDb, owner: &QuizOwner) -> Vec<LocalAttempt> {
    db.attempts(&owner.user_id, &owner.course_id, &owner.lesson_id)
        .await
        .unwrap()
}

fn js_object(properties: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in properties {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object.into()
}

async fn put_raw(name: &str, store_name: &str, record: JsValue) {
    let db = Database::open(name).await.unwrap();
    let tx = db
        .transaction(store_name)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store(store_name).unwrap();
    store.put(record).primitive().unwrap().await.unwrap();
    drop(store);
    tx.commit().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn a_canned_v2_database_upgrades_with_everything_it_held() {
    let name = "lectern-test-canned-v2";
    fresh(name).await;
    // The v2 schema as a v2 player created it, with one record in each store, written as
    // plain JS objects rather than through this build's serde types.
    let db = Database::open(name)
        .with_version(2u32)
        .with_on_upgrade_needed(|_, db: Database| {
            db.create_object_store(MANIFESTS)
                .with_key_path(KeyPath::One("course_id"))
                .build()?;
            let progress = db
                .create_object_store(PROGRESS)
                .with_key_path(KeyPath::One("progress_key"))
                .build()?;
            progress
                .create_index(PROGRESS_BY_COURSE, KeyPath::One("course_key"))
                .build()?;
            Ok(())
        })
        .await
        .unwrap();
    db.close();
    put_raw(
        name,
        MANIFESTS,
        js_object(&[
            ("course_id", "astronomy-101".into()),
            ("manifest_json", "{\"course_id\":\"astronomy-101\"}".into()),
            ("fetched_at_ms", JsValue::from_f64(1_700_000_000_000.0)),
        ]),
    )
    .await;
    put_raw(
        name,
        PROGRESS,
        js_object(&[
            ("progress_key", "ada/astronomy-101/tour-of-the-sky".into()),
            ("course_key", "ada/astronomy-101".into()),
            ("user_id", "ada".into()),
            ("course_id", "astronomy-101".into()),
            ("lesson_id", "tour-of-the-sky".into()),
            ("position_ms", JsValue::from_f64(42_000.0)),
            ("position_at_ms", JsValue::from_f64(1_700_000_000_000.0)),
            ("is_complete", JsValue::TRUE),
            ("updated_at_ms", JsValue::from_f64(1_700_000_000_000.0)),
        ]),
    )
    .await;

    let player = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(player.version(), f64::from(DB_VERSION));
    assert!(player.store_names().contains(&ATTEMPTS.to_owned()));
    assert!(player.manifest("astronomy-101").await.unwrap().is_some());
    let ada = UserId::parse("ada").unwrap();
    let course = CourseId::parse("astronomy-101").unwrap();
    let lesson = LessonId::parse("tour-of-the-sky").unwrap();
    let progress = player
        .progress(&ada, &course, &lesson)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(progress.position_ms, 42_000);
    assert!(progress.is_complete);
    assert_eq!(load(&player, &owner("ada")).await, Vec::new());
    drop(player);

    let raw = Database::open(name).await.unwrap();
    let tx = raw.transaction(ATTEMPTS).build().unwrap();
    let indexes: Vec<String> = tx.object_store(ATTEMPTS).unwrap().index_names().collect();
    assert_eq!(indexes, vec![ATTEMPTS_BY_QUIZ.to_owned()]);
}

#[wasm_bindgen_test]
async fn attempts_round_trip_per_learner_and_never_show_another_learners() {
    let name = "lectern-test-attempts";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let ada = owner("ada");
    let bob = owner("bob");
    let first = attempt("01", 1, AttemptStatus::Submitted);
    let second = attempt("02", 2, AttemptStatus::InProgress);
    save(&db, &ada, &second).await;
    save(&db, &ada, &first).await;
    save(&db, &bob, &attempt("03", 1, AttemptStatus::InProgress)).await;
    assert_eq!(
        load(&db, &ada).await,
        vec![first.clone(), second.clone()],
        "oldest first, every field kept"
    );
    let bobs = load(&db, &bob).await;
    assert_eq!(bobs.len(), 1);
    assert_eq!(
        bobs[0].view.attempt_id.as_str(),
        "00000000-0000-4000-8000-000000000003"
    );
    // A seed past 2^53 survives (it travels as text).
    assert_eq!(load(&db, &ada).await[0].view.seed, Seed(u64::MAX - 1));
    assert_eq!(
        quiz_key(&ada.user_id, &ada.course_id, &ada.lesson_id),
        "ada/astronomy-101/solar-system-check"
    );
}

#[wasm_bindgen_test]
async fn a_submitted_attempt_is_never_reopened_by_a_stale_write() {
    let name = "lectern-test-attempts-immutable";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let ada = owner("ada");
    let submitted = attempt("04", 1, AttemptStatus::Submitted);
    save(&db, &ada, &submitted).await;
    let mut stale = attempt("04", 1, AttemptStatus::InProgress);
    stale.view.answers.clear();
    let kept = save(&db, &ada, &stale).await;
    assert_eq!(kept, submitted, "the save answers with what is kept");
    assert_eq!(load(&db, &ada).await, vec![submitted]);
}

#[wasm_bindgen_test]
async fn an_unreadable_attempt_record_is_skipped_and_the_rest_still_read() {
    let name = "lectern-test-attempts-corrupt";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let ada = owner("ada");
    let good = attempt("05", 1, AttemptStatus::InProgress);
    save(&db, &ada, &good).await;
    drop(db);
    put_raw(
        name,
        ATTEMPTS,
        js_object(&[
            ("attempt_key", "broken".into()),
            ("quiz_key", "ada/astronomy-101/solar-system-check".into()),
            ("attempt_json", "{not json".into()),
            ("current_question", "three".into()),
        ]),
    )
    .await;
    let db = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(load(&db, &ada).await, vec![good]);
}

#[wasm_bindgen_test]
async fn the_queued_store_reports_each_write_and_shows_unwritten_copies() {
    let name = "lectern-test-attempt-store";
    fresh(name).await;
    let store = AttemptStore::named(name);
    let (written, mut outcomes) = mpsc::unbounded();
    store.on_written(move |outcome| written.unbounded_send(outcome).unwrap());
    let ada = owner("ada");
    let mut latest = attempt("06", 1, AttemptStatus::InProgress);
    store.save(&ada, &latest, AttemptChanges::default());
    for question in 0..5 {
        latest.current_question = question;
        store.save(&ada, &latest, AttemptChanges::default());
    }
    // Before the writes land, a read already has the newest copy.
    assert_eq!(store.load(&ada).await.unwrap(), vec![latest.clone()]);
    assert_eq!(outcomes.next().await, Some(Ok(())));
    while store.load(&ada).await.unwrap() != vec![latest.clone()] {
        assert_eq!(outcomes.next().await, Some(Ok(())));
    }
    let db = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(load(&db, &ada).await, vec![latest]);
}
