//! The HTTP app: the JSON API v1 under `/api/v1` (one `router()` per module, LMS launches
//! included), problem answers for unknown API paths and wrong methods, course media at
//! `/media`, the player at `/`, and the layers: body limit and security headers for
//! everything, compression for all but media. Sign-in, launches and events are rate limited
//! per peer address (`peer_limit`), which needs the app served with `ConnectInfo`.

mod announcements;
mod assignment_access;
mod assignment_events;
mod assignment_problem;
mod assignment_rules;
mod assignments;
mod attachment;
mod attempt_view;
mod attempts;
mod auth;
mod calendar;
mod calendar_items;
mod courses;
mod csp;
mod discussion_access;
mod discussion_events;
mod discussion_view;
mod discussions;
mod error;
mod event_admission;
mod events;
mod gradebook;
mod gradebook_csv;
mod json;
mod launch_refusal;
mod launches;
mod live;
mod live_access;
mod live_recording;
mod media;
mod notifications;
mod peer_limit;
pub(crate) mod player;
mod posts;
mod progress;
mod quiz_access;
mod quiz_events;
mod quizzes;
mod recording_complete;
mod recording_files;
mod recording_problem;
mod session;
mod submission;
mod submission_view;
mod upload_files;
mod uploads;

pub use assignment_problem::AssignmentProblem;
pub use auth::{ApiKeyCaller, AuthUser};
pub use error::{ApiError, METHOD_NOT_ALLOWED_TYPE};
pub use json::ApiJson;
pub use launch_refusal::{LaunchRefusal, LAUNCH_TTL};
pub use recording_problem::RecordingProblem;

use crate::rate_limit::RouteGroup;
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::HeaderValue;
use axum::routing::any;
use axum::Router;
use lectern_api::v1::{routes, MAX_BODY_BYTES};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Every API route as (method, OpenAPI path template). `docs/openapi.yaml` must list
/// exactly these; `tests/openapi_routes.rs` checks both directions.
pub const API_ROUTES: &[(&str, &str)] = &[
    ("POST", routes::SESSION),
    ("DELETE", routes::SESSION),
    ("GET", routes::COURSES),
    ("GET", routes::COURSE),
    ("GET", routes::COURSE_PROGRESS),
    ("POST", routes::EVENTS),
    ("POST", routes::QUIZ_ATTEMPTS),
    ("GET", routes::QUIZ_ATTEMPTS),
    ("GET", routes::QUIZ_SUBMISSIONS),
    ("PUT", routes::ATTEMPT_ANSWERS),
    ("POST", routes::ATTEMPT_SUBMIT),
    ("PUT", routes::ATTEMPT_REVIEW),
    ("POST", routes::LAUNCHES),
    ("POST", routes::LAUNCH_EXCHANGE),
    ("GET", routes::COURSE_THREADS),
    ("GET", routes::THREAD),
    ("PUT", routes::THREAD_READ),
    ("GET", routes::POST_VERSIONS),
    ("PUT", routes::POST_MODERATION),
    ("GET", routes::NOTIFICATIONS),
    ("POST", routes::NOTIFICATIONS_READ),
    ("GET", routes::COURSE_ANNOUNCEMENTS),
    ("POST", routes::COURSE_ANNOUNCEMENTS),
    ("PUT", routes::UPLOAD),
    ("GET", routes::UPLOAD),
    ("GET", routes::UPLOAD_CONTENT),
    ("GET", routes::ASSIGNMENT),
    ("GET", routes::ASSIGNMENT_SUBMISSIONS),
    ("PUT", routes::SUBMISSION_GRADE),
    ("GET", routes::COURSE_GRADEBOOK),
    ("GET", routes::COURSE_GRADEBOOK_CSV),
    ("GET", routes::CALENDAR),
    ("GET", routes::CALENDAR_ICS),
    ("GET", routes::LIVE_SOCKET),
    ("GET", routes::LIVE_ATTENDANCE),
    ("PUT", routes::LIVE_RECORDING),
    ("GET", routes::LIVE_RECORDING),
    ("POST", routes::LIVE_RECORDING_COMPLETE),
];

/// The API routes limited per peer address, with their route group: the handlers of exactly
/// these take `peer_limit::WithinRateLimit`. `docs/openapi.yaml` documents 429 on them, and
/// `tests/rate_limits.rs` checks that no other route is limited.
pub const RATE_LIMITED_ROUTES: &[(&str, &str, RouteGroup)] = &[
    ("POST", routes::SESSION, RouteGroup::SignIn),
    ("POST", routes::LAUNCHES, RouteGroup::Launches),
    ("POST", routes::LAUNCH_EXCHANGE, RouteGroup::LaunchExchange),
    ("POST", routes::EVENTS, RouteGroup::Events),
];

/// The whole server as one router.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(session::router())
        .merge(courses::router())
        .merge(progress::router())
        .merge(events::router())
        .merge(quizzes::router())
        .merge(attempts::router())
        .merge(launches::router())
        .merge(discussions::router())
        .merge(posts::router())
        .merge(notifications::router())
        .merge(announcements::router())
        // Its own body limit: chunks of files, larger than JSON bodies may be.
        .merge(uploads::router())
        .merge(assignments::router())
        .merge(gradebook::router())
        .merge(calendar::router())
        .merge(live::router())
        // Its own body limit on chunks, like uploads.
        .merge(live_recording::router())
        .method_not_allowed_fallback(method_not_allowed)
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        // Answers carry tokens and private course data: never store them in shared caches.
        .layer(SetResponseHeaderLayer::if_not_present(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let content_security_policy = state.player.content_security_policy();
    let compressed = Router::new()
        .merge(api)
        .fallback(player::serve)
        .layer(CompressionLayer::new());
    Router::new()
        .merge(compressed)
        // Outside the compression layer: media is compressed already, and compressing a 206
        // would break its byte offsets.
        .merge(media::router())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            content_security_policy,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
