//! A loopback HTTP/1.1 relay between the browser and the server under test. Pointing a
//! browser at it lets a test make the network really go away (for the page and its service
//! worker alike, which DevTools network emulation does not reliably cover), lose one
//! response after the server stored the request, make a file look newly deployed, and see
//! which requests were made.

use anyhow::Context;
use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{AbortHandle, JoinSet};

mod forward;

use forward::{bad_gateway, streamed, with_suffix, ConnectionClosed, RelayBody, Upstream};

/// One request the relay forwarded, as the browser made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenRequest {
    pub method: String,
    /// The path, without the query.
    pub path: String,
    pub query: Option<String>,
    /// The request's `Range` header.
    pub range: Option<String>,
    /// The server's status; `None` while the server has not answered, or when forwarding
    /// failed or the response was lost.
    pub status: Option<u16>,
}

/// A running relay; clones share it, and it stops when the last clone is dropped.
#[derive(Clone)]
pub struct Relay {
    running: Arc<Running>,
}

impl Relay {
    /// Binds 127.0.0.1 on a free port and forwards every request to `upstream_base_url`
    /// (like `http://127.0.0.1:8090`).
    pub async fn start(upstream_base_url: &str) -> anyhow::Result<Relay> {
        let upstream = Upstream::parse(upstream_base_url)?;
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .context("the relay could not bind a loopback port")?;
        let local_addr = listener.local_addr()?;
        let state = Arc::new(RelayState {
            upstream,
            client: Client::builder(TokioExecutor::new()).build_http(),
            connections: Mutex::new(Connections {
                is_online: true,
                tasks: JoinSet::new(),
            }),
            seen: Mutex::new(Vec::new()),
            suffixes: Mutex::new(HashMap::new()),
            response_loss: Mutex::new(ResponseLoss::default()),
            media_throughput: Mutex::new(None),
            idle_closing: watch::Sender::new(0),
        });
        let accept_task = tokio::spawn(accept_connections(listener, Arc::clone(&state)));
        Ok(Relay {
            running: Arc::new(Running {
                state,
                local_addr,
                accept_task: accept_task.abort_handle(),
            }),
        })
    }

    /// `http://127.0.0.1:<port>`, the origin the browser should use.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.running.local_addr)
    }

    /// The network drops: every open connection is closed at once (requests under way
    /// fail), and every new one is closed as soon as it is accepted, until
    /// [`Relay::go_online`].
    pub fn go_offline(&self) {
        let mut connections = self.running.state.lock_connections();
        connections.is_online = false;
        connections.tasks.abort_all();
    }

    /// The network is back: new connections are served again.
    pub fn go_online(&self) {
        self.running.state.lock_connections().is_online = true;
    }

    /// From now on, answers under `/media/` arrive as if the network carried
    /// `bytes_per_second` (each answer is held back for its length at that rate); `None`
    /// lifts the limit. The page's own requests and the service worker's are both slowed,
    /// which DevTools throttling would not do.
    pub fn slow_media_to(&self, bytes_per_second: Option<u64>) {
        *lock(&self.running.state.media_throughput) = bytes_per_second;
    }

    /// Every request forwarded so far, in the order they arrived.
    pub fn requests(&self) -> Vec<SeenRequest> {
        lock(&self.running.state.seen).clone()
    }

    /// From now on, `200 OK` responses to `GET path` (the exact path; the query does not
    /// matter) get `suffix` appended to the body, with `Content-Length` fixed and `ETag` and
    /// `Last-Modified` dropped, so the browser sees a changed file (a new `/sw.js` is a new
    /// deployment). Such requests reach the server without `Range`, conditional or
    /// `Accept-Encoding` headers, so it answers with the whole, uncompressed file. Replaces
    /// an earlier suffix for the same path.
    pub fn append_to_responses(&self, path: &str, suffix: &[u8]) {
        lock(&self.running.state.suffixes).insert(path.to_owned(), Bytes::copy_from_slice(suffix));
    }

    /// The next request with this method and path (query ignored; a path ending in `*` is a
    /// prefix, for paths with ids the page makes up, like `/api/v1/uploads/*`) reaches the server, but
    /// its response is thrown away and the browser's connection closed, as if the network
    /// dropped after the server stored it. Returns at once; the loss happens once, and
    /// replaces a loss that has not happened yet.
    ///
    /// Until the loss, the browser gets no keep-alive connections: idle ones are closed now
    /// and every response closes its own. Chromium silently sends a request again when a
    /// connection it had already used drops before any answer, which would hide the loss
    /// from the page (and deliver the request twice); on a fresh connection it does not.
    pub fn lose_next_response(&self, method: &str, path: &str) {
        let state = &self.running.state;
        *lock(&state.response_loss) = ResponseLoss {
            awaited: Some((method.to_ascii_uppercase(), path.to_owned())),
            has_happened: false,
        };
        state
            .idle_closing
            .send_modify(|generation| *generation = generation.wrapping_add(1));
    }

    /// Whether the loss asked for with [`Relay::lose_next_response`] has happened.
    pub fn has_lost_response(&self) -> bool {
        lock(&self.running.state.response_loss).has_happened
    }
}

