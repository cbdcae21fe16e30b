//! The IndexedDB adapter in a real browser: the schema is created from nothing and upgraded
//! from a canned v1 database written by hand; manifests round-trip, overwrite, list and
//! delete; lesson progress round-trips, merges on every write (even from two connections at
//! once), stays per learner and course, and a corrupted progress record still reads; a
//! connection steps aside when another one needs to upgrade.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use lectern::io::idb::{
    course_key, progress_key, PlayerDb, StoredManifestV1, ATTEMPTS, CONFLICTS, DB_VERSION, DEVICE,
    DOWNLOADS, MANIFESTS, OUTBOX, PROGRESS, PROGRESS_BY_COURSE, REJECTED,
};
use lectern_core::progress::LessonProgress;
use lectern_core::{CourseId, LessonId, UserId};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Starts from no database at all under `name`.
async fn fresh(name: &str) {
    Database::delete_by_name(name).unwrap().await.unwrap();
}

fn record(course_id: &str, title: &str, fetched_at_ms: f64) -> StoredManifestV1 {
    StoredManifestV1 {
        course_id: course_id.into(),
        manifest_json: format!("{{\"course_id\":\"{course_id}\",\"title\":\"{title}\"}}"),
        fetched_at_ms,
    }
}

fn every_store() -> Vec<String> {
    [
        ATTEMPTS, CONFLICTS, DEVICE, DOWNLOADS, MANIFESTS, OUTBOX, PROGRESS, REJECTED,
    ]
    .map(str::to_owned)
    .to_vec()
}

fn ids(user_id: &str, course_id: &str, lesson_id: &str) -> (UserId, CourseId, LessonId) {
    (
        UserId::parse(user_id).unwrap(),
        CourseId::parse(course_id).unwrap(),
        LessonId::parse(lesson_id).unwrap(),
    )
}

/// Progress in a one-minute lecture.
fn progress(
    position_ms: u64,
    position_at_ms: u64,
    watched: &[(u64, u64)],
    is_complete: bool,
) -> LessonProgress {
    LessonProgress {
        position_ms,
        position_at_ms,
        duration_ms: Some(60_000),
        watched: watched.iter().copied().collect(),
        is_complete,
    }
}

/// The indexes of the progress store, read with a raw connection (the database must not be
/// open elsewhere at an older version).
async fn progress_index_names(name: &str) -> Vec<String> {
    let db = Database::open(name).await.unwrap();
    let tx = db.transaction(PROGRESS).build().unwrap();
    let store = tx.object_store(PROGRESS).unwrap();
    let names = store.index_names().collect();
    drop(store);
    drop(tx);
    db.close();
    names
}

