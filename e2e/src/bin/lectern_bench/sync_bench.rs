//! The sync figures: how long [`EVENTS`] queued `progressed` events take to reach the
//! server, two ways, against the same running server:
//! - through the player: signed in as [`SYNC_LEARNER`] on `/sync` in headless Chromium, the
//!   player's IndexedDB outbox is filled from page JavaScript (`fill_outbox.js`, in the
//!   player's stored record format), then "Send now" is pressed and the page times how long
//!   until the header says "synced" (`press_send_now.js`): the player reads the outbox, its
//!   sync engine sends it in batches and its driver deletes what the server acknowledged.
//!   The server's answer for the device then confirms it holds every sequence number;
//! - raw ingest, for reference: the same events, for a fresh device, posted natively to
//!   `POST /api/v1/events` in batches of [`ENGINE_MAX_BATCH`] (`raw_ingest.rs`).
//!
//! One run each; a report, never a gate.

use crate::raw_ingest;
use anyhow::{bail, Context, Result};
use lectern_e2e::{Browser, Env};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// How many events each way sends.
pub const EVENTS: u64 = 10_000;
/// The sync engine's batch size (`lectern_core::sync::MAX_BATCH`); this crate talks to the
/// system only over HTTP, so it is repeated here.
pub const ENGINE_MAX_BATCH: usize = 200;
/// The demo learner whose events are sent. Every demo account is used by some end-to-end
/// test too, but `cargo xtask bench` runs on a database of its own.
pub const SYNC_LEARNER: &str = "learner2";
/// A course [`SYNC_LEARNER`] is enrolled in, and lessons of it the events go to, in turn.
pub const COURSE_ID: &str = "astronomy-101";
pub const LESSON_IDS: [&str; 3] = ["tour-of-the-sky", "planets-narrated", "planets-at-a-glance"];
/// The lectures' length in the events.
pub const DURATION_MS: u64 = 3_600_000;
/// When event 0 happened: 2025-01-01T00:00:00Z, in milliseconds since the Unix epoch. Each
/// next event happened a millisecond later.
pub const FIRST_EVENT_AT_MS: u64 = 1_735_689_600_000;
/// How long the player may take to send everything.
const SYNC_PATIENCE: Duration = Duration::from_secs(600);

/// Timings of one way, in milliseconds.
#[derive(Debug)]
pub struct SyncTiming {
    pub elapsed_ms: f64,
    /// For the player: when the header first showed the events waiting.
    pub waiting_ms: Option<f64>,
}

pub async fn report(env: &Env) -> Result<()> {
    let (in_browser, fill_ms) = sync_in_browser(env)
        .await
        .context("syncing through the player")?;
    let native = raw_ingest::post_all(env)
        .await
        .context("posting natively")?;
    let rate = |timing: &SyncTiming| EVENTS as f64 * 1_000.0 / timing.elapsed_ms.max(1e-3);
    println!(
        "\n== sync: {EVENTS} queued `progressed` events to the server (loopback, one run each) =="
    );
    println!(
        "{:<58} {:>8.0} ms {:>8.0} events/s",
        "player: \"Send now\" on /sync until the header says synced",
        in_browser.elapsed_ms,
        rate(&in_browser)
    );
    println!(
        "{:<58} {:>8.0} ms {:>8.0} events/s",
        format!("native: POST /api/v1/events, {ENGINE_MAX_BATCH} a batch, one at a time"),
        native.elapsed_ms,
        rate(&native)
    );
    if native.elapsed_ms > 0.0 {
        println!(
            "the player takes {:.2}× the raw ingest time",
            in_browser.elapsed_ms / native.elapsed_ms
        );
    }
    if let Some(waiting_ms) = in_browser.waiting_ms {
        println!(
            "  the header showed them waiting after {waiting_ms:.0} ms (the outbox read back); \
             filling the outbox from page JavaScript took {fill_ms:.0} ms, untimed"
        );
    }
    Ok(())
}

