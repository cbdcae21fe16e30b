//! The embedded player in real Chromium: an LMS page on its own origin (another loopback
//! port, one the tests' API key allows) puts the player in an iframe with `public/embed.js`
//! and a launch URL. The player says `ready`, sizes its frame, plays the demo lecture through
//! commands (`seek`, `play`, `pause`, `getState`, `goto`) and tells `progress` and
//! `completed`; it ignores messages that are malformed, of another version, oversized, or
//! forged by a child frame of the host. A page on an origin the key does not allow cannot
//! frame it (`frame-ancestors`), so its commands go unanswered. Embedded pages have no app
//! header, and their links stay embedded.

use anyhow::{ensure, Context, Result};
use lectern_e2e::{Browser, Env, HostPage, LaunchFor, Lms};
use serde_json::{json, Value};
use std::time::Duration;

const COURSE: &str = "astronomy-101";
const VIDEO_LESSON: &str = "tour-of-the-sky";
const AUDIO_LESSON: &str = "planets-narrated";

/// The LMS page: the player embedded from `launch_url`, every event it tells kept in
/// `window.heard`.
fn host_html(base_url: &str, launch_url: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>An LMS course page</title>
<script src="{base_url}/embed.js"></script></head>
<body><h1>Astronomy in the LMS</h1><button id="start" type="button">Start</button>
<div id="course"></div>
<script>
window.heard = [];
window.player = Lectern.embed(document.getElementById("course"), {{
  launchUrl: {launch_url:?}, title: "Astronomy 101 in Lectern"
}});
for (const name of ["ready", "progress", "completed", "scored", "error", "resize"]) {{
  window.player.addEventListener(name, (event) => window.heard.push(event.detail));
}}
window.replies = [];
window.addEventListener("message", (event) => {{
  if (event.data && event.data.type === "reply") window.replies.push(event.data);
}});
</script></body></html>"#
    )
}

/// Runs `call` (an expression on `window.player` giving a promise) and returns what it
/// resolved to, or the error it was refused with.
async fn command(browser: &Browser, call: &str) -> Result<Value> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         Promise.resolve().then(() => {call})
           .then(value => done({{ value: value === undefined ? null : value }}),
                 err => done({{ error: String(err && err.message), code: err && err.code }}));"
    );
    let answer = browser.script_async(&script, Vec::new()).await?;
    ensure!(
        answer.get("error").is_none(),
        "{call} was refused: {answer}"
    );
    Ok(answer["value"].clone())
}

/// The events the host heard named `name`.
async fn heard(browser: &Browser, name: &str) -> Result<Vec<Value>> {
    let all = browser.script("return window.heard;").await?;
    Ok(all
        .as_array()
        .into_iter()
        .flatten()
        .filter(|event| event["event"] == name)
        .cloned()
        .collect())
}

