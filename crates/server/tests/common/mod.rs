//! Shared helpers for the server tests: a real server on a loopback port over a temporary
//! SQLite file seeded with the demo, on a manual clock the test can move, and a client that
//! speaks to it like the player does. The server has the default rate limits unless a test
//! sets its own. Quiz helpers are in `quiz.rs`, learner event and progress helpers in
//! `events.rs`, LMS launch helpers and a log buffer in `launches.rs`, discussion and inbox
//! helpers in `discussions.rs`, assignment, upload and grading helpers in `assignments.rs`,
//! live room helpers (the WebSocket, chat) in `live.rs`, live recording helpers in
//! `recording.rs`.
#![allow(dead_code)] // each test binary uses a different subset

pub mod assignments;
pub mod discussions;
pub mod events;
pub mod launches;
pub mod live;
pub mod quiz;
pub mod recording;

use lectern_api::v1::{ProblemDetails, SessionResponse, PROBLEM_JSON};
use lectern_server::{app, db, demo, AppState, Clock, PublicUrl, RateLimits};
use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use serde_json::json;
use sqlx::SqlitePool;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A running server and what the test needs to poke at it.
pub struct TestServer {
    pub base_url: String,
    pub client: reqwest::Client,
    pub db: SqlitePool,
    pub db_path: PathBuf,
    /// The server's clock: it stands still until the test sets or advances it.
    pub clock: Clock,
    /// The database's folder, removed with the server that made it.
    _scratch: Option<TempDir>,
}

/// Starts a server with the demo seeded and no built player.
pub async fn start() -> TestServer {
    start_with_dist(None).await
}

/// Starts a server with the demo seeded, serving `dist` as the player.
pub async fn start_with_dist(dist: Option<&Path>) -> TestServer {
    start_with(dist, None).await
}

/// Starts a server with the demo seeded, serving `dist` as the player and `media` at `/media/`.
pub async fn start_with(dist: Option<&Path>, media: Option<&Path>) -> TestServer {
    start_server(dist, media, RateLimits::default()).await
}

/// Starts a server with the demo seeded and no built player, limiting calls per peer
/// address by `limits`.
pub async fn start_with_rate_limits(limits: RateLimits) -> TestServer {
    start_server(None, None, limits).await
}

/// Starts a server as `main.rs` serves it: with the peer's address for the rate limits.
async fn start_server(dist: Option<&Path>, media: Option<&Path>, limits: RateLimits) -> TestServer {
    let scratch = tempfile::tempdir().unwrap();
    let db_path = scratch.path().join("nested").join("lectern.db");
    let db = db::open(db_path.to_str().unwrap()).await.unwrap();
    demo::seed(&db).await.unwrap();
    let clock = Clock::manual(jiff::Timestamp::now());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let mut state = AppState::new(db.clone(), dist)
        .unwrap()
        .with_clock(clock.clone())
        .with_public_url(PublicUrl::parse(&base_url).unwrap())
        .with_rate_limits(limits);
    if let Some(media) = media {
        state = state.with_media_dir(media);
    }
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });
    TestServer {
        base_url,
        client: reqwest::Client::new(),
        db,
        db_path,
        clock,
        _scratch: Some(scratch),
    }
}

impl TestServer {
    /// The same database and clock served by a second, fresh server (as after a restart:
    /// nothing in memory carries over). Keep `self` alive while it is used.
    pub async fn serve_again(&self) -> TestServer {
        self.serve_again_with_ice(lectern_server::IceConfig::default())
            .await
    }

    /// [`Self::serve_again`], telling live participants of `ice`'s servers.
    pub async fn serve_again_with_ice(&self, ice: lectern_server::IceConfig) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let state = AppState::new(self.db.clone(), None)
            .unwrap()
            .with_clock(self.clock.clone())
            .with_public_url(PublicUrl::parse(&base_url).unwrap())
            .with_ice(ice);
        let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });
        TestServer {
            base_url,
            client: reqwest::Client::new(),
            db: self.db.clone(),
            db_path: self.db_path.clone(),
            clock: self.clock.clone(),
            _scratch: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// `POST /api/v1/session`, returning the raw response.
    pub async fn post_session(&self, username: &str, password: &str) -> reqwest::Response {
        let body = json!({ "username": username, "password": password });
        self.client
            .post(self.url("/api/v1/session"))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Signs in and returns the bearer token; panics unless sign-in succeeds.
    pub async fn sign_in(&self, username: &str, password: &str) -> String {
        let response = self.post_session(username, password).await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {username}");
        response.json::<SessionResponse>().await.unwrap().token
    }

    /// A GET with an optional bearer token.
    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap()
    }

    /// How many rows `table` has.
    pub async fn count_rows(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.db)
            .await
            .unwrap()
    }
}

/// Asserts that `response` is a problem with `status`, and returns its body.
pub async fn expect_problem(response: reqwest::Response, status: StatusCode) -> ProblemDetails {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(content_type.as_deref(), Some(PROBLEM_JSON));
    let problem: ProblemDetails = response.json().await.unwrap();
    assert_eq!(problem.status, status.as_u16());
    problem
}
