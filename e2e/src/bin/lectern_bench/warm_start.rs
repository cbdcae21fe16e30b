//! Warm start from the service worker with the network off, against a cold start, in the
//! same browser each time: a fresh profile opens the catalog through a relay (a cold start:
//! nothing cached, the worker installs and keeps the app shell; a second visit lets it keep
//! the course list), then
//! the relay cuts the network and the catalog is opened again (a warm start, served by the
//! worker alone). Both are timed from navigation start to the catalog being visible.

use crate::{print_median, sign_in_without_the_app, COLD_LOADS, LEARNER};
use anyhow::{bail, Result};
use lectern_e2e::{Browser, Env, Relay};

/// Prints the medians of [`COLD_LOADS`] cold and warm offline starts.
pub async fn report(env: &Env) -> Result<()> {
    let mut cold = Vec::with_capacity(COLD_LOADS);
    let mut warm = Vec::with_capacity(COLD_LOADS);
    for _ in 0..COLD_LOADS {
        let (cold_ms, warm_ms) = cold_then_warm(env).await?;
        cold.push(cold_ms);
        warm.push(warm_ms);
    }
    print_median(
        "start time, cold: navigation to catalog visible, nothing cached (through a loopback relay)",
        cold,
    )?;
    print_median(
        "start time, warm from the service worker with the network off: the same navigation",
        warm,
    )
}

async fn cold_then_warm(env: &Env) -> Result<(f64, f64)> {
    let relay = Relay::start(&env.base_url).await?;
    let browser = Browser::open(&env.with_base_url(relay.base_url())).await?;
    let outcome = async {
        sign_in_without_the_app(&browser, LEARNER).await?;
        let cold = time_catalog(&browser).await?;
        browser.wait_for_service_worker().await?;
        // Once more online, now through the worker, which keeps the course list as well.
        time_catalog(&browser).await?;
        relay.go_offline();
        let warm = time_catalog(&browser).await?;
        Ok((cold, warm))
    }
    .await;
    browser.close().await?;
    outcome
}

async fn time_catalog(browser: &Browser) -> Result<f64> {
    browser.visit("/").await?;
    let elapsed = browser
        .client()
        .execute_async(include_str!("../catalog_visible_at.js"), Vec::new())
        .await?;
    match elapsed.as_f64() {
        Some(elapsed) => Ok(elapsed),
        None => bail!("the catalog never became visible: {elapsed}"),
    }
}