/// A plain JS object with these properties, as something other than this build wrote it.
fn js_object(properties: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in properties {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object.into()
}

fn js_array(items: &[JsValue]) -> JsValue {
    items.iter().collect::<js_sys::Array>().into()
}

fn js_pair(start: f64, end: f64) -> JsValue {
    js_array(&[JsValue::from_f64(start), JsValue::from_f64(end)])
}

/// Writes `records` into the progress store of `name` with a raw connection.
async fn put_raw_progress(name: &str, records: Vec<JsValue>) {
    let db = Database::open(name).await.unwrap();
    let tx = db
        .transaction(PROGRESS)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store(PROGRESS).unwrap();
    for record in records {
        store.put(record).primitive().unwrap().await.unwrap();
    }
    drop(store);
    tx.commit().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn upgrading_from_nothing_creates_every_store() {
    let name = "lectern-test-upgrade";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(db.version(), f64::from(DB_VERSION));
    assert_eq!(db.store_names(), every_store());
    assert_eq!(db.manifests().await.unwrap(), Vec::new());
    let (user, course, _) = ids("ada", "astronomy-101", "welcome");
    assert_eq!(
        db.course_progress(&user, &course).await.unwrap(),
        Vec::new()
    );
    drop(db);
    assert_eq!(progress_index_names(name).await, vec![PROGRESS_BY_COURSE]);
    // Opening again at the same version runs no upgrade and keeps the stores.
    let again = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(again.store_names(), every_store());
}

#[wasm_bindgen_test]
async fn manifests_round_trip_overwrite_list_and_delete() {
    let name = "lectern-test-manifests";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(db.manifest("astronomy-101").await.unwrap(), None);

    let first = record("astronomy-101", "Astronomy", 1_700_000_000_000.0);
    db.put_manifest(&first).await.unwrap();
    assert_eq!(db.manifest("astronomy-101").await.unwrap(), Some(first));

    let newer = record("astronomy-101", "Astronomy, revised", 1_700_000_600_000.0);
    db.put_manifest(&newer).await.unwrap();
    assert_eq!(
        db.manifest("astronomy-101").await.unwrap(),
        Some(newer.clone())
    );

    let other = record("night-sky-lab", "Night Sky", 1_700_000_900_000.0);
    db.put_manifest(&other).await.unwrap();
    assert_eq!(
        db.manifests().await.unwrap(),
        vec![newer.clone(), other.clone()]
    );

    db.delete_manifest("astronomy-101").await.unwrap();
    assert_eq!(db.manifest("astronomy-101").await.unwrap(), None);
    assert_eq!(db.manifests().await.unwrap(), vec![other]);
    // Deleting what is not there is not an error.
    db.delete_manifest("astronomy-101").await.unwrap();
}

#[wasm_bindgen_test]
async fn a_canned_v1_database_still_reads() {
    let name = "lectern-test-canned-v1";
    fresh(name).await;
    // What a v1 player wrote, built by hand as plain JS objects rather than through serde.
    let db = Database::open(name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db: Database| {
            db.create_object_store(MANIFESTS)
                .with_key_path(KeyPath::One("course_id"))
                .build()?;
            Ok(())
        })
        .await
        .unwrap();
    let canned = js_sys::Object::new();
    for (key, value) in [
        ("course_id", JsValue::from_str("astronomy-101")),
        (
            "manifest_json",
            JsValue::from_str("{\"course_id\":\"astronomy-101\"}"),
        ),
        ("fetched_at_ms", JsValue::from_f64(1_650_000_000_000.0)),
    ] {
        js_sys::Reflect::set(&canned, &JsValue::from_str(key), &value).unwrap();
    }
    let tx = db
        .transaction(MANIFESTS)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store(MANIFESTS).unwrap();
    store
        .put(JsValue::from(canned))
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let player = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(player.version(), f64::from(DB_VERSION));
    assert_eq!(player.store_names(), every_store());
    let stored = player.manifest("astronomy-101").await.unwrap();
    assert_eq!(
        stored,
        Some(StoredManifestV1 {
            course_id: "astronomy-101".into(),
            manifest_json: "{\"course_id\":\"astronomy-101\"}".into(),
            fetched_at_ms: 1_650_000_000_000.0,
        })
    );
    // The upgrade added an empty progress store with its index.
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    assert_eq!(
        player.progress(&user, &course, &lesson).await.unwrap(),
        None
    );
    assert_eq!(
        player.course_progress(&user, &course).await.unwrap(),
        Vec::new()
    );
    drop(player);
    assert_eq!(progress_index_names(name).await, vec![PROGRESS_BY_COURSE]);
}

#[wasm_bindgen_test]
async fn the_players_own_database_opens() {
    let db = PlayerDb::open().await.unwrap();
    assert_eq!(db.version(), f64::from(DB_VERSION));
    assert_eq!(db.store_names(), every_store());
}

#[wasm_bindgen_test]
async fn progress_round_trips_per_lesson() {
    let name = "lectern-test-progress-round-trip";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    let (_, _, other_lesson) = ids("ada", "astronomy-101", "orbits");
    assert_eq!(db.progress(&user, &course, &lesson).await.unwrap(), None);

    let saved = progress(
        12_345,
        1_700_000_000_000,
        &[(0, 5_000), (9_000, 12_345)],
        false,
    );
    let merged = db
        .save_progress(&user, &course, &lesson, &saved, 1_700_000_000_500.0)
        .await
        .unwrap();
    assert_eq!(merged, saved);
    assert_eq!(
        db.progress(&user, &course, &lesson).await.unwrap(),
        Some(saved)
    );
    assert_eq!(
        db.progress(&user, &course, &other_lesson).await.unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn times_beyond_a_js_number_are_clamped_not_refused() {
    let name = "lectern-test-progress-huge";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    let huge = LessonProgress {
        position_at_ms: u64::MAX,
        duration_ms: Some(u64::MAX),
        ..progress(0, 0, &[(1, u64::MAX)], false)
    };
    db.save_progress(&user, &course, &lesson, &huge, 1.0)
        .await
        .unwrap();
    let most = (1u64 << 53) - 1;
    assert_eq!(
        db.progress(&user, &course, &lesson).await.unwrap(),
        Some(LessonProgress {
            position_at_ms: most,
            duration_ms: Some(most),
            ..progress(0, 0, &[(1, most)], false)
        })
    );
}

#[wasm_bindgen_test]
async fn saving_merges_with_what_is_stored() {
    let name = "lectern-test-progress-merge";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");

    let fresh_tab = progress(10_000, 2_000, &[(0, 10_000)], false);
    db.save_progress(&user, &course, &lesson, &fresh_tab, 2_000.0)
        .await
        .unwrap();
    // A stale write (recorded earlier, further along, other ranges) loses only its position.
    let stale_tab = progress(30_000, 1_000, &[(20_000, 30_000)], false);
    let merged = db
        .save_progress(&user, &course, &lesson, &stale_tab, 3_000.0)
        .await
        .unwrap();
    let expected = progress(10_000, 2_000, &[(0, 10_000), (20_000, 30_000)], false);
    assert_eq!(merged, expected);
    assert_eq!(
        db.progress(&user, &course, &lesson).await.unwrap(),
        Some(expected)
    );

    // Completion, once stored, survives a later write that says otherwise.
    let done = progress(55_000, 3_000, &[(0, 55_000)], true);
    db.save_progress(&user, &course, &lesson, &done, 4_000.0)
        .await
        .unwrap();
    let rewatch = progress(5_000, 4_000, &[(0, 5_000)], false);
    let merged = db
        .save_progress(&user, &course, &lesson, &rewatch, 5_000.0)
        .await
        .unwrap();
    assert!(merged.is_complete);
    assert_eq!((merged.position_ms, merged.position_at_ms), (5_000, 4_000));
    assert_eq!(merged.watched.ranges(), &[(0, 55_000)]);
    assert_eq!(
        db.progress(&user, &course, &lesson).await.unwrap(),
        Some(merged)
    );
}

#[wasm_bindgen_test]
async fn two_connections_saving_at_once_lose_nothing() {
    let name = "lectern-test-progress-two-tabs";
    fresh(name).await;
    let first_tab = PlayerDb::open_named(name).await.unwrap();
    let second_tab = PlayerDb::open_named(name).await.unwrap();
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    let from_first = progress(10_000, 1_000, &[(0, 10_000)], false);
    let from_second = progress(40_000, 2_000, &[(30_000, 40_000)], false);
    // Both read before either writes unless read and write share one transaction.
    let (first, second) = futures::join!(
        first_tab.save_progress(&user, &course, &lesson, &from_first, 1.0),
        second_tab.save_progress(&user, &course, &lesson, &from_second, 1.0),
    );
    first.unwrap();
    second.unwrap();
    assert_eq!(
        first_tab.progress(&user, &course, &lesson).await.unwrap(),
        Some(progress(
            40_000,
            2_000,
            &[(0, 10_000), (30_000, 40_000)],
            false
        ))
    );
}

#[wasm_bindgen_test]
async fn course_progress_holds_only_that_learners_course() {
    let name = "lectern-test-progress-by-course";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let (ada, astronomy, welcome) = ids("ada", "astronomy-101", "welcome");
    let (grace, night_sky, orbits) = ids("grace", "night-sky-lab", "orbits");
    // A user id that is a prefix of another, and a course id that is a prefix of another.
    let (ad, astronomy_1, _) = ids("ad", "astronomy-1", "x");
    let mine_welcome = progress(1_000, 1, &[(0, 1_000)], false);
    let mine_orbits = progress(2_000, 2, &[(0, 2_000)], true);
    db.save_progress(&ada, &astronomy, &welcome, &mine_welcome, 1.0)
        .await
        .unwrap();
    db.save_progress(&ada, &astronomy, &orbits, &mine_orbits, 1.0)
        .await
        .unwrap();
    let theirs = progress(3_000, 3, &[(0, 3_000)], false);
    db.save_progress(&grace, &astronomy, &welcome, &theirs, 1.0)
        .await
        .unwrap();
    db.save_progress(&ada, &night_sky, &welcome, &theirs, 1.0)
        .await
        .unwrap();
    db.save_progress(&ad, &astronomy, &welcome, &theirs, 1.0)
        .await
        .unwrap();
    db.save_progress(&ada, &astronomy_1, &welcome, &theirs, 1.0)
        .await
        .unwrap();

    assert_eq!(
        db.course_progress(&ada, &astronomy).await.unwrap(),
        vec![
            (orbits.clone(), mine_orbits),
            (welcome.clone(), mine_welcome)
        ]
    );
    assert_eq!(
        db.course_progress(&grace, &astronomy).await.unwrap(),
        vec![(welcome.clone(), theirs.clone())]
    );
    assert_eq!(
        db.course_progress(&grace, &night_sky).await.unwrap(),
        Vec::new()
    );
    assert_eq!(
        db.progress(&grace, &astronomy, &orbits).await.unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn a_corrupted_progress_record_still_reads() {
    let name = "lectern-test-progress-corrupted";
    fresh(name).await;
    drop(PlayerDb::open_named(name).await.unwrap());
    let (user, course, welcome) = ids("ada", "astronomy-101", "welcome");
    let (_, _, orbits) = ids("ada", "astronomy-101", "orbits");
    let keys = |lesson_id: &LessonId| {
        [
            (
                "progress_key",
                JsValue::from_str(&progress_key(&user, &course, lesson_id)),
            ),
            ("course_key", JsValue::from_str(&course_key(&user, &course))),
        ]
    };
    let mut inverted_and_odd = keys(&welcome).to_vec();
    inverted_and_odd.extend([
        ("position_ms", JsValue::from_str("soon")),
        ("position_at_ms", JsValue::from_f64(-4.0)),
        ("duration_ms", JsValue::from_f64(f64::NAN)),
        (
            "watched",
            js_array(&[
                js_pair(5.0, 2.0),
                js_pair(10_000.0, 20_000.0),
                JsValue::from_str("x"),
                js_array(&[JsValue::from_f64(1.0)]),
                js_pair(-3.0, 4.0),
                js_pair(25_000.0, 30_000.0),
            ]),
        ),
        ("is_complete", JsValue::from_str("yes")),
    ]);
    let mut not_a_list = keys(&orbits).to_vec();
    not_a_list.extend([
        ("position_ms", JsValue::from_f64(7_000.0)),
        ("watched", JsValue::from_str("[[0, 7000]]")),
        ("is_complete", JsValue::TRUE),
    ]);
    put_raw_progress(
        name,
        vec![js_object(&inverted_and_odd), js_object(&not_a_list)],
    )
    .await;

    let db = PlayerDb::open_named(name).await.unwrap();
    let odd = LessonProgress {
        duration_ms: None,
        ..progress(0, 0, &[(10_000, 20_000), (25_000, 30_000)], false)
    };
    assert_eq!(
        db.progress(&user, &course, &welcome).await.unwrap(),
        Some(odd.clone())
    );
    let listless = LessonProgress {
        duration_ms: None,
        ..progress(7_000, 0, &[], true)
    };
    assert_eq!(
        db.course_progress(&user, &course).await.unwrap(),
        vec![(orbits, listless), (welcome.clone(), odd)]
    );
    // Saving over a corrupted record replaces it with a sound one, keeping what was readable.
    let now = progress(21_000, 9, &[(20_000, 21_000)], false);
    let merged = db
        .save_progress(&user, &course, &welcome, &now, 10.0)
        .await
        .unwrap();
    assert_eq!(
        merged.watched.ranges(),
        &[(10_000, 21_000), (25_000, 30_000)]
    );
    assert_eq!(merged.duration_ms, Some(60_000));
}

#[wasm_bindgen_test]
async fn a_connection_steps_aside_for_a_newer_version() {
    let name = "lectern-test-version-change";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    assert!(db.is_open());
    // Without the player's connection closing itself, this open would stay blocked.
    let newer = Database::open(name)
        .with_version(DB_VERSION + 1)
        .await
        .unwrap();
    assert_eq!(newer.version(), f64::from(DB_VERSION + 1));
    assert!(!db.is_open());
    newer.close();
}