/// What lives as long as the relay: its state and the task accepting connections.
struct Running {
    state: Arc<RelayState>,
    local_addr: SocketAddr,
    accept_task: AbortHandle,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.accept_task.abort();
        self.state.lock_connections().tasks.abort_all();
    }
}

/// What the accepting task, the connections and the [`Relay`] handle share.
struct RelayState {
    upstream: Upstream,
    client: Client<HttpConnector, Full<Bytes>>,
    connections: Mutex<Connections>,
    seen: Mutex<Vec<SeenRequest>>,
    /// Bytes appended to `GET` responses, by path.
    suffixes: Mutex<HashMap<String, Bytes>>,
    response_loss: Mutex<ResponseLoss>,
    /// Bytes per second for `/media/` answers, when the network is slow.
    media_throughput: Mutex<Option<u64>>,
    /// Bumped to make every connection close once it has no request under way.
    idle_closing: watch::Sender<u64>,
}

/// The browser's open connections, one task each, and whether new ones are served.
/// Kept under one lock so no connection is accepted between going offline and the abort.
struct Connections {
    is_online: bool,
    tasks: JoinSet<()>,
}

/// The one response to lose, as (method, path), and whether it has been lost.
#[derive(Default)]
struct ResponseLoss {
    awaited: Option<(String, String)>,
    has_happened: bool,
}

impl RelayState {
    fn lock_connections(&self) -> MutexGuard<'_, Connections> {
        lock(&self.connections)
    }

    /// Notes a request and returns its place in [`RelayState::seen`].
    fn record(&self, parts: &http::request::Parts) -> usize {
        let mut seen = lock(&self.seen);
        seen.push(SeenRequest {
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            range: parts
                .headers
                .get(header::RANGE)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
            status: None,
        });
        seen.len() - 1
    }

    fn record_status(&self, seen_index: usize, status: StatusCode) {
        if let Some(seen) = lock(&self.seen).get_mut(seen_index) {
            seen.status = Some(status.as_u16());
        }
    }

    fn is_loss_awaited(&self) -> bool {
        lock(&self.response_loss).awaited.is_some()
    }

    /// Whether this request's response is the one to lose; if so, it is no longer awaited.
    fn takes_loss(&self, method: &Method, path: &str) -> bool {
        let mut loss = lock(&self.response_loss);
        let is_awaited = loss
            .awaited
            .as_ref()
            .is_some_and(|(lost_method, lost_path)| {
                let path_matches = match lost_path.strip_suffix('*') {
                    Some(prefix) => path.starts_with(prefix),
                    None => lost_path == path,
                };
                lost_method == method.as_str() && path_matches
            });
        if is_awaited {
            loss.awaited = None;
        }
        is_awaited
    }

    fn suffix_for(&self, method: &Method, path: &str) -> Option<Bytes> {
        if method != Method::GET {
            return None;
        }
        lock(&self.suffixes).get(path).cloned()
    }
}

