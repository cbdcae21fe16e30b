//! The IndexedDB adapter in a real browser: the schema is created from nothing, records
//! round-trip, overwrite, list and delete, and a database written in the v1 record format
//! by hand (a canned old database) still reads.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use lectern::io::idb::{PlayerDb, StoredManifestV1, DB_VERSION, MANIFESTS};
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

#[wasm_bindgen_test]
async fn upgrading_from_nothing_creates_every_store() {
    let name = "lectern-test-upgrade";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(db.version(), f64::from(DB_VERSION));
    assert_eq!(db.store_names(), vec![MANIFESTS.to_owned()]);
    assert_eq!(db.manifests().await.unwrap(), Vec::new());
    drop(db);
    // Opening again at the same version runs no upgrade and keeps the store.
    let again = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(again.store_names(), vec![MANIFESTS.to_owned()]);
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
    let stored = player.manifest("astronomy-101").await.unwrap();
    assert_eq!(
        stored,
        Some(StoredManifestV1 {
            course_id: "astronomy-101".into(),
            manifest_json: "{\"course_id\":\"astronomy-101\"}".into(),
            fetched_at_ms: 1_650_000_000_000.0,
        })
    );
}

#[wasm_bindgen_test]
async fn the_players_own_database_opens() {
    let db = PlayerDb::open().await.unwrap();
    assert_eq!(db.version(), f64::from(DB_VERSION));
    assert!(db.store_names().contains(&MANIFESTS.to_owned()));
}
