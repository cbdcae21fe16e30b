//! Course media at `/media/`: whole files and single byte ranges (206/416), HEAD, validators
//! and conditional requests, content types and the SVG sandbox, no compression, and paths that
//! try to leave the media directory (sent raw, since a URL library would normalise them away).
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{expect_problem, start_with, TestServer};
use reqwest::header::{
    HeaderName, ACCEPT_ENCODING, ACCEPT_RANGES, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH,
    CONTENT_RANGE, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    IF_RANGE, LAST_MODIFIED, RANGE, X_CONTENT_TYPE_OPTIONS,
};
use reqwest::{Method, StatusCode};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const VIDEO: &str = "/media/astronomy-101/tour-of-the-sky.webm";
const VIDEO_LENGTH: usize = 100_000;
const CAPTIONS: &str = "WEBVTT\n\n00:00.000 --> 00:02.000\nThe night sky.\n";
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
const SECRET: &str = "TOP SECRET outside the media directory";

/// A pattern that does not repeat at any power-of-two offset, so a shifted range shows.
fn video_bytes() -> Vec<u8> {
    (0..VIDEO_LENGTH)
        .map(|i| u8::try_from((i * 31 + 7) % 251).unwrap())
        .collect()
}

/// `scratch/media` holds the course files; `scratch/secret.txt` sits just outside it.
async fn start_with_media() -> (TestServer, TempDir) {
    let scratch = tempfile::tempdir().unwrap();
    let media = scratch.path().join("media");
    let course = media.join("astronomy-101");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(course.join("tour-of-the-sky.webm"), video_bytes()).unwrap();
    std::fs::write(course.join("captions.en.vtt"), CAPTIONS.repeat(50)).unwrap();
    std::fs::write(course.join("orbit.svg"), SVG).unwrap();
    std::fs::write(course.join(".draft.webm"), "DRAFT CONTENT").unwrap();
    std::fs::write(scratch.path().join("secret.txt"), SECRET).unwrap();
    std::os::unix::fs::symlink(scratch.path().join("secret.txt"), course.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(scratch.path(), media.join("up")).unwrap();
    std::os::unix::fs::symlink(
        course.join("tour-of-the-sky.webm"),
        course.join("alias.webm"),
    )
    .unwrap();
    (start_with(None, Some(&media)).await, scratch)
}

fn header(response: &reqwest::Response, name: HeaderName) -> &str {
    response
        .headers()
        .get(&name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_default()
}

async fn get_with(
    server: &TestServer,
    path: &str,
    headers: &[(HeaderName, &str)],
) -> reqwest::Response {
    let mut request = server.client.get(server.url(path));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.send().await.unwrap()
}

/// Sends `target` byte for byte (no normalisation) and returns the status and the whole answer.
async fn raw_get(server: &TestServer, target: &str) -> (u16, String) {
    let address = server.base_url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    (status, answer)
}

#[tokio::test]
async fn a_whole_file_comes_with_its_type_length_and_validators() {
    let (server, _scratch) = start_with_media().await;
    let response = get_with(&server, VIDEO, &[(ACCEPT_ENCODING, "gzip, br")]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, ACCEPT_RANGES), "bytes");
    assert_eq!(header(&response, CONTENT_TYPE), "video/webm");
    assert_eq!(header(&response, CONTENT_LENGTH), "100000");
    assert_eq!(header(&response, X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(header(&response, CONTENT_ENCODING), "");
    assert!(header(&response, CACHE_CONTROL).starts_with("public, max-age="));
    let etag = header(&response, ETAG);
    assert!(
        etag.starts_with("\"186a0-") && etag.ends_with('"'),
        "{etag}"
    );
    assert!(header(&response, LAST_MODIFIED).ends_with(" GMT"));
    assert_eq!(response.bytes().await.unwrap(), video_bytes());
}

#[tokio::test]
async fn single_ranges_get_exactly_their_bytes() {
    let (server, _scratch) = start_with_media().await;
    let video = video_bytes();
    for (range, first, last) in [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-", 1000, 99_999),
        ("bytes=-500", 99_500, 99_999),
        ("bytes=99990-200000", 99_990, 99_999),
    ] {
        let response = get_with(
            &server,
            VIDEO,
            &[(RANGE, range), (ACCEPT_ENCODING, "gzip, br")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT, "{range}");
        assert_eq!(
            header(&response, CONTENT_RANGE),
            format!("bytes {first}-{last}/100000"),
            "{range}"
        );
        assert_eq!(
            header(&response, CONTENT_LENGTH),
            (last - first + 1).to_string()
        );
        assert_eq!(header(&response, CONTENT_TYPE), "video/webm");
        assert_eq!(header(&response, ACCEPT_RANGES), "bytes");
        assert_eq!(header(&response, CONTENT_ENCODING), "", "{range}");
        assert_eq!(
            response.bytes().await.unwrap(),
            video[first..=last],
            "{range}"
        );
    }
}

#[tokio::test]
async fn a_range_past_the_end_is_not_satisfiable() {
    let (server, _scratch) = start_with_media().await;
    let response = get_with(&server, VIDEO, &[(RANGE, "bytes=100000-")]).await;
    assert_eq!(response.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(header(&response, CONTENT_RANGE), "bytes */100000");
    assert!(response.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn malformed_and_multiple_ranges_get_the_whole_file() {
    let (server, _scratch) = start_with_media().await;
    for range in ["bytes=abc", "bytes=5-1", "lines=1-2", "bytes=0-1,10-20"] {
        let response = get_with(&server, VIDEO, &[(RANGE, range)]).await;
        assert_eq!(response.status(), StatusCode::OK, "{range}");
        assert_eq!(header(&response, CONTENT_RANGE), "", "{range}");
        assert_eq!(
            response.bytes().await.unwrap().len(),
            VIDEO_LENGTH,
            "{range}"
        );
    }
}

#[tokio::test]
async fn head_has_the_headers_and_no_body() {
    let (server, _scratch) = start_with_media().await;
    let get = server.get(VIDEO, None).await;
    let head = server.client.head(server.url(VIDEO)).send().await.unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    for name in [
        ACCEPT_RANGES,
        CONTENT_TYPE,
        CONTENT_LENGTH,
        ETAG,
        LAST_MODIFIED,
        CACHE_CONTROL,
    ] {
        assert_eq!(
            header(&head, name.clone()),
            header(&get, name.clone()),
            "{name}"
        );
    }
    assert_eq!(header(&head, CONTENT_LENGTH), "100000");
    assert!(head.bytes().await.unwrap().is_empty());
    let ranged = server
        .client
        .head(server.url(VIDEO))
        .header(RANGE, "bytes=-10")
        .send()
        .await
        .unwrap();
    assert_eq!(ranged.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(header(&ranged, CONTENT_RANGE), "bytes 99990-99999/100000");
    assert_eq!(header(&ranged, CONTENT_LENGTH), "10");
    let post = server.client.post(server.url(VIDEO)).send().await.unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn validators_answer_304_and_gate_if_range() {
    let (server, _scratch) = start_with_media().await;
    let first = server.get(VIDEO, None).await;
    let etag = header(&first, ETAG).to_owned();
    let last_modified = header(&first, LAST_MODIFIED).to_owned();

    for conditional in [
        (IF_NONE_MATCH, etag.clone()),
        (IF_NONE_MATCH, format!("\"other\", W/{etag}")),
        (IF_NONE_MATCH, "*".to_owned()),
        (IF_MODIFIED_SINCE, last_modified.clone()),
    ] {
        let response = get_with(&server, VIDEO, &[(conditional.0.clone(), &conditional.1)]).await;
        assert_eq!(
            response.status(),
            StatusCode::NOT_MODIFIED,
            "{conditional:?}"
        );
        assert_eq!(header(&response, ETAG), etag);
        assert!(response.bytes().await.unwrap().is_empty());
    }
    let changed = get_with(&server, VIDEO, &[(IF_NONE_MATCH, "\"other\"")]).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let old = get_with(
        &server,
        VIDEO,
        &[(IF_MODIFIED_SINCE, "Thu, 01 Jan 1998 00:00:00 GMT")],
    )
    .await;
    assert_eq!(old.status(), StatusCode::OK);

    for (if_range, expected) in [
        (etag.as_str(), StatusCode::PARTIAL_CONTENT),
        (last_modified.as_str(), StatusCode::PARTIAL_CONTENT),
        ("\"other\"", StatusCode::OK),
        ("Thu, 01 Jan 1998 00:00:00 GMT", StatusCode::OK),
    ] {
        let response = get_with(
            &server,
            VIDEO,
            &[(RANGE, "bytes=0-9"), (IF_RANGE, if_range)],
        )
        .await;
        assert_eq!(response.status(), expected, "If-Range: {if_range}");
        let length = if expected == StatusCode::OK {
            VIDEO_LENGTH
        } else {
            10
        };
        assert_eq!(response.bytes().await.unwrap().len(), length);
    }
}

#[tokio::test]
async fn an_edit_changes_the_etag() {
    let (server, scratch) = start_with_media().await;
    let before = header(&server.get(VIDEO, None).await, ETAG).to_owned();
    let file = scratch
        .path()
        .join("media")
        .join(VIDEO.trim_start_matches("/media/"));
    std::fs::write(&file, b"a shorter video").unwrap();
    let after = server.get(VIDEO, None).await;
    assert_ne!(header(&after, ETAG), before);
    let stale = get_with(&server, VIDEO, &[(IF_NONE_MATCH, &before)]).await;
    assert_eq!(stale.status(), StatusCode::OK);
    assert_eq!(stale.bytes().await.unwrap(), b"a shorter video".as_slice());
}

#[tokio::test]
async fn captions_and_svg_have_their_types_and_svg_is_sandboxed() {
    let (server, _scratch) = start_with_media().await;
    let captions = get_with(
        &server,
        "/media/astronomy-101/captions.en.vtt",
        &[(ACCEPT_ENCODING, "gzip, br")],
    )
    .await;
    assert_eq!(captions.status(), StatusCode::OK);
    assert_eq!(header(&captions, CONTENT_TYPE), "text/vtt; charset=utf-8");
    assert_eq!(header(&captions, CONTENT_ENCODING), "");
    assert_eq!(captions.text().await.unwrap(), CAPTIONS.repeat(50));
    let svg = server.get("/media/astronomy-101/orbit.svg", None).await;
    assert_eq!(header(&svg, CONTENT_TYPE), "image/svg+xml");
    assert_eq!(
        header(&svg, CONTENT_SECURITY_POLICY),
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    );
    let alias = server.get("/media/astronomy-101/alias.webm", None).await;
    assert_eq!(
        alias.status(),
        StatusCode::OK,
        "a link inside the directory is fine"
    );
    assert_eq!(alias.bytes().await.unwrap(), video_bytes());
}

#[tokio::test]
async fn paths_out_of_the_media_directory_are_404() {
    let (server, _scratch) = start_with_media().await;
    for target in [
        "/media/../secret.txt",
        "/media/../Cargo.toml",
        "/media/%2e%2e/secret.txt",
        "/media/%2E%2E%2Fsecret.txt",
        "/media/..%2fsecret.txt",
        "/media/a/../../secret.txt",
        "/media/astronomy-101/../../secret.txt",
        "/media/astronomy-101/..%5c..%5csecret.txt",
        "/media//etc/passwd",
        "/media/%2fetc%2fpasswd",
        "/media/astronomy-101/leak.txt",
        "/media/up/secret.txt",
        "/media/astronomy-101/.draft.webm",
        "/media/astronomy-101/tour-of-the-sky.webm%00.txt",
        "/media/%ff%fe",
    ] {
        let (status, answer) = raw_get(&server, target).await;
        assert_eq!(status, 404, "{target}: {answer}");
        assert!(
            answer.contains("application/problem+json"),
            "{target}: {answer}"
        );
        assert!(!answer.contains("TOP SECRET"), "{target} leaked the file");
        assert!(
            !answer.contains("DRAFT CONTENT"),
            "{target} served a hidden file"
        );
    }
}

#[tokio::test]
async fn missing_media_is_a_404_problem_never_the_player() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Lectern</title>",
    )
    .unwrap();
    let media = tempfile::tempdir().unwrap();
    let server = start_with(Some(dist.path()), Some(media.path())).await;
    for path in [
        "/media/astronomy-101/missing.webm",
        "/media/missing",
        "/media/",
        "/media",
    ] {
        let response = server.get(path, None).await;
        let problem = expect_problem(response, StatusCode::NOT_FOUND).await;
        assert_eq!(problem.status, 404, "{path}");
    }
    std::fs::create_dir(media.path().join("course")).unwrap();
    expect_problem(
        server.get("/media/course", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(server.get("/courses", None).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_missing_or_unset_media_directory_serves_404s() {
    let scratch = tempfile::tempdir().unwrap();
    let absent = scratch.path().join("not-yet");
    let server = start_with(None, Some(&absent)).await;
    expect_problem(
        server.get("/media/a.webm", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // The directory may appear after start-up.
    std::fs::create_dir_all(&absent).unwrap();
    std::fs::write(absent.join("a.webm"), b"late").unwrap();
    assert_eq!(
        server
            .get("/media/a.webm", None)
            .await
            .bytes()
            .await
            .unwrap(),
        b"late".as_slice()
    );

    let unset = common::start().await;
    expect_problem(
        unset.get("/media/a.webm", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let put = unset
        .client
        .request(Method::PUT, unset.url("/media/a.webm"))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::METHOD_NOT_ALLOWED);
}
