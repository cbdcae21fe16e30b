//! The lecture player at its edges in real Chromium: a slide deck with no narration used
//! on its own, captions whose file fails to load while the lecture goes on, and
//! picture-in-picture offered only where the browser has it, and only for video.
//!
//! Run against a running stack, as `cargo xtask test` does, or by hand:
//! `LECTERN_BASE_URL=http://127.0.0.1:18095 LECTERN_WEBDRIVER_URL=http://127.0.0.1:19535
//! cargo test -p lectern-e2e --test lecture_edges`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use anyhow::{bail, ensure, Context, Result};
use common::as_learner;
use fantoccini::key::Key;
use lectern_e2e::{one_line, parse_vtt, Browser, Locator, VttCue};
use serde_json::{json, Value};

const ASTRONOMY: &str = "astronomy-101";
const TOUR: &str = "tour-of-the-sky";
const AUDIO_LECTURE: &str = "planets-narrated";
const LAB: &str = "night-sky-lab";
const CHECKLIST: &str = "star-hopping";
const MEDIA: &str = "video.media-element";
const THUMBS: &str = ".slide-strip button.slide-thumb";
const CAPTIONS_FAILED: &str = ".caption-overlay .caption-failed[role=status]";

/// The slides of a lesson of a demo course, as the server seeds them.
fn demo_slides(course_id: &str, lesson_id: &str) -> Result<Vec<Value>> {
    let course = lectern_e2e::demo_course(course_id)?;
    let lesson = course["modules"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|module| module["lessons"].as_array().into_iter().flatten())
        .find(|lesson| lesson["lesson_id"] == lesson_id)
        .with_context(|| format!("{course_id} has no lesson {lesson_id}"))?;
    lesson["slides"]
        .as_array()
        .cloned()
        .with_context(|| format!("{lesson_id} lists no slides"))
}

/// The heading a Markdown slide opens with, as the learner reads it.
fn slide_heading(slide: &Value) -> Result<String> {
    let body = slide["body"]
        .as_str()
        .with_context(|| format!("not a Markdown slide: {slide}"))?;
    let Some(first_line) = body.lines().next() else {
        bail!("an empty slide: {slide}");
    };
    Ok(one_line(first_line.trim_start_matches('#')))
}

/// Waits until the deck shows slide `number` (from 1) of `total`: its position, its text on
/// the stage, its thumbnail marked, and "previous" and "next" enabled only where they lead
/// somewhere.
async fn wait_for_slide(
    browser: &Browser,
    number: usize,
    total: usize,
    heading: &str,
) -> Result<()> {
    browser
        .wait_for_text(".slide-position", &format!("Slide {number} of {total}"))
        .await?;
    let script = format!(
        "const stage = document.querySelector('.slide-stage .slide-face'); \
         const thumbs = [...document.querySelectorAll('{THUMBS}')]; \
         return {{ text: stage === null ? '' : stage.innerText, \
           current: thumbs.findIndex(thumb => thumb.getAttribute('aria-current') === 'true'), \
           is_previous_disabled: document.querySelector('button.slide-previous').disabled, \
           is_next_disabled: document.querySelector('button.slide-next').disabled }};"
    );
    let shown = browser
        .wait_for_script(
            &format!("slide {number} to be on the stage"),
            &format!(
                "const shown = (() => {{ {script} }})(); \
                 return shown.text.replace(/\\s+/g, ' ').includes({}) ? shown : null;",
                json!(heading)
            ),
        )
        .await?;
    ensure!(
        shown["current"] == json!(number - 1),
        "the thumbnail of slide {number} is marked current: {shown}"
    );
    ensure!(
        shown["is_previous_disabled"] == json!(number == 1),
        "\"previous\" is disabled exactly on the first slide: {shown}"
    );
    ensure!(
        shown["is_next_disabled"] == json!(number == total),
        "\"next\" is disabled exactly on the last slide: {shown}"
    );
    Ok(())
}

