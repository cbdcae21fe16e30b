//! The IndexedDB write bench: how many lecture progress events per second the player's real
//! write path stores in headless Chromium, two ways, each on a fresh database:
//! - one transaction per event, as [`PlayerDb::record_progress`] writes every progress save
//!   today (merge the lesson's progress, append the `progressed` event, advance the device's
//!   sequence, atomically);
//! - batched: [`BATCH`] events per transaction through [`PlayerDb::record_events`], doing
//!   the same merge and append for each event.
//!
//! Prints one `lectern-idb-bench {json}` line (read by `cargo xtask bench`). Every run checks
//! that all its events landed in order; there are no timing assertions. Ignored, so `cargo
//! xtask test` skips it; `cargo xtask bench` runs it in release with `--include-ignored
//! --nocapture`.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use indexed_db_futures::database::Database;
use jiff::Timestamp;
use lectern::io::idb::{EventDraft, EventWrite, PlayerDb, ProgressEventIds};
use lectern_core::progress::LessonProgress;
use lectern_core::sync::{DeviceId, EventBody, EventId};
use lectern_core::{CourseId, LessonId, UserId};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// What starts the report line (`IDB_PREFIX` in `xtask/src/bench.rs`).
const REPORT_PREFIX: &str = "lectern-idb-bench ";
/// Events written per timed run.
const EVENTS: usize = 2_000;
/// Events per transaction when batched: the sync engine's batch size (`MAX_BATCH`).
const BATCH: usize = 200;
/// Timed runs of each way; the report gives their median.
const RUNS: usize = 3;
/// Events of the untimed warm-up run of each way.
const WARM_UP_EVENTS: usize = 200;
/// The lessons the events go to, in turn, as a learner moving between lectures.
const LESSONS: [&str; 4] = [
    "tour-of-the-sky",
    "planets-narrated",
    "planets-at-a-glance",
    "observing-the-sky",
];
/// The lectures' length.
const DURATION_MS: u64 = 3_600_000;
/// When the first event happened, in milliseconds since the Unix epoch.
const FIRST_EVENT_AT_MS: u64 = 1_777_000_000_000;

/// How the events are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    OneEach,
    Batched,
}

impl Way {
    fn name(self) -> &'static str {
        match self {
            Way::OneEach => "one-each",
            Way::Batched => "batched",
        }
    }
}

/// One event to write: its lesson, the progress it saves and its id.
struct Planned {
    lesson_id: LessonId,
    progress: LessonProgress,
    event_id: EventId,
}

fn event_id(n: usize) -> EventId {
    EventId::parse(&format!("00000000-0000-4000-8000-{n:012x}")).unwrap()
}

fn device() -> DeviceId {
    DeviceId::parse("11111111-0000-4000-8000-000000000001").unwrap()
}

fn course() -> CourseId {
    CourseId::parse("astronomy-101").unwrap()
}

fn learner() -> UserId {
    UserId::parse("bench-learner").unwrap()
}

/// `count` progress saves: each lesson in turn, a second further on each visit, watched
/// from the start, a millisecond apart, never complete.
fn plan(count: usize) -> Vec<Planned> {
    (0..count)
        .map(|n| {
            let position_ms = ((n / LESSONS.len()) as u64 + 1) * 1_000;
            Planned {
                lesson_id: LessonId::parse(LESSONS[n % LESSONS.len()]).unwrap(),
                progress: LessonProgress {
                    position_ms,
                    position_at_ms: FIRST_EVENT_AT_MS + n as u64,
                    duration_ms: Some(DURATION_MS),
                    watched: [(0, position_ms)].into_iter().collect(),
                    is_complete: false,
                },
                event_id: event_id(n + 1),
            }
        })
        .collect()
}

/// The `progressed` event `record_progress` would append for `planned`, with its progress.
fn event_write(planned: &Planned) -> EventWrite {
    let progress = &planned.progress;
    EventWrite {
        draft: EventDraft {
            event_id: planned.event_id.clone(),
            occurred_at: Timestamp::from_millisecond(progress.position_at_ms as i64).unwrap(),
            course_id: course(),
            lesson_id: planned.lesson_id.clone(),
            body: EventBody::Progressed {
                position_ms: progress.position_ms,
                duration_ms: progress.duration_ms,
                watched: progress.watched.ranges().to_vec(),
            },
        },
        progress: Some(progress.clone()),
    }
}