/// Fills the player's outbox and times "Send now" until synced; returns the timing and how
/// long filling took.
async fn sync_in_browser(env: &Env) -> Result<(SyncTiming, f64)> {
    let browser = Browser::open(env).await?;
    let outcome = async {
        crate::sign_in_without_the_app(&browser, SYNC_LEARNER).await?;
        browser.visit("/sync").await?;
        // The lists are read from the database, so the player has made it by now.
        browser.find(".sync-pending .sync-none").await?;
        browser.wait_for_sync_state("synced").await?;
        let filled = browser
            .script_async(
                include_str!("fill_outbox.js"),
                vec![
                    json!(SYNC_LEARNER),
                    json!(EVENTS),
                    json!(COURSE_ID),
                    json!(LESSON_IDS),
                    json!(DURATION_MS),
                    json!(FIRST_EVENT_AT_MS),
                ],
            )
            .await?;
        let filled = Filled::read(&filled)?;
        let pressed = browser
            .client()
            .execute(
                include_str!("press_send_now.js"),
                vec![json!("button.sync-retry"), json!(".sync-indicator")],
            )
            .await?;
        if pressed != json!("pressed") {
            bail!("could not press \"Send now\": {pressed}");
        }
        let outcome = wait_for_outcome(&browser).await?;
        let timing = SyncTiming::from_outcome(&outcome)?;
        // Sending the last event again must be a duplicate: the player sent it already.
        let answer = post_in_page(&browser, &json!({ "events": [filled.last_event] })).await?;
        if answer["results"][0]["status"] != "duplicate" {
            bail!("the player said synced, but the server had not stored its last event: {answer}");
        }
        let held = stored_through(&answer, &filled.device_id)?;
        if held < filled.last_sequence {
            bail!(
                "the player said synced, but the server holds {} only up to sequence {held} of {}",
                filled.device_id,
                filled.last_sequence
            );
        }
        Ok((timing, filled.fill_ms))
    }
    .await;
    browser.close().await?;
    outcome
}

/// What `fill_outbox.js` wrote.
#[derive(Debug)]
struct Filled {
    device_id: String,
    last_sequence: u64,
    last_event: Value,
    fill_ms: f64,
}

impl Filled {
    fn read(answer: &Value) -> Result<Filled> {
        let (Some(device_id), Some(last_sequence), Some(fill_ms)) = (
            answer["device_id"].as_str(),
            answer["last_sequence"].as_u64(),
            answer["fill_ms"].as_f64(),
        ) else {
            bail!("the outbox was not filled: {answer}");
        };
        Ok(Filled {
            device_id: device_id.to_owned(),
            last_sequence,
            last_event: answer["last_event"].clone(),
            fill_ms,
        })
    }
}

