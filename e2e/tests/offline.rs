//! Offline use in real Chromium, with the network really gone: the browser reaches the
//! server through a relay the test cuts off (DevTools emulation would not cover the
//! service worker's own requests). A downloaded course starts from the service worker,
//! plays and seeks its video, and takes a practice quiz; back online, the server holds each
//! event once. A download paused and reloaded goes on from where it stopped; a browser
//! killed in the middle of a sync still delivers each event once; a new build is offered
//! and taken on reload. learner3 is these tests' own learner.

use anyhow::{ensure, Context, Result};
use lectern_e2e::{behind_relay, Browser};
use serde_json::Value;
use std::time::Duration;

const COURSE: &str = "astronomy-101";
const VIDEO: &str = "tour-of-the-sky";
const PRACTICE: &str = "solar-system-check";
/// The player's download part size (`lectern_core::offline::CHUNK_BYTES`).
const CHUNK_BYTES: u64 = 512 * 1024;

/// Waits up to a minute (downloads on a slowed network take longer than a page wait).
async fn wait_long(browser: &Browser, state: &str) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        if browser.download_state().await? == state {
            return Ok(());
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "the download never became {state} (it is {})",
            browser.download_state().await?
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Answers the first question of the shown attempt that is a choice or a typed answer (the
/// practice quiz shuffles its questions), moving on past others; its question id.
async fn answer_a_simple_question(browser: &Browser) -> Result<String> {
    for _ in 0..9 {
        let shown = browser.shown_question().await?;
        if browser
            .is_present(".quiz-question input[type='radio']")
            .await?
        {
            browser.click(".quiz-question input[type='radio']").await?;
            return Ok(shown.question_id);
        }
        if browser
            .is_present(".quiz-question input.answer-text")
            .await?
        {
            browser.click(".quiz-question input.answer-text").await?;
            browser.type_text("8").await?;
            return Ok(shown.question_id);
        }
        browser.click("button.question-next").await?;
    }
    anyhow::bail!("no choice or typed question in the attempt")
}

/// Every event the outbox held is on the server exactly as sent: posting them again only
/// gets "duplicate", and no device has a gap.
async fn server_holds_each_once(browser: &Browser, events: &[Value]) -> Result<()> {
    let answer = browser.post_events(events).await?;
    let results = answer["results"].as_array().context("results")?;
    ensure!(
        results.len() == events.len(),
        "one result per event: {answer}"
    );
    for result in results {
        ensure!(
            result["status"] == "duplicate",
            "the server already held it, unchanged: {result}"
        );
    }
    for device in answer["devices"].as_array().context("devices")? {
        ensure!(
            device["missing_sequences"]
                .as_array()
                .is_none_or(Vec::is_empty),
            "no event of the device is missing: {device}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn a_downloaded_course_starts_plays_and_takes_a_quiz_offline_and_syncs_once() -> Result<()> {
    let (relay, browser) = behind_relay().await?;
    let outcome = async {
        let browser = &browser;
        browser.sign_in_to_catalog("learner3", "learner3").await?;
        browser.wait_for_service_worker().await?;
        browser.open_course(COURSE).await?;
        browser.click(".download-control .download-start").await?;
        wait_long(browser, "complete").await?;
        browser.visit("/downloads").await?;
        let size = browser
            .text_of(&format!(
                ".downloads-item[data-course-id='{COURSE}'] .downloads-size"
            ))
            .await?;
        ensure!(
            size.contains("MB"),
            "the downloads page gives the course's size: {size:?}"
        );
        ensure!(
            browser
                .text_of(".downloads-space")
                .await?
                .contains("available"),
            "and the space left"
        );

        // No network at all: the app starts from the service worker.
        relay.go_offline();
        let seen_before = relay.requests().len();
        browser
            .visit(&format!("/courses/{COURSE}/lessons/{VIDEO}"))
            .await?;
        browser.find(".offline-notice").await?;
        let state = browser.wait_for_lecture().await?;
        browser.play_lecture().await?;
        browser
            .wait_until("the downloaded video plays", |s| s.current_time >= 1.0)
            .await?;
        let middle_ms = (state.duration.unwrap_or(20.0) * 500.0) as u64;
        browser.seek_to_ms(middle_ms).await?;
        let target = middle_ms as f64 / 1_000.0 + 1.0;
        browser
            .wait_until("it plays on after the seek", |s| s.current_time >= target)
            .await?;
        browser.pause_lecture().await?;

        browser.open_quiz(COURSE, PRACTICE).await?;
        browser.start_attempt().await?;
        let answered = answer_a_simple_question(browser).await?;
        browser.submit_attempt().await?;
        browser.find(".attempt-pending").await?;
        ensure!(
            relay.requests().len() == seen_before,
            "nothing reached the server while offline"
        );
        let waiting = browser.outbox_events().await?;
        ensure!(
            !waiting.is_empty(),
            "the time played offline waits in the outbox"
        );
        let kinds: Vec<&str> = waiting
            .iter()
            .filter_map(|event| event["kind"].as_str())
            .collect();
        for quiz_kind in ["attempt_started", "answered", "attempt_submitted"] {
            ensure!(
                kinds.contains(&quiz_kind),
                "the quiz taken offline waits in the outbox as events ({quiz_kind}): {kinds:?}"
            );
        }

        relay.go_online();
        browser.visit("/sync").await?;
        browser.click(".sync-retry").await?;
        browser.wait_for_sync_state("synced").await?;
        server_holds_each_once(browser, &waiting).await?;
        browser.open_quiz(COURSE, PRACTICE).await?;
        browser
            .wait_for_text(".attempt-item .attempt-status", "submitted")
            .await?;
        let attempts = browser
            .api_attempts(&format!("{COURSE}.{PRACTICE}"))
            .await?;
        let list = attempts["attempts"].as_array().context("attempts")?;
        ensure!(
            list.len() == 1 && list[0]["status"] == "submitted",
            "the offline attempt arrived once: {attempts}"
        );
        ensure!(
            list[0]["answers"].get(&answered).is_some(),
            "with the answer given offline to {answered}: {attempts}"
        );
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn a_paused_download_goes_on_after_a_reload_from_where_it_stopped() -> Result<()> {
    let (relay, browser) = behind_relay().await?;
    let outcome = async {
        let browser = &browser;
        browser.sign_in_to_catalog("learner3", "learner3").await?;
        browser.wait_for_service_worker().await?;
        relay.slow_media_to(Some(400_000));
        browser.open_course(COURSE).await?;
        browser.click(".download-control .download-start").await?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while browser.downloaded_bytes().await? < 2 * CHUNK_BYTES {
            ensure!(
                tokio::time::Instant::now() < deadline,
                "the download never got two parts in"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        browser.click(".download-toggle").await?;
        browser.wait_for_download_state("paused").await?;
        let paused_at = browser.downloaded_bytes().await?;

        browser.reload().await?;
        browser.wait_for_download_state("paused").await?;
        ensure!(
            browser.downloaded_bytes().await? == paused_at,
            "the reload kept what was stored"
        );
        let asked_before = relay.requests().len();
        relay.slow_media_to(None);
        browser.click(".download-toggle").await?;
        wait_long(browser, "complete").await?;

        let resumed: Vec<_> = relay.requests()[asked_before..]
            .iter()
            .filter(|request| request.path.starts_with("/media/") && request.method == "GET")
            .cloned()
            .collect();
        ensure!(!resumed.is_empty(), "the resumed download fetched the rest");
        let starts_again = resumed.iter().any(|request| {
            request
                .range
                .as_deref()
                .is_some_and(|range| range.starts_with("bytes=0-"))
                && relay.requests()[..asked_before].iter().any(|earlier| {
                    earlier.path == request.path
                        && earlier.range == request.range
                        && earlier.status == Some(206)
                })
        });
        ensure!(
            !starts_again,
            "no file stored before the pause was fetched from zero again: {resumed:?}"
        );
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn a_browser_killed_in_the_middle_of_a_sync_still_delivers_each_event_once() -> Result<()> {
    let (relay, browser) = behind_relay().await?;
    let before_kill = async {
        browser.sign_in_to_catalog("learner3", "learner3").await?;
        browser.open_lecture(COURSE, "planets-narrated").await?;
        // The server will store the next batch, but its answer never arrives.
        relay.lose_next_response("POST", "/api/v1/events");
        browser.play_lecture().await?;
        browser
            .wait_until("some of the lecture played", |s| s.current_time >= 2.0)
            .await?;
        browser.pause_lecture().await?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !relay.has_lost_response() {
            ensure!(tokio::time::Instant::now() < deadline, "no batch was sent");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The power goes: no retry gets through before the browser dies.
        relay.go_offline();
        let waiting = browser.outbox_events().await?;
        ensure!(
            !waiting.is_empty(),
            "the batch the server stored still waits here"
        );
        // localStorage (the session) reaches the disk a few seconds after it is written.
        tokio::time::sleep(Duration::from_secs(6)).await;
        Ok(waiting)
    }
    .await;
    let waiting = match before_kill {
        Ok(waiting) => waiting,
        Err(err) => return browser.close_after(Err(err)).await,
    };
    let browser = browser.kill_and_reopen().await?;
    relay.go_online();
    let outcome = async {
        let browser = &browser;
        browser.visit("/sync").await?;
        if browser.path().await?.starts_with("/signin") {
            browser.sign_in("learner3", "learner3").await?;
            browser.visit("/sync").await?;
        }
        browser.wait_for_sync_state("synced").await?;
        ensure!(
            browser.outbox_events().await?.is_empty(),
            "the outbox emptied"
        );
        server_holds_each_once(browser, &waiting).await?;
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn a_new_version_is_offered_and_taken_on_reload() -> Result<()> {
    let (relay, browser) = behind_relay().await?;
    let outcome = async {
        let browser = &browser;
        browser.sign_in_to_catalog("learner3", "learner3").await?;
        browser.wait_for_service_worker().await?;
        ensure!(
            !browser.is_present(".update-prompt").await?,
            "no prompt for the first install"
        );

        relay.append_to_responses("/sw.js", b"\n// the next build\n");
        browser.reload().await?;
        browser.find(".update-prompt .update-reload").await?;
        browser
            .script("window.lecternBeforeUpdate = true; return null;")
            .await?;
        browser.click(".update-prompt .update-reload").await?;
        let reloaded = "return window.lecternBeforeUpdate === undefined
            && document.querySelector('.app-header') !== null
            && navigator.serviceWorker.controller !== null;";
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        // Scripts can fail while the page reloads; only a true answer ends the wait.
        while !matches!(browser.script(reloaded).await, Ok(Value::Bool(true))) {
            ensure!(
                tokio::time::Instant::now() < deadline,
                "the page never reloaded under the new version"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        ensure!(
            !browser.is_present(".update-prompt").await?,
            "the prompt is gone once updated"
        );
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn the_service_worker_sends_the_outbox_with_no_tab_of_the_app_open() -> Result<()> {
    let (relay, browser) = behind_relay().await?;
    let outcome = async {
        let browser = &browser;
        browser.sign_in_to_catalog("learner3", "learner3").await?;
        browser.wait_for_service_worker().await?;
        browser.open_lecture(COURSE, "planets-at-a-glance").await?;
        relay.go_offline();
        browser.play_lecture().await?;
        browser.wait_until("some of the lecture played", |s| s.current_time >= 2.0).await?;
        browser.pause_lecture().await?;
        browser.wait_for_sync_state("failing").await?;
        let waiting = browser.outbox_events().await?;
        ensure!(!waiting.is_empty(), "the time played waits in the outbox");
        let tags = browser
            .script_async(
                "const done = arguments[arguments.length - 1];
                 navigator.serviceWorker.ready
                   .then(r => r.sync.getTags()).then(tags => done(tags), err => done(String(err)));",
                Vec::new(),
            )
            .await?;
        ensure!(
            tags.as_array().is_some_and(|tags| tags.iter().any(|tag| tag == "lectern-sync")),
            "the player asked for Background Sync: {tags}"
        );

        // The app goes away: the tab shows one of the site's files, kept by the worker.
        browser.visit("/icons/icon-192.png").await?;
        ensure!(!browser.is_present(".app-header").await?, "no app runs in the tab");
        relay.go_online();
        // What the browser's `sync` event runs, asked for now (the browser picks its time).
        browser
            .script("navigator.serviceWorker.controller.postMessage({ type: 'lectern.send-outbox' }); return null;")
            .await?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !browser.outbox_events().await?.is_empty() {
            ensure!(tokio::time::Instant::now() < deadline, "the worker never emptied the outbox");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        server_holds_each_once(browser, &waiting).await?;
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}
