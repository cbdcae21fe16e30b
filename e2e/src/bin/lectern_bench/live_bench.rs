//! Live mode's figures, on a course of its own with a session on now (fake camera and
//! microphone, loopback, host candidates only):
//! - joining to the first remote video frame: a learner opens the room in a cold browser
//!   and the instructor's video presents its first frame; the median of 5;
//! - chat round trip: a learner's client posts a chat message on the room's WebSocket and
//!   reads it back, 200 times at 12 a second (under the flood limit); p50 and p99;
//! - the instructor's browser's processor use (every process of its profile, from
//!   `/proc`) over 10 s with 1, 3 and 6 learners receiving its camera. Learners beyond the
//!   demo's come in as an LMS launches them. Every browser shares the machine's cores, so
//!   the figures for more learners include the contention of their browsers too.

use crate::{print_median, COLD_LOADS};
use anyhow::{bail, Context, Result};
use futures_util::{SinkExt, StreamExt};
use lectern_e2e::{Browser, Env, LaunchFor, LiveCourse, Lms};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

const CHAT_ROUND_TRIPS: usize = 200;
/// Below the server's 20 messages a second per connection.
const CHAT_INTERVAL: Duration = Duration::from_millis(83);
const CPU_WINDOW: Duration = Duration::from_secs(10);
const LEARNER_COUNTS: [usize; 3] = [1, 3, 6];

pub async fn report(env: &Env) -> Result<()> {
    let course = LiveCourse::schedule(
        &bench_course_id(),
        Duration::ZERO,
        Duration::from_secs(3600),
    )?;
    let lms = Lms::from_env(env)?;
    let max_learners = LEARNER_COUNTS.iter().copied().max().unwrap_or(0);
    // Enrolled before the room opens: the room takes the course's learners as it opens.
    for index in 0..max_learners {
        lms.launch_url(&launch_for(&course, index)).await?;
    }
    let instructor = Browser::open(env).await?;
    let outcome = async {
        instructor
            .sign_in_to_catalog("instructor1", "instructor1")
            .await?;
        instructor.visit(&course.room_path()).await?;
        instructor.wait_for_session_status("live").await?;
        first_frames(env, &course).await?;
        chat_round_trips(env, &course).await?;
        instructor_cpu(env, &lms, &course, &instructor).await
    }
    .await;
    instructor.close().await?;
    outcome
}

fn bench_course_id() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    format!("live-bench-{:x}", millis % 0xff_ffff)
}

fn launch_for(course: &LiveCourse, index: usize) -> LaunchFor<'_> {
    LaunchFor {
        learner_id: LMS_LEARNERS[index],
        display_name: LMS_LEARNERS[index],
        role: "learner",
        course_id: &course.course_id,
        lesson_id: Some(&course.live_id),
    }
}

const LMS_LEARNERS: [&str; 6] = [
    "bench-learner-1",
    "bench-learner-2",
    "bench-learner-3",
    "bench-learner-4",
    "bench-learner-5",
    "bench-learner-6",
];

/// The instructor's first video frame, in ms from navigating to the room, for a cold learner.
async fn first_frames(env: &Env, course: &LiveCourse) -> Result<()> {
    let mut timings = Vec::new();
    for _ in 0..COLD_LOADS {
        let learner = Browser::open(env).await?;
        let timing = async {
            learner.sign_in_to_catalog("learner1", "learner1").await?;
            learner.visit(&course.room_path()).await?;
            let at = learner
                .script_async(include_str!("first_remote_frame_at.js"), vec![])
                .await?;
            at.as_f64().context("no time for the first remote frame")
        }
        .await;
        learner.close().await?;
        timings.push(timing?);
    }
    print_median(
        "live: navigation to the room until the instructor's first video frame (cold browser)",
        timings,
    )
}

