//! Helpers for a live session's recording over real HTTP, on the demo's live lesson: a
//! server with a media directory, chunks and completions as the instructor's browser sends
//! them, and chat posted through the room's WebSocket at a set time.

use super::live::{chat, live_server_with_media, say, until, Socket};
use super::TestServer;
use lectern_api::v1::live::{RecordingStatus, ServerMessage};
use reqwest::header::{CONTENT_RANGE, CONTENT_TYPE};
use reqwest::{Response, StatusCode};
use std::time::Duration;
use tempfile::TempDir;

pub const RECORDING: &str = "/api/v1/live/astronomy-101.live-q-and-a/recording";
pub const COMPLETE: &str = "/api/v1/live/astronomy-101.live-q-and-a/recording/complete";
pub const WEBM: &str = "video/webm;codecs=vp8,opus";
pub const MEDIA_URL: &str = "/media/astronomy-101/recordings/live-q-and-a.webm";
pub const CHAT_URL: &str = "/media/astronomy-101/recordings/live-q-and-a-chat.vtt";

/// A server with a media directory, and the directory.
pub async fn recording_server() -> (TestServer, TempDir) {
    let media = tempfile::tempdir().unwrap();
    let server = live_server_with_media(Some(media.path())).await;
    (server, media)
}

/// Bytes that differ from offset to offset, so a chunk in the wrong place shows.
pub fn recording_bytes(length: usize) -> Vec<u8> {
    (0..length)
        .map(|index| u8::try_from(index * 7 % 251).unwrap())
        .collect()
}

/// `PUT`s `bytes` as the chunk `content_range` names.
pub async fn put_chunk(
    server: &TestServer,
    token: Option<&str>,
    content_type: &str,
    content_range: Option<&str>,
    bytes: &[u8],
) -> Response {
    let mut request = server
        .client
        .put(server.url(RECORDING))
        .header(CONTENT_TYPE, content_type)
        .body(bytes.to_vec());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(content_range) = content_range {
        request = request.header(CONTENT_RANGE, content_range);
    }
    request.send().await.unwrap()
}

/// `PUT`s bytes `start..end` of `all` with an open total, expecting them stored.
pub async fn send_chunk(
    server: &TestServer,
    token: &str,
    all: &[u8],
    start: usize,
    end: usize,
) -> u64 {
    let range = format!("bytes {start}-{}/*", end - 1);
    let response = put_chunk(server, Some(token), WEBM, Some(&range), &all[start..end]).await;
    assert_eq!(response.status(), StatusCode::OK, "{range}");
    let offset = response.headers()["upload-offset"]
        .to_str()
        .unwrap()
        .to_owned();
    let status: RecordingStatus = response.json().await.unwrap();
    assert_eq!(offset, status.bytes_stored.to_string());
    status.bytes_stored
}

/// `POST`s the completion `body`.
pub async fn complete(
    server: &TestServer,
    token: Option<&str>,
    body: serde_json::Value,
) -> Response {
    let mut request = server.client.post(server.url(COMPLETE)).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The recording's bytes as stored in `media`.
pub fn stored_file(media: &TempDir) -> Vec<u8> {
    std::fs::read(
        media
            .path()
            .join("astronomy-101/recordings/live-q-and-a.webm"),
    )
    .unwrap()
}

/// How many `recording_ready` notifications there are, for anyone.
pub async fn recordings_notified(server: &TestServer) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'recording_ready'")
        .fetch_one(&server.db)
        .await
        .unwrap()
}

/// Sends `text` into the room as `socket` at `at`, by the server's clock, and waits until it
/// is stored.
pub async fn post_chat(server: &TestServer, socket: &mut Socket, at: &str, text: &str) {
    server.clock.set(at.parse().unwrap());
    let before = server.count_rows("live_chat_messages").await;
    say(socket, &chat(text)).await;
    // The socket hears the room's earlier messages too: wait for this one.
    until(socket, |message| match message {
        ServerMessage::Chat(message) if message.text == text => Some(()),
        _ => None,
    })
    .await;
    for _ in 0..100 {
        if server.count_rows("live_chat_messages").await > before {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the chat message {text:?} was not stored");
}
