//! Live classes as tests set them up and use them: a course of its own with a session a few
//! seconds ahead (imported into the running server's database through `lectern-server`,
//! as an operator would), a loopback TCP link whose connections a test can cut (a dropped
//! WebSocket, for real), and the room's controls as people use them.

use crate::Browser;
use anyhow::{bail, Context, Result};
use serde_json::json;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A course made for one test, with one live session.
#[derive(Debug, Clone)]
pub struct LiveCourse {
    pub course_id: String,
    /// The reading learners wait on.
    pub reading_id: String,
    pub live_id: String,
}

impl LiveCourse {
    /// Imports a course `course_id` whose session starts `starts_in` from now and lasts
    /// `lasts`, taught by instructor1, with learner1, learner2 and learner3 enrolled.
    pub fn schedule(course_id: &str, starts_in: Duration, lasts: Duration) -> Result<LiveCourse> {
        let hint = "live tests manage courses: run them with `cargo xtask test`";
        let server = PathBuf::from(std::env::var("LECTERN_E2E_SERVER_BIN").context(hint)?);
        let database = std::env::var("LECTERN_E2E_DB").context(hint)?;
        let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH)?;
        let rfc3339 = |at: Duration| -> Result<String> {
            let seconds = i64::try_from(at.as_secs())?;
            Ok(utc_rfc3339(seconds))
        };
        let (starts_at, ends_at) = (rfc3339(now + starts_in)?, rfc3339(now + starts_in + lasts)?);
        let course = LiveCourse {
            course_id: course_id.to_owned(),
            reading_id: "before-class".to_owned(),
            live_id: "live-class".to_owned(),
        };
        let manifest = json!({
            "schema_version": 1, "course_id": course_id, "title": format!("Live lab {course_id}"),
            "summary": "A course with one live class.", "language": "en",
            "modules": [{ "module_id": "week-1", "title": "Week 1", "lessons": [
                { "lesson_id": course.reading_id, "title": "Before class", "kind": "text",
                  "body": "Read this while you wait for the class." },
                { "lesson_id": course.live_id, "title": "Live class", "kind": "live",
                  "starts_at": starts_at, "ends_at": ends_at, "instructor": "instructor1" }
            ]}]
        });
        let file = std::env::temp_dir().join(format!("lectern-e2e-{course_id}.json"));
        std::fs::write(&file, manifest.to_string())?;
        let manage = |args: &[&str]| -> Result<()> {
            let status = Command::new(&server)
                .arg("--db")
                .arg(&database)
                .args(args)
                .status()
                .with_context(|| format!("could not run {}", server.display()))?;
            if !status.success() {
                bail!("lectern-server {args:?} failed with {status}");
            }
            Ok(())
        };
        let file_arg = file.to_string_lossy().into_owned();
        manage(&["import", &file_arg])?;
        for learner in ["learner1", "learner2", "learner3"] {
            manage(&["enrol", learner, course_id])?;
        }
        manage(&["enrol", "instructor1", course_id, "--role", "instructor"])?;
        Ok(course)
    }

    pub fn course_path(&self) -> String {
        format!("/courses/{}", self.course_id)
    }

    pub fn reading_path(&self) -> String {
        format!("/courses/{}/lessons/{}", self.course_id, self.reading_id)
    }

    /// The lesson the session's recording becomes.
    pub fn recording_path(&self) -> String {
        format!(
            "/courses/{}/lessons/{}-recording",
            self.course_id, self.live_id
        )
    }

    pub fn room_path(&self) -> String {
        format!("/courses/{}/lessons/{}/live", self.course_id, self.live_id)
    }
}

/// `seconds` since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (civil-from-days, proleptic
/// Gregorian), so the tests need no date library.
fn utc_rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A loopback TCP link to the server: everything through it reaches the server unchanged
/// (HTTP and WebSockets alike), until [`CuttableLink::cut`] drops every open connection.
pub struct CuttableLink {
    port: u16,
    open: Arc<Mutex<Vec<JoinHandle<()>>>>,
    accepting: JoinHandle<()>,
}

impl CuttableLink {
    /// Listens on a free loopback port and links each connection to `upstream` (`host:port`).
    pub async fn start(upstream: &str) -> Result<CuttableLink> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let port = listener.local_addr()?.port();
        let open: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let upstream = upstream.to_owned();
        let tasks = Arc::clone(&open);
        let accepting = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let upstream = upstream.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(&upstream).await {
                        // Ends when either side closes; the cut aborts it.
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                let mut tasks = tasks.lock().unwrap_or_else(PoisonError::into_inner);
                tasks.retain(|task| !task.is_finished());
                tasks.push(task);
            }
        });
        Ok(CuttableLink {
            port,
            open,
            accepting,
        })
    }

    /// The player's address through this link.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Drops every connection open now (new ones go through as before); returns how many.
    pub fn cut(&self) -> usize {
        let mut tasks = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let live = tasks.iter().filter(|task| !task.is_finished()).count();
        for task in tasks.drain(..) {
            task.abort();
        }
        live
    }
}

impl Drop for CuttableLink {
    fn drop(&mut self) {
        self.accepting.abort();
        self.cut();
    }
}

