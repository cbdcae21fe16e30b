//! Completing a live session's recording over real HTTP, on the demo's live lesson with
//! chat posted through the real WebSocket: the course gets a video lesson right after the
//! live one, `/media/` serves the bytes uploaded (by range too) and the chat as WebVTT at
//! the messages' offsets, every learner is told, and completing twice changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::live::join;
use common::recording::{
    complete, post_chat, put_chunk, recording_bytes, recording_server, recordings_notified,
    send_chunk, CHAT_URL, MEDIA_URL, WEBM,
};
use common::{expect_problem, TestServer};
use jiff::Timestamp;
use lectern_api::v1::live::RecordingStatus;
use lectern_api::v1::{NotificationKind, NotificationList, NotificationView, ProblemType};
use lectern_core::course::{LessonContent, TrackKind};
use lectern_core::parse_manifest;
use lectern_core::vtt::parse_vtt;
use reqwest::header::{CONTENT_RANGE, CONTENT_TYPE, RANGE};
use reqwest::StatusCode;
use serde_json::json;

/// What the class's recording was completed with.
const STARTED_AT: &str = "2027-01-20T18:05:05Z";

/// A class: chat before, during and after a minute of recording (10 000 bytes, in three
/// chunks), then completed. Answers the bytes and the completion's answer.
async fn record_a_class(server: &TestServer) -> (Vec<u8>, RecordingStatus) {
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let mut instructor_socket = join(server, "instructor1").await;
    let mut learner_socket = join(server, "learner1").await;
    for (sender, at, text) in [
        ("learner1", "2027-01-20T18:05:01Z", "before the recording"),
        (
            "learner1",
            "2027-01-20T18:05:10Z",
            "Is Mars <red> & bright?",
        ),
        ("instructor1", "2027-01-20T18:05:12Z", "Yes -->\n\nvery"),
        ("learner1", "2027-01-20T18:06:06Z", "after it"),
    ] {
        let socket = match sender {
            "instructor1" => &mut instructor_socket,
            _ => &mut learner_socket,
        };
        post_chat(server, socket, at, text).await;
    }
    let all = recording_bytes(10_000);
    for (start, end) in [(0, 4_000), (4_000, 8_000), (8_000, 10_000)] {
        send_chunk(server, &instructor, &all, start, end).await;
    }
    let response = complete(server, Some(&instructor), completion()).await;
    assert_eq!(response.status(), StatusCode::OK);
    (all, response.json().await.unwrap())
}

fn completion() -> serde_json::Value {
    json!({"started_at": STARTED_AT, "duration_seconds": 60})
}

async fn manifest_json(server: &TestServer, token: &str) -> String {
    let response = server
        .get("/api/v1/courses/astronomy-101", Some(token))
        .await;
    response.text().await.unwrap()
}