/// Chat posted and read back on the room's WebSocket.
async fn chat_round_trips(env: &Env, course: &LiveCourse) -> Result<()> {
    let token = sign_in(env, "learner2").await?;
    let base = env.base_url.trim_end_matches('/');
    let url = format!(
        "{}/api/v1/live/{}.{}/ws",
        base.replace("http://", "ws://"),
        course.course_id,
        course.live_id
    );
    let mut request = url.into_client_request()?;
    let headers = request.headers_mut();
    headers.insert(
        "sec-websocket-protocol",
        HeaderValue::from_str(&format!("lectern.v1, bearer.{token}"))?,
    );
    headers.insert("origin", HeaderValue::from_str(base)?);
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await?;
    let mut round_trips = Vec::with_capacity(CHAT_ROUND_TRIPS);
    for index in 0..CHAT_ROUND_TRIPS {
        let client_message_id = format!("00000000-0000-4000-8000-{index:012x}");
        let message = json!({
            "v": 1, "type": "chat", "client_message_id": client_message_id,
            "text": format!("round trip {index}"),
        });
        let sent_at = Instant::now();
        socket.send(Message::text(message.to_string())).await?;
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(10), socket.next())
                .await
                .context("no answer to a chat message within 10 s")?
                .context("the room closed the socket")??;
            let Message::Text(text) = frame else { continue };
            let answer: Value = serde_json::from_str(&text)?;
            if answer["type"] == "error" {
                bail!("the room refused a chat message: {answer}");
            }
            if answer["type"] == "chat" && answer["client_message_id"] == client_message_id {
                break;
            }
        }
        round_trips.push(sent_at.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(CHAT_INTERVAL).await;
    }
    let _ = socket.close(None).await;
    round_trips.sort_by(f64::total_cmp);
    let at = |share: f64| round_trips[((round_trips.len() - 1) as f64 * share).round() as usize];
    println!("\n== live: chat round trip on the room's WebSocket ({CHAT_ROUND_TRIPS} messages) ==");
    println!(
        "p50 {:.2} ms   p99 {:.2} ms   max {:.2} ms",
        at(0.5),
        at(0.99),
        at(1.0)
    );
    Ok(())
}

async fn sign_in(env: &Env, username: &str) -> Result<String> {
    let url = format!("{}/api/v1/session", env.base_url.trim_end_matches('/'));
    let body = json!({ "username": username, "password": username }).to_string();
    let answer =
        lectern_e2e::post_json(&lectern_e2e::http_client(), &url, None, body.into()).await?;
    answer["token"]
        .as_str()
        .map(str::to_owned)
        .context("the session answer has no token")
}

/// The instructor's processor use with more and more learners receiving its camera.
async fn instructor_cpu(
    env: &Env,
    lms: &Lms,
    course: &LiveCourse,
    instructor: &Browser,
) -> Result<()> {
    println!("\n== live: the instructor's browser's processor use over {CPU_WINDOW:?} (100 % = one core) ==");
    let mut learners: Vec<Browser> = Vec::new();
    let outcome = async {
        for count in LEARNER_COUNTS {
            while learners.len() < count {
                let learner = Browser::open(env).await?;
                let launch_url = lms.launch_url(&launch_for(course, learners.len())).await?;
                learners.push(learner);
                if let Some(learner) = learners.last() {
                    learner.visit_url(&launch_url).await?;
                    learner.find(".lesson-title").await?;
                    learner.visit(&course.room_path()).await?;
                    learner.wait_for_video_from("instructor1").await?;
                }
            }
            let before = instructor.cpu_seconds();
            tokio::time::sleep(CPU_WINDOW).await;
            let used = instructor.cpu_seconds() - before;
            println!(
                "{count} learner{}: {:.0} %",
                if count == 1 { "" } else { "s" },
                used / CPU_WINDOW.as_secs_f64() * 100.0
            );
        }
        Ok(())
    }
    .await;
    for learner in learners {
        learner.close().await?;
    }
    outcome
}
