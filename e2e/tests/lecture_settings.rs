//! The lecture player's settings and side features in real Chromium: speed and captions
//! remembered per learner, chapters, the transcript download, fullscreen of the whole
//! player, and a retry after the media fails mid-play.
//!
//! Run against a running stack, as `cargo xtask test` does, or by hand:
//! `LECTERN_BASE_URL=http://127.0.0.1:18090 LECTERN_WEBDRIVER_URL=http://127.0.0.1:19525
//! cargo test -p lectern-e2e --test lecture_settings`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use anyhow::{ensure, Context, Result};
use common::{as_learner, Flow};
use lectern_e2e::{parse_vtt, Browser, Env, VttCue};
use serde_json::json;
use std::time::Duration;

const COURSE: &str = "astronomy-101";
const TOUR: &str = "tour-of-the-sky";
const MEDIA: &str = "video.media-element";
const OVERLAY: &str = ".caption-overlay";
const FAILURE: &str = ".media-failure[role=alert]";
/// How long to wait for something that happens soon.
const PATIENCE: Duration = Duration::from_secs(20);

/// The cues of one of the tour's WebVTT files (`en`, `ar`, `chapters`), as served.
async fn tour_vtt(browser: &Browser, kind: &str) -> Result<Vec<VttCue>> {
    let path = format!("/media/{COURSE}/{TOUR}.{kind}.vtt");
    let cues = parse_vtt(&browser.fetch_text(&path).await?);
    ensure!(!cues.is_empty(), "{path} has no cues");
    Ok(cues)
}

/// Runs `flow` in a fresh desktop browser that saves downloads into a folder it can read.
async fn with_downloads(flow: impl for<'b> FnOnce(&'b Browser) -> Flow<'b>) -> Result<()> {
    let env = Env::from_env()?;
    let browser = Browser::open_with_downloads(&env).await?;
    let outcome = flow(&browser).await;
    if outcome.is_err() {
        let shot = std::env::temp_dir().join(format!(
            "lectern-e2e-failure-downloads-{}.png",
            std::process::id()
        ));
        if browser.screenshot(&shot).await.is_ok() {
            eprintln!("screenshot of the failure: {}", shot.display());
        }
    }
    browser.close().await?;
    outcome
}

/// The value a `<select>` shows right now.
async fn menu_value(browser: &Browser, css: &str) -> Result<String> {
    let value = browser
        .script(&format!(
            "const menu = document.querySelector({}); return menu === null ? null : menu.value;",
            json!(css)
        ))
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// Waits until the media plays at `rate` and the speed menu says so.
async fn wait_for_speed(browser: &Browser, rate: f64) -> Result<()> {
    browser
        .wait_until(&format!("the media to play at {rate}×"), |state| {
            (state.playback_rate - rate).abs() < 1e-9
        })
        .await?;
    let shown = menu_value(browser, "select.speed-select").await?;
    ensure!(
        shown == rate.to_string(),
        "the speed menu shows {shown:?} while the media plays at {rate}×"
    );
    Ok(())
}

#[tokio::test]
async fn speed_and_captions_are_remembered_for_each_learner() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            let arabic = tour_vtt(browser, "ar").await?;
            let captioned_ms = (arabic[0].middle_seconds() * 1_000.0) as u64;
            wait_for_speed(browser, 1.0).await?;

            browser.choose_speed(1.5).await?;
            wait_for_speed(browser, 1.5).await?;
            browser.choose_captions("1").await?;
            browser.choose_caption_style(150, 25).await?;
            browser
                .find(&format!("{OVERLAY}[data-size='150'][data-background='25']"))
                .await?;

            browser.reload().await?;
            browser.wait_for_lecture().await?;
            wait_for_speed(browser, 1.5).await?;
            browser
                .wait_for_script(
                    "the captions menu to show Arabic again",
                    "const menu = document.querySelector('select.captions-select'); \
                     return menu !== null && menu.value === '1';",
                )
                .await?;
            browser.seek_to_ms(captioned_ms).await?;
            browser.wait_for_captions(&arabic[0].text).await?;
            browser.wait_for_attribute(OVERLAY, "lang", "ar").await?;
            browser
                .wait_for_attribute(OVERLAY, "data-size", "150")
                .await?;
            browser
                .wait_for_attribute(OVERLAY, "data-background", "25")
                .await?;

            // Another learner on the same browser starts from the defaults.
            browser.sign_out().await?;
            browser.sign_in_to_catalog("learner2", "learner2").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            browser.find("select.captions-select").await?;
            wait_for_speed(browser, 1.0).await?;
            let captions = menu_value(browser, "select.captions-select").await?;
            ensure!(
                captions == "off",
                "learner2 gets learner1's captions: {captions:?}"
            );
            browser.seek_to_ms(captioned_ms).await?;
            for _ in 0..10 {
                let shown = browser.shown_captions().await?;
                ensure!(
                    shown.is_empty(),
                    "learner2 sees captions nobody chose: {shown:?}"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            browser
                .wait_for_attribute(OVERLAY, "data-size", "100")
                .await?;
            browser
                .wait_for_attribute(OVERLAY, "data-background", "75")
                .await?;

            // And learner1's choices are still theirs.
            browser.sign_out().await?;
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            wait_for_speed(browser, 1.5).await?;
            browser
                .wait_for_attribute(OVERLAY, "data-size", "150")
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn chapters_list_the_chapters_file_and_move_between_chapters() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            let chapters = tour_vtt(browser, "chapters").await?;
            ensure!(
                chapters.len() >= 4,
                "the tour has at least four chapters: {chapters:?}"
            );
            browser.find("nav.chapter-list button.chapter").await?;
            let listed = browser.chapter_list().await?;
            ensure!(
                listed.len() == chapters.len(),
                "one button per chapter: {} buttons for {} chapters",
                listed.len(),
                chapters.len()
            );
            for (button, chapter) in listed.iter().zip(&chapters) {
                ensure!(
                    button.title == chapter.text && button.start_ms == chapter.start_ms,
                    "the button {button:?} shows the chapter {chapter:?}"
                );
            }
            let seconds = |chapter: &VttCue| chapter.start_ms as f64 / 1_000.0;
            let (third, fourth) = (&chapters[2], &chapters[3]);

            browser.choose_chapter(2).await?;
            browser
                .wait_until("the third chapter to seek to its start", |state| {
                    !state.is_seeking && state.is_near(seconds(third), 0.5)
                })
                .await?;
            wait_for_current_chapter(browser, 2).await?;

            browser.go_to_next_chapter().await?;
            browser
                .wait_until("next chapter to go to the fourth chapter", |state| {
                    !state.is_seeking && state.is_near(seconds(fourth), 0.5)
                })
                .await?;
            wait_for_current_chapter(browser, 3).await?;

            // Well into a chapter, "previous" goes back to its start.
            ensure!(
                fourth.end_ms - fourth.start_ms > 12_000,
                "the fourth chapter is long enough to go 10 s into it: {fourth:?}"
            );
            browser.seek_to_ms(fourth.start_ms + 10_000).await?;
            browser.go_to_previous_chapter().await?;
            browser
                .wait_until("previous chapter to restart the fourth chapter", |state| {
                    !state.is_seeking && state.is_near(seconds(fourth), 0.5)
                })
                .await?;
            // At its very start, "previous" goes to the chapter before.
            browser.go_to_previous_chapter().await?;
            browser
                .wait_until(
                    "previous chapter to go back to the third chapter",
                    |state| !state.is_seeking && state.is_near(seconds(third), 0.5),
                )
                .await?;
            wait_for_current_chapter(browser, 2).await?;
            Ok(())
        })
    })
    .await
}

