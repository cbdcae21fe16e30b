//! Regenerates `docs/screenshot.png` for the README: a learner reading the demo course's
//! first lesson. Needs a running server and chromedriver, like the end-to-end tests:
//! `LECTERN_BASE_URL=http://127.0.0.1:8080 LECTERN_WEBDRIVER_URL=http://127.0.0.1:9515 \
//!  cargo run -p lectern-e2e --example screenshot -- docs/screenshot.png`

use anyhow::{Context, Result};
use lectern_e2e::{Browser, Env};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let output = std::env::args()
        .nth(1)
        .context("usage: screenshot OUTPUT.png")?;
    let env = Env::from_env()?;
    let browser = Browser::open(&env).await?;
    let outcome = async {
        browser.sign_in_to_catalog("learner1", "learner1").await?;
        browser.open_course("astronomy-101").await?;
        browser.open_lesson("welcome").await?;
        browser.client().set_window_size(1100, 760).await?;
        browser.screenshot(std::path::Path::new(&output)).await
    }
    .await;
    browser.close().await?;
    outcome
}
