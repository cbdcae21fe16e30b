//! Waiting in async code, on the browser's timer.

use wasm_bindgen_futures::JsFuture;

/// Resolves after `delay_ms`. With no window timer (it cannot be set), it resolves at once,
/// so a retry loop goes on rather than stopping for good.
pub async fn sleep_ms(delay_ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let delay = i32::try_from(delay_ms).unwrap_or(i32::MAX);
        let is_set = web_sys::window().is_some_and(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay)
                .is_ok()
        });
        if !is_set {
            // Calling a promise's resolve function does not throw.
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    // The promise only ever resolves.
    let _ = JsFuture::from(promise).await;
}
