//! The reference for the sync figures: raw server ingest. [`EVENTS`] `progressed` events of
//! a fresh device, the same in shape as those the player sends in `sync_bench.rs`, posted
//! natively to `POST /api/v1/events` with [`SYNC_LEARNER`]'s token, in batches of
//! [`ENGINE_MAX_BATCH`], one at a time as the player's sync engine sends them. The batches
//! are written before the clock starts; every event must come back `stored`.

use crate::sync_bench::{
    count_stored, stored_through, SyncTiming, COURSE_ID, DURATION_MS, ENGINE_MAX_BATCH, EVENTS,
    FIRST_EVENT_AT_MS, LESSON_IDS, SYNC_LEARNER,
};
use anyhow::{bail, Result};
use bytes::Bytes;
use lectern_e2e::{http_client, post_json, Env};
use serde_json::{json, Value};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Event `n` (from 0) of `device_id`, with sequence `n + 1`: the rule `fill_outbox.js`
/// follows in the page.
pub(crate) fn progressed_event(event_id: &str, device_id: &str, n: u64) -> Value {
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
pub(crate) struct UuidSource(u64);

impl UuidSource {
    pub(crate) fn seeded_by_clock() -> UuidSource {
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

    pub(crate) fn next_uuid(&mut self) -> String {
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

/// Signs in as [`SYNC_LEARNER`] and posts [`EVENTS`] events of a fresh device in batches of
/// [`ENGINE_MAX_BATCH`], timing from the first request to the last answer.
pub async fn post_all(env: &Env) -> Result<SyncTiming> {
    let client = http_client();
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
}
