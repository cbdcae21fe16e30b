//! The tests as a learning platform (LMS): the API key `cargo xtask test` made for them
//! (`LECTERN_E2E_API_KEY`), launches asked for server to server as an LMS does, and the port
//! of the page that embeds the player (`LECTERN_E2E_HOST_PORT`), whose origin the key allows.

use crate::Env;
use anyhow::{bail, Context, Result};
use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};

/// A plain HTTP/1 client for JSON requests from the test process.
pub type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// A new [`HttpClient`].
pub fn http_client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// An HTTP answer: its status and its body read as JSON (`Value::Null` if it is none).
#[derive(Debug, Clone)]
pub struct JsonAnswer {
    pub status: u16,
    pub body: Value,
}

/// `POST url` with a JSON `body` and, if given, a bearer `token`; any status comes back.
pub async fn post_json_answer(
    client: &HttpClient,
    url: &str,
    token: Option<&str>,
    body: Bytes,
) -> Result<JsonAnswer> {
    let mut request = http::Request::post(url).header(CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    let response = client
        .request(request.body(Full::new(body))?)
        .await
        .with_context(|| format!("POST {url}"))?;
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await?.to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Ok(JsonAnswer { status, body })
}

/// `POST url` as [`post_json_answer`], failing unless the answer is a success.
pub async fn post_json(
    client: &HttpClient,
    url: &str,
    token: Option<&str>,
    body: Bytes,
) -> Result<Value> {
    let answer = post_json_answer(client, url, token, body).await?;
    if !(200..300).contains(&answer.status) {
        bail!("POST {url} answered {}: {}", answer.status, answer.body);
    }
    Ok(answer.body)
}

/// Who an LMS launches, into what.
#[derive(Debug, Clone)]
pub struct LaunchFor<'a> {
    pub learner_id: &'a str,
    pub display_name: &'a str,
    /// `learner` or `instructor`.
    pub role: &'a str,
    pub course_id: &'a str,
    pub lesson_id: Option<&'a str>,
}

/// The tests' LMS.
#[derive(Debug, Clone)]
pub struct Lms {
    base_url: String,
    api_key: String,
    host_port: u16,
    client: HttpClient,
}

impl Lms {
    /// The LMS `cargo xtask test` set up; a clear error when run without it.
    pub fn from_env(env: &Env) -> Result<Lms> {
        let hint = "LMS tests need the API key and host port `cargo xtask test` passes \
                    (LECTERN_E2E_API_KEY, LECTERN_E2E_HOST_PORT)";
        let api_key = std::env::var("LECTERN_E2E_API_KEY").context(hint)?;
        let host_port = std::env::var("LECTERN_E2E_HOST_PORT")
            .context(hint)?
            .parse()
            .context("LECTERN_E2E_HOST_PORT is not a port")?;
        Ok(Lms {
            base_url: env.base_url.trim_end_matches('/').to_owned(),
            api_key,
            host_port,
            client: http_client(),
        })
    }

    /// The origin of the LMS page that embeds the player (the key allows it).
    pub fn host_origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.host_port)
    }

    pub fn host_port(&self) -> u16 {
        self.host_port
    }

    /// `POST /api/v1/launches` with this LMS's key, whatever the answer.
    pub async fn request_launch(&self, launch: &LaunchFor<'_>) -> Result<JsonAnswer> {
        self.request_launch_with(&self.api_key, launch).await
    }

    /// `POST /api/v1/launches` with `api_key`, whatever the answer.
    pub async fn request_launch_with(
        &self,
        api_key: &str,
        launch: &LaunchFor<'_>,
    ) -> Result<JsonAnswer> {
        let mut body = json!({
            "learner_id": launch.learner_id,
            "display_name": launch.display_name,
            "role": launch.role,
            "course_id": launch.course_id,
        });
        if let Some(lesson_id) = launch.lesson_id {
            body["lesson_id"] = json!(lesson_id);
        }
        let url = format!("{}/api/v1/launches", self.base_url);
        post_json_answer(
            &self.client,
            &url,
            Some(api_key),
            Bytes::from(body.to_string()),
        )
        .await
    }

    /// A launch URL for `launch`, failing unless the server made one.
    pub async fn launch_url(&self, launch: &LaunchFor<'_>) -> Result<String> {
        let answer = self.request_launch(launch).await?;
        if answer.status != 201 {
            bail!(
                "the launch was refused ({}): {}",
                answer.status,
                answer.body
            );
        }
        match answer.body["launch_url"].as_str() {
            Some(url) => Ok(url.to_owned()),
            None => bail!("the launch answer has no launch_url: {}", answer.body),
        }
    }
}