/// Clicks the thumbnail of slide `number` (from 1) in the strip.
async fn choose_slide(browser: &Browser, number: usize) -> Result<()> {
    browser.find(THUMBS).await?;
    let thumbs = browser.client().find_all(Locator::Css(THUMBS)).await?;
    let Some(thumb) = thumbs.get(number - 1) else {
        bail!("there is no slide {number}: the strip has {}", thumbs.len());
    };
    thumb.click().await?;
    Ok(())
}

#[tokio::test]
async fn a_slide_deck_without_narration_is_stepped_through_on_its_own() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            let slides = demo_slides(LAB, CHECKLIST)?;
            let total = slides.len();
            ensure!(total == 4, "the checklist has four slides, not {total}");
            let headings = slides
                .iter()
                .map(slide_heading)
                .collect::<Result<Vec<_>>>()?;

            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_course(LAB).await?;
            browser.open_lesson(CHECKLIST).await?;
            wait_for_slide(browser, 1, total, &headings[0]).await?;
            ensure!(
                browser.count(THUMBS).await? == total,
                "one thumbnail per slide"
            );
            ensure!(
                !browser.is_present("section.media-player").await?
                    && !browser.is_present("audio, video").await?,
                "a deck without narration has no player"
            );

            browser.click("button.slide-next").await?;
            wait_for_slide(browser, 2, total, &headings[1]).await?;
            browser.click("button.slide-previous").await?;
            wait_for_slide(browser, 1, total, &headings[0]).await?;

            choose_slide(browser, 4).await?;
            wait_for_slide(browser, 4, total, &headings[3]).await?;

            // The keyboard, with focus on a thumbnail in the strip.
            let is_in_strip = browser
                .script("return document.activeElement.closest('.slide-strip') !== null;")
                .await?;
            ensure!(
                is_in_strip == true,
                "clicking a thumbnail leaves focus in the strip"
            );
            browser.press(Key::PageUp).await?;
            wait_for_slide(browser, 3, total, &headings[2]).await?;
            browser.press(Key::PageUp).await?;
            wait_for_slide(browser, 2, total, &headings[1]).await?;
            browser.press(Key::PageDown).await?;
            wait_for_slide(browser, 3, total, &headings[2]).await?;
            browser.press(Key::PageDown).await?;
            wait_for_slide(browser, 4, total, &headings[3]).await?;
            // Past the last slide there is nowhere to go.
            browser.press(Key::PageDown).await?;
            wait_for_slide(browser, 4, total, &headings[3]).await?;
            ensure!(
                !browser.is_present("section.media-player").await?,
                "stepping through the deck never brings up a player"
            );
            Ok(())
        })
    })
    .await
}

/// Chooses the captions track in language `language` (a BCP 47 tag) in the captions menu.
async fn choose_captions_in(browser: &Browser, language: &str) -> Result<()> {
    let value = browser
        .script(&format!(
            "const option = document.querySelector('select.captions-select option[lang={}]'); \
             return option === null ? null : option.value;",
            json!(language)
        ))
        .await?;
    let Some(value) = value.as_str() else {
        bail!("the captions menu offers no {language:?} track");
    };
    browser.choose_captions(value).await
}

/// Opens the transcript beside the player, whatever it then shows.
async fn open_transcript_panel(browser: &Browser) -> Result<()> {
    let toggle = "button.transcript-toggle";
    if browser
        .attribute_of(toggle, "aria-expanded")
        .await?
        .as_deref()
        != Some("true")
    {
        browser.click(toggle).await?;
    }
    browser
        .wait_for_attribute(toggle, "aria-expanded", "true")
        .await
}

/// The cues of one of the tour's captions files, as served.
async fn tour_cues(browser: &Browser, language: &str) -> Result<Vec<VttCue>> {
    let path = format!("/media/{ASTRONOMY}/{TOUR}.{language}.vtt");
    let cues = parse_vtt(&browser.fetch_text(&path).await?);
    ensure!(!cues.is_empty(), "{path} has no cues");
    Ok(cues)
}

