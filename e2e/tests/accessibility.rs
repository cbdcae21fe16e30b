//! Keyboard-only use, visible focus, phone width and right-to-left Arabic, in real Chromium.

mod common;

use anyhow::{ensure, Result};
use common::{as_learner, in_browser};
use fantoccini::key::Key;
use lectern_e2e::{LiveCourse, Viewport};

#[tokio::test]
async fn keyboard_alone_reaches_a_lesson() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.visit("/signin").await?;
            browser.find("#signin-form").await?;
            browser.tab_to("#username", 15).await?;
            browser.type_text("learner1").await?;
            browser.tab_to("#password", 3).await?;
            browser.type_text("learner1").await?;
            browser.press(Key::Enter).await?;
            browser.find(".course-list").await?;
            browser
                .tab_to("a.course-card[data-course-id='astronomy-101']", 30)
                .await?;
            ensure!(
                browser.focus_is_visible().await?,
                "the focused course card shows its focus"
            );
            browser.press(Key::Enter).await?;
            browser.find(".course-outline").await?;
            browser
                .tab_to("a.lesson-link[data-lesson-id='welcome']", 30)
                .await?;
            ensure!(
                browser.focus_is_visible().await?,
                "the focused lesson link shows its focus"
            );
            browser.press(Key::Enter).await?;
            browser
                .wait_for_text("h1.lesson-title", "Welcome to Astronomy 101")
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn the_first_tab_stop_is_the_skip_link() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.visit("/courses/astronomy-101").await?;
            browser.find(".course-outline").await?;
            browser.tab_to("a.skip-link", 1).await?;
            browser.press(Key::Enter).await?;
            let focused = browser.script("return document.activeElement.id;").await?;
            ensure!(
                focused.as_str() == Some("main"),
                "the skip link moves focus to the main content, got {focused}"
            );
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn arabic_flips_the_page_right_to_left() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            ensure!(browser.document_attribute("dir").await? == "ltr");
            let english_heading = browser.text_of("main h1").await?;
            browser.switch_locale("ar").await?;
            browser.find("html[dir='rtl']").await?;
            ensure!(browser.document_attribute("lang").await? == "ar");
            let arabic_heading = browser.text_of("main h1").await?;
            ensure!(
                arabic_heading != english_heading,
                "the heading is translated: {arabic_heading}"
            );
            ensure!(
                arabic_heading
                    .chars()
                    .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "Arabic script: {arabic_heading}"
            );
            let title = browser.script("return document.title;").await?;
            let expected = format!("{} · Lectern", arabic_heading.trim());
            ensure!(
                title.as_str() == Some(expected.as_str()),
                "the page title follows the locale, got {title}"
            );
            browser.reload().await?;
            browser.find("html[dir='rtl']").await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn an_arabic_browser_starts_in_arabic() -> Result<()> {
    in_browser(Viewport::Desktop, "ar", |browser| {
        Box::pin(async move {
            browser.visit("/signin").await?;
            browser.find("#signin-form").await?;
            browser.find("html[dir='rtl'][lang='ar']").await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn phone_width_needs_no_sideways_scrolling() -> Result<()> {
    in_browser(Viewport::Phone, "en-US", |browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            let width = browser.script("return window.innerWidth;").await?;
            ensure!(
                width.as_u64().is_some_and(|w| w <= 400),
                "phone viewport, got {width}"
            );
            ensure!(!browser.scrolls_sideways().await?, "catalog fits 360 px");
            browser.visit("/courses/astronomy-101").await?;
            browser.find(".course-outline").await?;
            ensure!(!browser.scrolls_sideways().await?, "outline fits 360 px");
            browser
                .visit("/courses/astronomy-101/lessons/welcome")
                .await?;
            browser.find(".lesson-body").await?;
            ensure!(!browser.scrolls_sideways().await?, "lesson fits 360 px");
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn discussions_assignments_the_inbox_and_the_calendar_fit_a_phone() -> Result<()> {
    in_browser(Viewport::Phone, "en-US", |browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner3", "learner3").await?;
            for (path, ready) in [
                (
                    "/courses/astronomy-101/lessons/light-pollution",
                    ".thread-list .threads",
                ),
                (
                    "/courses/astronomy-101/lessons/star-journal",
                    "#submission-form",
                ),
                ("/inbox", ".notifications"),
                ("/calendar", ".calendar-items"),
                ("/courses/astronomy-101/announcements", ".announcements"),
            ] {
                browser.visit(path).await?;
                browser.find(ready).await?;
                ensure!(!browser.scrolls_sideways().await?, "{path} fits 360 px");
            }
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn keyboard_alone_starts_a_thread_and_reaches_the_inbox() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner3", "learner3").await?;
            browser
                .visit("/courses/astronomy-101/lessons/light-pollution")
                .await?;
            browser.find("#new-thread").await?;
            browser.tab_to("#new-thread-title", 40).await?;
            ensure!(
                browser.focus_is_visible().await?,
                "the title field shows its focus"
            );
            browser.type_text("Typed with the keyboard").await?;
            browser.tab_to("#new-thread-body", 3).await?;
            browser.type_text("Every control is reachable.").await?;
            browser
                .tab_to("#new-thread button[type='submit']", 3)
                .await?;
            ensure!(
                browser.focus_is_visible().await?,
                "the post button shows its focus"
            );
            browser.press(Key::Enter).await?;
            browser
                .wait_for_stored_thread("Typed with the keyboard")
                .await?;
            browser.visit("/").await?;
            browser.find(".course-list").await?;
            browser.tab_to("a.inbox-link", 20).await?;
            let label = browser.attribute_of("a.inbox-link", "aria-label").await?;
            ensure!(
                label.as_deref().is_some_and(|l| l.contains("unread")),
                "the inbox link says how many are unread: {label:?}"
            );
            browser.press(Key::Enter).await?;
            browser.find(".notifications").await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn the_live_room_fits_a_phone_and_works_by_keyboard() -> Result<()> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let course = LiveCourse::schedule(
        &format!("live-a11y-{nanos:x}"),
        std::time::Duration::ZERO,
        std::time::Duration::from_secs(900),
    )?;
    in_browser(Viewport::Phone, "en-US", |browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner3", "learner3").await?;
            browser.visit(&course.room_path()).await?;
            browser.find(".live-chat").await?;
            ensure!(
                !browser.scrolls_sideways().await?,
                "the live room fits 360 px"
            );
            browser.tab_to(".hand-toggle", 40).await?;
            ensure!(
                browser.focus_is_visible().await?,
                "the hand button shows its focus"
            );
            browser.press(Key::Enter).await?;
            browser
                .wait_for_attribute(".hand-toggle", "aria-pressed", "true")
                .await?;
            browser.tab_to("#live-chat-input", 40).await?;
            browser.type_text("Typed in the live chat").await?;
            browser.press(Key::Enter).await?;
            browser.wait_for_chat("Typed in the live chat").await?;
            Ok(())
        })
    })
    .await
}
