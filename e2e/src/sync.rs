//! What the learner sees of sync, and what the server holds: the header's status, and the
//! merged progress the API answers for the signed-in learner.

use crate::Browser;
use anyhow::{bail, Result};
use serde_json::{json, Value};

impl Browser {
    /// Waits until the header's sync status is `state` (`synced`, `pending`, `offline`,
    /// `failing`).
    pub async fn wait_for_sync_state(&self, state: &str) -> Result<()> {
        self.wait_for_attribute(".sync-indicator", "data-sync-state", state)
            .await
    }

    /// The signed-in learner's merged progress through a course, as the server has it.
    pub async fn server_progress(&self, course_id: &str) -> Result<Value> {
        self.api_get(&format!("/api/v1/courses/{course_id}/progress"))
            .await
    }

    /// `GET` an API path with the signed-in learner's token, as the page would, and return
    /// the JSON answer.
    pub async fn api_get(&self, path: &str) -> Result<Value> {
        let script = "const done = arguments[arguments.length - 1];
            const session = JSON.parse(localStorage.getItem('lectern.session.v1'));
            fetch(arguments[0], { headers: { Authorization: 'Bearer ' + session.token } })
              .then(r => r.ok ? r.json() : Promise.reject(new Error(r.status)))
              .then(body => done({ body }), err => done({ error: String(err) }));";
        let answer = self.script_async(script, vec![json!(path)]).await?;
        if let Some(error) = answer.get("error") {
            bail!("GET {path} failed: {error}");
        }
        Ok(answer["body"].clone())
    }

    /// One lesson's entry in [`Browser::server_progress`], if the server has any.
    pub async fn server_lesson_progress(
        &self,
        course_id: &str,
        lesson_id: &str,
    ) -> Result<Option<Value>> {
        let progress = self.server_progress(course_id).await?;
        Ok(progress["lessons"].as_array().and_then(|lessons| {
            lessons
                .iter()
                .find(|l| l["lesson_id"] == lesson_id)
                .cloned()
        }))
    }

    /// Polls the server until the lesson's progress satisfies `is_done`, and returns it.
    pub async fn wait_for_server_progress(
        &self,
        course_id: &str,
        lesson_id: &str,
        what: &str,
        is_done: impl Fn(&Value) -> bool,
    ) -> Result<Value> {
        let deadline = tokio::time::Instant::now() + crate::browser::PATIENCE;
        loop {
            let progress = self.server_lesson_progress(course_id, lesson_id).await?;
            if let Some(progress) = progress.filter(|p| is_done(p)) {
                return Ok(progress);
            }
            if tokio::time::Instant::now() > deadline {
                bail!("the server never had progress where {what}");
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }

    /// Where the watched ranges of a progress entry end, at the furthest.
    pub fn watched_until(progress: &Value) -> u64 {
        progress["watched"]
            .as_array()
            .and_then(|ranges| ranges.iter().filter_map(|range| range[1].as_u64()).max())
            .unwrap_or(0)
    }
}
