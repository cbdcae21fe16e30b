//! The embed protocol, version 1: the messages an LMS page (the host) and the player in its
//! iframe exchange with `postMessage`. Every message is a JSON object with `"lectern": 1`
//! and a `"type"`:
//! - host → player, `"command"`: `play`, `pause`, `seek {seconds}`, `goto {lesson_id}`,
//!   `getState`, with an optional `id` the player's `"reply"` repeats;
//! - player → host, `"reply"` (`ok`, and `state` or `error`) and `"event"`: `ready`,
//!   `progress`, `completed`, `scored`, `error`, `resize`.
//!
//! Reading a command never panics: anything malformed, of another version or too large is a
//! [`MessageProblem`], and the player ignores it. Which windows may send commands (the
//! parent, from an exact allowed origin) is [`is_allowed_origin`]'s and the player's part.

use crate::ids::{CourseId, LessonId};
use serde::{Deserialize, Serialize};

/// The protocol version this player speaks.
pub const PROTOCOL_VERSION: u32 = 1;
/// The longest command accepted, as JSON text.
pub const MAX_MESSAGE_CHARS: usize = 4_096;
/// The longest request id accepted.
pub const MAX_REQUEST_ID_CHARS: usize = 64;

/// What the host asks of the player.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum HostCommand {
    Play,
    Pause,
    Seek { seconds: f64 },
    Goto { lesson_id: LessonId },
    GetState,
}

/// A command as received, with the id to answer it by.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandMessage {
    pub request_id: Option<String>,
    pub command: HostCommand,
}

/// Why a message is not a command this player takes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageProblem {
    #[error("the message is longer than {MAX_MESSAGE_CHARS} characters")]
    TooLarge,
    #[error("the message is not a Lectern message (no \"lectern\" version)")]
    NotLectern,
    #[error(
        "protocol version {0} is not supported; this player speaks version {PROTOCOL_VERSION}"
    )]
    UnsupportedVersion(u64),
    #[error("the message is not a command")]
    NotACommand,
    #[error("the request id must be a string of at most {MAX_REQUEST_ID_CHARS} characters")]
    BadRequestId,
    #[error("the command does not read: {0}")]
    BadCommand(String),
    #[error("seek needs a number of seconds that is 0 or more")]
    BadSeconds,
}

#[derive(Deserialize)]
struct Envelope {
    lectern: serde_json::Value,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// Reads a command from the JSON text of a message.
pub fn read_command(json: &str) -> Result<CommandMessage, MessageProblem> {
    if json.chars().count() > MAX_MESSAGE_CHARS {
        return Err(MessageProblem::TooLarge);
    }
    let envelope: Envelope = serde_json::from_str(json).map_err(|_| MessageProblem::NotLectern)?;
    match envelope.lectern.as_u64() {
        Some(version) if version == u64::from(PROTOCOL_VERSION) => {}
        Some(version) => return Err(MessageProblem::UnsupportedVersion(version)),
        None => return Err(MessageProblem::NotLectern),
    }
    if envelope.kind.as_deref() != Some("command") {
        return Err(MessageProblem::NotACommand);
    }
    let request_id = match envelope.id {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(id)) if id.chars().count() <= MAX_REQUEST_ID_CHARS => {
            Some(id)
        }
        Some(_) => return Err(MessageProblem::BadRequestId),
    };
    let command: HostCommand =
        serde_json::from_str(json).map_err(|err| MessageProblem::BadCommand(err.to_string()))?;
    if let HostCommand::Seek { seconds } = command {
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(MessageProblem::BadSeconds);
        }
    }
    Ok(CommandMessage {
        request_id,
        command,
    })
}

/// Whether `origin` is exactly one of `allowed` (scheme, host and port, as browsers write an
/// origin: no trailing slash, no path). `"null"` and `"*"` are never allowed.
pub fn is_allowed_origin(origin: &str, allowed: &[String]) -> bool {
    origin != "null" && origin != "*" && allowed.iter().any(|allowed| allowed == origin)
}

/// Where the player is and what it is doing, for `getState`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlayerState {
    pub course_id: Option<CourseId>,
    pub lesson_id: Option<LessonId>,
    /// Seconds into the lesson's media, if it has any.
    pub position: Option<f64>,
    pub duration: Option<f64>,
    pub paused: Option<bool>,
}

/// What the player tells the host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum PlayerEvent {
    Ready {
        course_id: Option<CourseId>,
        lesson_id: Option<LessonId>,
    },
    Progress {
        lesson_id: LessonId,
        /// Seconds.
        position: f64,
        /// The share of the media really played, 0 to 1.
        watched_share: f64,
    },
    Completed {
        lesson_id: LessonId,
    },
    Scored {
        quiz_id: String,
        /// Points, with up to three decimals.
        score: f64,
        max: f64,
        passed: Option<bool>,
    },
    Error {
        code: String,
        message: String,
    },
    Resize {
        /// CSS pixels.
        height: u32,
    },
}

/// The JSON of an event message.
pub fn event_message(event: &PlayerEvent) -> serde_json::Value {
    let mut message = serde_json::to_value(event).unwrap_or(serde_json::Value::Null);
    if let Some(object) = message.as_object_mut() {
        object.insert("lectern".into(), PROTOCOL_VERSION.into());
        object.insert("type".into(), "event".into());
    }
    message
}

/// The answer to a command: `state` for `getState`, nothing more for the others, or why it
/// could not be done.
pub fn reply_message(
    request_id: Option<&str>,
    outcome: Result<Option<PlayerState>, (String, String)>,
) -> serde_json::Value {
    let mut reply = serde_json::json!({
        "lectern": PROTOCOL_VERSION,
        "type": "reply",
        "id": request_id,
    });
    match outcome {
        Ok(state) => {
            reply["ok"] = true.into();
            if let Some(state) = state {
                reply["state"] = serde_json::to_value(state).unwrap_or_default();
            }
        }
        Err((code, message)) => {
            reply["ok"] = false.into();
            reply["error"] = serde_json::json!({ "code": code, "message": message });
        }
    }
    reply
}

/// The share of `duration_ms` that the `[start, end]` ranges cover (ranges of one lesson's
/// progress never overlap), between 0 and 1; 0 for an unknown or zero duration.
pub fn watched_share(watched: &[(u64, u64)], duration_ms: Option<u64>) -> f64 {
    let Some(duration_ms) = duration_ms.filter(|ms| *ms > 0) else {
        return 0.0;
    };
    let played: u64 = watched
        .iter()
        .map(|(start, end)| end.saturating_sub(*start))
        .sum();
    (played as f64 / duration_ms as f64).clamp(0.0, 1.0)
}

#[cfg(test)]
#[path = "embed_tests.rs"]
mod tests;
