//! The progress saver in a real browser: saves return at once and coalesce per lesson,
//! reads include what is not yet written, `flush` waits for the database, and a write that
//! fails is kept and retried until it lands.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use indexed_db_futures::database::Database;
use lectern::io::idb::{PlayerDb, DB_VERSION};
use lectern::io::local_db::{fallback_of, Fallback};
use lectern::io::progress_store::{retry_delay_ms, ProgressStore};
use lectern_core::progress::LessonProgress;
use lectern_core::{CourseId, LessonId, UserId};
use std::collections::HashMap;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Starts from no database at all under `name`.
async fn fresh(name: &str) {
    Database::delete_by_name(name).unwrap().await.unwrap();
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

#[wasm_bindgen_test]
fn retries_wait_twice_as_long_each_time_up_to_30_s() {
    let delays: Vec<u32> = (1..=7).map(retry_delay_ms).collect();
    assert_eq!(
        delays,
        vec![1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]
    );
    assert_eq!(retry_delay_ms(u32::MAX), 30_000);
}

#[wasm_bindgen_test]
async fn saves_coalesce_per_lesson_and_flush_writes_them() {
    let name = "lectern-test-store-coalesce";
    fresh(name).await;
    let store = ProgressStore::named(name);
    let (user, course, welcome) = ids("ada", "astronomy-101", "welcome");
    let (_, _, orbits) = ids("ada", "astronomy-101", "orbits");
    assert_eq!(store.flush().await, Ok(()));

    store.save(
        &user,
        &course,
        &welcome,
        progress(5_000, 1, &[(0, 5_000)], false),
    );
    store.save(
        &user,
        &course,
        &welcome,
        progress(12_000, 2, &[(8_000, 12_000)], false),
    );
    // A clone shares the queue.
    store.clone().save(
        &user,
        &course,
        &welcome,
        progress(3_000, 3, &[(0, 3_000)], false),
    );
    assert_eq!(store.pending_count(), 1);
    store.save(
        &user,
        &course,
        &orbits,
        progress(1_000, 4, &[(0, 1_000)], true),
    );
    assert_eq!(store.pending_count(), 2);

    // Unwritten saves are already visible to reads.
    let welcome_merged = progress(3_000, 3, &[(0, 5_000), (8_000, 12_000)], false);
    assert_eq!(
        store.load(&user, &course, &welcome).await.unwrap(),
        Some(welcome_merged.clone())
    );

    assert_eq!(store.flush().await, Ok(()));
    assert_eq!(store.pending_count(), 0);
    let db = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(
        db.progress(&user, &course, &welcome).await.unwrap(),
        Some(welcome_merged.clone())
    );
    let expected_course = HashMap::from([
        (welcome.clone(), welcome_merged),
        (orbits.clone(), progress(1_000, 4, &[(0, 1_000)], true)),
    ]);
    assert_eq!(
        store.load_course(&user, &course).await.unwrap(),
        expected_course
    );
    let (_, other_course, _) = ids("ada", "night-sky-lab", "welcome");
    assert_eq!(
        store.load_course(&user, &other_course).await.unwrap(),
        HashMap::new()
    );
}

#[wasm_bindgen_test]
async fn saves_merge_with_what_another_tab_stored() {
    let name = "lectern-test-store-merge";
    fresh(name).await;
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    let other_tab = PlayerDb::open_named(name).await.unwrap();
    other_tab
        .save_progress(
            &user,
            &course,
            &lesson,
            &progress(50_000, 9, &[(0, 50_000)], true),
            9.0,
        )
        .await
        .unwrap();

    let store = ProgressStore::named(name);
    store.save(
        &user,
        &course,
        &lesson,
        progress(2_000, 5, &[(50_000, 52_000)], false),
    );
    assert_eq!(store.flush().await, Ok(()));
    assert_eq!(
        other_tab.progress(&user, &course, &lesson).await.unwrap(),
        Some(progress(50_000, 9, &[(0, 52_000)], true))
    );
}

#[wasm_bindgen_test]
async fn a_database_this_build_cannot_open_leaves_progress_in_memory_untouched() {
    let name = "lectern-test-store-newer";
    fresh(name).await;
    // A database from a newer player: this build cannot open it (nor may it change it).
    let newer = Database::open(name)
        .with_version(DB_VERSION + 1)
        .await
        .unwrap();
    newer.close();
    let store = ProgressStore::named(name);
    let outcomes = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let heard = std::rc::Rc::clone(&outcomes);
    store.on_outcome(move |outcome| heard.borrow_mut().push(outcome.is_ok()));
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    let saved = progress(7_000, 1, &[(0, 7_000)], false);
    store.save(&user, &course, &lesson, saved.clone());

    assert_eq!(store.flush().await, Ok(()));
    assert_eq!(*outcomes.borrow(), [true], "the write landed, in memory");
    assert_eq!(store.pending_count(), 0);
    assert_eq!(store.load(&user, &course, &lesson).await, Ok(Some(saved)));
    assert!(matches!(fallback_of(name), Some(Fallback::Unavailable(_))));
    let untouched = Database::open(name).await.unwrap();
    assert_eq!(untouched.version(), f64::from(DB_VERSION + 1));
    assert!(
        untouched.object_store_names().next().is_none(),
        "nothing was written to it"
    );
}

#[wasm_bindgen_test]
async fn the_store_reopens_after_another_tab_upgraded() {
    let name = "lectern-test-store-reopen";
    fresh(name).await;
    let store = ProgressStore::named(name);
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    store.save(
        &user,
        &course,
        &lesson,
        progress(1_000, 1, &[(0, 1_000)], false),
    );
    assert_eq!(store.flush().await, Ok(()));

    // Deleting the database closes the store's connection (a `versionchange`), and the
    // next save opens a new one on the new, empty database.
    fresh(name).await;
    store.save(
        &user,
        &course,
        &lesson,
        progress(2_000, 2, &[(1_000, 2_000)], false),
    );
    assert_eq!(store.flush().await, Ok(()));
    assert_eq!(
        store.load(&user, &course, &lesson).await.unwrap(),
        Some(progress(2_000, 2, &[(1_000, 2_000)], false))
    );
}

#[wasm_bindgen_test]
async fn each_write_appends_its_events_to_the_outbox_and_reports_them() {
    use lectern_core::sync::{EventBody, LearnerEvent};
    use std::cell::RefCell;
    use std::rc::Rc;
    let name = "lectern-test-store-events";
    fresh(name).await;
    let store = ProgressStore::named(name);
    let heard = Rc::new(RefCell::new(Vec::new()));
    let listener = Rc::clone(&heard);
    store.on_recorded(move |user_id, events| {
        listener
            .borrow_mut()
            .extend(events.into_iter().map(|e| (user_id.clone(), e)));
    });
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    store.save(
        &user,
        &course,
        &lesson,
        progress(5_000, 1_000, &[(0, 5_000)], false),
    );
    assert_eq!(store.flush().await, Ok(()));
    store.save(
        &user,
        &course,
        &lesson,
        progress(58_000, 2_000, &[(0, 58_000)], true),
    );
    assert_eq!(store.flush().await, Ok(()));
    // Completion is reported once: a later write of a complete lesson adds no second one.
    store.save(
        &user,
        &course,
        &lesson,
        progress(59_000, 3_000, &[(0, 59_000)], true),
    );
    assert_eq!(store.flush().await, Ok(()));

    let reported: Vec<(UserId, LearnerEvent)> = heard.borrow().clone();
    let kinds: Vec<&str> = reported.iter().map(|(_, e)| e.body.kind_name()).collect();
    assert_eq!(
        kinds,
        vec!["progressed", "progressed", "completed", "progressed"]
    );
    let sequences: Vec<u64> = reported.iter().map(|(_, e)| e.sequence).collect();
    assert_eq!(sequences, vec![1, 2, 3, 4]);
    assert!(reported.iter().all(|(user_id, _)| user_id == &user));
    let EventBody::Progressed {
        position_ms,
        watched,
        ..
    } = &reported[1].1.body
    else {
        panic!("the second event is a progress event");
    };
    assert_eq!((*position_ms, watched.clone()), (58_000, vec![(0, 58_000)]));
    let db = PlayerDb::open_named(name).await.unwrap();
    let outbox = db.outbox(&user).await.unwrap();
    let stored: Vec<LearnerEvent> = reported.into_iter().map(|(_, e)| e).collect();
    assert_eq!(
        outbox, stored,
        "what was reported is exactly what the outbox holds"
    );
}

#[wasm_bindgen_test]
async fn the_servers_progress_is_merged_in_without_recording_events() {
    let name = "lectern-test-store-absorb";
    fresh(name).await;
    let store = ProgressStore::named(name);
    let (user, course, lesson) = ids("ada", "astronomy-101", "welcome");
    store.save(
        &user,
        &course,
        &lesson,
        progress(5_000, 1_000, &[(0, 5_000)], false),
    );
    assert_eq!(store.flush().await, Ok(()));
    let from_server = progress(40_000, 9_000, &[(20_000, 40_000)], true);
    let merged = store
        .absorb(&user, &course, &[(lesson.clone(), from_server)])
        .await
        .unwrap();
    assert_eq!(merged.len(), 1);
    let (_, merged) = &merged[0];
    assert_eq!(merged.position_ms, 40_000, "the later position wins");
    assert_eq!(merged.watched.ranges(), &[(0, 5_000), (20_000, 40_000)]);
    assert!(merged.is_complete);
    let db = PlayerDb::open_named(name).await.unwrap();
    assert_eq!(
        db.outbox(&user).await.unwrap().len(),
        1,
        "only the device's own write is an event"
    );
}
