//! The relay against a tiny stand-in server, through the client the harness uses.

use super::*;
use http::header::HeaderMap;
use std::convert::Infallible;
use std::io::Write;
use tokio::sync::Notify;

/// Long enough for anything that works; a hang fails the test instead of passing it.
const PATIENCE: Duration = Duration::from_secs(10);
const MEDIA_LEN: usize = 3 * 1024 * 1024;
const SERVICE_WORKER: &str = "self.version = 1;\n";
const SERVICE_WORKER_ETAG: &str = "\"sw-1\"";

/// A request as the test server received it.
#[derive(Debug, Clone)]
struct ReceivedRequest {
    method: String,
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct ServerLog {
    requests: Mutex<Vec<ReceivedRequest>>,
    slow_request_arrived: Notify,
}

impl ServerLog {
    fn received(&self) -> Vec<ReceivedRequest> {
        self.requests.lock().unwrap().clone()
    }
}

/// A tiny stand-in for lectern-server.
struct TestServer {
    base_url: String,
    log: Arc<ServerLog>,
}

async fn start_server() -> TestServer {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(ServerLog::default());
    let server_log = Arc::clone(&log);
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let log = Arc::clone(&server_log);
            tokio::spawn(async move {
                let service = service_fn(move |request| answer(Arc::clone(&log), request));
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    TestServer { base_url, log }
}

async fn answer(
    log: Arc<ServerLog>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    log.requests.lock().unwrap().push(ReceivedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        headers: parts.headers.clone(),
        body: body.clone(),
    });
    let response = match (parts.method.as_str(), parts.uri.path()) {
        ("GET", "/hello") => Response::builder()
            .header("x-greeting", "hello")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Full::from("hello, learner")),
        ("POST", "/echo") => Response::builder()
            .status(StatusCode::CREATED)
            .header("x-host", parts.headers[header::HOST].clone())
            .body(Full::new(body)),
        ("GET", "/media") => media_response(&parts.headers),
        ("GET", "/slow") => {
            log.slow_request_arrived.notify_one();
            tokio::time::sleep(Duration::from_secs(60)).await;
            Response::builder().body(Full::from("too late"))
        }
        ("GET", "/sw.js") => service_worker_response(&parts.headers),
        _ => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Full::from("not here")),
    };
    Ok(response.unwrap())
}

fn media() -> Vec<u8> {
    (0..MEDIA_LEN).map(|i| (i % 251) as u8).collect()
}

/// The whole file, or the `bytes=start-[end]` part of it as `206 Partial Content`.
fn media_response(headers: &HeaderMap) -> http::Result<Response<Full<Bytes>>> {
    let media = media();
    let range = headers
        .get(header::RANGE)
        .and_then(|range| range.to_str().ok()?.strip_prefix("bytes=")?.split_once('-'));
    let builder = Response::builder()
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_TYPE, "video/mp4");
    let Some((start, end)) = range else {
        return builder.body(Full::from(media));
    };
    let start: usize = start.parse().unwrap();
    let end: usize = if end.is_empty() {
        MEDIA_LEN - 1
    } else {
        end.parse().unwrap()
    };
    builder
        .status(StatusCode::PARTIAL_CONTENT)
        .header(
            header::CONTENT_RANGE,
            format!("bytes {start}-{end}/{MEDIA_LEN}"),
        )
        .body(Full::from(media[start..=end].to_vec()))
}

/// Like the real server: validators, `304` when they match, gzip when accepted.
fn service_worker_response(headers: &HeaderMap) -> http::Result<Response<Full<Bytes>>> {
    let builder = Response::builder()
        .header(header::ETAG, SERVICE_WORKER_ETAG)
        .header(header::LAST_MODIFIED, "Mon, 01 Jan 2024 00:00:00 GMT");
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|etag| etag == SERVICE_WORKER_ETAG)
    {
        return builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Full::default());
    }
    let builder = builder.header(header::CONTENT_TYPE, "text/javascript");
    let accepts_gzip = headers
        .get(header::ACCEPT_ENCODING)
        .is_some_and(|encodings| encodings.to_str().unwrap().contains("gzip"));
    if !accepts_gzip {
        return builder.body(Full::from(SERVICE_WORKER));
    }
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gzip.write_all(SERVICE_WORKER.as_bytes()).unwrap();
    builder
        .header(header::CONTENT_ENCODING, "gzip")
        .body(Full::from(gzip.finish().unwrap()))
}

