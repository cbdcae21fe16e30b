//! The embed channel in a real browser. A top-level page is its own parent, so a message it
//! posts to its parent comes back to it: posted with an exact target origin it is heard
//! (with the sender's origin and the message as JSON), with another target origin the
//! browser drops it; and a page at the top is not framed.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use futures::channel::mpsc;
use futures::StreamExt;
use lectern::io::embed_channel::{content_height, is_framed, on_parent_message, post_to_parent};
use serde_json::json;
use std::time::Duration;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn own_origin() -> String {
    web_sys::window().unwrap().location().origin().unwrap()
}

async fn sleep(duration: Duration) {
    lectern::io::timer::sleep_ms(duration.as_millis() as u32).await;
}

#[wasm_bindgen_test]
async fn messages_reach_only_the_exact_target_origin_and_arrive_as_json() {
    assert!(!is_framed(), "the test page is the top window");
    let (heard, mut hearing) = mpsc::unbounded::<(String, String)>();
    on_parent_message(move |origin, message| heard.unbounded_send((origin, message)).unwrap());

    post_to_parent(
        &json!({"lectern": 1, "type": "event", "event": "lost"}),
        "https://elsewhere.example",
    );
    post_to_parent(
        &json!({"lectern": 1, "type": "event", "event": "ready"}),
        &own_origin(),
    );
    let (origin, message) = hearing.next().await.unwrap();
    assert_eq!(origin, own_origin());
    let message: serde_json::Value = serde_json::from_str(&message).unwrap();
    assert_eq!(
        message["event"], "ready",
        "the one for another origin never arrived"
    );
    sleep(Duration::from_millis(200)).await;
    assert!(hearing.try_recv().is_err(), "nothing else was delivered");
}

#[wasm_bindgen_test]
fn the_page_has_a_content_height() {
    let body = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap();
    body.style().set_property("min-height", "1234px").unwrap();
    assert!(content_height() >= 1234, "{}", content_height());
}
