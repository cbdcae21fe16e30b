//! Starting headless Chromium through chromedriver in a given profile folder, with the
//! window, language and download settings a [`Browser`](crate::Browser) was opened with, so
//! the same browser can be started again in the same folder.

use crate::{browser::Viewport, profile::Profile, Env};
use anyhow::{Context, Result};
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use std::path::PathBuf;

/// How to start one browser, kept so it can be started again.
#[derive(Debug, Clone)]
pub(crate) struct Launch {
    pub webdriver_url: String,
    pub chromium: String,
    /// The app's origin, without a trailing `/`.
    pub base_url: String,
    pub viewport: Viewport,
    pub language: String,
    pub has_downloads: bool,
}

impl Launch {
    pub fn new(env: &Env, viewport: Viewport, language: &str, has_downloads: bool) -> Launch {
        Launch {
            webdriver_url: env.webdriver_url.clone(),
            chromium: env.chromium.clone(),
            base_url: env.base_url.trim_end_matches('/').to_owned(),
            viewport,
            language: language.to_owned(),
            has_downloads,
        }
    }

    /// Where downloads land in `profile`, for a browser that saves them.
    pub fn download_dir(&self, profile: &Profile) -> Option<PathBuf> {
        self.has_downloads.then(|| profile.path().join("downloads"))
    }

    /// Starts Chromium in `profile`'s folder through a new chromedriver session.
    pub async fn start_session(&self, profile: &Profile) -> Result<Client> {
        let mut chrome_options = json!({
            "binary": self.chromium,
            "args": self.chromium_args(profile),
            "prefs": { "intl.accept_languages": self.language },
        });
        if let Some(dir) = self.download_dir(profile) {
            std::fs::create_dir_all(&dir)?;
            let prefs = &mut chrome_options["prefs"];
            prefs["download.default_directory"] = json!(dir.display().to_string());
            prefs["download.prompt_for_download"] = json!(false);
            prefs["download.directory_upgrade"] = json!(true);
        }
        if let Viewport::Phone = self.viewport {
            // Headless windows are never narrower than 500 px; emulate the phone's screen.
            chrome_options["mobileEmulation"] =
                json!({ "deviceMetrics": { "width": 360, "height": 740, "pixelRatio": 2 } });
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), chrome_options);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&self.webdriver_url)
            .await
            .context("could not start a Chromium session through chromedriver")
    }

    fn chromium_args(&self, profile: &Profile) -> Value {
        let size = match self.viewport {
            Viewport::Desktop => "1280,900",
            Viewport::Phone => "360,740",
        };
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            // Live classes: fake camera and microphone, granted without a prompt; host
            // candidates as plain addresses (mDNS names do not resolve on loopback);
            // remote video plays without a gesture.
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required",
            "--disable-features=Translate,WebRtcHideLocalIpsWithMdns",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain([
            profile.user_data_dir_arg(),
            format!("--window-size={size}"),
            format!("--lang={}", self.language),
        ])
        .collect::<Vec<_>>();
        json!(args)
    }
}
