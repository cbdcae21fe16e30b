//! Uploads over real HTTP on a real SQLite file and a real uploads directory: a file sent in
//! chunks, resumed after a lost chunk, with a resent chunk harmless, then handed in; files
//! the assignment's rules refuse, refused before anything is stored; an upload id that is
//! one learner's file only; and downloads that can never run in the app's origin.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::assignments::{
    assignment_server, at, file_bytes, submitted_event, upload_id, TestFile, DAY, ESSAY,
    MAX_FILE_BYTES, REPORT,
};
use common::expect_problem;
use lectern_api::v1::{EventStatus, ProblemType, MAX_UPLOAD_CHUNK_BYTES};
use reqwest::header::{
    CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The files in the server's uploads directory.
fn files_on_disk(server: &common::TestServer) -> Vec<String> {
    let dir = server.db_path.parent().unwrap().join("uploads");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

#[tokio::test]
async fn a_file_uploads_in_chunks_resumes_after_a_lost_chunk_and_is_handed_in() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let bytes = file_bytes(600_000);
    let file = TestFile::pdf(1, "star chart.pdf", bytes.len() as u64);
    let (first, second, third) = (
        &bytes[..250_000],
        &bytes[250_000..500_000],
        &bytes[500_000..],
    );

    let response = server.put_chunk(&learner, &file, Some(0), first).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["upload-offset"], "250000");
    let status: Value = response.json().await.unwrap();
    assert_eq!(
        (
            status["received_bytes"].as_u64(),
            status["is_complete"].as_bool()
        ),
        (Some(250_000), Some(false))
    );

    // The second chunk is lost on the way: the third does not continue the upload.
    let gap = server
        .put_chunk(&learner, &file, Some(500_000), third)
        .await;
    let problem = expect_problem(gap, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::UploadOffsetMismatch));
    assert!(
        problem.detail.contains("from byte 250000"),
        "{}",
        problem.detail
    );
    // The client asks where to resume, with GET or HEAD.
    let status: Value = server
        .upload_status(&learner, &file.upload_id)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["received_bytes"], 250_000);
    let head = server
        .client
        .head(server.url(&format!("/api/v1/uploads/{}", file.upload_id)))
        .bearer_auth(&learner)
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(head.headers()["upload-offset"], "250000");
    assert_eq!(head.headers()["upload-length"], "600000");

    let resumed = server
        .put_chunk(&learner, &file, Some(250_000), second)
        .await;
    assert_eq!(resumed.headers()["upload-offset"], "500000");
    // A chunk sent again (its answer was lost) changes nothing.
    let again = server.put_chunk(&learner, &file, Some(0), first).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers()["upload-offset"], "500000");
    let done: Value = server
        .put_chunk(&learner, &file, Some(500_000), third)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done["is_complete"], true);
    assert_eq!(done["received_bytes"], 600_000);
    assert_eq!(done["sha256"], sha256_hex(&bytes));
    let after_completion = server
        .put_chunk(&learner, &file, Some(500_000), third)
        .await;
    assert_eq!(after_completion.status(), StatusCode::OK);
    assert_eq!(
        files_on_disk(&server),
        [upload_id(1)],
        "named by the upload id only"
    );

    let download = server.upload_content(&learner, &file.upload_id).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()[CONTENT_TYPE], "application/pdf");
    assert_eq!(download.bytes().await.unwrap().as_ref(), bytes.as_slice());

    let event = submitted_event(1, 1, 0, REPORT, "My charts.", &[&file]);
    assert_eq!(
        server.hand_in(&learner, event).await,
        (EventStatus::Stored, None)
    );
    let view = server.assignment(&learner, REPORT).await;
    let files = &view["submissions"][0]["files"];
    assert_eq!(files[0]["file_name"], "star chart.pdf");
    assert_eq!(files[0]["size_bytes"], 600_000);
    assert_eq!(
        files[0]["download_url"],
        format!("/api/v1/uploads/{}/content", upload_id(1))
    );
}

#[tokio::test]
async fn files_the_rules_refuse_are_refused_before_anything_is_stored() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let small = file_bytes(100);

    let html = TestFile {
        media_type: "text/html".into(),
        file_name: "page.html".into(),
        ..TestFile::pdf(1, "page.html", 100)
    };
    let refused = server.put_chunk(&learner, &html, None, &small).await;
    let problem = expect_problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem.kind(), Some(ProblemType::InvalidUpload));
    assert_eq!(
        problem.detail,
        "\"page.html\" is text/html, which this assignment does not take."
    );

    let oversized = TestFile::pdf(2, "huge.pdf", MAX_FILE_BYTES + 1);
    let refused = server
        .put_chunk(&learner, &oversized, Some(0), &small)
        .await;
    let problem = expect_problem(refused, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(
        problem
            .detail
            .contains("files may be at most 1048576 bytes"),
        "{}",
        problem.detail
    );

    let sneaky = TestFile::pdf(3, "../../etc/passwd", 100);
    let refused = server.put_chunk(&learner, &sneaky, None, &small).await;
    let problem = expect_problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(problem.detail.contains("no path"), "{}", problem.detail);

    let for_the_essay = TestFile {
        lesson_id: ESSAY,
        ..TestFile::pdf(4, "essay.pdf", 100)
    };
    let refused = server
        .put_chunk(&learner, &for_the_essay, None, &small)
        .await;
    let problem = expect_problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem.detail,
        "This assignment takes no files; hand in a text answer."
    );

    let for_a_text_lesson = TestFile {
        lesson_id: "intro",
        ..TestFile::pdf(5, "intro.pdf", 100)
    };
    let refused = server
        .put_chunk(&learner, &for_a_text_lesson, None, &small)
        .await;
    expect_problem(refused, StatusCode::NOT_FOUND).await;

    let big_chunk = vec![0; MAX_UPLOAD_CHUNK_BYTES + 1];
    let too_big = TestFile::pdf(6, "big.pdf", big_chunk.len() as u64);
    let refused = server.put_chunk(&learner, &too_big, None, &big_chunk).await;
    let problem = expect_problem(refused, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert!(
        problem
            .detail
            .contains("chunk may be at most 4194304 bytes"),
        "{}",
        problem.detail
    );

    let not_whole = TestFile::pdf(7, "part.pdf", 1_000);
    let refused = server.put_chunk(&learner, &not_whole, None, &small).await;
    let problem = expect_problem(refused, StatusCode::BAD_REQUEST).await;
    assert!(problem.detail.contains("whole file"), "{}", problem.detail);

    let no_query = server
        .client
        .put(server.url(&format!("/api/v1/uploads/{}", upload_id(8))))
        .bearer_auth(&learner)
        .body(small.clone())
        .send()
        .await
        .unwrap();
    let problem = expect_problem(no_query, StatusCode::BAD_REQUEST).await;
    assert!(
        problem.detail.contains("in the query"),
        "{}",
        problem.detail
    );

    assert_eq!(server.stored_work().await, (0, 0, 0));
    assert!(files_on_disk(&server).is_empty());
}