async fn wait_to_hear(browser: &Browser, name: &str) -> Result<Vec<Value>> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let events = heard(browser, name).await?;
        if !events.is_empty() {
            return Ok(events);
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "the host never heard {name:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_lms_page_embeds_the_player_and_drives_it_through_embed_js() -> Result<()> {
    let env = Env::from_env()?;
    let lms = Lms::from_env(&env)?;
    let launch_url = lms
        .launch_url(&LaunchFor {
            learner_id: &format!("embedded-{}", std::process::id()),
            display_name: "Embedded Learner",
            role: "learner",
            course_id: COURSE,
            lesson_id: Some(VIDEO_LESSON),
        })
        .await?;
    let host = HostPage::serve(lms.host_port(), host_html(&env.base_url, &launch_url)).await?;
    let browser = Browser::open(&env).await?;
    let outcome = async {
        browser.visit_url(&host.url()).await?;
        let ready = wait_to_hear(&browser, "ready").await?;
        ensure!(
            ready.last().is_some_and(|r| r["lesson_id"] == VIDEO_LESSON),
            "ready on the launched lesson: {ready:?}"
        );
        let resized = wait_to_hear(&browser, "resize").await?;
        let height = resized
            .last()
            .and_then(|r| r["height"].as_u64())
            .context("height")?;
        ensure!(
            height > 200,
            "the player reports its content height: {height}"
        );
        let frame_height = browser
            .script(
                "return document.querySelector('#course iframe').getBoundingClientRect().height;",
            )
            .await?;
        ensure!(
            frame_height.as_f64().is_some_and(|h| h > 200.0),
            "embed.js sized the frame to it: {frame_height}"
        );

        command(&browser, "window.player.seek(30)").await?;
        let state = command(&browser, "window.player.getState()").await?;
        ensure!(
            state["lesson_id"] == VIDEO_LESSON,
            "getState names the lesson: {state}"
        );
        ensure!(
            state["position"]
                .as_f64()
                .is_some_and(|p| (p - 30.0).abs() < 1.0),
            "seek moved the video to 30 s: {state}"
        );
        // A click on the LMS page lets the frame start sound (the frame allows autoplay).
        browser.click("#start").await?;
        command(&browser, "window.player.play()").await?;
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        command(&browser, "window.player.pause()").await?;
        let state = command(&browser, "window.player.getState()").await?;
        ensure!(state["paused"] == true, "paused: {state}");
        let progress = wait_to_hear(&browser, "progress").await?;
        ensure!(
            progress.iter().any(|p| p["lesson_id"] == VIDEO_LESSON
                && p["position"].as_f64().is_some_and(|s| s >= 30.0)
                && p["watched_share"].as_f64().is_some_and(|w| w > 0.0)),
            "progress told with the position and the share watched: {progress:?}"
        );

        command(&browser, &format!("window.player.goto({AUDIO_LESSON:?})")).await?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let state = command(&browser, "window.player.getState()").await?;
            if state["lesson_id"] == AUDIO_LESSON && !state["duration"].is_null() {
                break;
            }
            ensure!(
                tokio::time::Instant::now() < deadline,
                "goto never landed: {state}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // The whole audio lecture (the video stops for a question at 45 s), from the start,
        // at the fastest speed the player credits (the learner's own choice in the frame):
        // the host hears it completed.
        command(&browser, "window.player.seek(0)").await?;
        browser
            .script_in_frame(
                0,
                "document.querySelector('.media-element').playbackRate = 16;",
            )
            .await?;
        command(&browser, "window.player.play()").await?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while !heard(&browser, "completed")
            .await?
            .iter()
            .any(|c| c["lesson_id"] == AUDIO_LESSON)
        {
            if tokio::time::Instant::now() > deadline {
                let media = browser
                    .script_in_frame(
                        0,
                        "const m = document.querySelector('.media-element');
                         return { at: m.currentTime, rate: m.playbackRate, paused: m.paused, ended: m.ended };",
                    )
                    .await?;
                anyhow::bail!("the host never heard the lecture completed; its media: {media}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }

        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn the_player_ignores_bad_forged_and_oversized_messages() -> Result<()> {
    let env = Env::from_env()?;
    let lms = Lms::from_env(&env)?;
    let launch_url = lms
        .launch_url(&LaunchFor {
            learner_id: &format!("embedded-bad-{}", std::process::id()),
            display_name: "Careful Learner",
            role: "learner",
            course_id: COURSE,
            lesson_id: Some(AUDIO_LESSON),
        })
        .await?;
    // The same allowed origin, one test at a time: this test waits for the port.
    let host = loop {
        match HostPage::serve(lms.host_port(), host_html(&env.base_url, &launch_url)).await {
            Ok(host) => break host,
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    let browser = Browser::open(&env).await?;
    let outcome = async {
        browser.visit_url(&host.url()).await?;
        wait_to_hear(&browser, "ready").await?;
        let bad = [
            json!({"lectern": 1, "type": "command", "id": "neg", "command": "seek", "seconds": -5}),
            json!({"lectern": 2, "type": "command", "id": "v2", "command": "pause"}),
            json!({"lectern": 1, "type": "command", "id": "odd", "command": "format-disk"}),
            json!({"lectern": 1, "type": "command", "id": "big", "command": "pause", "pad": "x".repeat(5_000)}),
            json!("pause"),
        ];
        browser
            .script_async(
                "const done = arguments[arguments.length - 1];
                 const frame = document.querySelector('#course iframe').contentWindow;
                 for (const message of arguments[0]) frame.postMessage(message, '*');
                 // A child frame of the host page, on the host's own (allowed) origin, forges a
                 // command: it is not the player's parent window.
                 const forger = document.createElement('iframe');
                 forger.srcdoc = `<script>parent.document.querySelector('#course iframe').contentWindow
                   .postMessage({lectern: 1, type: 'command', id: 'forged', command: 'getState'}, '*');<\\/script>`;
                 document.body.appendChild(forger);
                 frame.postMessage({lectern: 1, type: 'command', id: 'good', command: 'getState'}, '*');
                 setTimeout(() => done(null), 1500);",
                vec![json!(bad)],
            )
            .await?;
        let replies = browser.script("return window.replies.map(r => r.id);").await?;
        ensure!(
            replies == json!(["good"]),
            "only the well-formed command from the parent was answered: {replies}"
        );
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn a_page_on_an_origin_the_key_does_not_allow_cannot_frame_the_player() -> Result<()> {
    let env = Env::from_env()?;
    let lms = Lms::from_env(&env)?;
    let launch_url = lms
        .launch_url(&LaunchFor {
            learner_id: &format!("framed-elsewhere-{}", std::process::id()),
            display_name: "Elsewhere",
            role: "learner",
            course_id: COURSE,
            lesson_id: Some(VIDEO_LESSON),
        })
        .await?;
    // Any free port: an origin no API key lists.
    let stranger = HostPage::serve(0, host_html(&env.base_url, &launch_url)).await?;
    let browser = Browser::open(&env).await?;
    let outcome = async {
        browser.visit_url(&stranger.url()).await?;
        tokio::time::sleep(Duration::from_secs(4)).await;
        let events = browser.script("return window.heard;").await?;
        ensure!(
            events.as_array().is_some_and(Vec::is_empty),
            "a framed player on an unlisted origin never loads, so says nothing: {events}"
        );
        // Its commands go nowhere: nothing answers them.
        let answer = browser
            .script_async(
                "const done = arguments[arguments.length - 1];
                 window.player.timeoutMs = 1500;
                 window.player.ready.then(() => done('ready'));
                 window.player.getState().then(() => done('answered'), err => done(String(err.message)));",
                Vec::new(),
            )
            .await?;
        ensure!(
            answer.as_str().is_some_and(|a| a.contains("did not answer")),
            "the stranger's command was never answered: {answer}"
        );
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn embedded_pages_have_no_app_header_and_keep_their_links_embedded() -> Result<()> {
    let env = Env::from_env()?;
    let browser = Browser::open(&env).await?;
    let outcome = async {
        // The embedded pages themselves: no app header, and links that stay embedded.
        browser.sign_in_to_catalog("learner1", "learner1").await?;
        browser
            .visit(&format!("/embed/courses/{COURSE}/lessons/{AUDIO_LESSON}"))
            .await?;
        browser.find(".lesson-title").await?;
        ensure!(
            !browser.is_present(".app-header, #signout").await?,
            "no app header in the embedded player"
        );
        let links = browser
            .script("return [...document.querySelectorAll('a[href^=\"/courses/\"]')].length;")
            .await?;
        ensure!(
            links == json!(0),
            "every course link stays under /embed: {links}"
        );
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}