/// Waits until the chapter at `index`, and only it, is marked as the one being played.
async fn wait_for_current_chapter(browser: &Browser, index: usize) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let listed = browser.chapter_list().await?;
        let current = listed
            .iter()
            .enumerate()
            .filter(|(_, chapter)| chapter.is_current)
            .map(|(position, _)| position)
            .collect::<Vec<_>>();
        if current == [index] {
            return Ok(());
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "chapter {index} should be the current one; marked: {current:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_transcript_downloads_as_a_text_file() -> Result<()> {
    with_downloads(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            let english = tour_vtt(browser, "en").await?;
            browser.download_transcript().await?;
            let text = browser
                .wait_for_download(&format!("{TOUR}-transcript.txt"))
                .await?;
            let first_line = text
                .lines()
                .find(|line| !line.trim().is_empty())
                .context("the transcript file is empty")?;
            ensure!(
                first_line.contains("0:0") && first_line.contains(&english[0].text),
                "the file starts with the first caption and its time: {first_line:?}"
            );
            for cue in &english {
                ensure!(
                    text.contains(&cue.text),
                    "the file has every caption; {:?} is missing",
                    cue.text
                );
            }
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn fullscreen_shows_the_whole_player_with_its_captions() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            let english = tour_vtt(browser, "en").await?;
            browser.choose_captions("0").await?;
            browser
                .seek_to_ms((english[0].middle_seconds() * 1_000.0) as u64)
                .await?;
            browser.wait_for_captions(&english[0].text).await?;
            browser
                .wait_for_attribute("button.fullscreen-toggle", "aria-label", "Fullscreen")
                .await?;

            browser.press_on_page('f').await?;
            let shown = browser
                .wait_for_script(
                    "f to put something in fullscreen",
                    "const full = document.fullscreenElement; \
                     return full === null ? null : { tag: full.tagName, classes: full.className };",
                )
                .await?;
            let is_player = browser
                .script(
                    "return document.fullscreenElement \
                       === document.querySelector('section.media-player');",
                )
                .await?;
            ensure!(
                is_player == true,
                "the whole player goes fullscreen, not {shown}"
            );
            browser
                .wait_for_attribute("button.fullscreen-toggle", "aria-label", "Exit fullscreen")
                .await?;
            let has_captions = browser
                .script(
                    "const cue = document.querySelector('.caption-overlay .caption-cue'); \
                     return cue !== null && document.fullscreenElement.contains(cue) \
                       && cue.checkVisibility();",
                )
                .await?;
            ensure!(
                has_captions == true,
                "the captions show inside the fullscreen player"
            );

            browser.press_on_page('f').await?;
            browser
                .wait_for_script(
                    "f again to leave fullscreen",
                    "return document.fullscreenElement === null;",
                )
                .await?;
            browser
                .wait_for_attribute("button.fullscreen-toggle", "aria-label", "Fullscreen")
                .await?;
            Ok(())
        })
    })
    .await
}

