//! The player's side of `postMessage` when an LMS page embeds it in an iframe: whether this
//! page is framed, the parent's origin when the browser tells it, messages from the parent
//! window only, and posting to the parent with an exact target origin (never `*`). What a
//! message may say is `lectern_core::embed`'s; which origins are allowed is the caller's.

use leptos::logging::warn;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Whether this page runs inside a frame (an LMS page embeds it).
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        Ok(None) => false,
        // A top window this page may not even look at is another site's.
        Err(_) => true,
    }
}

/// The parent page's origin, where the browser says it (`location.ancestorOrigins`, else
/// the origin of the page that opened this one).
pub fn parent_origin() -> Option<String> {
    let window = web_sys::window()?;
    // `location.ancestorOrigins` (Chromium, WebKit): the nearest ancestor first.
    let ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok();
    let nearest = ancestors
        .filter(|list| !list.is_undefined() && !list.is_null())
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|origin| origin.as_string());
    if let Some(origin) = nearest {
        return Some(origin);
    }
    let referrer = window.document()?.referrer();
    let url = web_sys::Url::new(&referrer).ok()?;
    Some(url.origin()).filter(|origin| origin != "null")
}

/// Listens for messages from the parent window (and no other window), calling `handler`
/// with the sender's origin and the message as JSON text. Messages that cannot be written
/// as JSON are dropped. Lives as long as the page.
pub fn on_parent_message(handler: impl Fn(String, String) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let parent = match window.parent() {
        Ok(Some(parent)) => parent,
        _ => return,
    };
    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let is_from_parent = event
                .source()
                .is_some_and(|source| js_sys::Object::is(&source, &parent));
            if !is_from_parent {
                return;
            }
            match js_sys::JSON::stringify(&event.data()) {
                Ok(json) => handler(event.origin(), String::from(json)),
                Err(_) => warn!("a message from the embedding page could not be read; ignored"),
            }
        });
    if window
        .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
        .is_err()
    {
        warn!("the embedding page's messages cannot be heard");
    }
    // The listener lives as long as the page.
    listener.forget();
}

/// Posts `message` to the parent window, delivered only if the parent's origin is exactly
/// `target_origin`.
pub fn post_to_parent(message: &serde_json::Value, target_origin: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let data = match js_sys::JSON::parse(&message.to_string()) {
        Ok(data) => data,
        Err(_) => JsValue::NULL,
    };
    if parent.post_message(&data, target_origin).is_err() {
        warn!("a message to the embedding page could not be posted");
    }
}

/// Calls `report` with the page's height in CSS pixels whenever it changes, so the host can
/// size its frame to the content. Lives as long as the page.
pub fn on_height_change(report: impl Fn(u32) + 'static) {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    else {
        return;
    };
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        report(content_height());
    });
    match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(&root);
            if let Some(body) = root.owner_document().and_then(|document| document.body()) {
                observer.observe(&body);
            }
        }
        Err(_) => warn!("the page's height cannot be watched, so the host frame is not resized"),
    }
    callback.forget();
}

/// The page's content height in CSS pixels.
pub fn content_height() -> u32 {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    else {
        return 0;
    };
    let height = root
        .scroll_height()
        .max(root.get_bounding_client_rect().height() as i32);
    u32::try_from(height).unwrap_or(0)
}