#[tokio::test]
async fn an_upload_id_is_one_file_of_one_learner() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let classmate = server.sign_in("learner2", "learner2").await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    let bytes = file_bytes(2_000);
    let file = TestFile::pdf(1, "mine.pdf", 2_000);
    server.upload_whole(&learner, &file, &bytes).await;

    // The same id for another file, by the owner or a classmate, is refused alike.
    let other_size = TestFile::pdf(1, "mine.pdf", 1_000);
    let refused = server
        .put_chunk(&learner, &other_size, None, &bytes[..1_000])
        .await;
    let own = expect_problem(refused, StatusCode::BAD_REQUEST).await;
    let refused = server.put_chunk(&classmate, &file, None, &bytes).await;
    let theirs = expect_problem(refused, StatusCode::BAD_REQUEST).await;
    assert_eq!(own, theirs);
    assert!(own.detail.contains("already in use"), "{}", own.detail);

    // A classmate learns nothing of it: it looks exactly like an upload that is not there.
    let missing = upload_id(99);
    for (mine, absent) in [
        (
            server.upload_status(&classmate, &file.upload_id).await,
            server.upload_status(&classmate, &missing).await,
        ),
        (
            server.upload_content(&classmate, &file.upload_id).await,
            server.upload_content(&classmate, &missing).await,
        ),
    ] {
        assert_eq!(mine.status(), StatusCode::NOT_FOUND);
        let (mine, absent) = (mine.text().await.unwrap(), absent.text().await.unwrap());
        assert_eq!(mine, absent);
    }
    // Those who teach the course download it; only its owner sees the upload's progress.
    let taught = server.upload_content(&teacher, &file.upload_id).await;
    assert_eq!(taught.status(), StatusCode::OK);
    assert_eq!(taught.bytes().await.unwrap().as_ref(), bytes.as_slice());
    let progress = server.upload_status(&teacher, &file.upload_id).await;
    assert_eq!(progress.status(), StatusCode::NOT_FOUND);
    assert_eq!(server.stored_work().await, (0, 0, 1));
}

#[tokio::test]
async fn an_upload_that_is_not_complete_cannot_be_downloaded() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let bytes = file_bytes(1_000);
    let file = TestFile::pdf(1, "half.pdf", 1_000);
    let response = server
        .put_chunk(&learner, &file, Some(0), &bytes[..500])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let download = server.upload_content(&learner, &file.upload_id).await;
    expect_problem(download, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn past_a_hard_deadline_no_new_upload_starts() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.clock.set(at(DAY + 1));
    let file = TestFile::pdf(1, "late.pdf", 10);
    let refused = server.put_chunk(&learner, &file, None, &[1; 10]).await;
    let problem = expect_problem(refused, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::SubmissionClosed));
    assert!(
        problem
            .detail
            .starts_with("This assignment was due at 2030-01-11T09:00:00Z"),
        "{}",
        problem.detail
    );
    assert_eq!(server.stored_work().await, (0, 0, 0));
}

#[tokio::test]
async fn an_uploaded_page_is_an_inert_attachment_with_a_safe_file_name() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let page = b"<html><script>alert(document.cookie)</script></html>";
    let file = TestFile {
        media_type: "image/png".into(),
        ..TestFile::pdf(1, "Orion \"chart\" \u{2728}.html", page.len() as u64)
    };
    server.upload_whole(&learner, &file, page).await;
    let download = server.upload_content(&learner, &file.upload_id).await;
    assert_eq!(download.status(), StatusCode::OK);
    let headers = download.headers();
    assert_eq!(headers[CONTENT_TYPE], "image/png");
    assert_eq!(headers[X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        headers[CONTENT_SECURITY_POLICY],
        "sandbox; default-src 'none'"
    );
    assert_eq!(
        headers[CONTENT_DISPOSITION],
        "attachment; filename=\"Orion _chart_ _.html\"; \
         filename*=UTF-8''Orion%20%22chart%22%20%E2%9C%A8.html"
    );
    assert_eq!(download.bytes().await.unwrap().as_ref(), page);
}

#[tokio::test]
async fn an_empty_file_completes_at_once() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let file = TestFile::pdf(1, "empty.pdf", 0);
    let status = server.upload_whole(&learner, &file, &[]).await;
    assert_eq!(status["sha256"], sha256_hex(&[]));
    let download = server.upload_content(&learner, &file.upload_id).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert!(download.bytes().await.unwrap().is_empty());
}
