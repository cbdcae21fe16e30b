//! Downloads on the device, in a real browser: a canned v4 database (the last released
//! schema) upgrades with everything it held and gains the download index; download
//! records round-trip with every state; files arrive in parts in Cache Storage and become
//! one file, a lost part is reported, and a removed file is gone.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use lectern::io::idb::{
    PlayerDb, StoredDownloadV1, ATTEMPTS, ATTEMPTS_BY_QUIZ, CONFLICTS, DB_VERSION, DEVICE,
    DOWNLOADS, MANIFESTS, OUTBOX, OUTBOX_BY_USER, PROGRESS, PROGRESS_BY_COURSE, REJECTED,
};
use lectern::io::media_cache::{self, CacheError};
use lectern_core::course::MediaUrl;
use lectern_core::offline::{CourseDownload, DownloadFailure, DownloadState, LessonFiles, NoSpace};
use lectern_core::{CourseId, LessonId, UserId};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) {
    Database::delete_by_name(name).unwrap().await.unwrap();
}

fn js_object(properties: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in properties {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).unwrap();
    }
    object.into()
}

#[wasm_bindgen_test]
async fn a_canned_v4_database_upgrades_with_its_outbox() {
    let name = "lectern-test-canned-v4";
    fresh(name).await;
    let db = Database::open(name)
        .with_version(4u32)
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
            db.create_object_store(OUTBOX)
                .with_key_path(KeyPath::One("event_key"))
                .build()?
                .create_index(OUTBOX_BY_USER, KeyPath::One("user_id"))
                .build()?;
            for set_aside in [CONFLICTS, REJECTED] {
                db.create_object_store(set_aside)
                    .with_key_path(KeyPath::One("event_key"))
                    .build()?;
            }
            db.create_object_store(DEVICE)
                .with_key_path(KeyPath::One("device_key"))
                .build()?;
            Ok(())
        })
        .await
        .unwrap();
    let event_id = "00000000-0000-4000-8000-0000000000e1";
    let event_json = format!(
        r#"{{"event_id":"{event_id}","device_id":"00000000-0000-4000-8000-0000000000d1","sequence":1,"occurred_at":"2026-05-01T10:00:00Z","course_id":"astronomy-101","lesson_id":"tour-of-the-sky","kind":"completed"}}"#
    );
    let tx = db
        .transaction(OUTBOX)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store(OUTBOX)
        .unwrap()
        .put(js_object(&[
            ("event_key", event_id.into()),
            ("user_id", "ada".into()),
            ("event_json", event_json.into()),
            ("written_at_ms", JsValue::from_f64(1.0)),
        ]))
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let player = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(player.version(), f64::from(DB_VERSION));
    assert!(player.store_names().contains(&DOWNLOADS.to_owned()));
    assert_eq!(player.downloads().await.unwrap(), Vec::new());
    let outbox = player.outbox(&UserId::parse("ada").unwrap()).await.unwrap();
    assert_eq!(outbox.len(), 1, "the waiting event survived the upgrade");
    assert_eq!(outbox[0].event_id.to_string(), event_id);
}

fn url(raw: &str) -> MediaUrl {
    MediaUrl::parse(raw).unwrap()
}

fn sample_download() -> CourseDownload {
    let mut download = CourseDownload::new(CourseId::parse("astronomy-101").unwrap());
    download.add_lessons([(
        LessonId::parse("tour-of-the-sky").unwrap(),
        LessonFiles {
            downloadable: vec![url("/media/a.webm"), url("/media/a.en.vtt")],
            elsewhere: Vec::new(),
        },
    )]);
    download.files[0].size_bytes = Some(1_600_000);
    download.files[0].fetched_bytes = 524_288;
    download.files[0].part_starts = vec![0];
    download.files[0].content_type = Some("video/webm".into());
    download
}

