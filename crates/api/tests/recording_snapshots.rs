//! JSON snapshots of a live session's recording routes: the status every route answers, the
//! completion body, the recording's problems and its notification kind. A change to any of
//! these is a change to the contract.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lectern_api::v1::live::{CompleteRecording, RecordingStatus};
use lectern_api::v1::{routes, NotificationKind, ProblemType};
use lectern_core::live::LiveSessionId;
use lectern_core::LessonId;

fn session_id() -> LiveSessionId {
    LiveSessionId::parse("astronomy-101.live-q-and-a").unwrap()
}

#[test]
fn recording_status_while_recording_and_once_complete() {
    let recording = RecordingStatus {
        session_id: session_id(),
        bytes_stored: 8_388_608,
        mime_type: Some("video/webm;codecs=vp8,opus".into()),
        completed: false,
        started_at: None,
        duration_seconds: None,
        lesson_id: None,
    };
    let complete = RecordingStatus {
        completed: true,
        started_at: Some("2027-01-20T18:00:04Z".parse().unwrap()),
        duration_seconds: Some(3_540),
        lesson_id: Some(LessonId::parse("live-q-and-a-recording").unwrap()),
        ..recording.clone()
    };
    insta::assert_json_snapshot!([&recording, &complete]);
    let before_any_chunk: RecordingStatus = serde_json::from_str(
        r#"{"session_id":"astronomy-101.live-q-and-a","bytes_stored":0,"completed":false,"new":1}"#,
    )
    .unwrap();
    assert_eq!(before_any_chunk.mime_type, None);
}

#[test]
fn completing_names_the_start_and_the_duration() {
    let body: CompleteRecording = serde_json::from_str(
        r#"{"started_at":"2027-01-20T18:00:04Z","duration_seconds":3540,"extra":true}"#,
    )
    .unwrap();
    assert_eq!(body.duration_seconds, 3_540);
    insta::assert_json_snapshot!(body);
    assert_eq!(
        routes::live_recording_complete(&session_id()),
        "/api/v1/live/astronomy-101.live-q-and-a/recording/complete"
    );
    assert_eq!(
        routes::live_recording(&session_id()),
        routes::LIVE_RECORDING.replace("{session_id}", "astronomy-101.live-q-and-a")
    );
}

#[test]
fn recording_problems_and_notifications() {
    let statuses: Vec<(&str, u16)> = [
        ProblemType::RecordingsUnavailable,
        ProblemType::NothingRecorded,
        ProblemType::RecordingComplete,
        ProblemType::InvalidRecording,
    ]
    .into_iter()
    .map(|kind| (kind.uri(), kind.status()))
    .collect();
    insta::assert_json_snapshot!(statuses);
    assert_eq!(
        serde_json::to_string(&NotificationKind::RecordingReady).unwrap(),
        "\"recording_ready\""
    );
}