async fn write_one_each(db: &PlayerDb, planned: &[Planned], now_ms: f64) {
    let (user_id, course_id) = (learner(), course());
    for (n, planned) in planned.iter().enumerate() {
        let ids = ProgressEventIds {
            progressed: planned.event_id.clone(),
            // Never used: no save completes its lesson.
            completed: event_id(EVENTS + n + 1),
            new_device: device(),
        };
        db.record_progress(
            &user_id,
            &course_id,
            &planned.lesson_id,
            &planned.progress,
            ids,
            now_ms,
        )
        .await
        .unwrap();
    }
}

async fn write_batched(db: &PlayerDb, batches: Vec<Vec<EventWrite>>, now_ms: f64) {
    let user_id = learner();
    for batch in batches {
        db.record_events(&user_id, batch, &device(), now_ms)
            .await
            .unwrap();
    }
}

/// Writes `count` events `way` into a fresh database and returns the milliseconds the
/// writes took, after checking that every event is in the outbox, in order.
async fn timed_run(way: Way, count: usize, label: &str) -> f64 {
    let Some(performance) = web_sys::window().and_then(|window| window.performance()) else {
        panic!("no window.performance in this browser");
    };
    let name = format!(
        "lectern-bench-idb-{}-{label}-{}",
        way.name(),
        js_sys::Date::now()
    );
    Database::delete_by_name(&name).unwrap().await.unwrap();
    let db = PlayerDb::open_named(&name).await.unwrap();
    let planned = plan(count);
    let now_ms = js_sys::Date::now();
    let elapsed_ms = match way {
        Way::OneEach => {
            let started = performance.now();
            write_one_each(&db, &planned, now_ms).await;
            performance.now() - started
        }
        Way::Batched => {
            let batches: Vec<Vec<EventWrite>> = planned
                .chunks(BATCH)
                .map(|chunk| chunk.iter().map(event_write).collect())
                .collect();
            let started = performance.now();
            write_batched(&db, batches, now_ms).await;
            performance.now() - started
        }
    };
    let outbox = db.outbox(&learner()).await.unwrap();
    let sequences: Vec<u64> = outbox.iter().map(|event| event.sequence).collect();
    assert_eq!(sequences, (1..=count as u64).collect::<Vec<_>>(), "{way:?}");
    let ids: Vec<&EventId> = outbox.iter().map(|event| &event.event_id).collect();
    let planned_ids: Vec<&EventId> = planned.iter().map(|p| &p.event_id).collect();
    assert_eq!(ids, planned_ids, "{way:?}");
    drop(db);
    Database::delete_by_name(&name).unwrap().await.unwrap();
    elapsed_ms
}

/// The median of `runs_ms` (sorted in place) and events per second at that median.
fn median_and_rate(runs_ms: &mut [f64]) -> (f64, f64) {
    runs_ms.sort_by(f64::total_cmp);
    let median_ms = runs_ms[runs_ms.len() / 2];
    (median_ms, EVENTS as f64 * 1_000.0 / median_ms)
}

#[wasm_bindgen_test]
#[ignore = "a benchmark, run by `cargo xtask bench`"]
async fn idb_bench() {
    for way in [Way::OneEach, Way::Batched] {
        timed_run(way, WARM_UP_EVENTS, "warm-up").await;
    }
    let mut one_each_ms = Vec::with_capacity(RUNS);
    let mut batched_ms = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        let label = format!("run-{run}");
        one_each_ms.push(timed_run(Way::OneEach, EVENTS, &label).await);
        batched_ms.push(timed_run(Way::Batched, EVENTS, &label).await);
    }
    let (one_each_median_ms, one_each_per_s) = median_and_rate(&mut one_each_ms);
    let (batched_median_ms, batched_per_s) = median_and_rate(&mut batched_ms);
    let figures = serde_json::json!({
        "events": EVENTS,
        "batch_size": BATCH,
        "runs": RUNS,
        "one_each_median_ms": one_each_median_ms,
        "one_each_events_per_s": one_each_per_s,
        "batched_median_ms": batched_median_ms,
        "batched_events_per_s": batched_per_s,
        "one_each_runs_ms": one_each_ms,
        "batched_runs_ms": batched_ms,
    });
    console_log!("{REPORT_PREFIX}{figures}");
}