impl Browser {
    /// Writes `text` in the room's chat and sends it.
    pub async fn send_chat(&self, text: &str) -> Result<()> {
        self.find("#live-chat-input").await?.send_keys(text).await?;
        self.click(".chat-form button[type='submit']").await
    }

    /// The chat as shown: each line's sequence and text, oldest first.
    pub async fn chat_lines(&self) -> Result<Vec<(u64, String)>> {
        let script = "return Array.from(document.querySelectorAll('.chat-message'))
            .map(line => [Number(line.dataset.sequence), line.querySelector('.chat-text').textContent]);";
        let lines = self.script(script).await?;
        let rows = lines.as_array().context("a list of chat lines")?;
        Ok(rows
            .iter()
            .map(|row| {
                let sequence = row[0].as_u64().unwrap_or_default();
                (sequence, row[1].as_str().unwrap_or_default().to_owned())
            })
            .collect())
    }

    /// Waits until the chat shows a line with exactly `text`.
    pub async fn wait_for_chat(&self, text: &str) -> Result<()> {
        let script = format!(
            "return Array.from(document.querySelectorAll('.chat-message .chat-text'))
                .some(line => line.textContent === {});",
            json!(text)
        );
        self.wait_for_script(&format!("the chat line {text:?}"), &script)
            .await
            .map(drop)
    }

    /// The instructor opens a poll with `question` and `options` (one answer).
    pub async fn open_poll(&self, question: &str, options: &[&str]) -> Result<()> {
        self.find("#poll-question")
            .await?
            .send_keys(question)
            .await?;
        for (index, option) in options.iter().enumerate() {
            if index >= 2 {
                self.click(".poll-composer button[type='button']").await?;
            }
            self.find(&format!("#poll-option-{index}"))
                .await?
                .send_keys(option)
                .await?;
        }
        self.click(".poll-composer button[type='submit']").await
    }

    /// A learner votes for option `index` of the open poll.
    pub async fn vote(&self, index: usize) -> Result<()> {
        self.click(&format!(".poll-ballot input[value='{index}']"))
            .await?;
        self.click(".poll-ballot button[type='submit']").await?;
        self.find(".poll-voted").await?;
        self.wait_for_text(".poll-voted", "vote").await.map(drop)
    }

    /// Waits until the poll tally shown at `scope` gives option `index` exactly `count`.
    pub async fn wait_for_tally(&self, scope: &str, index: usize, count: usize) -> Result<()> {
        self.wait_for_attribute(
            &format!("{scope} .tally li[data-option='{index}']"),
            "data-count",
            &count.to_string(),
        )
        .await
    }

    /// Waits until the stage plays `user_id`'s camera stream with frames advancing and a
    /// picture of non-zero size.
    pub async fn wait_for_video_from(&self, user_id: &str) -> Result<()> {
        let video = format!(".stage-tile[data-user-id='{user_id}'][data-content='camera'] video");
        let first = self
            .wait_for_script(
                &format!("{user_id}'s video to show frames"),
                &format!(
                    "const v = document.querySelector({}); \
                     return v && v.videoWidth > 0 && v.videoHeight > 0 && v.currentTime > 0 \
                        ? v.currentTime : null;",
                    json!(video)
                ),
            )
            .await?
            .as_f64()
            .unwrap_or_default();
        self.wait_for_script(
            &format!("{user_id}'s video to move on from {first}"),
            &format!(
                "const v = document.querySelector({}); return v && v.currentTime > {first};",
                json!(video)
            ),
        )
        .await
        .map(drop)
    }

    /// Waits until the stage holds a live audio track from `user_id`.
    pub async fn wait_for_audio_from(&self, user_id: &str) -> Result<()> {
        let video = format!(".stage-tile[data-user-id='{user_id}'] video");
        self.wait_for_script(
            &format!("{user_id}'s audio"),
            &format!(
                "const v = document.querySelector({}); \
                 return !!(v && v.srcObject && v.srcObject.getAudioTracks() \
                    .some(track => track.readyState === 'live'));",
                json!(video)
            ),
        )
        .await
        .map(drop)
    }

    /// The users whose media the stage shows now.
    pub async fn stage_users(&self) -> Result<Vec<String>> {
        let users = self
            .script(
                "return Array.from(document.querySelectorAll('.stage-tile[data-user-id]'))
                    .map(tile => tile.dataset.userId);",
            )
            .await?;
        Ok(users
            .as_array()
            .map(|users| {
                users
                    .iter()
                    .filter_map(|user| user.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Waits until the room says the session is `status` (`scheduled`, `live`, `ended`).
    pub async fn wait_for_session_status(&self, status: &str) -> Result<()> {
        self.wait_for_attribute(".session-status", "data-status", status)
            .await
    }

    /// Waits until the room's link to the server is `link` (`open`, `retrying`, …).
    pub async fn wait_for_link(&self, link: &str) -> Result<()> {
        self.wait_for_attribute(".link-status", "data-link", link)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_format_as_rfc3339_utc() {
        assert_eq!(utc_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_rfc3339(1_798_761_599), "2026-12-31T23:59:59Z");
    }
}
