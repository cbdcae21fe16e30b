//! Downloads in real Chromium: one lesson on its own (the course still offers the rest),
//! removed from the downloads page with nothing left in Cache Storage; a download cancelled
//! part-way keeps nothing, not even after a reload; the controls work by keyboard with
//! visible focus on a phone. learner3 downloads here. (The space check is tested in the
//! core; DevTools' quota override does not reach `navigator.storage.estimate()` through
//! chromedriver, so a full device is not simulated.)

use anyhow::{ensure, Result};
use fantoccini::key::Key;
use lectern_e2e::behind_relay;
use std::time::Duration;

const COURSE: &str = "astronomy-101";
const VIDEO: &str = "tour-of-the-sky";
const MEDIA_CACHE: &str = "lectern-media-v1";
const PARTS_CACHE: &str = "lectern-media-parts-v1";

/// Polls `check` for up to `seconds`, failing with `what`.
async fn eventually(
    what: &str,
    seconds: u64,
    mut check: impl AsyncFnMut() -> Result<bool>,
) -> Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
    while !check().await? {
        ensure!(
            tokio::time::Instant::now() < deadline,
            "{what} never happened"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(())
}

#[tokio::test]
async fn a_lesson_downloads_alone_and_removing_it_leaves_nothing_behind() -> Result<()> {
    let (_relay, browser) = behind_relay().await?;
    let outcome = async {
        let browser = &browser;
        browser.sign_in_to_catalog("learner3", "learner3").await?;
        browser.open_lecture(COURSE, VIDEO).await?;
        browser.click(".download-control .download-start").await?;
        eventually("the lesson's download", 60, async || {
            Ok(browser.download_state().await? == "complete")
        })
        .await?;
        let ready = browser.text_of(".download-ready").await?;
        ensure!(
            ready.contains("This lesson is available offline"),
            "{ready:?}"
        );
        let kept = browser.cached_paths(MEDIA_CACHE).await?;
        for file in [
            "tour-of-the-sky.webm",
            "tour-of-the-sky.en.vtt",
            "tour-of-the-sky.jpg",
        ] {
            ensure!(
                kept.iter().any(|path| path.ends_with(file)),
                "{file} is kept: {kept:?}"
            );
        }
        ensure!(
            !kept.iter().any(|path| path.contains("planets")),
            "only this lesson: {kept:?}"
        );
        ensure!(
            browser.cached_paths(PARTS_CACHE).await?.is_empty(),
            "no parts are left over"
        );

        // The course still offers the lessons not kept yet.
        browser.visit(&format!("/courses/{COURSE}")).await?;
        browser.find(".course-outline").await?;
        browser.wait_for_download_state("none").await?;

        browser.visit("/downloads").await?;
        let item = format!(".downloads-item[data-course-id='{COURSE}']");
        let size = browser.text_of(&format!("{item} .downloads-size")).await?;
        ensure!(
            size.contains("MB") && size.contains("Lessons kept: 1"),
            "{size:?}"
        );
        browser.click(&format!("{item} .download-remove")).await?;
        browser.find(".downloads-empty").await?;
        eventually("the files leaving the device", 10, async || {
            Ok(browser.cached_paths(MEDIA_CACHE).await?.is_empty())
        })
        .await
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn a_cancelled_download_keeps_nothing() -> Result<()> {
    let (relay, browser) = behind_relay().await?;
    let outcome = async {
        let browser = &browser;
        browser.sign_in_to_catalog("learner3", "learner3").await?;
        relay.slow_media_to(Some(300_000));
        browser.open_course(COURSE).await?;
        browser.click(".download-control .download-start").await?;
        eventually("a first part", 30, async || {
            Ok(browser.downloaded_bytes().await? > 0)
        })
        .await?;
        browser.click(".download-cancel").await?;
        browser.wait_for_download_state("none").await?;
        relay.slow_media_to(None);
        eventually("the parts leaving the device", 10, async || {
            Ok(browser.cached_paths(PARTS_CACHE).await?.is_empty()
                && browser.cached_paths(MEDIA_CACHE).await?.is_empty())
        })
        .await?;
        // Nothing comes back after a reload either.
        browser.reload().await?;
        browser.wait_for_download_state("none").await
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn the_download_controls_work_by_keyboard_with_visible_focus_on_a_phone() -> Result<()> {
    let env = lectern_e2e::Env::from_env()?;
    let browser =
        lectern_e2e::Browser::open_with(&env, lectern_e2e::Viewport::Phone, "en-US").await?;
    let outcome = async {
        let browser = &browser;
        browser.sign_in_to_catalog("learner3", "learner3").await?;
        browser.tab_to("a.downloads-link", 20).await?;
        ensure!(
            browser.focus_is_visible().await?,
            "the header's Downloads link shows focus"
        );
        browser
            .visit(&format!("/courses/{COURSE}/lessons/planets-narrated"))
            .await?;
        browser.find(".lesson-title").await?;
        browser
            .tab_to(".download-control .download-start", 80)
            .await?;
        ensure!(
            browser.focus_is_visible().await?,
            "the download button shows focus"
        );
        browser.press(Key::Enter).await?;
        eventually("the keyboard's download", 60, async || {
            Ok(browser.download_state().await? == "complete")
        })
        .await?;
        browser
            .tab_to(".download-control .download-remove", 80)
            .await?;
        ensure!(
            browser.focus_is_visible().await?,
            "the remove button shows focus"
        );
        ensure!(
            !browser.scrolls_sideways().await?,
            "the page fits the phone's width"
        );
        browser.press(Key::Enter).await?;
        browser.wait_for_download_state("none").await
    }
    .await;
    browser.close_after(outcome).await
}
