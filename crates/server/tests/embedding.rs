//! Who may frame the player, over real HTTP: the documents an LMS frames (`/launch` and the
//! embedded player's pages under `/embed/`) name the origins of the unrevoked API keys in
//! `frame-ancestors`, read for each request; every other document may be framed by no one.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{start_with_dist, TestServer};
use jiff::SignedDuration;
use lectern_server::apikey::{self, origin::Origin};
use reqwest::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use reqwest::StatusCode;

const FRAMED: [&str; 3] = [
    "/embed/courses/astronomy-101",
    "/embed/courses/astronomy-101/lessons/welcome",
    "/launch",
];
const NOT_FRAMED: [&str; 4] = ["/", "/index.html", "/courses/x", "/courses/x/lessons/y"];

async fn start_with_player() -> (TestServer, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    let index = "<!doctype html><html><head><title>Lectern</title></head><body>\
        <script type=\"module\">import init from '/lectern-0123456789abcdef.js'; await init();</script>\
        </body></html>";
    std::fs::write(dist.path().join("index.html"), index).unwrap();
    (start_with_dist(Some(dist.path())).await, dist)
}

/// The document at `path`, which must be the player's `index.html`, and its policy.
async fn policy_of(server: &TestServer, path: &str) -> String {
    let response = server.get(path, None).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "text/html; charset=utf-8",
        "{path}"
    );
    let policy = response.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    assert!(body.contains("<title>Lectern</title>"), "{path}: {body}");
    policy
}

/// The `frame-ancestors` sources of `policy`.
fn frame_ancestors(policy: &str) -> &str {
    policy
        .split("; ")
        .find_map(|directive| directive.strip_prefix("frame-ancestors "))
        .unwrap_or_else(|| panic!("no frame-ancestors in {policy}"))
}

async fn create_key(server: &TestServer, name: &str, origins: &[&str]) -> String {
    let origins: Vec<Origin> = origins.iter().map(|o| Origin::parse(o).unwrap()).collect();
    apikey::create(&server.db, name, &origins, server.clock.now())
        .await
        .unwrap()
        .api_key_id
}

#[tokio::test]
async fn without_api_keys_no_page_may_be_framed() {
    let (server, _dist) = start_with_player().await;
    for path in FRAMED.iter().chain(&NOT_FRAMED) {
        assert_eq!(frame_ancestors(&policy_of(&server, path).await), "'none'");
    }
    // A key that embeds from nowhere changes nothing.
    create_key(&server, "Headless", &[]).await;
    for path in FRAMED {
        assert_eq!(frame_ancestors(&policy_of(&server, path).await), "'none'");
    }
}

#[tokio::test]
async fn only_the_embedded_pages_and_the_launch_page_name_the_allowed_origins() {
    let (server, _dist) = start_with_player().await;
    create_key(&server, "Moodle", &["https://lms.example.edu"]).await;
    let strict = policy_of(&server, "/").await;
    for path in FRAMED {
        let policy = policy_of(&server, path).await;
        assert_eq!(
            frame_ancestors(&policy),
            "https://lms.example.edu",
            "{path}"
        );
        // The rest of the policy is the strict one every document has.
        assert_eq!(
            policy.replace(
                "frame-ancestors https://lms.example.edu",
                "frame-ancestors 'none'"
            ),
            strict,
            "{path}"
        );
    }
    for path in NOT_FRAMED {
        assert_eq!(
            frame_ancestors(&policy_of(&server, path).await),
            "'none'",
            "{path}"
        );
    }
    // Files are not documents to frame, under /embed/ or elsewhere.
    let missing = server.get("/embed/missing-0123456789abcdef.js", None).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_revoked_key_no_longer_lets_its_origins_frame_the_player() {
    let (server, _dist) = start_with_player().await;
    let moodle = create_key(&server, "Moodle", &["https://lms.example.edu"]).await;
    // Origins are listed by key, oldest first.
    server.clock.advance(SignedDuration::from_secs(1));
    let canvas = create_key(
        &server,
        "Canvas",
        &["https://canvas.example.edu", "https://LMS.example.edu:443"],
    )
    .await;
    let path = FRAMED[1];
    assert_eq!(
        frame_ancestors(&policy_of(&server, path).await),
        "https://lms.example.edu https://canvas.example.edu"
    );
    apikey::revoke(&server.db, &moodle, server.clock.now())
        .await
        .unwrap();
    assert_eq!(
        frame_ancestors(&policy_of(&server, path).await),
        "https://canvas.example.edu https://lms.example.edu"
    );
    apikey::revoke(&server.db, &canvas, server.clock.now())
        .await
        .unwrap();
    for path in FRAMED {
        assert_eq!(frame_ancestors(&policy_of(&server, path).await), "'none'");
    }
}
