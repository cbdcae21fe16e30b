//! End-to-end harness: a learner in real Chromium, driven through chromedriver, against a
//! running `lectern-server`. `cargo xtask test` starts both and passes their addresses in
//! `LECTERN_BASE_URL` and `LECTERN_WEBDRIVER_URL`. Helpers are named after what a person
//! does (`sign_in`, `open_course`, `open_lesson`, `press_tab`, `play_lecture`), as page
//! objects.

mod browser;
mod devtools;
mod player;
mod profile;
mod quiz;
mod sync;

pub use browser::{Browser, Viewport};
pub use fantoccini::Locator;
pub use player::{one_line, parse_vtt, ChapterButton, MediaState, VttCue};
pub use quiz::ShownQuestion;

use anyhow::{Context, Result};

/// Where the services under test are.
#[derive(Debug, Clone)]
pub struct Env {
    pub base_url: String,
    pub webdriver_url: String,
    pub chromium: String,
}

impl Env {
    /// Reads the addresses `cargo xtask test` passes; a clear error when run alone.
    pub fn from_env() -> Result<Env> {
        let hint = "end-to-end tests need a running server and chromedriver: run them with `cargo xtask test`";
        Ok(Env {
            base_url: std::env::var("LECTERN_BASE_URL").context(hint)?,
            webdriver_url: std::env::var("LECTERN_WEBDRIVER_URL").context(hint)?,
            chromium: std::env::var("LECTERN_CHROMIUM")
                .unwrap_or_else(|_| "/usr/bin/chromium".into()),
        })
    }
}
