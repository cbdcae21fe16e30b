//! The live routes besides the socket: a session's attendance, for its instructor.

use super::http::{authorized, build, decode_json, send, AbortOnDrop, HttpError};
use gloo_net::http::Request;
use lectern_api::v1::live::LiveAttendance;
use lectern_core::live::LiveSessionId;

/// `GET /api/v1/live/{session_id}/attendance`.
pub async fn attendance(
    token: &str,
    session_id: &LiveSessionId,
) -> Result<LiveAttendance, HttpError> {
    let abort = AbortOnDrop::new();
    let path = format!("/api/v1/live/{session_id}/attendance");
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}
