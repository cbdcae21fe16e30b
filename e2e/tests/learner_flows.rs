//! A learner's first steps in real Chromium: sign in, see the catalog, open a course, read
//! a text lesson, stay signed in across reloads, and get clear answers when things go wrong.

mod common;

use anyhow::{ensure, Result};
use common::as_learner;

#[tokio::test]
async fn learner_signs_in_and_reads_a_text_lesson() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.wait_for_text("a.course-card[data-course-id='astronomy-101']", "Introduction to Astronomy").await?;
            browser.open_course("astronomy-101").await?;
            browser.wait_for_text("main h1", "Introduction to Astronomy").await?;
            browser.open_lesson("welcome").await?;
            browser.wait_for_text("h1.lesson-title", "Welcome to Astronomy 101").await?;
            ensure!(browser.path().await? == "/courses/astronomy-101/lessons/welcome");
            let title = browser.script("return document.title;").await?;
            ensure!(
                title.as_str() == Some("Welcome to Astronomy 101 · Lectern"),
                "the tab names the lesson, got {title}"
            );
            // Course text is inert: the literal <script> line shows as text and runs nothing.
            let body = browser.text_of(".lesson-body").await?;
            ensure!(body.contains("<script>"), "the raw HTML line should be shown as text: {body}");
            let scripts = browser.script("return document.querySelectorAll('.lesson-body script, .lesson-body [onclick]').length;").await?;
            ensure!(scripts.as_u64() == Some(0), "course text must not create elements from raw HTML");
            ensure!(browser.is_present(".lesson-body h3").await?, "Markdown headings render as real headings");
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn reload_keeps_the_learner_signed_in() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser
                .visit("/courses/astronomy-101/lessons/welcome")
                .await?;
            browser
                .wait_for_text("h1.lesson-title", "Welcome to Astronomy 101")
                .await?;
            browser.reload().await?;
            browser
                .wait_for_text("h1.lesson-title", "Welcome to Astronomy 101")
                .await?;
            ensure!(browser.path().await? == "/courses/astronomy-101/lessons/welcome");
            ensure!(
                browser.is_present("#signout").await?,
                "still signed in after reload"
            );
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn wrong_password_is_explained_and_signed_out_pages_redirect() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.visit("/courses/astronomy-101").await?;
            browser.find("#signin-form").await?;
            ensure!(
                browser.path().await? == "/signin",
                "a signed-out visitor is sent to sign in"
            );
            browser.sign_in("learner1", "not-the-password").await?;
            let error = browser
                .find(".form-error[role=alert]")
                .await?
                .text()
                .await?;
            ensure!(!error.trim().is_empty(), "the error says what went wrong");
            ensure!(browser.path().await? == "/signin");
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn a_learner_never_sees_a_course_they_are_not_enrolled_in() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner2", "learner2").await?;
            browser
                .find("a.course-card[data-course-id='astronomy-101']")
                .await?;
            ensure!(
                !browser
                    .is_present("a.course-card[data-course-id='night-sky-lab']")
                    .await?
            );
            browser.visit("/courses/night-sky-lab").await?;
            let error = browser.find(".error-view").await?.text().await?;
            ensure!(
                !error.contains("Night Sky Lab"),
                "the course's existence must not leak: {error}"
            );
            ensure!(
                browser.is_present(".error-view button.retry").await?,
                "error views offer a retry"
            );
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn unknown_pages_say_not_found_and_sign_out_works() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.visit("/no/such/page").await?;
            browser.find(".not-found h1").await?;
            browser
                .visit("/courses/astronomy-101/lessons/no-such-lesson")
                .await?;
            browser.find(".not-found").await?;
            browser.find("#signout").await?.click().await?;
            browser.find("#signin-form").await?;
            browser.visit("/").await?;
            browser.find("#signin-form").await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn a_live_lesson_and_its_course_show_the_session_in_the_learners_zone() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.visit("/").await?;
            browser.set_time_zone("Asia/Tokyo").await?;
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_course("astronomy-101").await?;
            // The demo's live Q&A is 2027-01-20T18:00Z: 03:00 on the 21st in Tokyo.
            let next = browser
                .wait_for_text(".next-session", "Live Q&A")
                .await?;
            ensure!(
                next.contains("Jan 21, 2027") && next.contains("3:00"),
                "the next session, in Tokyo time: {next:?}"
            );
            ensure!(next.contains("starts in"), "with a countdown: {next:?}");
            let icon = browser.script("return document.querySelector(\"a.lesson-link[href*='lessons/'] .lesson-kind\") !== null;").await?;
            ensure!(icon.as_bool() == Some(true), "lesson links carry a kind icon");
            browser.click(".next-session a").await?;
            browser
                .wait_for_attribute(".live-schedule", "data-phase", "upcoming")
                .await?;
            let schedule = browser.text_of(".live-schedule").await?;
            ensure!(
                schedule.contains("Jan 21, 2027") && schedule.contains("instructor1"),
                "the lesson shows when and with whom: {schedule:?}"
            );
            Ok(())
        })
    })
    .await
}
