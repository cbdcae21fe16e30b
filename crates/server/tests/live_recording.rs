//! A live session's recording over real HTTP, on the demo's live lesson
//! `astronomy-101.live-q-and-a` with the clock inside its hour: chunks stored in order and
//! once, resumed after a gap, of one WebM type, refused to anyone but the session's
//! instructor; completing needs bytes and a duration that fits. What completing makes is in
//! `live_recording_complete.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::expect_problem;
use common::live::live_server;
use common::recording::{
    complete, put_chunk, recording_bytes, recording_server, send_chunk, stored_file, RECORDING,
    WEBM,
};
use lectern_api::v1::live::{RecordingStatus, MAX_RECORDING_CHUNK_BYTES};
use lectern_api::v1::ProblemType;
use reqwest::header::RANGE;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn chunks_are_stored_in_order_once_and_resumed_after_a_gap() {
    let (server, media) = recording_server().await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let all = recording_bytes(3_000);

    let before: RecordingStatus = server
        .get(RECORDING, Some(&instructor))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((before.bytes_stored, before.mime_type), (0, None));
    assert_eq!(
        send_chunk(&server, &instructor, &all, 0, 1_000).await,
        1_000
    );

    // A gap: refused, saying where to resume.
    let gap = put_chunk(
        &server,
        Some(&instructor),
        WEBM,
        Some("bytes 2000-2999/*"),
        &all[2_000..],
    )
    .await;
    assert_eq!(gap.headers()["upload-offset"], "1000");
    assert_eq!(gap.headers()[RANGE], "bytes=0-999");
    let problem = expect_problem(gap, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::UploadOffsetMismatch));
    assert!(
        problem.detail.contains("from byte 1000"),
        "{}",
        problem.detail
    );

    // The first chunk again (its answer was lost): answered, not written twice.
    assert_eq!(
        send_chunk(&server, &instructor, &all, 0, 1_000).await,
        1_000
    );
    // Bytes already stored are kept as first stored: a resend writes nothing.
    let changed = vec![0; 1_000];
    let resent = put_chunk(
        &server,
        Some(&instructor),
        WEBM,
        Some("bytes 0-999/*"),
        &changed,
    )
    .await;
    assert_eq!(resent.status(), StatusCode::OK);
    assert_eq!(stored_file(&media), &all[..1_000]);
    assert_eq!(
        send_chunk(&server, &instructor, &all, 1_000, 2_000).await,
        2_000
    );
    // Overlapping the end: only the bytes past it are added.
    assert_eq!(
        send_chunk(&server, &instructor, &all, 1_500, 2_500).await,
        2_500
    );
    let last = put_chunk(
        &server,
        Some(&instructor),
        "video/webm",
        Some("bytes 2500-2999/3000"),
        &all[2_500..],
    )
    .await;
    assert_eq!(last.status(), StatusCode::OK);
    assert_eq!(stored_file(&media), all);

    let status: RecordingStatus = server
        .get(RECORDING, Some(&instructor))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status.bytes_stored, 3_000);
    assert_eq!(status.mime_type.as_deref(), Some(WEBM));
    assert!(!status.completed);
}

