//! The sync figures: how long [`EVENTS`] queued `progressed` events take to reach the
//! server, two ways, against the same running server:
//! - through the player: signed in as [`SYNC_LEARNER`] on `/sync` in headless Chromium, the
//!   player's IndexedDB outbox is filled from page JavaScript (`fill_outbox.js`, in the
//!   player's stored record format), then "Send now" is pressed and the page times how long
//!   until the header says "synced" (`press_send_now.js`): the player reads the outbox, its
//!   sync engine sends it in batches and its driver deletes what the server acknowledged.
//!   The server's answer for the device then confirms it holds every sequence number;
//! - raw ingest: the same events, for a fresh device, posted natively to
//!   `POST /api/v1/events` in batches of [`ENGINE_MAX_BATCH`], one at a time as the engine
//!   sends them, with the same learner's token; every event must come back `stored`.
//!
//! One run each; a report, never a gate.

use anyhow::{bail, Context, Result};
use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use lectern_e2e::{Browser, Env};
use serde_json::{json, Value};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How many events each way sends.
const EVENTS: u64 = 10_000;
/// The sync engine's batch size (`lectern_core::sync::MAX_BATCH`); this crate talks to the
/// system only over HTTP, so it is repeated here.
const ENGINE_MAX_BATCH: usize = 200;
/// The demo learner whose events are sent. Every demo account is used by some end-to-end
/// test too, but `cargo xtask bench` runs on a database of its own.
const SYNC_LEARNER: &str = "learner2";
/// A course [`SYNC_LEARNER`] is enrolled in, and lessons of it the events go to, in turn.
const COURSE_ID: &str = "astronomy-101";
const LESSON_IDS: [&str; 3] = ["tour-of-the-sky", "planets-narrated", "planets-at-a-glance"];
/// The lectures' length in the events.
const DURATION_MS: u64 = 3_600_000;
/// When event 0 happened: 2025-01-01T00:00:00Z, in milliseconds since the Unix epoch. Each
/// next event happened a millisecond later.
const FIRST_EVENT_AT_MS: u64 = 1_735_689_600_000;
/// How long the player may take to send everything.
const SYNC_PATIENCE: Duration = Duration::from_secs(600);

/// Timings of one way, in milliseconds.
#[derive(Debug)]
struct SyncTiming {
    elapsed_ms: f64,
    /// For the player: when the header first showed the events waiting.
    waiting_ms: Option<f64>,
}

pub async fn report(env: &Env) -> Result<()> {
    let (in_browser, fill_ms) = sync_in_browser(env)
        .await
        .context("syncing through the player")?;
    let native = sync_natively(env).await.context("posting natively")?;
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
        let answer = post_in_page(&browser, &json!({ "events": [filled.last_event] })).await?;
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
fn stored_through(answer: &Value, device_id: &str) -> Result<u64> {
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
fn count_stored(answer: &Value) -> Result<usize> {
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

/// Event `n` (from 0) of `device_id`, with sequence `n + 1`: the rule `fill_outbox.js`
/// follows in the page.
fn progressed_event(event_id: &str, device_id: &str, n: u64) -> Value {
    let lessons = LESSON_IDS.len() as u64;
    let position_ms = (n / lessons + 1) * 1_000;
    json!({
        "event_id": event_id,
        "device_id": device_id,
        "sequence": n + 1,
        "occurred_at": timestamp(FIRST_EVENT_AT_MS + n),
        "course_id": COURSE_ID,
        "lesson_id": LESSON_IDS[(n % lessons) as usize],
        "kind": "progressed",
        "position_ms": position_ms,
        "duration_ms": DURATION_MS,
        "watched": [[0, position_ms]],
    })
}

/// RFC 3339 in UTC for `ms` milliseconds since the Unix epoch, with milliseconds only when
/// they are not zero, as `toISOString` less a zero fraction (and as jiff writes it).
fn timestamp(ms: u64) -> String {
    let days = (ms / 86_400_000) as i64;
    let in_day = ms % 86_400_000;
    let (hour, minute, second, milli) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1_000 % 60,
        in_day % 1_000,
    );
    // Howard Hinnant's days-to-civil-date algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let fraction = if milli == 0 {
        String::new()
    } else {
        format!(".{milli:03}")
    };
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}Z")
}

/// Random-looking, version-4-shaped UUIDs in lowercase, from a seed (SplitMix64).
struct UuidSource(u64);

