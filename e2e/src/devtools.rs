//! Chrome DevTools Protocol commands sent through chromedriver (`goog/cdp/execute`), for
//! what WebDriver cannot do: a slow network, or none at all.

use crate::Browser;
use anyhow::{Context, Result};
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

/// One DevTools command with its parameters.
#[derive(Debug)]
struct DevtoolsCommand {
    method: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for DevtoolsCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let session_id = session_id.unwrap_or_default();
        base_url.join(&format!("session/{session_id}/goog/cdp/execute"))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Runs a DevTools command in the current page and returns its result.
    async fn devtools(&self, method: &'static str, params: Value) -> Result<Value> {
        self.client()
            .issue_cmd(DevtoolsCommand { method, params })
            .await
            .with_context(|| format!("the DevTools command {method} failed"))
    }

    /// Makes the page's network slow: at most `bytes_per_second` down, as on a poor
    /// mobile connection (until [`Browser::go_online`]).
    pub async fn use_slow_network(&self, bytes_per_second: u32) -> Result<()> {
        self.emulate_network(false, f64::from(bytes_per_second))
            .await
    }

    /// Cuts the page off the network, as a dropped connection does: requests under way
    /// fail and new ones cannot start.
    pub async fn go_offline(&self) -> Result<()> {
        self.emulate_network(true, -1.0).await
    }

    /// Brings the page back on a normal network.
    pub async fn go_online(&self) -> Result<()> {
        self.emulate_network(false, -1.0).await
    }

    /// `Network.emulateNetworkConditions`; a throughput of -1 means no limit.
    async fn emulate_network(&self, is_offline: bool, download_throughput: f64) -> Result<()> {
        self.devtools("Network.enable", json!({})).await?;
        self.devtools(
            "Network.emulateNetworkConditions",
            json!({
                "offline": is_offline,
                "latency": 0,
                "downloadThroughput": download_throughput,
                "uploadThroughput": -1,
            }),
        )
        .await?;
        Ok(())
    }
}
