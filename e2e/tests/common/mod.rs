//! Shared set-up for the end-to-end tests: open a cold browser, run a flow, always close.

use anyhow::Result;
use lectern_e2e::{Browser, Env, Viewport};
use std::future::Future;
use std::pin::Pin;

pub type Flow<'b> = Pin<Box<dyn Future<Output = Result<()>> + 'b>>;

/// Runs `flow` in a fresh desktop browser that prefers English.
pub async fn as_learner(flow: impl for<'b> FnOnce(&'b Browser) -> Flow<'b>) -> Result<()> {
    in_browser(Viewport::Desktop, "en-US", flow).await
}

pub async fn in_browser(
    viewport: Viewport,
    language: &str,
    flow: impl for<'b> FnOnce(&'b Browser) -> Flow<'b>,
) -> Result<()> {
    let env = Env::from_env()?;
    let browser = Browser::open_with(&env, viewport, language).await?;
    let outcome = flow(&browser).await;
    if outcome.is_err() {
        let shot =
            std::env::temp_dir().join(format!("lectern-e2e-failure-{}.png", std::process::id()));
        if browser.screenshot(&shot).await.is_ok() {
            eprintln!("screenshot of the failure: {}", shot.display());
        }
    }
    browser.close().await?;
    outcome
}
