//! Discussion and inbox helpers: post events for the demo's `light-pollution` discussion in
//! `astronomy-101` (which learner1, learner2 and learner3 take and instructor1 teaches), as a
//! device's outbox sends them, and one call per discussion, notification and announcement
//! endpoint.

use super::events::{event, PHONE};
use super::TestServer;
use jiff::SignedDuration;
use lectern_api::v1::{routes, NotificationList, PostId, ThreadList, ThreadView};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

/// The demo's discussion lesson.
pub const DISCUSSION: &str = "light-pollution";

/// A lowercase UUID for post `n`.
pub fn post_id(n: u32) -> String {
    format!("00000000-0000-4000-a000-{n:012}")
}

/// Event `n` (its id, and its sequence on the phone) in the discussion, with `body`.
pub fn discussion_event(n: u32, body: Value) -> Value {
    let mut event = event(n, PHONE, u64::from(n), 0, body);
    event["lesson_id"] = json!(DISCUSSION);
    event
}

/// A `posted` body opening thread `post` with `title`.
pub fn thread_body(post: u32, title: &str, body: &str) -> Value {
    json!({"kind": "posted", "post_id": post_id(post), "title": title, "body": body})
}

/// A `posted` body replying in thread `thread`, to its opening post or to `reply_to`.
pub fn reply_body(post: u32, thread: u32, reply_to: Option<u32>, body: &str) -> Value {
    let mut reply = json!({
        "kind": "posted", "post_id": post_id(post), "thread_id": post_id(thread), "body": body
    });
    if let Some(reply_to) = reply_to {
        reply["reply_to"] = json!(post_id(reply_to));
    }
    reply
}

/// A `post_edited` body.
pub fn edit_body(post: u32, title: Option<&str>, body: &str) -> Value {
    let mut edit = json!({"kind": "post_edited", "post_id": post_id(post), "body": body});
    if let Some(title) = title {
        edit["title"] = json!(title);
    }
    edit
}

/// A `post_deleted` body.
pub fn delete_body(post: u32) -> Value {
    json!({"kind": "post_deleted", "post_id": post_id(post)})
}

/// What [`TestServer::send_posts`] answers for a stored event.
pub fn stored() -> (String, Option<String>) {
    ("stored".to_owned(), None)
}

fn post_path(template: &str, post: u32) -> String {
    template
        .replace("{thread_id}", &post_id(post))
        .replace("{post_id}", &post_id(post))
}

impl TestServer {
    /// A call with a bearer token, and a JSON body unless it is `None`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> Response {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap()
    }

    /// Sends `bodies` as discussion events `first`, `first + 1`, …; answers their statuses
    /// and reasons.
    pub async fn send_posts(
        &self,
        token: &str,
        first: u32,
        bodies: Vec<Value>,
    ) -> Vec<(String, Option<String>)> {
        let events: Vec<Value> = (first..)
            .zip(bodies)
            .map(|(n, body)| discussion_event(n, body))
            .collect();
        let response = self.send_batch(token, &events).await;
        response
            .results
            .into_iter()
            .map(|result| {
                let status = serde_json::to_value(result.status).unwrap();
                (status.as_str().unwrap().to_owned(), result.reason)
            })
            .collect()
    }

    /// Moves the server's clock on by a minute.
    pub fn pass_a_minute(&self) {
        self.clock.advance(SignedDuration::from_secs(60));
    }

    /// The threads of the discussion lesson; panics unless 200.
    pub async fn discussion_threads(&self, token: &str) -> ThreadList {
        let response = self
            .threads(token, &format!("?lesson_id={DISCUSSION}"))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// `GET /api/v1/courses/astronomy-101/threads` with `query` (e.g. `?lesson_id=…`).
    pub async fn threads(&self, token: &str, query: &str) -> Response {
        let path = format!("/api/v1/courses/astronomy-101/threads{query}");
        self.call(Method::GET, &path, token, None).await
    }

    /// The thread of post `thread`; panics unless 200.
    pub async fn thread(&self, token: &str, thread: u32) -> ThreadView {
        let response = self.get_thread(token, thread).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub async fn get_thread(&self, token: &str, thread: u32) -> Response {
        let path = post_path(routes::THREAD, thread);
        self.call(Method::GET, &path, token, None).await
    }

    pub async fn read_thread(&self, token: &str, thread: u32) -> Response {
        let path = post_path(routes::THREAD_READ, thread);
        self.call(Method::PUT, &path, token, None).await
    }

    pub async fn versions(&self, token: &str, post: u32) -> Response {
        let path = post_path(routes::POST_VERSIONS, post);
        self.call(Method::GET, &path, token, None).await
    }

    pub async fn moderate(&self, token: &str, post: u32, moderation: Value) -> Response {
        let path = post_path(routes::POST_MODERATION, post);
        self.call(Method::PUT, &path, token, Some(moderation)).await
    }

    /// The caller's inbox; panics unless 200.
    pub async fn inbox(&self, token: &str) -> NotificationList {
        let response = self
            .call(Method::GET, routes::NOTIFICATIONS, token, None)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    pub async fn mark_notifications_read(&self, token: &str, body: Value) -> Response {
        self.call(Method::POST, routes::NOTIFICATIONS_READ, token, Some(body))
            .await
    }

    pub async fn announce(&self, token: &str, course: &str, body: Value) -> Response {
        let path = format!("/api/v1/courses/{course}/announcements");
        self.call(Method::POST, &path, token, Some(body)).await
    }

    pub async fn announcements(&self, token: &str, course: &str) -> Response {
        let path = format!("/api/v1/courses/{course}/announcements");
        self.call(Method::GET, &path, token, None).await
    }
}

/// Post `n`'s id as the API types hold it.
pub fn post(n: u32) -> PostId {
    PostId::parse(&post_id(n)).unwrap()
}