/// Locks a mutex, carrying on if a panicking thread poisoned it (the data stays usable).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Accepts connections until the relay is dropped, closing them at once while offline.
async fn accept_connections(listener: TcpListener, state: Arc<RelayState>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: wait for it to pass.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let mut connections = state.lock_connections();
        while connections.tasks.try_join_next().is_some() {}
        if connections.is_online {
            connections
                .tasks
                .spawn(serve_connection(stream, Arc::clone(&state)));
        } else {
            drop(stream);
        }
    }
}

/// Serves one browser connection, keep-alive included, until either side closes it.
async fn serve_connection(stream: TcpStream, state: Arc<RelayState>) {
    // Without it, small responses wait for the browser's delayed ACK.
    let _ = stream.set_nodelay(true);
    let mut idle_closing = state.idle_closing.subscribe();
    let service = service_fn(move |request| relay_request(Arc::clone(&state), request));
    let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    // The connection ends when the browser closes it, or with an error when a response is
    // lost or a body breaks; either way the browser has seen all there is to see.
    loop {
        tokio::select! {
            _ = connection.as_mut() => return,
            is_sent = idle_closing.changed() => {
                if is_sent.is_err() {
                    let _ = connection.await;
                    return;
                }
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}

/// Forwards one request and answers with the server's response, altered as asked; while a
/// loss is awaited, the connection closes after the answer (see [`Relay::lose_next_response`]).
async fn relay_request(
    state: Arc<RelayState>,
    request: Request<Incoming>,
) -> Result<Response<RelayBody>, ConnectionClosed> {
    let mut response = forward_request(&state, request).await?;
    if state.is_loss_awaited() {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    Ok(response)
}

/// The server's answer to one request, or the loss of it.
async fn forward_request(
    state: &RelayState,
    request: Request<Incoming>,
) -> Result<Response<RelayBody>, ConnectionClosed> {
    let (parts, body) = request.into_parts();
    let seen_index = state.record(&parts);
    let path = parts.uri.path().to_owned();
    let suffix = state.suffix_for(&parts.method, &path);
    let body = body
        .collect()
        .await
        .map_err(ConnectionClosed::BrowserBodyFailed)?
        .to_bytes();
    let is_lost = state.takes_loss(&parts.method, &path);
    let upstream_request = match state.upstream.request(parts, body, suffix.is_some()) {
        Ok(request) => request,
        Err(error) => return Ok(bad_gateway(format!("cannot address {path}: {error}"))),
    };
    let response = state.client.request(upstream_request).await;
    if is_lost {
        if let Ok(response) = response {
            // Let the server finish its answer; what it said is thrown away.
            let _ = response.into_body().collect().await;
        }
        lock(&state.response_loss).has_happened = true;
        return Err(ConnectionClosed::ResponseLost);
    }
    let response = match response {
        Ok(response) => response,
        Err(error) => return Ok(bad_gateway(format!("cannot reach the server: {error}"))),
    };
    state.record_status(seen_index, response.status());
    match suffix {
        Some(suffix) if response.status() == StatusCode::OK => {
            with_suffix(response, &suffix, &path).await
        }
        _ => {
            let throughput = *lock(&state.media_throughput);
            match throughput {
                Some(rate) if path.starts_with("/media/") => slowed(response, rate).await,
                _ => Ok(streamed(response)),
            }
        }
    }
}

/// The server's answer, held back as long as a network of `bytes_per_second` would take.
async fn slowed(
    response: Response<Incoming>,
    bytes_per_second: u64,
) -> Result<Response<RelayBody>, ConnectionClosed> {
    let (parts, body) = response.into_parts();
    let whole = body
        .collect()
        .await
        .map_err(ConnectionClosed::ServerBodyFailed)?
        .to_bytes();
    let seconds = whole.len() as f64 / bytes_per_second.max(1) as f64;
    tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
    Ok(forward::remade(parts, whole))
}

#[cfg(test)]
mod tests;