type TestClient = Client<HttpConnector, Full<Bytes>>;

fn client() -> TestClient {
    Client::builder(TokioExecutor::new()).build_http()
}

#[derive(Debug)]
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Request<Full<Bytes>> {
    let mut builder = Request::builder().method(method).uri(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Full::from(body.to_owned())).unwrap()
}

/// Sends a request and reads the whole answer; an `Err` says how the exchange failed.
async fn send(client: &TestClient, request: Request<Full<Bytes>>) -> Result<Answer, String> {
    let exchange = async {
        let response = client
            .request(request)
            .await
            .map_err(|error| format!("request failed: {error:?}"))?;
        let (parts, body) = response.into_parts();
        let body = body
            .collect()
            .await
            .map_err(|error| format!("reading the body failed: {error}"))?
            .to_bytes();
        Ok(Answer {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    };
    tokio::time::timeout(PATIENCE, exchange)
        .await
        .expect("the exchange neither finished nor failed")
}

async fn get(client: &TestClient, url: &str) -> Result<Answer, String> {
    send(client, request("GET", url, &[], "")).await
}

#[tokio::test]
async fn forwards_status_headers_and_body() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let client = client();

    let hello = get(&client, &format!("{}/hello", relay.base_url()))
        .await
        .unwrap();
    assert_eq!(hello.status, StatusCode::OK);
    assert_eq!(hello.headers["x-greeting"], "hello");
    assert_eq!(hello.headers[header::CONTENT_TYPE], "text/plain");
    assert_eq!(hello.body, "hello, learner");

    let missing = get(&client, &format!("{}/nowhere", relay.base_url()))
        .await
        .unwrap();
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.body, "not here");
}

#[tokio::test]
async fn forwards_the_request_body_with_the_server_as_host() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let url = format!("{}/echo?attempt=1", relay.base_url());
    let headers = [("content-type", "application/json")];

    let echo = send(
        &client(),
        request("POST", &url, &headers, "{\"seconds\":42}"),
    )
    .await
    .unwrap();

    assert_eq!(echo.status, StatusCode::CREATED);
    assert_eq!(echo.body, "{\"seconds\":42}");
    let server_authority = server.base_url.trim_start_matches("http://");
    assert_eq!(echo.headers["x-host"], server_authority);
    let received = server.log.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].headers[header::CONTENT_TYPE],
        "application/json"
    );
}

#[tokio::test]
async fn range_requests_come_back_as_206_unchanged() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let client = client();
    let url = format!("{}/media", relay.base_url());

    let part = send(
        &client,
        request("GET", &url, &[("range", "bytes=1000-1999")], ""),
    )
    .await
    .unwrap();
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        part.headers[header::CONTENT_RANGE],
        format!("bytes 1000-1999/{MEDIA_LEN}")
    );
    assert_eq!(part.headers[header::CONTENT_LENGTH], "1000");
    assert_eq!(part.body, media()[1000..2000]);

    let whole = get(&client, &url).await.unwrap();
    assert_eq!(whole.status, StatusCode::OK);
    assert_eq!(whole.headers[header::CONTENT_LENGTH], MEDIA_LEN.to_string());
    assert!(whole.body == media(), "the whole file came back altered");
}

#[tokio::test]
async fn offline_fails_requests_until_online() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    // One client throughout: its keep-alive connection from before going offline is
    // in its pool when the network drops.
    let client = client();
    let url = format!("{}/hello", relay.base_url());
    assert_eq!(get(&client, &url).await.unwrap().status, StatusCode::OK);

    relay.go_offline();
    assert!(get(&client, &url).await.is_err());
    assert!(get(&client, &url).await.is_err());
    assert!(
        get(&self::client(), &url).await.is_err(),
        "a new client got through"
    );

    relay.go_online();
    let hello = get(&client, &url).await.unwrap();
    assert_eq!(hello.body, "hello, learner");
    assert_eq!(
        server.log.received().len(),
        2,
        "requests reached the server while offline"
    );
}

