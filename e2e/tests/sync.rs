//! Sync in real Chromium: lecture progress reaches the server through the outbox and the
//! events endpoint; with the events endpoint unreachable the header says so and nothing
//! is lost, even across a reload; once it is back the server has the time played meanwhile.
//! Progress this device cannot store goes to the server at once, and a banner says so.

mod common;

use anyhow::{ensure, Result};
use common::as_learner;
use lectern_e2e::Browser;

const COURSE: &str = "astronomy-101";
const LESSON: &str = "planets-narrated";

/// Plays three seconds from `from_ms` and returns where it paused, in ms.
async fn play_three_seconds_from(browser: &Browser, from_ms: u64) -> Result<u64> {
    browser.seek_to_ms(from_ms).await?;
    browser.play_lecture().await?;
    let target = from_ms as f64 / 1_000.0 + 3.0;
    browser
        .wait_until("three seconds played", |state| state.current_time >= target)
        .await?;
    let paused = browser.pause_lecture().await?;
    Ok((paused.current_time * 1_000.0) as u64)
}

#[tokio::test]
async fn lecture_progress_reaches_the_server_and_survives_a_dropped_network() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner2", "learner2").await?;
            browser.open_lecture(COURSE, LESSON).await?;
            // Start past anything played before, so only this test's time counts.
            let before = browser.server_lesson_progress(COURSE, LESSON).await?;
            let fresh_ms = before.as_ref().map_or(0, Browser::watched_until) + 4_000;
            let online_end = play_three_seconds_from(browser, fresh_ms).await?;
            browser
                .wait_for_server_progress(COURSE, LESSON, "the played time arrived", |p| {
                    Browser::watched_until(p) + 300 >= online_end
                })
                .await?;
            browser.wait_for_sync_state("synced").await?;

            // The events endpoint drops out: progress keeps being saved here.
            browser.drop_requests_to("*/api/v1/events*").await?;
            let offline_start = online_end + 4_000;
            let offline_end = play_three_seconds_from(browser, offline_start).await?;
            browser.wait_for_sync_state("failing").await?;
            let waiting = browser.text_of(".sync-indicator").await?;
            ensure!(
                waiting.contains("waiting"),
                "the header says events wait: {waiting:?}"
            );
            let during = browser
                .server_lesson_progress(COURSE, LESSON)
                .await?
                .unwrap_or_default();
            ensure!(
                Browser::watched_until(&during) < offline_start,
                "the server did not get the offline time yet: {during}"
            );

            // A reload while it is still down: the outbox is on the device, not in the page.
            browser.reload().await?;
            browser.find(".sync-indicator").await?;
            browser.allow_all_requests().await?;
            browser
                .wait_for_server_progress(COURSE, LESSON, "the time played offline arrived", |p| {
                    Browser::watched_until(p) + 300 >= offline_end
                })
                .await?;
            browser.wait_for_sync_state("synced").await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn the_sync_page_lists_what_waits_and_what_the_server_would_not_keep() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.wait_for_sync_state("synced").await?;
            browser.drop_requests_to("*/api/v1/events*").await?;
            // An event for a lesson that does not exist, as a buggy or outdated recorder
            // could have left in the outbox.
            let event_id = "00000000-0000-4000-8000-00000000bad1";
            let injected = browser
                .script_async(
                    "const [eventId, done] = [arguments[0], arguments[arguments.length - 1]];
                     const event = { event_id: eventId, device_id: '00000000-0000-4000-8000-0000000000d1',
                         sequence: 999, occurred_at: new Date().toISOString(),
                         course_id: 'astronomy-101', lesson_id: 'no-such-lesson', kind: 'completed' };
                     const open = indexedDB.open('lectern');
                     open.onerror = () => done(String(open.error));
                     open.onsuccess = () => {
                         const db = open.result;
                         const tx = db.transaction('outbox', 'readwrite');
                         tx.objectStore('outbox').put({ event_key: eventId, user_id: 'learner1',
                             event_json: JSON.stringify(event), written_at_ms: Date.now() });
                         tx.oncomplete = () => { db.close(); done(true); };
                         tx.onerror = () => done(String(tx.error));
                     };",
                    vec![serde_json::json!(event_id)],
                )
                .await?;
            ensure!(injected == serde_json::json!(true), "the event was written: {injected}");
            browser.click("a.sync-indicator").await?;
            let pending = format!(".sync-pending .sync-event[data-event-id='{event_id}']");
            browser.find(&pending).await?;
            ensure!(
                browser.text_of(&pending).await?.contains("no-such-lesson"),
                "the pending event says where it belongs"
            );

            browser.allow_all_requests().await?;
            browser.click("button.sync-retry").await?;
            let rejected = format!(".sync-rejected .sync-event[data-event-id='{event_id}']");
            let text = browser.wait_for_text(&rejected, "enrolled").await?;
            ensure!(!browser.is_present(&pending).await?, "it left the pending list: {text}");
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn progress_made_on_one_device_shows_on_another() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            // instructor1 takes the lecture, so no learner's progress in it is shared.
            browser.sign_in_to_catalog("instructor1", "instructor1").await?;
            browser.open_lecture(COURSE, LESSON).await?;
            let paused_ms = play_three_seconds_from(browser, 10_000).await?;
            browser
                .wait_for_server_progress(COURSE, LESSON, "the played time arrived", |p| {
                    Browser::watched_until(p) + 300 >= paused_ms
                })
                .await?;

            // Another device: a fresh browser profile with nothing stored.
            let env = lectern_e2e::Env::from_env()?;
            let other = Browser::open(&env).await?;
            let outcome = async {
                other.sign_in_to_catalog("instructor1", "instructor1").await?;
                other.open_course(COURSE).await?;
                let ring = format!("a.lesson-link[data-lesson-id='{LESSON}'] .progress-ring");
                other
                    .wait_for_script(
                        "the ring to show the other device's progress",
                        &format!(
                            "const r = document.querySelector(\"{ring}\"); return r !== null && Number(r.dataset.share) > 0;"
                        ),
                    )
                    .await?;
                // And the lecture resumes where the first device stopped.
                let resumed = other.open_lecture(COURSE, LESSON).await?;
                ensure!(
                    resumed.current_time * 1_000.0 + 3_000.0 >= paused_ms as f64,
                    "the lecture resumes near the other device's position ({paused_ms} ms): {resumed:?}"
                );
                Ok(())
            }
            .await;
            other.close().await?;
            outcome
        })
    })
    .await
}

