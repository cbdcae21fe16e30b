//! Helpers for the live room's WebSocket over a real loopback socket (tokio-tungstenite),
//! on the demo's live lesson `astronomy-101.live-q-and-a` with the clock inside its hour:
//! opening and joining, sending chat, and reading what the room says.

use super::{start_with, TestServer};
use futures_util::{SinkExt, StreamExt};
use lectern_api::v1::live::{
    encode_client_message, parse_server_message, ClientMessage, ClientMessageId, ServerMessage,
};
use std::path::Path;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub const SESSION: &str = "astronomy-101.live-q-and-a";

/// A time inside the demo session's hour (18:00 to 19:00 UTC).
pub const IN_SESSION: &str = "2027-01-20T18:05:00Z";

/// A server with the clock at [`IN_SESSION`].
pub async fn live_server() -> TestServer {
    live_server_with_media(None).await
}

/// A server with the clock at [`IN_SESSION`] serving `media` at `/media/`.
pub async fn live_server_with_media(media: Option<&Path>) -> TestServer {
    let server = start_with(None, media).await;
    server.clock.set(IN_SESSION.parse().unwrap());
    server
}

pub async fn open(
    server: &TestServer,
    token: Option<&str>,
    origin: Option<&str>,
    since: Option<u64>,
) -> Result<Socket, WsError> {
    let query = since.map_or(String::new(), |since| format!("?since_sequence={since}"));
    let url = format!(
        "{}/api/v1/live/{SESSION}/ws{query}",
        server.base_url.replace("http://", "ws://")
    );
    let mut request = url.into_client_request().unwrap();
    let protocols = match token {
        Some(token) => format!("lectern.v1, bearer.{token}"),
        None => "lectern.v1".to_owned(),
    };
    let headers = request.headers_mut();
    headers.insert(
        "sec-websocket-protocol",
        HeaderValue::from_str(&protocols).unwrap(),
    );
    if let Some(origin) = origin {
        headers.insert("origin", HeaderValue::from_str(origin).unwrap());
    }
    let (socket, response) = tokio_tungstenite::connect_async(request).await?;
    assert_eq!(
        response.headers().get("sec-websocket-protocol").unwrap(),
        "lectern.v1"
    );
    Ok(socket)
}

pub async fn join(server: &TestServer, username: &str) -> Socket {
    let token = server.sign_in(username, username).await;
    open(server, Some(&token), None, None).await.unwrap()
}

pub fn refused_status(result: Result<Socket, WsError>) -> u16 {
    match result {
        Err(WsError::Http(response)) => response.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other:?}"),
    }
}

pub async fn say(socket: &mut Socket, message: &ClientMessage) {
    let text = encode_client_message(message).unwrap();
    socket.send(Message::text(text)).await.unwrap();
}

pub fn chat(text: &str) -> ClientMessage {
    ClientMessage::Chat {
        client_message_id: ClientMessageId::parse(&format!(
            "0c000000-0000-4000-8000-{:012x}",
            next_id()
        ))
        .unwrap(),
        text: text.to_owned(),
    }
}

pub fn next_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The next server message, within a few seconds.
pub async fn next(socket: &mut Socket) -> Option<ServerMessage> {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .expect("a message in time")?;
        match frame.ok()? {
            Message::Text(text) => return Some(parse_server_message(&text).unwrap()),
            Message::Close(_) => return None,
            _ => continue,
        }
    }
}

/// Messages until one `wanted` picks out.
pub async fn until<T>(socket: &mut Socket, wanted: impl Fn(ServerMessage) -> Option<T>) -> T {
    loop {
        let message = next(socket).await.expect("the socket to stay open");
        if let Some(found) = wanted(message) {
            return found;
        }
    }
}

pub async fn chat_text(socket: &mut Socket) -> String {
    until(socket, |message| match message {
        ServerMessage::Chat(chat) => Some(chat.text),
        _ => None,
    })
    .await
}

/// Nothing arrives for a moment.
pub async fn expect_quiet(socket: &mut Socket) {
    let waited = tokio::time::timeout(Duration::from_millis(300), socket.next()).await;
    assert!(waited.is_err(), "expected silence, got {waited:?}");
}

/// The close code the socket ends with.
pub async fn close_code(socket: &mut Socket) -> Option<CloseCode> {
    loop {
        match tokio::time::timeout(Duration::from_secs(5), socket.next()).await {
            Ok(Some(Ok(Message::Close(frame)))) => return frame.map(|frame| frame.code),
            Ok(Some(Ok(_))) => continue,
            Ok(_) | Err(_) => return None,
        }
    }
}
