//! Offline use as a learner meets it: the service worker taking the page, downloads and
//! their controls, and what the device still holds to send (read straight from the
//! player's IndexedDB) against what the server says it holds.

use crate::{Browser, Env, Relay};
use anyhow::{bail, Result};
use serde_json::{json, Value};

/// A relay in front of the server under test, and a cold browser that goes through it.
pub async fn behind_relay() -> Result<(Relay, Browser)> {
    let env = Env::from_env()?;
    let relay = Relay::start(&env.base_url).await?;
    let browser = Browser::open(&env.with_base_url(relay.base_url())).await?;
    Ok((relay, browser))
}

impl Browser {
    /// Closes the browser whatever `outcome` was, and returns `outcome`.
    pub async fn close_after(self, outcome: Result<()>) -> Result<()> {
        let closed = self.close().await;
        outcome.and(closed)
    }

    /// Waits until a service worker controls the page (the first one claims it on
    /// activation).
    pub async fn wait_for_service_worker(&self) -> Result<()> {
        let script = "const done = arguments[arguments.length - 1];
            if (!('serviceWorker' in navigator)) { done('no service worker support'); return; }
            const check = () => navigator.serviceWorker.controller ? done('ok') : null;
            navigator.serviceWorker.addEventListener('controllerchange', check);
            navigator.serviceWorker.ready.then(check);
            check();";
        let answer = self.script_async(script, Vec::new()).await?;
        if answer != json!("ok") {
            bail!("no service worker took the page: {answer}");
        }
        Ok(())
    }

    /// The `data-download-state` of the page's download control.
    pub async fn download_state(&self) -> Result<String> {
        Ok(self
            .attribute_of(".download-control", "data-download-state")
            .await?
            .unwrap_or_default())
    }

    /// Waits until the page's download control is in `state` (`none`, `downloading`,
    /// `paused`, `complete`, `failed`).
    pub async fn wait_for_download_state(&self, state: &str) -> Result<()> {
        self.wait_for_attribute(".download-control", "data-download-state", state)
            .await
    }

    /// Bytes the download control says are stored.
    pub async fn downloaded_bytes(&self) -> Result<u64> {
        let value = self
            .attribute_of(".download-figures", "data-bytes-done")
            .await?
            .unwrap_or_default();
        Ok(value.parse().unwrap_or(0))
    }

    /// The events waiting in the player's outbox, as API v1 JSON.
    pub async fn outbox_events(&self) -> Result<Vec<Value>> {
        let script = "const done = arguments[arguments.length - 1];
            const open = indexedDB.open('lectern');
            open.onerror = () => done({ error: String(open.error) });
            open.onsuccess = () => {
              const db = open.result;
              const read = db.transaction('outbox').objectStore('outbox').getAll();
              read.onerror = () => done({ error: String(read.error) });
              read.onsuccess = () => { db.close(); done({ events: read.result.map(r => JSON.parse(r.event_json)) }); };
            };";
        let answer = self.script_async(script, Vec::new()).await?;
        if let Some(error) = answer.get("error") {
            bail!("the outbox could not be read: {error}");
        }
        Ok(answer["events"].as_array().cloned().unwrap_or_default())
    }

    /// `POST /api/v1/events` with the signed-in learner's token; the server's answer.
    pub async fn post_events(&self, events: &[Value]) -> Result<Value> {
        let script = "const done = arguments[arguments.length - 1];
            const session = JSON.parse(localStorage.getItem('lectern.session.v1'));
            fetch('/api/v1/events', {
              method: 'POST',
              headers: { Authorization: 'Bearer ' + session.token, 'Content-Type': 'application/json' },
              body: JSON.stringify({ events: arguments[0] }),
            })
              .then(r => r.ok ? r.json() : Promise.reject(new Error(r.status)))
              .then(body => done({ body }), err => done({ error: String(err) }));";
        let answer = self.script_async(script, vec![json!(events)]).await?;
        if let Some(error) = answer.get("error") {
            bail!("POST /api/v1/events failed: {error}");
        }
        Ok(answer["body"].clone())
    }

    /// The paths (with any query) of what Cache Storage holds under `cache_name`.
    pub async fn cached_paths(&self, cache_name: &str) -> Result<Vec<String>> {
        let script = "const done = arguments[arguments.length - 1];
            caches.open(arguments[0]).then(cache => cache.keys())
              .then(keys => done({ paths: keys.map(k => { const u = new URL(k.url); return u.pathname + u.search; }) }),
                    err => done({ error: String(err) }));";
        let answer = self.script_async(script, vec![json!(cache_name)]).await?;
        if let Some(error) = answer.get("error") {
            bail!("Cache Storage could not be read: {error}");
        }
        Ok(answer["paths"]
            .as_array()
            .map(|paths| {
                paths
                    .iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }
}
