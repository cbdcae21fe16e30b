//! Regenerates `docs/screenshot.png` for the README: a learner in the demo course's video
//! lecture with English captions and the transcript open (or any lesson named second). Needs a running server and chromedriver, like the end-to-end tests:
//! `LECTERN_BASE_URL=http://127.0.0.1:8080 LECTERN_WEBDRIVER_URL=http://127.0.0.1:9515 \
//!  cargo run -p lectern-e2e --example screenshot -- docs/screenshot.png [LESSON_ID]`

use anyhow::{Context, Result};
use lectern_e2e::{Browser, Env};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let output = std::env::args()
        .nth(1)
        .context("usage: screenshot OUTPUT.png [LESSON_ID]")?;
    let lesson_id = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "tour-of-the-sky".to_owned());
    let env = Env::from_env()?;
    let browser = Browser::open(&env).await?;
    let outcome = async {
        browser.sign_in_to_catalog("learner1", "learner1").await?;
        browser.open_course("astronomy-101").await?;
        browser.open_lesson(&lesson_id).await?;
        browser.client().set_window_size(1280, 1000).await?;
        if browser.is_present("video.media-element").await? {
            show_a_captioned_moment(&browser).await?;
        }
        browser.screenshot(std::path::Path::new(&output)).await
    }
    .await;
    browser.close().await?;
    outcome
}

/// Seeks the lecture to a captioned moment, turns English captions on and opens the
/// transcript, then waits for the frame and the captions to be drawn.
async fn show_a_captioned_moment(browser: &Browser) -> Result<()> {
    browser
        .script(
            "const video = document.querySelector('video.media-element');
             const ready = video.readyState >= 1 ? Promise.resolve()
                 : new Promise(r => video.addEventListener('loadedmetadata', r, { once: true }));
             return ready.then(() => {
                 const select = document.querySelector('select.captions-select');
                 select.value = '0';
                 select.dispatchEvent(new Event('change'));
                 document.querySelector('button.transcript-toggle').click();
                 video.currentTime = 21;
                 return new Promise(r => video.addEventListener('seeked', r, { once: true }));
             }).then(() => new Promise(r => setTimeout(r, 800)));",
        )
        .await?;
    Ok(())
}
