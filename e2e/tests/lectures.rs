//! The lecture player in real Chromium: playback, in-video questions, keyboard shortcuts,
//! captions, the transcript, resuming, honest completion, keyboard-only use, phone width,
//! audio and narrated slides, and a clear error when the media cannot load.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use anyhow::{bail, ensure, Context, Result};
use common::{as_learner, in_browser};
use fantoccini::key::Key;
use lectern_e2e::{one_line, parse_vtt, Browser, Locator, Viewport, VttCue};
use serde_json::{json, Value};
use std::time::Duration;

const COURSE: &str = "astronomy-101";
const TOUR: &str = "tour-of-the-sky";
const AUDIO_LECTURE: &str = "planets-narrated";
const SLIDES: &str = "planets-at-a-glance";
const TRANSCRIPT_CUES: &str = "ol.transcript-cues li button.transcript-cue";
const CAPTION_CUES: &str = ".caption-overlay .caption-cue";

/// A lesson of the demo course as the server seeds it.
fn demo_lesson(lesson_id: &str) -> Result<Value> {
    let course = lectern_e2e::demo_course(COURSE)?;
    let lessons = course["modules"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|module| module["lessons"].as_array().into_iter().flatten());
    for lesson in lessons {
        if lesson["lesson_id"] == lesson_id {
            return Ok(lesson.clone());
        }
    }
    bail!("the demo course has no lesson {lesson_id}")
}

/// The cues of one of the tour's text tracks, as the server serves them.
async fn tour_cues(browser: &Browser, language: &str) -> Result<Vec<VttCue>> {
    let path = format!("/media/{COURSE}/{TOUR}.{language}.vtt");
    let cues = parse_vtt(&browser.fetch_text(&path).await?);
    ensure!(!cues.is_empty(), "{path} has no cues");
    Ok(cues)
}

/// Waits until the captions over the picture read exactly `expected` (white space aside).
async fn wait_for_captions(browser: &Browser, expected: &str) -> Result<()> {
    let script = format!(
        "const shown = [...document.querySelectorAll('{CAPTION_CUES}')] \
           .map(cue => cue.innerText).join(' ').replace(/\\s+/g, ' ').trim(); \
         return shown === {};",
        json!(expected)
    );
    browser
        .wait_for_script(&format!("the captions to read {expected:?}"), &script)
        .await
        .map(|_| ())
}

/// The transcript cues a learner can see right now.
async fn visible_transcript_cues(browser: &Browser) -> Result<u64> {
    let script = format!(
        "return [...document.querySelectorAll('{TRANSCRIPT_CUES}')] \
           .filter(cue => cue.checkVisibility()).length;"
    );
    Ok(browser.script(&script).await?.as_u64().unwrap_or_default())
}

async fn open_transcript(browser: &Browser) -> Result<()> {
    browser.click("button.transcript-toggle").await?;
    browser
        .wait_for_attribute("button.transcript-toggle", "aria-expanded", "true")
        .await?;
    browser
        .wait_for_script(
            "the transcript panel to show its cues",
            &format!(
                "const panel = document.querySelector('#transcript-panel.transcript-panel'); \
                 return panel !== null && panel.checkVisibility() \
                   && panel.querySelectorAll('{TRANSCRIPT_CUES}').length > 0;"
            ),
        )
        .await?;
    Ok(())
}

/// Whether the element matching `css` is drawn and fits across the window.
async fn is_on_screen(browser: &Browser, css: &str) -> Result<bool> {
    let script = format!(
        "const e = document.querySelector({}); if (!e || !e.checkVisibility()) return false; \
         const r = e.getBoundingClientRect(); \
         return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= window.innerWidth;",
        json!(css)
    );
    Ok(browser.script(&script).await?.as_bool() == Some(true))
}

