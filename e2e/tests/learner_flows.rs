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
async fn other_lesson_kinds_show_a_clear_placeholder() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_course("astronomy-101").await?;
            let icon = browser.script("return document.querySelector(\"a.lesson-link[href*='lessons/'] .lesson-kind\") !== null;").await?;
            ensure!(icon.as_bool() == Some(true), "lesson links carry a kind icon");
            let href = browser
                .script("const a = document.querySelector('a.lesson-link .lesson-kind[data-kind=live]'); return a ? a.closest('a').getAttribute('href') : null;")
                .await?;
            let Some(href) = href.as_str() else { anyhow::bail!("the demo course has a live lesson") };
            browser.visit(href).await?;
            let placeholder = browser.find(".lesson-unavailable[role=status]").await?;
            ensure!(
                placeholder.attr("data-kind").await?.as_deref() == Some("live"),
                "the placeholder names the live kind"
            );
            Ok(())
        })
    })
    .await
}