#[wasm_bindgen_test]
async fn download_records_round_trip_in_every_state() {
    let name = "lectern-test-downloads";
    fresh(name).await;
    let db = PlayerDb::open_named(name).await.unwrap();
    let ada = UserId::parse("ada").unwrap();
    let states = [
        DownloadState::Downloading,
        DownloadState::Paused,
        DownloadState::Complete,
        DownloadState::Failed(DownloadFailure::NoSpace(NoSpace {
            needed_bytes: 5_000_000,
            available_bytes: 12_345,
        })),
        DownloadState::Failed(DownloadFailure::StorageFull),
        DownloadState::Failed(DownloadFailure::Offline),
        DownloadState::Failed(DownloadFailure::Server { status: 503 }),
        DownloadState::Failed(DownloadFailure::BadAnswer),
        DownloadState::Failed(DownloadFailure::Storage),
    ];
    for state in states {
        let mut download = sample_download();
        download.state = state;
        let record = StoredDownloadV1::new(&ada, "Astronomy 101", &download, 42.0);
        db.put_download(&record).await.unwrap();
        let stored = db.downloads().await.unwrap();
        assert_eq!(stored.len(), 1, "one record per learner and course");
        assert_eq!(stored[0].course_title, "Astronomy 101");
        assert_eq!(stored[0].download().unwrap(), download);
    }
    db.delete_download(&StoredDownloadV1::new(&ada, "", &sample_download(), 0.0).download_key)
        .await
        .unwrap();
    assert_eq!(db.downloads().await.unwrap(), Vec::new());
}

#[wasm_bindgen_test]
async fn a_record_that_does_not_read_says_why() {
    let ada = UserId::parse("ada").unwrap();
    let mut record = StoredDownloadV1::new(&ada, "A", &sample_download(), 0.0);
    record.files[0].url = "javascript:alert(1)".into();
    assert!(record.download().unwrap_err().contains("javascript"));
}

fn blob(text: &str) -> web_sys::Blob {
    web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str(text))).unwrap()
}

async fn cached_text(url: &str) -> Option<String> {
    let caches = web_sys::window().unwrap().caches().unwrap();
    let cache: web_sys::Cache = JsFuture::from(caches.open(media_cache::MEDIA_CACHE))
        .await
        .unwrap()
        .unchecked_into();
    let found = JsFuture::from(cache.match_with_str(url)).await.unwrap();
    let response = found.dyn_into::<web_sys::Response>().ok()?;
    let text = JsFuture::from(response.text().unwrap()).await.unwrap();
    text.as_string()
}

#[wasm_bindgen_test]
async fn parts_become_one_file_and_removing_it_leaves_nothing() {
    let file = "/media/test/parts.txt";
    media_cache::put_part(file, 0, &blob("Hello, "))
        .await
        .unwrap();
    media_cache::put_part(file, 7, &blob("world"))
        .await
        .unwrap();
    assert!(
        !media_cache::has_file(file).await.unwrap(),
        "parts are not the file"
    );
    media_cache::assemble(file, &[0, 7], "text/plain")
        .await
        .unwrap();
    assert!(media_cache::has_file(file).await.unwrap());
    assert_eq!(cached_text(file).await.as_deref(), Some("Hello, world"));
    // The parts are gone once joined: joining again finds none.
    assert!(matches!(
        media_cache::assemble(file, &[0, 7], "text/plain").await,
        Err(CacheError::MissingPart(_))
    ));
    media_cache::delete_file(file).await.unwrap();
    assert!(!media_cache::has_file(file).await.unwrap());
}

#[wasm_bindgen_test]
async fn a_whole_file_is_kept_as_it_came() {
    let file = "/media/test/whole.vtt";
    media_cache::put_whole(file, &blob("WEBVTT\n"), "text/vtt")
        .await
        .unwrap();
    assert_eq!(cached_text(file).await.as_deref(), Some("WEBVTT\n"));
    media_cache::delete_file(file).await.unwrap();
}