#[tokio::test]
async fn captions_that_fail_to_load_leave_the_lecture_working() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser
                .drop_requests_to(&format!("*/{TOUR}.en.vtt*"))
                .await?;
            let opened = browser.open_lecture(ASTRONOMY, TOUR).await?;

            choose_captions_in(browser, "en").await?;
            browser
                .wait_for_text(CAPTIONS_FAILED, "The captions could not be loaded")
                .await?;
            open_transcript_panel(browser).await?;
            browser
                .wait_for_text(
                    "#transcript-panel .transcript-error",
                    "The captions could not be loaded",
                )
                .await?;
            ensure!(
                !browser
                    .is_present("#transcript-panel button.transcript-cue")
                    .await?,
                "a transcript that failed to load lists no lines"
            );

            browser.play_lecture().await?;
            browser
                .wait_until("the lecture to play on without its captions", |state| {
                    !state.is_paused && state.current_time > opened.current_time + 1.0
                })
                .await?;
            browser.pause_lecture().await?;

            // The other track still works, once the network lets it through.
            browser.allow_all_requests().await?;
            let arabic = tour_cues(browser, "ar").await?;
            choose_captions_in(browser, "ar").await?;
            browser
                .seek_to_ms((arabic[0].middle_seconds() * 1_000.0) as u64)
                .await?;
            browser.wait_for_captions(&arabic[0].text).await?;
            browser
                .wait_for_attribute(".caption-overlay", "lang", "ar")
                .await?;
            ensure!(
                !browser.is_present(CAPTIONS_FAILED).await?,
                "the failure note goes away with a track that loads"
            );
            browser
                .find("#transcript-panel button.transcript-cue")
                .await?;
            ensure!(
                !browser
                    .is_present("#transcript-panel .transcript-error")
                    .await?,
                "the transcript lists the Arabic lines instead of the error"
            );
            Ok(())
        })
    })
    .await
}

/// Presses the player's picture-in-picture button.
async fn toggle_picture_in_picture(browser: &Browser) -> Result<()> {
    browser.click("button.pip-toggle").await
}

#[tokio::test]
async fn picture_in_picture_is_offered_only_where_the_browser_has_it() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(ASTRONOMY, TOUR).await?;
            // The control bar is there, so a missing button is a decision, not a delay.
            browser
                .find("section.media-player[data-kind='video'] button.play-toggle")
                .await?;
            let is_enabled = browser
                .script("return document.pictureInPictureEnabled === true;")
                .await?
                == true;
            let is_offered = browser.is_present("button.pip-toggle").await?;
            ensure!(
                is_offered == is_enabled,
                "the player offers picture-in-picture ({is_offered}) exactly where the \
                 browser has it ({is_enabled})"
            );
            if is_enabled {
                toggle_picture_in_picture(browser).await?;
                browser
                    .wait_for_script(
                        "the video to go picture-in-picture",
                        &format!(
                            "return document.pictureInPictureElement \
                               === document.querySelector('{MEDIA}');"
                        ),
                    )
                    .await?;
                toggle_picture_in_picture(browser).await?;
                browser
                    .wait_for_script(
                        "the video to leave picture-in-picture",
                        "return document.pictureInPictureElement === null;",
                    )
                    .await?;
            } else {
                eprintln!("this Chromium has no picture-in-picture; checked the button is absent");
            }

            browser.open_lecture(ASTRONOMY, AUDIO_LECTURE).await?;
            browser
                .find("section.media-player[data-kind='audio'] button.play-toggle")
                .await?;
            ensure!(
                !browser.is_present("button.pip-toggle").await?,
                "an audio lecture never offers picture-in-picture"
            );
            Ok(())
        })
    })
    .await
}