#[tokio::test]
async fn progress_this_device_cannot_store_is_sent_at_once_and_the_page_says_so() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, LESSON).await?;
            // A newer player in another tab takes the database to a version this one cannot
            // open: from here on this page keeps progress in memory only.
            let upgraded = browser
                .script_async(
                    "const done = arguments[arguments.length - 1];
                     const open = indexedDB.open('lectern', 99);
                     open.onsuccess = () => { open.result.close(); done(true); };
                     open.onerror = () => done(String(open.error));
                     open.onblocked = () => {};",
                    Vec::new(),
                )
                .await?;
            ensure!(
                upgraded == serde_json::json!(true),
                "the database was upgraded: {upgraded}"
            );
            let before = browser.server_lesson_progress(COURSE, LESSON).await?;
            let from_ms = before.as_ref().map_or(0, Browser::watched_until) + 4_000;
            let played_until = play_three_seconds_from(browser, from_ms).await?;
            browser
                .wait_for_attribute(".storage-banner", "data-reason", "unavailable")
                .await?;
            browser
                .wait_for_attribute(".sync-indicator", "data-storage", "memory")
                .await?;
            let banner = browser.text_of(".storage-banner").await?;
            ensure!(
                banner.contains("not let Lectern keep your progress"),
                "the banner says why: {banner:?}"
            );
            browser
                .wait_for_server_progress(
                    COURSE,
                    LESSON,
                    "the time played reached the server",
                    |p| Browser::watched_until(p) + 300 >= played_until,
                )
                .await?;
            Ok(())
        })
    })
    .await
}