/// Polls the page until `press_send_now.js` has an outcome. The timing is taken in the page,
/// so how often this polls does not change it.
async fn wait_for_outcome(browser: &Browser) -> Result<Value> {
    let deadline = Instant::now() + SYNC_PATIENCE;
    loop {
        let outcome = browser
            .script("return window.lecternSyncBench?.outcome ?? null;")
            .await?;
        if !outcome.is_null() {
            return Ok(outcome);
        }
        if Instant::now() > deadline {
            let states = browser
                .script("return window.lecternSyncBench?.states ?? null;")
                .await?;
            bail!("not synced within {SYNC_PATIENCE:?}; the header showed {states}");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

impl SyncTiming {
    /// The figures of a `press_send_now.js` outcome, or its error.
    fn from_outcome(outcome: &Value) -> Result<SyncTiming> {
        let Some(elapsed_ms) = outcome["synced_ms"].as_f64() else {
            bail!("the player did not sync: {outcome}");
        };
        Ok(SyncTiming {
            elapsed_ms,
            waiting_ms: outcome["waiting_ms"].as_f64(),
        })
    }
}

/// `POST /api/v1/events` with `batch` from the page, with the signed-in learner's token.
async fn post_in_page(browser: &Browser, batch: &Value) -> Result<Value> {
    let script = "const done = arguments[arguments.length - 1];
        const session = JSON.parse(localStorage.getItem('lectern.session.v1'));
        fetch('/api/v1/events', {
          method: 'POST',
          headers: { Authorization: 'Bearer ' + session.token, 'Content-Type': 'application/json' },
          body: JSON.stringify(arguments[0]),
        })
          .then(r => r.ok ? r.json() : Promise.reject(new Error(r.status)))
          .then(body => done({ body }), err => done({ error: String(err) }));";
    let answer = browser.script_async(script, vec![batch.clone()]).await?;
    if let Some(error) = answer.get("error") {
        bail!("POST /api/v1/events failed: {error}");
    }
    Ok(answer["body"].clone())
}

/// The sequence up to which the server holds every event of `device_id`, from an
/// `EventBatchResponse` that lists the device; an error if it is not listed or misses some
/// sequence below the highest it holds.
pub fn stored_through(answer: &Value, device_id: &str) -> Result<u64> {
    let Some(device) = answer["devices"]
        .as_array()
        .and_then(|devices| devices.iter().find(|d| d["device_id"] == device_id))
    else {
        bail!("the server's answer does not list device {device_id}: {answer}");
    };
    let missing = device["missing_sequences"]
        .as_array()
        .map_or(0, |missing| missing.len());
    if missing > 0 {
        bail!("the server misses sequences of device {device_id}: {device}");
    }
    device["last_acknowledged_sequence"]
        .as_u64()
        .with_context(|| format!("no last_acknowledged_sequence in {device}"))
}

/// How many results of an `EventBatchResponse` say `stored`; an error naming the first
/// that does not, or any event the server could not read.
pub fn count_stored(answer: &Value) -> Result<usize> {
    let Some(results) = answer["results"].as_array() else {
        bail!("no results in {answer}");
    };
    if let Some(unreadable) = answer["unreadable"].as_array().and_then(|u| u.first()) {
        bail!("the server could not read an event: {unreadable}");
    }
    if let Some(other) = results.iter().find(|r| r["status"] != "stored") {
        bail!("an event was not stored: {other}");
    }
    Ok(results.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_server_holds_of_a_device_from_its_answer() {
        let answer = json!({
            "results": [
                { "event_id": "a", "status": "stored" },
                { "event_id": "b", "status": "stored" }
            ],
            "devices": [
                { "device_id": "other", "last_acknowledged_sequence": 3 },
                { "device_id": "mine", "last_acknowledged_sequence": 200 }
            ]
        });
        assert_eq!(stored_through(&answer, "mine").unwrap(), 200);
        assert_eq!(count_stored(&answer).unwrap(), 2);
        assert!(stored_through(&answer, "absent").is_err());
    }

    #[test]
    fn gaps_rejections_and_unreadable_events_are_errors() {
        let gap = json!({ "devices": [
            { "device_id": "mine", "last_acknowledged_sequence": 2, "missing_sequences": [3] }
        ] });
        assert!(stored_through(&gap, "mine").is_err());
        let rejected = json!({ "results": [
            { "event_id": "a", "status": "stored" },
            { "event_id": "b", "status": "rejected", "reason": "not a lesson of a course you are enrolled in" }
        ] });
        let error = count_stored(&rejected).unwrap_err().to_string();
        assert!(error.contains("not a lesson"), "{error}");
        let unreadable = json!({ "results": [], "unreadable": [{ "index": 0, "reason": "?" }] });
        assert!(count_stored(&unreadable).is_err());
        assert!(count_stored(&json!({})).is_err());
    }

    #[test]
    fn the_players_timing_comes_from_the_page_or_its_error_is_reported() {
        let synced = json!({ "synced_ms": 1234.5, "waiting_ms": 80.0, "states": [] });
        let timing = SyncTiming::from_outcome(&synced).unwrap();
        assert_eq!((timing.elapsed_ms, timing.waiting_ms), (1234.5, Some(80.0)));
        let failing = json!({ "error": "the sync indicator went failing", "states": [] });
        let error = SyncTiming::from_outcome(&failing).unwrap_err().to_string();
        assert!(error.contains("went failing"), "{error}");
        let filled = json!({ "device_id": "d", "first_sequence": 1, "last_sequence": 10000,
            "last_event": { "sequence": 10000 }, "fill_ms": 900.0 });
        let filled = Filled::read(&filled).unwrap();
        assert_eq!((filled.last_sequence, filled.fill_ms), (10_000, 900.0));
        assert!(Filled::read(&json!("the outbox was not filled: QuotaExceededError")).is_err());
    }
}
