//! The in-memory fallback, in a real browser: when the database will not open (here: it
//! exists at a newer version than this build knows, as a refused open would), progress
//! saves, reads back merged, records its events and lists them in an outbox that
//! acknowledgements empty; the page says so once. An upgrade another tab blocks settles
//! with `Blocked` after the patience, never a hang, and falls back the same way.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use indexed_db_futures::database::Database;
use lectern::io::idb::{IdbError, PlayerDb, SharedConnection, BLOCKED_PATIENCE, DB_VERSION};
use lectern::io::local_db::{fallback_of, on_fallback, Fallback};
use lectern::io::progress_store::ProgressStore;
use lectern_core::progress::LessonProgress;
use lectern_core::sync::{EventBody, LearnerEvent};
use lectern_core::{CourseId, LessonId, UserId};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) {
    Database::delete_by_name(name).unwrap().await.unwrap();
}

fn lecture(position_ms: u64, watched: &[(u64, u64)], is_complete: bool) -> LessonProgress {
    LessonProgress {
        position_ms,
        position_at_ms: 1_780_000_000_000 + position_ms,
        duration_ms: Some(60_000),
        watched: watched.iter().copied().collect(),
        is_complete,
    }
}

#[wasm_bindgen_test]
async fn progress_and_events_live_in_memory_when_the_database_will_not_open() {
    let name = "lectern-test-memory";
    fresh(name).await;
    // A database this build cannot open: a version from the future.
    Database::open(name)
        .with_version(DB_VERSION + 90)
        .await
        .unwrap()
        .close();
    assert!(matches!(
        PlayerDb::open_named(name).await,
        Err(IdbError::Open(_))
    ));

    let announced: Rc<RefCell<Vec<Fallback>>> = Rc::default();
    let heard = Rc::clone(&announced);
    on_fallback(move |fallback| heard.borrow_mut().push(fallback.clone()));
    let recorded: Rc<RefCell<Vec<LearnerEvent>>> = Rc::default();
    let store = ProgressStore::named(name);
    let kept = Rc::clone(&recorded);
    store.on_recorded(move |_, events| kept.borrow_mut().extend(events));

    let ada = UserId::parse("ada").unwrap();
    let course = CourseId::parse("astronomy-101").unwrap();
    let lesson = LessonId::parse("tour-of-the-sky").unwrap();
    store.save(
        &ada,
        &course,
        &lesson,
        lecture(10_000, &[(0, 10_000)], false),
    );
    store.flush().await.unwrap();
    store.save(
        &ada,
        &course,
        &lesson,
        lecture(58_000, &[(10_000, 58_000)], true),
    );
    store.flush().await.unwrap();

    let loaded = store.load(&ada, &course, &lesson).await.unwrap().unwrap();
    assert_eq!(loaded.watched.ranges(), [(0, 58_000)]);
    assert!(loaded.is_complete);
    assert!(matches!(fallback_of(name), Some(Fallback::Unavailable(_))));
    assert_eq!(
        announced.borrow().len(),
        1,
        "announced once: {:?}",
        announced.borrow()
    );

    let kinds: Vec<bool> = recorded
        .borrow()
        .iter()
        .map(|event| matches!(event.body, EventBody::Completed))
        .collect();
    assert_eq!(kinds, [false, false, true], "two progressed, one completed");
    let sequences: Vec<u64> = recorded
        .borrow()
        .iter()
        .map(|event| event.sequence)
        .collect();
    assert_eq!(sequences, [1, 2, 3]);

    let local = SharedConnection::new(name).local().await.unwrap();
    assert!(local.is_memory());
    let waiting = local.outbox(&ada).await.unwrap();
    assert_eq!(waiting, *recorded.borrow());
    assert_eq!(
        local.outbox(&UserId::parse("bob").unwrap()).await.unwrap(),
        Vec::new(),
        "another learner sees none of it"
    );
    let first = waiting[0].event_id.clone();
    local.acknowledge(&[first]).await.unwrap();
    assert_eq!(local.outbox(&ada).await.unwrap().len(), 2);
    // The database is not tried again on this page.
    assert!(SharedConnection::new(name).get().await.is_err());
}

#[wasm_bindgen_test]
async fn an_upgrade_another_tab_blocks_settles_and_falls_back() {
    let name = "lectern-test-blocked";
    fresh(name).await;
    // "Another tab": an older version kept open, which never steps aside.
    let older = Database::open(name)
        .with_version(DB_VERSION - 1)
        .await
        .unwrap();
    let performance = web_sys::window().unwrap().performance().unwrap();
    let started = performance.now();
    let opened = PlayerDb::open_named(name).await;
    let waited_ms = performance.now() - started;
    assert!(matches!(opened, Err(IdbError::Blocked)), "{opened:?}");
    assert!(
        waited_ms >= BLOCKED_PATIENCE.as_millis() as f64 - 50.0,
        "it waited for the other tab first ({waited_ms} ms)"
    );
    assert!(waited_ms < 10_000.0, "it settled ({waited_ms} ms)");

    let local = SharedConnection::new(name).local().await.unwrap();
    assert!(local.is_memory());
    assert_eq!(fallback_of(name), Some(Fallback::Blocked));
    older.close();
}