#[tokio::test]
async fn going_offline_closes_an_open_keep_alive_connection() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let address = relay.base_url().trim_start_matches("http://").to_owned();
    let stream = TcpStream::connect(&address).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake::<_, Full<Bytes>>(TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let hello = || request("GET", "/hello", &[("host", &address)], "");
    let first = sender.send_request(hello()).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    first.into_body().collect().await.unwrap();

    relay.go_offline();
    relay.go_online();

    let on_old_connection = tokio::time::timeout(PATIENCE, sender.send_request(hello()))
        .await
        .expect("the old connection neither answered nor failed");
    assert!(
        on_old_connection.is_err(),
        "the connection from before going offline was still served"
    );
    let on_new_connection = get(&client(), &format!("{}/hello", relay.base_url()))
        .await
        .unwrap();
    assert_eq!(on_new_connection.status, StatusCode::OK);
}

#[tokio::test]
async fn going_offline_fails_a_request_under_way() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let url = format!("{}/slow", relay.base_url());
    let under_way = tokio::spawn(async move { get(&client(), &url).await });
    tokio::time::timeout(PATIENCE, server.log.slow_request_arrived.notified())
        .await
        .expect("the slow request never reached the server");

    relay.go_offline();

    let outcome = under_way.await.unwrap();
    assert!(
        outcome.is_err(),
        "the request under way succeeded: {outcome:?}"
    );
    let seen = relay.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/slow");
    assert_eq!(seen[0].status, None);
}

#[tokio::test]
async fn an_appended_suffix_makes_a_changed_file() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let client = client();
    let url = format!("{}/sw.js?v=2", relay.base_url());
    let revalidation = [
        ("if-none-match", SERVICE_WORKER_ETAG),
        ("accept-encoding", "gzip, br"),
    ];
    let unchanged = send(&client, request("GET", &url, &revalidation, ""))
        .await
        .unwrap();
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);

    relay.append_to_responses("/sw.js", b"// deployment 2\n");

    let changed = send(&client, request("GET", &url, &revalidation, ""))
        .await
        .unwrap();
    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.body, format!("{SERVICE_WORKER}// deployment 2\n"));
    assert_eq!(
        changed.headers[header::CONTENT_LENGTH],
        changed.body.len().to_string()
    );
    for dropped in [
        header::ETAG,
        header::LAST_MODIFIED,
        header::CONTENT_ENCODING,
    ] {
        assert!(
            !changed.headers.contains_key(&dropped),
            "{dropped} was kept"
        );
    }
    let asked = server.log.received().pop().unwrap();
    assert!(!asked.headers.contains_key(header::IF_NONE_MATCH));
    assert!(!asked.headers.contains_key(header::ACCEPT_ENCODING));

    let other = get(&client, &format!("{}/hello", relay.base_url()))
        .await
        .unwrap();
    assert_eq!(other.body, "hello, learner");
}

#[tokio::test]
async fn a_lost_response_reaches_the_server_but_not_the_browser() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let client = client();
    let url = format!("{}/echo", relay.base_url());
    relay.lose_next_response("post", "/echo");
    assert!(!relay.has_lost_response());

    let other = get(&client, &format!("{}/hello", relay.base_url()))
        .await
        .unwrap();
    assert_eq!(other.status, StatusCode::OK);
    assert!(
        !relay.has_lost_response(),
        "a request to another path was lost"
    );

    let lost = send(&client, request("POST", &url, &[], "first")).await;
    assert!(lost.is_err(), "the response came through: {lost:?}");
    assert!(relay.has_lost_response());
    let received = server.log.received();
    assert_eq!(
        received
            .last()
            .map(|r| (r.method.as_str(), r.path.as_str(), r.body.clone())),
        Some(("POST", "/echo", Bytes::from("first")))
    );

    let next = send(&client, request("POST", &url, &[], "second"))
        .await
        .unwrap();
    assert_eq!(next.status, StatusCode::CREATED);
    assert_eq!(next.body, "second");
    let statuses: Vec<_> = relay.requests().iter().map(|seen| seen.status).collect();
    assert_eq!(statuses, [Some(200), None, Some(201)]);
}

