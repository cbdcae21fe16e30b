//! The built player (Trunk's `dist/`) at `/`: files with their content types, `index.html`
//! for any other GET path that does not name a file (the player routes in the browser), and
//! cache headers that let hashed assets live forever while `index.html` is always revalidated.
//! The documents an LMS frames (`/launch` and everything under `/embed/`) carry a policy whose
//! `frame-ancestors` lists the origins of the unrevoked API keys, read for each request;
//! every other document may be framed by no one. Without a built player, `/` explains how
//! to build it.

use super::csp::{self, PolicyTemplate};
use crate::db::api_keys;
use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{ALLOW, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::ServeDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";
const NOT_BUILT: &str = "Lectern's server is running, but the player has not been built.\n\n\
Build it with `trunk build --release` (or simply run `cargo xtask run`), then start the server \
with `--dist dist`.\n";

/// Where the player's documents that an LMS may frame live: the launch page, and the pages
/// of the embedded player (`/embed/courses/{course_id}`, `…/lessons/{lesson_id}`).
const LAUNCH_PATH: &str = "/launch";
const EMBED_PREFIX: &str = "/embed";

/// The player's files, if built, and the CSP that fits its `index.html`.
pub(crate) struct Player {
    site: Option<Site>,
    content_security_policy: HeaderValue,
}

struct Site {
    files: ServeDir,
    index_html: Bytes,
    policy: PolicyTemplate,
}

impl Player {
    /// Reads `dist/index.html` once; the rest of `dist` is served from disk.
    pub(crate) fn load(dist: Option<&Path>) -> Player {
        let site = dist.and_then(|dir| match std::fs::read(dir.join("index.html")) {
            Ok(index_html) => Some(Site {
                files: ServeDir::new(dir).append_index_html_on_directories(false),
                policy: PolicyTemplate::for_index(&String::from_utf8_lossy(&index_html)),
                index_html: Bytes::from(index_html),
            }),
            Err(err) => {
                tracing::warn!(dist = %dir.display(), error = %err, "no index.html in the player directory; serving a placeholder");
                None
            }
        });
        let policy = match &site {
            Some(site) => site.policy.policy(&[]),
            None => csp::base_policy(),
        };
        let content_security_policy = header_value(policy);
        Player {
            site,
            content_security_policy,
        }
    }

    pub(crate) fn content_security_policy(&self) -> HeaderValue {
        self.content_security_policy.clone()
    }
}

/// The fallback for every path the API does not own.
pub(crate) async fn serve(State(state): State<AppState>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return (StatusCode::METHOD_NOT_ALLOWED, [(ALLOW, "GET, HEAD")]).into_response();
    }
    let path = request.uri().path().to_owned();
    let Some(site) = &state.player.site else {
        return not_built(&path);
    };
    if is_framed_by_lms(&path) {
        return frameable_index(site, &state).await;
    }
    if path == "/" || path == "/index.html" {
        return index(site);
    }
    let response = match site.files.clone().oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND && !names_a_file(&path) {
        return index(site);
    }
    with_cache_control(response, &path)
}

fn index(site: &Site) -> Response {
    let headers = [
        (CONTENT_TYPE, "text/html; charset=utf-8"),
        (CACHE_CONTROL, NO_CACHE),
    ];
    (headers, site.index_html.clone()).into_response()
}

/// `index.html` for a page an LMS may frame, with a policy naming the origins the unrevoked
/// API keys allow. If they cannot be read, no page may frame it.
async fn frameable_index(site: &Site, state: &AppState) -> Response {
    let origins = match api_keys::active_allowed_origins(&state.db).await {
        Ok(origins) => origins,
        Err(err) => {
            tracing::error!(error = %err, "cannot read the origins allowed to frame the player");
            Vec::new()
        }
    };
    let mut response = index(site);
    response.headers_mut().insert(
        CONTENT_SECURITY_POLICY,
        header_value(site.policy.policy(&origins)),
    );
    response
}

/// Whether `path` is a page of the player that an LMS may frame.
fn is_framed_by_lms(path: &str) -> bool {
    path == LAUNCH_PATH
        || path == EMBED_PREFIX
        || path
            .strip_prefix(EMBED_PREFIX)
            .is_some_and(|rest| rest.starts_with('/') && !names_a_file(rest))
}

/// A policy as a header; one that cannot be a header (it never happens: every part is
/// checked) falls back to the strictest sensible one.
fn header_value(policy: String) -> HeaderValue {
    HeaderValue::try_from(policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"))
}

fn not_built(path: &str) -> Response {
    if names_a_file(path) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut response = (
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CACHE_CONTROL, NO_CACHE),
        ],
        NOT_BUILT,
    )
        .into_response();
    // The placeholder is plain text; the header only matters if a browser sniffs it anyway.
    // No page may frame it either (`default-src` does not cover framing).
    response.headers_mut().insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
    );
    response
}

fn with_cache_control(mut response: Response, path: &str) -> Response {
    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let policy = if is_hashed_asset(path) {
            IMMUTABLE
        } else {
            NO_CACHE
        };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default()
}

/// Whether the last path segment looks like a file (`app.js`), not a player route.
fn names_a_file(path: &str) -> bool {
    file_name(path).contains('.')
}

/// Trunk names built assets `<name>-<hash>.<ext>` (`lectern-0f1e2d3c4b5a6978_bg.wasm`); the
/// hash is a run of hex digits, at most 16 here but fewer when it has leading zeros.
fn is_hashed_asset(path: &str) -> bool {
    file_name(path)
        .split(['-', '_', '.'])
        .any(|part| (10..=64).contains(&part.len()) && part.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashes() {
        assert!(is_hashed_asset("/lectern-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/lectern-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/main-00c0ffee12345678.css"));
        assert!(is_hashed_asset("/main-c0ffee12345678.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/manifest.webmanifest"));
        assert!(!is_hashed_asset("/icons/icon-512.png"));
        assert!(!is_hashed_asset("/1a2b3c4d5e6f7a8b/plain.js"));
    }

    #[test]
    fn only_the_launch_page_and_embedded_pages_are_framed_by_an_lms() {
        for framed in [
            "/launch",
            "/embed",
            "/embed/courses/astronomy-101",
            "/embed/courses/astronomy-101/lessons/welcome",
        ] {
            assert!(is_framed_by_lms(framed), "{framed}");
        }
        for not_framed in [
            "/",
            "/index.html",
            "/courses/astronomy-101",
            "/launch/",
            "/launcher",
            "/embedded/courses/x",
            "/embed/lectern-1a2b.js",
            "/signin",
        ] {
            assert!(!is_framed_by_lms(not_framed), "{not_framed}");
        }
    }

    #[test]
    fn deep_links_are_not_files() {
        assert!(!names_a_file("/courses/astronomy-101/lessons/welcome"));
        assert!(names_a_file("/lectern-1a2b.js"));
        assert!(!names_a_file("/"));
    }
}