#[tokio::test]
async fn a_video_lecture_plays_and_pauses() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            let opened = browser.open_lecture(COURSE, TOUR).await?;
            ensure!(
                opened.is_paused,
                "a lecture waits for the learner: {opened:?}"
            );
            browser
                .find("section.media-player[data-kind='video'][data-playing='false']")
                .await?;
            browser
                .wait_for_attribute("button.play-toggle", "aria-label", "Play")
                .await?;

            browser.play_lecture().await?;
            browser
                .wait_until("the lecture to play past 1 s", |state| {
                    state.current_time > 1.0 && !state.is_paused
                })
                .await?;
            browser
                .wait_for_attribute("button.play-toggle", "aria-label", "Pause")
                .await?;
            browser
                .wait_for_attribute("section.media-player", "data-playing", "true")
                .await?;

            let paused = browser.pause_lecture().await?;
            browser
                .wait_for_attribute("button.play-toggle", "aria-label", "Play")
                .await?;
            browser
                .wait_for_attribute("section.media-player", "data-playing", "false")
                .await?;
            let later = browser.media_state().await?;
            ensure!(
                later.is_paused && later.is_near(paused.current_time, 0.05),
                "a paused lecture stays where it stopped: {paused:?} then {later:?}"
            );
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn an_in_video_question_pauses_the_lecture_until_skipped() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            let question_at = demo_lesson(TOUR)?["questions"][0]["at_seconds"]
                .as_f64()
                .context("the tour asks a question")?;
            browser.open_lecture(COURSE, TOUR).await?;
            browser
                .seek_to_ms(((question_at - 2.0).max(0.0) * 1_000.0) as u64)
                .await?;
            browser.play_lecture().await?;
            browser.find("form.timed-question").await?;
            let asked = browser
                .wait_until("the question to pause playback", |state| state.is_paused)
                .await?;
            ensure!(
                asked.is_near(question_at, 1.0),
                "the question at {question_at} s paused the lecture at {} s",
                asked.current_time
            );
            browser
                .click("form.timed-question button.question-skip")
                .await?;
            browser
                .wait_until("playback to go on after skipping", |state| {
                    !state.is_paused && state.current_time > question_at + 0.5
                })
                .await?;
            ensure!(
                !browser.is_present("form.timed-question").await?,
                "a skipped question goes away"
            );
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn keyboard_shortcuts_seek_and_change_speed_but_not_while_typing() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            let opened = browser.open_lecture(COURSE, TOUR).await?;
            let duration = opened.duration.context("the lecture knows its length")?;
            browser.seek_to_ms(30_000).await?;

            browser.press_on_page('l').await?;
            browser
                .wait_until("l to skip 10 s ahead, to 40 s", |state| {
                    !state.is_seeking && state.is_near(40.0, 0.5)
                })
                .await?;
            browser.press_on_page(Key::Left).await?;
            browser
                .wait_until("the left arrow to go 5 s back, to 35 s", |state| {
                    !state.is_seeking && state.is_near(35.0, 0.5)
                })
                .await?;
            browser.press_on_page('j').await?;
            browser
                .wait_until("j to go 10 s back, to 25 s", |state| {
                    !state.is_seeking && state.is_near(25.0, 0.5)
                })
                .await?;

            browser.press_on_page('>').await?;
            browser.press_on_page('>').await?;
            browser
                .wait_until("> twice to speed up to 1.5×", |state| {
                    (state.playback_rate - 1.5).abs() < 1e-9
                })
                .await?;
            browser.press_on_page('<').await?;
            browser
                .wait_until("< to slow down to 1.25×", |state| {
                    (state.playback_rate - 1.25).abs() < 1e-9
                })
                .await?;
            browser
                .wait_for_script(
                    "the speed menu to show 1.25×",
                    "return document.querySelector('select.speed-select').value === '1.25';",
                )
                .await?;

            browser.press_on_page('5').await?;
            browser
                .wait_until("5 to jump to half of the lecture", |state| {
                    !state.is_seeking && state.is_near(duration / 2.0, 0.5)
                })
                .await?;
            browser.press_on_page(Key::Home).await?;
            let at_start = browser
                .wait_until("Home to go back to the start", |state| {
                    !state.is_seeking && state.is_near(0.0, 0.1)
                })
                .await?;
            ensure!(
                at_start.is_paused,
                "seeking does not start playback: {at_start:?}"
            );

            // Typing in the transcript's search box types; it does not seek or play.
            open_transcript(browser).await?;
            browser.click("input.transcript-search").await?;
            browser.type_text("lk").await?;
            let typed = browser
                .script("return document.querySelector('input.transcript-search').value;")
                .await?;
            ensure!(typed == "lk", "the search box got what was typed: {typed}");
            let after_typing = browser.media_state().await?;
            ensure!(
                after_typing.is_paused && after_typing.is_near(0.0, 0.1),
                "typing l and k in a text field must not seek or play: {after_typing:?}"
            );
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn captions_follow_the_chosen_track_right_to_left_for_arabic() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            let english = tour_cues(browser, "en").await?;
            let arabic = tour_cues(browser, "ar").await?;

            browser
                .find("select.captions-select")
                .await?
                .select_by_value("0")
                .await?;
            let first = &english[0];
            browser
                .seek_to_ms((first.middle_seconds() * 1_000.0) as u64)
                .await?;
            wait_for_captions(browser, &first.text).await?;

            browser
                .find("select.captions-select")
                .await?
                .select_by_value("1")
                .await?;
            let first_arabic = &arabic[0];
            browser
                .seek_to_ms((first_arabic.middle_seconds() * 1_000.0) as u64)
                .await?;
            wait_for_captions(browser, &first_arabic.text).await?;
            ensure!(
                first_arabic
                    .text
                    .chars()
                    .any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)),
                "the Arabic subtitles are in Arabic script: {:?}",
                first_arabic.text
            );
            browser
                .wait_for_attribute(".caption-overlay", "dir", "rtl")
                .await?;

            browser
                .find("select.captions-select")
                .await?
                .select_by_value("off")
                .await?;
            browser
                .wait_for_script(
                    "the captions to disappear",
                    &format!("return document.querySelectorAll('{CAPTION_CUES}').length === 0;"),
                )
                .await?;

            // `c` brings them back.
            browser.press_on_page('c').await?;
            browser
                .wait_for_script(
                    "c to turn the captions on again",
                    &format!(
                        "return [...document.querySelectorAll('{CAPTION_CUES}')] \
                           .some(cue => cue.innerText.trim() !== '');"
                    ),
                )
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn clicking_a_transcript_line_seeks_and_search_marks_matches() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            let english = tour_cues(browser, "en").await?;
            open_transcript(browser).await?;

            let cues = browser
                .client()
                .find_all(Locator::Css(TRANSCRIPT_CUES))
                .await?;
            ensure!(
                cues.len() == english.len(),
                "the transcript lists every cue of the English track: {} of {}",
                cues.len(),
                english.len()
            );
            let fifth = &cues[4];
            let start_ms = fifth
                .attr("data-start-ms")
                .await?
                .context("transcript cues carry data-start-ms")?
                .parse::<f64>()?;
            ensure!(
                (start_ms - english[4].start_ms as f64).abs() < 1.0,
                "the fifth line starts with the fifth cue: {start_ms} ms"
            );
            let line = one_line(
                browser
                    .script(&format!(
                        "return document.querySelectorAll('{TRANSCRIPT_CUES}')[4].innerText;"
                    ))
                    .await?
                    .as_str()
                    .unwrap_or_default(),
            );
            ensure!(
                line.contains(&english[4].text),
                "the fifth line shows the fifth cue's text {:?}: {line:?}",
                english[4].text
            );

            // Scroll the transcript to the line, as a reader does, then choose it.
            browser
                .script(&format!(
                    "document.querySelectorAll('{TRANSCRIPT_CUES}')[4].scrollIntoView({{ block: 'center', behavior: 'instant' }}); return null;"
                ))
                .await?;
            fifth.click().await?;
            let target = start_ms / 1_000.0;
            browser
                .wait_until("the transcript line to seek to its start", |state| {
                    !state.is_seeking && state.is_near(target, 0.5)
                })
                .await?;
            browser
                .wait_for_script(
                    "the fifth line to be marked as current",
                    &format!(
                        "const cues = document.querySelectorAll('{TRANSCRIPT_CUES}'); \
                         return cues[4].getAttribute('aria-current') === 'true' \
                           && document.querySelectorAll('{TRANSCRIPT_CUES}[aria-current=\"true\"]').length === 1;"
                    ),
                )
                .await?;

            let word = "Orion";
            let matching = english
                .iter()
                .filter(|cue| cue.text.to_lowercase().contains(&word.to_lowercase()))
                .count();
            ensure!(
                matching > 0 && matching < english.len(),
                "the demo narration mentions {word} in some cues but not all ({matching})"
            );
            browser.click("input.transcript-search").await?;
            browser.type_text(word).await?;
            browser
                .wait_for_script(
                    "only the matching lines to remain",
                    &format!(
                        "return [...document.querySelectorAll('{TRANSCRIPT_CUES}')] \
                           .filter(cue => cue.checkVisibility()).length === {matching};"
                    ),
                )
                .await?;
            let marks = browser
                .script(&format!(
                    "return [...document.querySelectorAll('{TRANSCRIPT_CUES}')] \
                       .filter(cue => cue.checkVisibility()) \
                       .map(cue => [...cue.querySelectorAll('mark')].map(m => m.textContent));"
                ))
                .await?;
            let marks = marks.as_array().context("a list of marks per line")?;
            for line_marks in marks {
                let texts: Vec<&str> = line_marks
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                ensure!(
                    texts.iter().any(|text| text.eq_ignore_ascii_case(word)),
                    "every remaining line marks {word}: {texts:?}"
                );
            }
            browser
                .wait_for_text(".transcript-match-count", &matching.to_string())
                .await?;
            ensure!(visible_transcript_cues(browser).await? == matching as u64);
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn a_lecture_left_midway_resumes_and_can_start_over() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            // Play two seconds from a point with no in-video question in the way.
            let question_at = demo_lesson(TOUR)?["questions"][0]["at_seconds"]
                .as_f64()
                .unwrap_or(f64::INFINITY);
            let start = if (36.0..48.0).contains(&question_at) {
                question_at + 5.0
            } else {
                40.0
            };
            browser.seek_to_ms((start * 1_000.0) as u64).await?;
            browser.play_lecture().await?;
            browser
                .wait_until("two seconds of playback", |state| {
                    state.current_time > start + 2.0
                })
                .await?;
            let left_at = browser.pause_lecture().await?.current_time;
            // Saved on pause; wait for it like a learner who leaves a moment later.
            browser
                .wait_for_saved_progress(TOUR, "the pause position is saved", |record| {
                    record["position_ms"]
                        .as_f64()
                        .is_some_and(|ms| (ms / 1_000.0 - left_at).abs() < 1.0)
                })
                .await?;

            browser.reload().await?;
            browser.find("section.media-player").await?;
            let resumed = browser
                .wait_until("the lecture to resume where it was left", |state| {
                    state.ready_state >= 1 && !state.is_seeking && state.current_time > 1.0
                })
                .await?;
            ensure!(
                resumed.is_near(left_at, 3.0),
                "left at {left_at} s, resumed at {} s",
                resumed.current_time
            );
            let notice = browser.find(".resume-notice[role=status]").await?;
            ensure!(notice.is_displayed().await?, "the resume notice is shown");

            browser.click(".resume-notice button.start-over").await?;
            browser
                .wait_until("start over to go back to the beginning", |state| {
                    !state.is_seeking && state.current_time < 1.0
                })
                .await?;
            browser
                .wait_for_script(
                    "the resume notice to go away",
                    "return document.querySelector('.resume-notice') === null;",
                )
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn scrubbing_does_not_complete_a_lecture_but_watching_it_does() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner2", "learner2").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            let ring = format!("a.lesson-link[data-lesson-id='{TOUR}'] .progress-ring");

            // (a) Scrub through the whole lecture without playing it.
            let length_ms = browser.seek_bar_max_ms().await?;
            ensure!(
                length_ms > 60_000,
                "the seek bar spans the lecture: {length_ms} ms"
            );
            for step in 0..=10 {
                browser.scrub_to_ms(length_ms * step / 10).await?;
            }
            browser
                .find(".lecture-status[data-complete='false']")
                .await?;
            browser
                .wait_for_saved_progress(TOUR, "the scrubbing is saved", |record| {
                    record["position_ms"]
                        .as_f64()
                        .is_some_and(|ms| ms > length_ms as f64 * 0.5)
                })
                .await?;
            browser.click("a.breadcrumb-course").await?;
            browser.find(".course-outline").await?;
            browser
                .wait_for_attribute(&ring, "data-complete", "false")
                .await?;
            let share = browser
                .attribute_of(&ring, "data-share")
                .await?
                .unwrap_or_default()
                .parse::<f64>()?;
            ensure!(
                share < 0.2,
                "scrubbing is not watching: the ring shows {share}"
            );

            // (b) Watch it all, fast, and it is complete.
            browser.open_lesson(TOUR).await?;
            browser.wait_for_lecture().await?;
            browser.seek_to_ms(0).await?;
            browser
                .script(
                    "document.querySelector('video.media-element').playbackRate = 16; return null;",
                )
                .await?;
            browser.play_lecture().await?;
            let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
            loop {
                if browser
                    .is_present("form.timed-question button.question-skip")
                    .await?
                {
                    browser
                        .click("form.timed-question button.question-skip")
                        .await?;
                }
                let state = browser.media_state().await?;
                if state.has_ended {
                    break;
                }
                if tokio::time::Instant::now() > deadline {
                    bail!("the lecture did not reach its end at 16×: {state:?}");
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            browser
                .find(".lecture-status[data-complete='true']")
                .await?;
            browser
                .wait_for_saved_progress(TOUR, "completion is saved", |record| {
                    record["is_complete"] == true
                })
                .await?;
            browser.click("a.breadcrumb-course").await?;
            browser.find(".course-outline").await?;
            browser
                .wait_for_attribute(&ring, "data-complete", "true")
                .await?;
            // The tour is the only lecture of its module, so the module is complete too.
            browser
                .wait_for_attribute(
                    "section.outline-module[aria-labelledby='module-getting-started'] .module-heading .progress-ring",
                    "data-complete",
                    "true",
                )
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn every_player_control_is_reachable_by_keyboard_and_named() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            // Chapters and tracks load after the player appears; their controls with them.
            browser.find("button.chapter-next").await?;
            browser.find("select.captions-select").await?;
            browser.tab_to("input.seek-bar", 80).await?;

            let describe = "const e = document.activeElement; \
                let name = (e.getAttribute('aria-label') || '').trim(); \
                const labelledBy = e.getAttribute('aria-labelledby'); \
                if (!name && labelledBy) name = labelledBy.split(/\\s+/) \
                  .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim(); \
                if (!name && e.labels && e.labels.length) { \
                  const label = e.labels[0].cloneNode(true); \
                  label.querySelectorAll('select, input, textarea').forEach(c => c.remove()); \
                  name = label.textContent.trim(); } \
                if (!name && !['SELECT', 'INPUT', 'TEXTAREA'].includes(e.tagName)) name = e.textContent.trim(); \
                return { is_in_player: e.closest('section.media-player') !== null, \
                  name, classes: e.getAttribute('class') || '', tag: e.tagName };";
            let mut reached = Vec::new();
            for _ in 0..40 {
                let focused = browser.script(describe).await?;
                if focused["is_in_player"] != true {
                    break;
                }
                let classes = focused["classes"].as_str().unwrap_or_default().to_owned();
                let name = focused["name"].as_str().unwrap_or_default();
                ensure!(!name.is_empty(), "a player control has no accessible name: {focused}");
                ensure!(
                    browser.focus_is_visible().await?,
                    "the focused control shows no focus ring: {focused}"
                );
                reached.push(classes);
                browser.press(Key::Tab).await?;
            }
            let expected = [
                "seek-bar",
                "play-toggle",
                "chapter-previous",
                "chapter-next",
                "mute-toggle",
                "volume",
                "speed-select",
                "captions-select",
                "caption-style-toggle",
                "transcript-toggle",
                "shortcuts-toggle",
                "fullscreen-toggle",
            ];
            for control in expected {
                ensure!(
                    reached
                        .iter()
                        .any(|classes| classes.split_whitespace().any(|class| class == control)),
                    "{control} was not reached by Tab; reached {reached:?}"
                );
            }

            // `?` opens the shortcuts; focus moves into the dialog; Escape closes it.
            browser
                .script("document.querySelector('button.play-toggle').focus(); return null;")
                .await?;
            browser.press_in_place('?').await?;
            browser
                .wait_for_script(
                    "the shortcuts dialog to open with focus inside",
                    "const help = document.querySelector('.shortcuts-help[role=dialog]'); \
                     return help !== null && !help.hidden && help.contains(document.activeElement);",
                )
                .await?;
            browser.press_in_place(Key::Escape).await?;
            browser
                .wait_for_script(
                    "Escape to close the shortcuts dialog",
                    "return document.querySelector('.shortcuts-help[role=dialog]').hidden;",
                )
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn the_lecture_fits_a_phone() -> Result<()> {
    in_browser(Viewport::Phone, "en-US", |browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            browser.find("button.play-toggle").await?;
            ensure!(
                !browser.scrolls_sideways().await?,
                "the lecture page scrolls sideways on a phone"
            );
            ensure!(
                is_on_screen(browser, "button.play-toggle").await?,
                "the play button is visible on a phone"
            );
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn audio_lectures_play_and_narrated_slides_follow_the_narration() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, AUDIO_LECTURE).await?;
            browser
                .find("section.media-player[data-kind='audio']")
                .await?;
            browser.play_lecture().await?;
            browser
                .wait_until("the audio lecture to play past 1 s", |state| {
                    state.current_time > 1.0 && !state.is_paused
                })
                .await?;
            browser.pause_lecture().await?;

            let slides = demo_lesson(SLIDES)?["slides"]
                .as_array()
                .cloned()
                .context("the slides lesson lists its slides")?;
            ensure!(slides.len() >= 3, "the demo deck has at least three slides");
            let third_starts_at = slides[2]["starts_at_seconds"]
                .as_f64()
                .context("narrated slides have start times")?;
            browser.open_lecture(COURSE, SLIDES).await?;
            let alt = browser
                .wait_for_script(
                    "the slide image with its text alternative",
                    "const img = document.querySelector('.slide-stage img'); \
                     return img && img.getAttribute('alt') ? img.getAttribute('alt').trim() : null;",
                )
                .await?;
            ensure!(alt.as_str().is_some_and(|a| !a.is_empty()), "slides have alt text");
            let thumbs = browser
                .client()
                .find_all(Locator::Css(".slide-strip button.slide-thumb"))
                .await?;
            ensure!(
                thumbs.len() == slides.len(),
                "one thumbnail per slide: {} for {}",
                thumbs.len(),
                slides.len()
            );
            thumbs[2].click().await?;
            browser
                .wait_until("the third slide's thumbnail to seek the narration", |state| {
                    !state.is_seeking && state.is_near(third_starts_at, 0.5)
                })
                .await?;
            browser
                .wait_for_text(".slide-position", &format!("Slide 3 of {}", slides.len()))
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn media_that_cannot_load_is_a_clear_error_and_the_lesson_still_works() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_lecture(COURSE, TOUR).await?;
            browser
                .script(
                    "const v = document.querySelector('video.media-element'); \
                     v.src = '/media/astronomy-101/does-not-exist.webm'; v.load(); return null;",
                )
                .await?;
            let failure = browser.find(".media-failure[role=alert]").await?;
            let message = failure.text().await?;
            ensure!(
                !message.trim().is_empty(),
                "the failure says what went wrong"
            );
            if browser.is_present(".media-failure button.retry").await? {
                ensure!(
                    is_on_screen(browser, ".media-failure button.retry").await?,
                    "the retry button is visible"
                );
            }
            open_transcript(browser).await?;
            ensure!(
                visible_transcript_cues(browser).await? > 0,
                "the transcript still works without the media"
            );
            browser.find("h1.lesson-title").await?;
            Ok(())
        })
    })
    .await
}
