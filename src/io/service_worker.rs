//! The bridge to the service worker (`public/sw.js`): registering it, noticing when a new
//! build has installed beside the running one, and switching to it when the learner says
//! so. Browsers without service workers (or pages not served over a secure origin) run the
//! player as before, only without the offline start.

use super::media::describe;
use js_sys::{Object, Reflect};
use leptos::logging::warn;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// Where the build puts the worker (Trunk copies `public/sw.js` to the site's root).
const SCRIPT_URL: &str = "/sw.js";
/// What sw.js listens for to take over from the running worker.
const SKIP_WAITING: &str = "lectern.skip-waiting";

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = leptos::prelude::window().navigator();
    let has_workers =
        Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has_workers.then(|| navigator.service_worker())
}

/// Registers the worker. `on_update_ready` runs when a new version has installed and waits
/// (never for the first install: a page with no worker yet has nothing to replace).
pub fn register(on_update_ready: impl Fn() + Clone + 'static) {
    let Some(container) = container() else {
        return;
    };
    let had_worker = container.controller().is_some();
    leptos::task::spawn_local(async move {
        let registration = match JsFuture::from(container.register(SCRIPT_URL)).await {
            Ok(registration) => registration.unchecked_into::<ServiceWorkerRegistration>(),
            Err(err) => {
                warn!(
                    "the service worker could not be registered: {}",
                    describe(&err)
                );
                return;
            }
        };
        if had_worker && registration.waiting().is_some() {
            on_update_ready();
        }
        // A check started by this page's own navigation may already be installing.
        if let Some(installing) = registration.installing() {
            watch_worker(&installing, on_update_ready.clone());
        }
        watch_installs(&registration, on_update_ready);
    });
}

/// Calls `on_update_ready` whenever a newly found version finishes installing while a
/// worker already runs the page.
fn watch_installs(
    registration: &ServiceWorkerRegistration,
    on_update_ready: impl Fn() + Clone + 'static,
) {
    let watched = registration.clone();
    let on_found = Closure::<dyn Fn()>::new(move || {
        if let Some(installing) = watched.installing() {
            watch_worker(&installing, on_update_ready.clone());
        }
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    // App-wide: the registration lives as long as the page.
    on_found.forget();
}

/// Calls `on_update_ready` once `worker` has installed, if it will replace a running one.
fn watch_worker(worker: &ServiceWorker, on_update_ready: impl Fn() + 'static) {
    let watched = worker.clone();
    let on_state = Closure::<dyn Fn()>::new(move || {
        let replaces_one = container().is_some_and(|c| c.controller().is_some());
        if watched.state() == ServiceWorkerState::Installed && replaces_one {
            on_update_ready();
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    // The worker object owns the handler from here; it lives as long as the worker.
    on_state.forget();
}

/// Asks the browser whether a newer sw.js exists (it also checks on navigations, which a
/// single-page app rarely makes).
pub fn check_for_update() {
    let Some(container) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(found) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Ok(registration) = found.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if let Ok(promise) = registration.update() {
            // Offline, the check fails; the next one will do.
            let _ = JsFuture::from(promise).await;
        }
    });
}

/// Lets the waiting version take over, and reloads the page once it has.
pub fn apply_update() {
    let Some(container) = container() else {
        return;
    };
    let on_change = Closure::<dyn Fn()>::new(|| {
        if let Err(err) = leptos::prelude::window().location().reload() {
            warn!("could not reload for the new version: {}", describe(&err));
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    leptos::task::spawn_local(async move {
        let Ok(found) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let waiting: Option<ServiceWorker> = found
            .dyn_into::<ServiceWorkerRegistration>()
            .ok()
            .and_then(|registration| registration.waiting());
        let Some(waiting) = waiting else {
            return;
        };
        let message = Object::new();
        let _ = Reflect::set(
            &message,
            &JsValue::from_str("type"),
            &JsValue::from_str(SKIP_WAITING),
        );
        if let Err(err) = waiting.post_message(&message) {
            warn!("could not reach the new version: {}", describe(&err));
        }
    });
}

/// The Background Sync tag sw.js sends the outbox for (`SYNC_TAG` there).
const SYNC_TAG: &str = "lectern-sync";
/// Where the worker finds the session it sends with (`WORKER_CACHE`, `SESSION_KEY`).
const WORKER_CACHE: &str = "lectern-worker-v1";
const SESSION_KEY: &str = "/__lectern/session";

/// Asks the browser to wake the worker to send the outbox once the network is back
/// (Background Sync, where the browser has it; elsewhere the tabs' own retries do it).
pub fn request_background_sync() {
    let Some(container) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(found) = JsFuture::from(container.get_registration()).await else {
            return;
        };
        let Ok(sync) = Reflect::get(&found, &JsValue::from_str("sync")) else {
            return;
        };
        let register = Reflect::get(&sync, &JsValue::from_str("register"))
            .ok()
            .and_then(|register| register.dyn_into::<js_sys::Function>().ok());
        let Some(register) = register else {
            return;
        };
        if let Ok(promise) = register.call1(&sync, &JsValue::from_str(SYNC_TAG)) {
            if let Err(err) = JsFuture::from(js_sys::Promise::from(promise)).await {
                warn!("Background Sync was not granted: {}", describe(&err));
            }
        }
    });
}

/// Gives the worker the signed-in learner's token and id for Background Sync, or takes
/// them away on signing out.
pub fn share_session(session: Option<(String, String)>) {
    leptos::task::spawn_local(async move {
        if let Err(err) = write_session(session).await {
            warn!(
                "the service worker cannot send in the background: {}",
                describe(&err)
            );
        }
    });
}

async fn write_session(session: Option<(String, String)>) -> Result<(), JsValue> {
    let caches = leptos::prelude::window().caches()?;
    let cache: web_sys::Cache = JsFuture::from(caches.open(WORKER_CACHE))
        .await?
        .dyn_into()?;
    let Some((token, user_id)) = session else {
        JsFuture::from(cache.delete_with_str(SESSION_KEY)).await?;
        return Ok(());
    };
    let body = serde_json::json!({ "token": token, "user_id": user_id }).to_string();
    let init = web_sys::ResponseInit::new();
    let headers = web_sys::Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    init.set_headers(&headers);
    let response = web_sys::Response::new_with_opt_str_and_init(Some(&body), &init)?;
    JsFuture::from(cache.put_with_str(SESSION_KEY, &response)).await?;
    Ok(())
}
