//! LMS launch helpers: an API key made through the library function the `apikey` command
//! uses, a launch as an LMS asks for one, its exchange as the player's launch page makes it,
//! and a buffer that collects what the server logs.

use super::TestServer;
use lectern_api::v1::{routes, LaunchResponse};
use lectern_server::apikey::{self, origin::Origin, CreatedApiKey};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use tracing::level_filters::LevelFilter;
use tracing_subscriber::fmt::MakeWriter;

/// A launch body for a learner of `course_id`.
pub fn launch_body(learner_id: &str, display_name: &str, course_id: &str) -> Value {
    json!({
        "learner_id": learner_id, "display_name": display_name, "role": "learner",
        "course_id": course_id,
    })
}

/// The launch token in a launch link's fragment.
pub fn launch_token(launch_url: &str) -> String {
    let (_, token) = launch_url
        .split_once("#token=")
        .expect("a launch link has the token in its fragment");
    token.to_owned()
}

impl TestServer {
    /// Makes an API key called `name` for `https://lms.example.edu`.
    pub async fn create_api_key(&self, name: &str) -> CreatedApiKey {
        let origin = Origin::parse("https://lms.example.edu").unwrap();
        apikey::create(&self.db, name, &[origin], self.clock.now())
            .await
            .unwrap()
    }

    /// `POST /api/v1/launches` with `api_key`, returning the raw response.
    pub async fn post_launch(&self, api_key: &str, body: &Value) -> Response {
        self.client
            .post(self.url(routes::LAUNCHES))
            .bearer_auth(api_key)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Launches `learner_id` into `course_id`; panics unless the launch is made.
    pub async fn launch(&self, api_key: &str, learner_id: &str, course_id: &str) -> LaunchResponse {
        let body = launch_body(learner_id, "Ada Lovelace", course_id);
        let response = self.post_launch(api_key, &body).await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "launch of {learner_id}"
        );
        response.json().await.unwrap()
    }

    /// `POST /api/v1/launches/exchange`, returning the raw response.
    pub async fn post_exchange(&self, launch_token: &str) -> Response {
        self.client
            .post(self.url(routes::LAUNCH_EXCHANGE))
            .json(&json!({ "launch_token": launch_token }))
            .send()
            .await
            .unwrap()
    }
}

/// Everything logged in this test binary from the first call on, at every level, in the
/// server's log format. The subscriber is the process's global one: the server's tasks may
/// log from any thread, and a thread's own default would miss those.
pub fn captured_logs() -> LogBuffer {
    static LOGS: OnceLock<LogBuffer> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = LogBuffer::default();
        let subscriber = lectern_server::log_subscriber(logs.clone(), false, LevelFilter::TRACE);
        tracing::subscriber::set_global_default(subscriber).unwrap();
        logs
    })
    .clone()
}

/// A log in memory.
#[derive(Clone, Default)]
pub struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl LogBuffer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// One writer of a [`LogBuffer`].
pub struct LogBufferWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogBufferWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'writer> MakeWriter<'writer> for LogBuffer {
    type Writer = LogBufferWriter;

    fn make_writer(&'writer self) -> LogBufferWriter {
        LogBufferWriter(Arc::clone(&self.0))
    }
}
