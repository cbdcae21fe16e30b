//! Web Locks (`navigator.locks`): work that only one tab of this site may do at a time, such
//! as sending the outbox. A tab that wants the lock waits for the tab holding it; browsers
//! without Web Locks simply run the work.

use futures_channel::oneshot;
use js_sys::{Function, Promise, Reflect};
use leptos::logging::warn;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The lock the outbox is sent under.
pub const SYNC_LOCK: &str = "lectern-sync";

fn lock_manager() -> Option<JsValue> {
    let navigator = leptos::prelude::window().navigator();
    Reflect::get(&navigator, &JsValue::from_str("locks"))
        .ok()
        .filter(|locks| !locks.is_undefined() && !locks.is_null())
}

/// Runs `work` while holding the lock `name`, waiting for it first.
pub async fn holding<T>(name: &str, work: impl Future<Output = T>) -> T {
    match acquire(name).await {
        Some(release) => {
            let outcome = work.await;
            release();
            outcome
        }
        None => work.await,
    }
}

/// Waits for the lock; `Some(release)` once held, `None` if this browser cannot lock.
async fn acquire(name: &str) -> Option<impl FnOnce()> {
    let locks = lock_manager()?;
    let request = Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()
        .and_then(|request| request.dyn_into::<Function>().ok())?;
    let (granted, on_granted) = oneshot::channel::<bool>();
    let granted = Rc::new(RefCell::new(Some(granted)));
    let release: Rc<RefCell<Option<Function>>> = Rc::default();
    let held = {
        let release = release.clone();
        Promise::new(&mut |resolve, _reject| *release.borrow_mut() = Some(resolve))
    };
    let on_lock = {
        let granted = granted.clone();
        Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            if let Some(granted) = granted.borrow_mut().take() {
                let _ = granted.send(true);
            }
            // The lock is held until this promise settles.
            held.into()
        })
    };
    let requested = match request.call2(&locks, &JsValue::from_str(name), &on_lock) {
        Ok(requested) => Promise::from(requested),
        Err(err) => {
            warn!("the {name} lock could not be requested: {err:?}");
            return None;
        }
    };
    // A refused request (an opaque origin, say) never calls back: go on without the lock.
    leptos::task::spawn_local(async move {
        if JsFuture::from(requested).await.is_err() {
            if let Some(granted) = granted.borrow_mut().take() {
                let _ = granted.send(false);
            }
        }
    });
    match on_granted.await {
        Ok(true) => Some(move || {
            if let Some(resolve) = release.borrow_mut().take() {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        }),
        _ => None,
    }
}
