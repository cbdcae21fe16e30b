//! Serving the built player: SPA fallback, content types, cache headers, compression and the
//! security headers, against a fake `dist` directory shaped like Trunk's output.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{start, start_with_dist, TestServer};
use reqwest::header::{
    HeaderName, ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY,
    CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use reqwest::StatusCode;
use std::path::Path;

const INLINE_LOADER: &str = "\nimport init from '/lectern-0123456789abcdef.js';\nawait init({ module_or_path: '/lectern-0123456789abcdef_bg.wasm' });\n";
const WASM: &str = "/lectern-0123456789abcdef_bg.wasm";

fn write_dist(dir: &Path) {
    let index = format!("<!doctype html><html><head><title>Lectern</title></head><body><script type=\"module\">{INLINE_LOADER}</script></body></html>");
    std::fs::write(dir.join("index.html"), index).unwrap();
    // A wasm-looking body that compresses well.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(b"lectern wasm section ".as_slice(), 500).flatten());
    std::fs::write(dir.join(WASM.trim_start_matches('/')), wasm).unwrap();
    std::fs::write(
        dir.join("lectern-0123456789abcdef.js"),
        "export default function init() {}\n".repeat(20),
    )
    .unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});\n",
    )
    .unwrap();
}

async fn start_with_fake_dist() -> (TestServer, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    write_dist(dist.path());
    (start_with_dist(Some(dist.path())).await, dist)
}

fn header(response: &reqwest::Response, name: HeaderName) -> &str {
    response
        .headers()
        .get(&name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_default()
}

#[tokio::test]
async fn deep_links_get_index_html_which_is_never_cached() {
    let (server, _dist) = start_with_fake_dist().await;
    for path in ["/", "/courses/astronomy-101/lessons/welcome", "/settings"] {
        let response = server.get(path, None).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&response, CONTENT_TYPE), "text/html; charset=utf-8");
        assert_eq!(header(&response, CACHE_CONTROL), "no-cache");
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("<title>Lectern</title>"));
    }
    assert_eq!(
        server
            .get("/missing-0123456789abcdef.js", None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let post = server
        .client
        .post(server.url("/courses"))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_wasm_has_its_type() {
    let (server, _dist) = start_with_fake_dist().await;
    let wasm = server.get(WASM, None).await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(header(&wasm, CONTENT_TYPE), "application/wasm");
    assert_eq!(
        header(&wasm, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert!(wasm.bytes().await.unwrap().starts_with(b"\0asm"));
    let script = server.get("/lectern-0123456789abcdef.js", None).await;
    assert!(
        header(&script, CONTENT_TYPE).starts_with("text/javascript"),
        "{}",
        header(&script, CONTENT_TYPE)
    );
    assert_eq!(
        header(&script, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    let service_worker = server.get("/sw.js", None).await;
    assert_eq!(header(&service_worker, CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn assets_are_compressed_with_brotli_or_gzip() {
    let (server, _dist) = start_with_fake_dist().await;
    for (accepted, expected) in [("br", "br"), ("gzip", "gzip"), ("identity", "")] {
        let response = server
            .client
            .get(server.url(WASM))
            .header(ACCEPT_ENCODING, accepted)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header(&response, CONTENT_ENCODING),
            expected,
            "Accept-Encoding: {accepted}"
        );
        let size = response.bytes().await.unwrap().len();
        assert_eq!(
            size < 10_000,
            !expected.is_empty(),
            "{accepted}: {size} bytes"
        );
    }
}

#[tokio::test]
async fn the_csp_allows_exactly_the_inline_loader() {
    let (server, _dist) = start_with_fake_dist().await;
    let response = server.get("/", None).await;
    let policy = header(&response, CONTENT_SECURITY_POLICY).to_owned();
    use base64::Engine;
    use sha2::Digest;
    let loader_hash = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest(INLINE_LOADER.as_bytes()));
    assert!(
        policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{loader_hash}';"
        )),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"));
    assert!(policy.contains("frame-ancestors 'none'"));
    assert_eq!(header(&response, X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(header(&response, REFERRER_POLICY), "no-referrer");
}

#[tokio::test]
async fn without_a_built_player_the_root_says_how_to_build_it() {
    let server = start().await;
    let response = server.get("/", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, CONTENT_TYPE).starts_with("text/plain"));
    assert!(response.text().await.unwrap().contains("trunk build"));
    let empty_dist = tempfile::tempdir().unwrap();
    let server = start_with_dist(Some(empty_dist.path())).await;
    assert!(server
        .get("/", None)
        .await
        .text()
        .await
        .unwrap()
        .contains("trunk build"));
}

#[tokio::test]
async fn api_paths_never_fall_back_to_the_player() {
    let (server, _dist) = start_with_fake_dist().await;
    let response = server.get("/api/v1/nope", None).await;
    common::expect_problem(response, StatusCode::NOT_FOUND).await;
}
