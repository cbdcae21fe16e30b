//! Chrome DevTools Protocol commands sent through chromedriver (`goog/cdp/execute`), for
//! what WebDriver cannot do: requests to some addresses failing as if the network had dropped.

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

    /// From now on, requests to addresses matching `url_pattern` (`*` matches anything)
    /// fail as if the network had dropped, until [`Browser::allow_all_requests`]. Requests
    /// already under way go on.
    pub async fn drop_requests_to(&self, url_pattern: &str) -> Result<()> {
        self.devtools("Network.enable", json!({})).await?;
        self.devtools("Network.setBlockedURLs", json!({ "urls": [url_pattern] }))
            .await?;
        Ok(())
    }

    /// Makes the page's clock read in `zone` (an IANA name such as `Asia/Tokyo`), as if the
    /// device were set to that time zone; it holds for this tab across navigations.
    pub async fn set_time_zone(&self, zone: &str) -> Result<()> {
        self.devtools(
            "Emulation.setTimezoneOverride",
            json!({ "timezoneId": zone }),
        )
        .await?;
        Ok(())
    }

    /// Lets every request through again.
    pub async fn allow_all_requests(&self) -> Result<()> {
        self.devtools("Network.setBlockedURLs", json!({ "urls": [] }))
            .await?;
        Ok(())
    }
}
