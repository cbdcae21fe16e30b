//! End-to-end harness: a learner in real Chromium, driven through chromedriver, against a
//! running `lectern-server`. `cargo xtask test` starts both and passes their addresses in
//! `LECTERN_BASE_URL` and `LECTERN_WEBDRIVER_URL`. Helpers are named after what a person
//! does (`sign_in`, `open_course`, `open_lesson`, `press_tab`, `play_lecture`), as page
//! objects.

mod browser;
mod demo;
mod devtools;
mod discussion;
mod host_page;
mod launch;
mod live;
mod lms;
mod offline;
mod player;
mod profile;
mod quiz;
mod relay;
mod sync;

pub use browser::{Browser, Viewport};
pub use demo::demo_course;
pub use fantoccini::Locator;
pub use host_page::HostPage;
pub use live::{CuttableLink, LiveCourse};
pub use lms::{http_client, post_json, post_json_answer, HttpClient, JsonAnswer, LaunchFor, Lms};
pub use offline::behind_relay;
pub use player::{one_line, parse_vtt, ChapterButton, MediaState, VttCue};
pub use quiz::ShownQuestion;
pub use relay::{Relay, SeenRequest};

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

    /// The same services with the app at another address, such as a [`Relay`]'s
    /// `base_url()`, for browsers that should reach the server through it.
    pub fn with_base_url(&self, base_url: impl Into<String>) -> Env {
        Env {
            base_url: base_url.into(),
            ..self.clone()
        }
    }
}