impl UuidSource {
    fn seeded_by_clock() -> UuidSource {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos() as u64);
        UuidSource(nanos ^ u64::from(std::process::id()).rotate_left(32))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn next_uuid(&mut self) -> String {
        let (high, low) = (self.next_u64(), self.next_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0x0fff,
            ((low >> 48) & 0x3fff) | 0x8000,
            low & 0xffff_ffff_ffff
        )
    }
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// `POST` `body` as JSON to `url`, with a bearer `token` if given; the JSON answer of a
/// success, or an error with the status and body.
async fn post_json(
    client: &HttpClient,
    url: &str,
    token: Option<&str>,
    body: Bytes,
) -> Result<Value> {
    let mut request = http::Request::post(url).header(CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    let response = client
        .request(request.body(Full::new(body))?)
        .await
        .with_context(|| format!("POST {url}"))?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    if !status.is_success() {
        bail!(
            "POST {url} answered {status}: {}",
            String::from_utf8_lossy(&body)
        );
    }
    serde_json::from_slice(&body).with_context(|| format!("POST {url} answered no JSON"))
}

/// Signs in as [`SYNC_LEARNER`] and posts [`EVENTS`] events of a fresh device in batches of
/// [`ENGINE_MAX_BATCH`], timing from the first request to the last answer.
async fn sync_natively(env: &Env) -> Result<SyncTiming> {
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let base_url = env.base_url.trim_end_matches('/');
    let credentials = json!({ "username": SYNC_LEARNER, "password": SYNC_LEARNER });
    let session = post_json(
        &client,
        &format!("{base_url}/api/v1/session"),
        None,
        Bytes::from(credentials.to_string()),
    )
    .await?;
    let Some(token) = session["token"].as_str() else {
        bail!("signing in answered no token: {session}");
    };
    let mut ids = UuidSource::seeded_by_clock();
    let device_id = ids.next_uuid();
    let events: Vec<Value> = (0..EVENTS)
        .map(|n| progressed_event(&ids.next_uuid(), &device_id, n))
        .collect();
    let bodies: Vec<Bytes> = events
        .chunks(ENGINE_MAX_BATCH)
        .map(|batch| Bytes::from(json!({ "events": batch }).to_string()))
        .collect();
    let url = format!("{base_url}/api/v1/events");
    let started = Instant::now();
    let mut answers = Vec::with_capacity(bodies.len());
    for body in bodies {
        answers.push(post_json(&client, &url, Some(token), body).await?);
    }
    let elapsed_ms = started.elapsed().as_secs_f64() * 1_000.0;
    let mut stored = 0;
    for answer in &answers {
        stored += count_stored(answer)?;
    }
    let Some(last) = answers.last() else {
        bail!("nothing was posted");
    };
    let held = stored_through(last, &device_id)?;
    if stored as u64 != EVENTS || held != EVENTS {
        bail!("the server stored {stored} of {EVENTS} events, and holds the device's up to {held}");
    }
    Ok(SyncTiming {
        elapsed_ms,
        waiting_ms: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc_3339_in_utc_without_a_zero_fraction() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(FIRST_EVENT_AT_MS), "2025-01-01T00:00:00Z");
        assert_eq!(
            timestamp(FIRST_EVENT_AT_MS + 9_999),
            "2025-01-01T00:00:09.999Z"
        );
        // 2024 was a leap year; 2100 will not be.
        assert_eq!(timestamp(1_709_208_000_123), "2024-02-29T12:00:00.123Z");
        assert_eq!(timestamp(4_107_542_399_000), "2100-02-28T23:59:59Z");
        assert_eq!(timestamp(4_107_542_400_000), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn uuids_are_lowercase_version_4_shaped_and_differ() {
        let mut ids = UuidSource(7);
        let (first, second) = (ids.next_uuid(), ids.next_uuid());
        assert_ne!(first, second);
        for id in [first, second] {
            let groups: Vec<&str> = id.split('-').collect();
            let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{id}");
            assert!(id
                .chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
            assert!(groups[2].starts_with('4'), "{id}");
            assert!(
                matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
                "{id}"
            );
        }
    }

    #[test]
    fn events_go_to_each_lesson_in_turn_a_second_further_on_each_visit() {
        let event = progressed_event("e", "d", 4);
        assert_eq!(event["sequence"], 5);
        assert_eq!(event["lesson_id"], LESSON_IDS[1]);
        assert_eq!(event["position_ms"], 2_000);
        assert_eq!(event["watched"], json!([[0, 2_000]]));
        assert_eq!(event["occurred_at"], "2025-01-01T00:00:00.004Z");
    }

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