#[tokio::test]
async fn awaiting_a_loss_closes_idle_keep_alive_connections() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let address = relay.base_url().trim_start_matches("http://").to_owned();
    let stream = TcpStream::connect(&address).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake::<_, Full<Bytes>>(TokioIo::new(stream))
            .await
            .unwrap();
    let connection = tokio::spawn(connection);
    let hello = request("GET", "/hello", &[("host", &address)], "");
    let first = sender.send_request(hello).await.unwrap();
    first.into_body().collect().await.unwrap();
    assert!(!connection.is_finished());

    relay.lose_next_response("POST", "/echo");

    tokio::time::timeout(PATIENCE, connection)
        .await
        .expect("the idle connection stayed open")
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn responses_close_their_connection_until_the_awaited_loss() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let hello_url = format!("{}/hello", relay.base_url());
    let before = get(&client(), &hello_url).await.unwrap();
    assert!(!before.headers.contains_key(header::CONNECTION));

    relay.lose_next_response("POST", "/echo");
    // A new client: the old one's idle connection is being closed under it.
    let client = client();
    let while_awaited = get(&client, &hello_url).await.unwrap();
    assert_eq!(while_awaited.headers[header::CONNECTION], "close");
    let url = format!("{}/echo", relay.base_url());
    send(&client, request("POST", &url, &[], "lost"))
        .await
        .unwrap_err();

    let after = get(&client, &hello_url).await.unwrap();
    assert!(!after.headers.contains_key(header::CONNECTION));
}

#[tokio::test]
async fn records_requests_in_order_with_query_range_and_status() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let client = client();
    let base_url = relay.base_url();
    get(&client, &format!("{base_url}/hello?lang=de&x=1"))
        .await
        .unwrap();
    send(
        &client,
        request(
            "GET",
            &format!("{base_url}/media"),
            &[("range", "bytes=0-9")],
            "",
        ),
    )
    .await
    .unwrap();
    send(
        &client,
        request("DELETE", &format!("{base_url}/missing"), &[], ""),
    )
    .await
    .unwrap();

    let seen =
        |method: &str, path: &str, query: Option<&str>, range: Option<&str>, status| SeenRequest {
            method: method.into(),
            path: path.into(),
            query: query.map(str::to_owned),
            range: range.map(str::to_owned),
            status: Some(status),
        };
    assert_eq!(
        relay.requests(),
        [
            seen("GET", "/hello", Some("lang=de&x=1"), None, 200),
            seen("GET", "/media", None, Some("bytes=0-9"), 206),
            seen("DELETE", "/missing", None, None, 404),
        ]
    );
}

#[tokio::test]
async fn an_unreachable_server_answers_502() {
    let free_port = TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let relay = Relay::start(&format!("http://127.0.0.1:{free_port}/"))
        .await
        .unwrap();

    let answer = get(&client(), &format!("{}/hello", relay.base_url()))
        .await
        .unwrap();

    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert_eq!(relay.requests()[0].status, None);
}

#[tokio::test]
async fn dropping_the_last_clone_closes_the_port() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    let address = relay.base_url().trim_start_matches("http://").to_owned();
    let clone = relay.clone();
    drop(relay);
    assert_eq!(
        get(&client(), &format!("{}/hello", clone.base_url()))
            .await
            .unwrap()
            .status,
        StatusCode::OK
    );

    drop(clone);

    let deadline = tokio::time::Instant::now() + PATIENCE;
    while TcpStream::connect(&address).await.is_ok() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the relay still accepts connections"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn start_refuses_what_it_cannot_forward_to() {
    assert!(Relay::start("https://127.0.0.1:8090").await.is_err());
    assert!(Relay::start("/just/a/path").await.is_err());
    assert!(Relay::start("not a url").await.is_err());
}

#[tokio::test]
async fn a_loss_asked_for_by_prefix_takes_the_first_path_under_it() {
    let server = start_server().await;
    let relay = Relay::start(&server.base_url).await.unwrap();
    relay.lose_next_response("POST", "/ec*");
    let client = client();
    let other = send(
        &client,
        request("POST", &format!("{}/hello", relay.base_url()), &[], "kept"),
    )
    .await;
    assert!(
        other.is_ok() && !relay.has_lost_response(),
        "a path outside the prefix is kept"
    );
    let url = format!("{}/echo", relay.base_url());
    assert!(send(&client, request("POST", &url, &[], "lost"))
        .await
        .is_err());
    assert!(relay.has_lost_response());
    assert!(
        send(&client, request("POST", &url, &[], "kept"))
            .await
            .is_ok(),
        "lost once"
    );
}