#[tokio::test]
async fn chunks_must_be_webm_of_one_type_with_a_range_that_covers_them() {
    let (server, media) = recording_server().await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let all = recording_bytes(20);
    let as_type = |content_type: &'static str| {
        put_chunk(
            &server,
            Some(&instructor),
            content_type,
            Some("bytes 0-9/*"),
            &all[..10],
        )
    };
    let mp4 = expect_problem(
        as_type("video/mp4").await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert!(
        mp4.detail.contains("video/webm or audio/webm"),
        "{}",
        mp4.detail
    );
    assert_eq!(server.count_rows("live_recordings").await, 0);

    let no_range = put_chunk(&server, Some(&instructor), WEBM, None, &all[..10]).await;
    let problem = expect_problem(no_range, StatusCode::BAD_REQUEST).await;
    assert!(
        problem.detail.contains("Content-Range"),
        "{}",
        problem.detail
    );
    let short = put_chunk(
        &server,
        Some(&instructor),
        WEBM,
        Some("bytes 0-19/*"),
        &all[..10],
    )
    .await;
    expect_problem(short, StatusCode::BAD_REQUEST).await;
    let too_large = vec![0; MAX_RECORDING_CHUNK_BYTES + 1];
    let range = format!("bytes 0-{}/*", too_large.len() - 1);
    let large = put_chunk(&server, Some(&instructor), WEBM, Some(&range), &too_large).await;
    expect_problem(large, StatusCode::PAYLOAD_TOO_LARGE).await;

    assert_eq!(send_chunk(&server, &instructor, &all, 0, 10).await, 10);
    let audio = put_chunk(
        &server,
        Some(&instructor),
        "audio/webm",
        Some("bytes 10-19/*"),
        &all[10..],
    )
    .await;
    let problem = expect_problem(audio, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    assert!(
        problem.detail.contains("This recording is video/webm"),
        "{}",
        problem.detail
    );
    assert_eq!(stored_file(&media), &all[..10]);
    // A chunk may be as large as 4 MiB, past the 1 MiB of JSON bodies.
    let largest = vec![7; MAX_RECORDING_CHUNK_BYTES];
    let range = format!("bytes 10-{}/*", 10 + largest.len() - 1);
    let stored = put_chunk(&server, Some(&instructor), WEBM, Some(&range), &largest).await;
    assert_eq!(stored.status(), StatusCode::OK);
    assert_eq!(stored_file(&media).len(), 10 + MAX_RECORDING_CHUNK_BYTES);
}

#[tokio::test]
async fn only_the_sessions_instructor_records() {
    let (server, _media) = recording_server().await;
    let all = recording_bytes(10);
    let range = Some("bytes 0-9/*");
    let no_token = put_chunk(&server, None, WEBM, range, &all).await;
    expect_problem(no_token, StatusCode::UNAUTHORIZED).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let refused = put_chunk(&server, Some(&learner), WEBM, range, &all).await;
    expect_problem(refused, StatusCode::FORBIDDEN).await;
    expect_problem(
        server.get(RECORDING, Some(&learner)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let body = json!({"started_at": "2027-01-20T18:05:00Z", "duration_seconds": 60});
    expect_problem(
        complete(&server, Some(&learner), body.clone()).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    expect_problem(
        complete(&server, None, body).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    // learner3 becomes a learner of the other course only.
    sqlx::query("UPDATE enrolments SET course_id = 'night-sky-lab' WHERE user_id = 'learner3'")
        .execute(&server.db)
        .await
        .unwrap();
    let outsider = server.sign_in("learner3", "learner3").await;
    let hidden = put_chunk(&server, Some(&outsider), WEBM, range, &all).await;
    expect_problem(hidden, StatusCode::NOT_FOUND).await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let not_live = server
        .get(
            "/api/v1/live/astronomy-101.welcome/recording",
            Some(&instructor),
        )
        .await;
    expect_problem(not_live, StatusCode::NOT_FOUND).await;
    assert_eq!(server.count_rows("live_recordings").await, 0);

    // A server without a media directory keeps no recordings.
    let no_media = live_server().await;
    let instructor = no_media.sign_in("instructor1", "instructor1").await;
    let unavailable = put_chunk(&no_media, Some(&instructor), WEBM, range, &all).await;
    let problem = expect_problem(unavailable, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(problem.kind(), Some(ProblemType::RecordingsUnavailable));
}

#[tokio::test]
async fn completing_needs_bytes_and_a_duration_that_fits() {
    let (server, _media) = recording_server().await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let body = |duration_seconds: u32| json!({"started_at": "2027-01-20T18:05:00Z", "duration_seconds": duration_seconds});
    let nothing = complete(&server, Some(&instructor), body(60)).await;
    let problem = expect_problem(nothing, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::NothingRecorded));
    send_chunk(&server, &instructor, &recording_bytes(10), 0, 10).await;
    for duration_seconds in [0, 86_401] {
        let refused = complete(&server, Some(&instructor), body(duration_seconds)).await;
        let problem = expect_problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(problem.kind(), Some(ProblemType::InvalidRecording));
    }
    let unreadable = complete(&server, Some(&instructor), json!({"started_at": "soon"})).await;
    expect_problem(unreadable, StatusCode::BAD_REQUEST).await;
    let manifest = server
        .get("/api/v1/courses/astronomy-101", Some(&instructor))
        .await;
    assert!(!manifest
        .text()
        .await
        .unwrap()
        .contains("live-q-and-a-recording"));
}