/// Points the media element at `url`, as a moved or replaced file would.
async fn load_media_from(browser: &Browser, url: &str) -> Result<()> {
    browser
        .client()
        .execute(
            &format!("const v = document.querySelector('{MEDIA}'); v.src = arguments[0]; v.load(); return null;"),
            vec![json!(url)],
        )
        .await
        .context("could not change the media's address")?;
    Ok(())
}

/// Waits (up to `patience`) until the media element has failed (its `error` is set) and
/// the player shows its alert, and returns the failure's kind (`data-failure`).
async fn wait_for_media_failure(
    browser: &Browser,
    what: &str,
    patience: Duration,
) -> Result<String> {
    let script = format!(
        "const v = document.querySelector('{MEDIA}'); \
         const alert = document.querySelector('{FAILURE}'); \
         return v.error !== null && alert !== null ? alert.dataset.failure : null;"
    );
    let deadline = tokio::time::Instant::now() + patience;
    loop {
        if let Some(kind) = browser.script(&script).await?.as_str() {
            return Ok(kind.to_owned());
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "waited {patience:?} for {what}; no failure was shown"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_file_lost_mid_play_offers_a_retry_that_works_once_it_is_back() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner2", "learner2").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            let media_url = browser
                .script(&format!(
                    "return document.querySelector('{MEDIA}').currentSrc;"
                ))
                .await?
                .as_str()
                .context("the media has an address")?
                .to_owned();
            browser.seek_to_ms(10_000).await?;
            browser.play_lecture().await?;
            browser
                .wait_until("a second of playback", |state| state.current_time > 11.0)
                .await?;

            // The file goes away mid-play: it may come back, so a retry is offered.
            load_media_from(browser, &format!("/media/{COURSE}/gone.webm")).await?;
            let kind =
                wait_for_media_failure(browser, "the missing file to fail", PATIENCE).await?;
            ensure!(
                kind == "Network" || kind == "Unsupported",
                "a missing file is a network or source failure, not {kind:?}"
            );
            ensure!(
                browser.is_present(".media-failure button.retry").await?,
                "a {kind} failure offers a retry"
            );
            browser
                .wait_for_attribute("section.media-player", "data-playing", "false")
                .await?;

            // The real file, but the network to it is down: retrying fails again, honestly.
            // (A fresh address, so no copy the browser kept can stand in for the network.)
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)?
                .as_nanos();
            let address = format!("{media_url}?copy={nanos}");
            browser.drop_requests_to(&format!("*{TOUR}.webm*")).await?;
            load_media_from(browser, &address).await?;
            wait_for_media_failure(
                browser,
                "the file to fail while the network is down",
                PATIENCE,
            )
            .await?;
            browser.click(".media-failure button.retry").await?;
            wait_for_media_failure(
                browser,
                "retrying to fail while the network is down",
                PATIENCE,
            )
            .await?;

            // The network is back: retry loads the lecture and the alert goes away.
            browser.allow_all_requests().await?;
            browser.click(".media-failure button.retry").await?;
            browser
                .wait_for_script(
                    "the alert to go away once the media loads",
                    &format!(
                        "const v = document.querySelector('{MEDIA}'); \
                         return v.readyState >= 1 && v.error === null \
                           && document.querySelector('.media-failure') === null;"
                    ),
                )
                .await?;
            let reloaded = browser
                .script(&format!(
                    "return document.querySelector('{MEDIA}').currentSrc;"
                ))
                .await?;
            ensure!(
                reloaded == json!(address),
                "retry loads the same address again: {reloaded}"
            );
            let resumed = browser.play_lecture().await?;
            browser
                .wait_until("playback to go on after the retry", |state| {
                    !state.is_paused && state.current_time > resumed.current_time + 0.5
                })
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn a_file_in_a_format_the_browser_cannot_play_says_so() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            load_media_from(browser, &format!("/media/{COURSE}/{TOUR}.en.vtt")).await?;
            let kind =
                wait_for_media_failure(browser, "a captions file to fail as media", PATIENCE)
                    .await?;
            ensure!(
                kind == "Unsupported",
                "a file in the wrong format is unsupported, not {kind:?}"
            );
            browser
                .wait_for_text(FAILURE, "cannot play its format")
                .await?;
            Ok(())
        })
    })
    .await
}