#[tokio::test]
async fn a_completed_recording_is_a_video_lesson_with_the_chat_as_subtitles() {
    let (server, _media) = recording_server().await;
    let (all, status) = record_a_class(&server).await;
    assert!(status.completed);
    assert_eq!(
        status.lesson_id.as_ref().unwrap().as_str(),
        "live-q-and-a-recording"
    );
    assert_eq!(
        status.started_at,
        Some(STARTED_AT.parse::<Timestamp>().unwrap())
    );
    assert_eq!(status.duration_seconds, Some(60));

    // The learner's manifest has the lesson right after the live one.
    let learner = server.sign_in("learner1", "learner1").await;
    let course = parse_manifest(&manifest_json(&server, &learner).await).unwrap();
    let (module, at) = course
        .modules
        .iter()
        .find_map(|module| {
            let at = module
                .lessons
                .iter()
                .position(|lesson| lesson.lesson_id.as_str() == "live-q-and-a")?;
            Some((module, at))
        })
        .unwrap();
    let lesson = &module.lessons[at + 1];
    assert_eq!(lesson.lesson_id.as_str(), "live-q-and-a-recording");
    assert_eq!(
        lesson.title,
        "Live Q&A: your first nights of observing (recording)"
    );
    let LessonContent::Video(video) = &lesson.content else {
        panic!("not a video: {:?}", lesson.content);
    };
    assert_eq!(
        (video.media_url.as_str(), video.duration_seconds),
        (MEDIA_URL, Some(60))
    );
    let [track] = video.tracks.as_slice() else {
        panic!("{:?}", video.tracks);
    };
    assert_eq!(
        (track.kind, track.language.as_str(), track.label.as_str()),
        (TrackKind::Subtitles, "en", "Class chat")
    );
    assert_eq!(track.url.as_str(), CHAT_URL);

    // `/media/` serves the very bytes uploaded, by range too.
    let part = server
        .client
        .get(server.url(MEDIA_URL))
        .header(RANGE, "bytes=4000-4999")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.headers()[CONTENT_RANGE], "bytes 4000-4999/10000");
    assert_eq!(part.bytes().await.unwrap(), &all[4_000..5_000]);
    let whole = server.get(MEDIA_URL, None).await;
    assert_eq!(whole.headers()[CONTENT_TYPE], "video/webm");
    assert_eq!(whole.bytes().await.unwrap(), all);

    // The chat track: what the main room said while recording, at its offsets.
    let vtt = server.get(CHAT_URL, None).await.text().await.unwrap();
    let cues: Vec<(u64, u64, String)> = parse_vtt(&vtt)
        .unwrap()
        .cues
        .iter()
        .map(|cue| (cue.start_ms, cue.end_ms, cue.plain_text()))
        .collect();
    assert_eq!(
        cues,
        [
            (
                5_000,
                7_000,
                "Learner One: Is Mars <red> & bright?".to_owned()
            ),
            (7_000, 13_000, "Instructor One: Yes -->\nvery".to_owned()),
        ]
    );
}

/// The `recording_ready` notifications of `list`.
fn recording_notices(list: &NotificationList) -> Vec<NotificationView> {
    list.notifications
        .iter()
        .filter(|notification| notification.kind == NotificationKind::RecordingReady)
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_learner_is_told_once_and_completing_twice_changes_nothing() {
    let (server, _media) = recording_server().await;
    let (all, status) = record_a_class(&server).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let notices = recording_notices(&server.inbox(&learner).await);
    let [notice] = notices.as_slice() else {
        panic!("{notices:?}");
    };
    assert_eq!(
        notice.lesson_id.as_ref().unwrap().as_str(),
        "live-q-and-a-recording"
    );
    assert_eq!(
        notice.title,
        "Live Q&A: your first nights of observing (recording)"
    );
    assert_eq!(notice.actor.as_deref(), Some("Instructor One"));
    assert!(recording_notices(&server.inbox(&instructor).await).is_empty());
    assert_eq!(recordings_notified(&server).await, 3, "the three learners");

    let manifest_before = manifest_json(&server, &learner).await;
    let vtt_before = server.get(CHAT_URL, None).await.text().await.unwrap();
    let again = complete(&server, Some(&instructor), completion()).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.json::<RecordingStatus>().await.unwrap(), status);
    let manifest_after = manifest_json(&server, &learner).await;
    assert_eq!(manifest_after, manifest_before);
    assert_eq!(manifest_after.matches("live-q-and-a-recording").count(), 1);
    assert_eq!(recordings_notified(&server).await, 3);
    assert_eq!(
        server.get(CHAT_URL, None).await.text().await.unwrap(),
        vtt_before
    );

    // A complete recording takes no new bytes, but a chunk sent again is answered.
    let more = put_chunk(
        &server,
        Some(&instructor),
        WEBM,
        Some("bytes 10000-10009/*"),
        &all[..10],
    )
    .await;
    let problem = expect_problem(more, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::RecordingComplete));
    let resent = send_chunk(&server, &instructor, &all, 8_000, 10_000).await;
    assert_eq!(resent, 10_000);
}
