//! What a learner did, as an event: the unit the device's outbox holds and the server
//! stores once. Every event has an id chosen on the device (a UUID), the device's id and
//! its sequence number there (so the server can see gaps), the time it happened, and a body
//! by kind. Bodies are facts ("progressed to", "completed"), never commands, so replaying
//! one twice changes nothing.

use crate::assignment::MAX_SUBMISSION_TEXT_CHARS;
use crate::assignment::{SubmissionId, SubmittedFile};
use crate::discussion::{check_post_text, PostId, PostProblem};
use crate::ids::{CourseId, LessonId};
use crate::quiz::Answer;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most watched ranges one progress event may carry.
pub const MAX_WATCHED_RANGES: usize = 1_000;
/// Longest media position or duration accepted: 2^53 − 1 ms (what a JS number holds).
pub const MAX_MEDIA_MS: u64 = (1 << 53) - 1;
/// Most answers one `attempt_submitted` event may carry.
pub const MAX_SUBMITTED_ANSWERS: usize = 1_000;

/// A version 4 UUID in lowercase hex made from 16 random bytes (whoever holds a random
/// source: the browser's `crypto`, the server's OS).
pub fn uuid_v4_from_bytes(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Whether `raw` is a UUID in lowercase hex with dashes (8-4-4-4-12).
pub fn is_uuid(raw: &str) -> bool {
    let lengths: Vec<usize> = raw.split('-').map(str::len).collect();
    lengths == [8, 4, 4, 4, 12]
        && raw
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
}

/// A newtype over a lowercase UUID string, validated when made and when read.
macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates `raw` as a lowercase UUID.
            pub fn parse(raw: &str) -> Result<Self, $crate::sync::NotAUuid> {
                if $crate::sync::is_uuid(raw) {
                    Ok(Self(raw.to_owned()))
                } else {
                    Err($crate::sync::NotAUuid)
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::sync::NotAUuid;
            fn try_from(raw: String) -> Result<Self, $crate::sync::NotAUuid> {
                if $crate::sync::is_uuid(&raw) {
                    Ok(Self(raw))
                } else {
                    Err($crate::sync::NotAUuid)
                }
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use uuid_id;

/// Why a string is not a UUID id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a UUID in lowercase hexadecimal (8-4-4-4-12)")]
pub struct NotAUuid;

uuid_id!(
    /// An event's id, chosen on the device: the key the server stores it under, once.
    EventId
);
uuid_id!(
    /// A device (a browser profile) that records events.
    DeviceId
);

/// One thing a learner did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerEvent {
    pub event_id: EventId,
    pub device_id: DeviceId,
    /// 1, 2, 3… per device, in the order the events were recorded.
    pub sequence: u64,
    /// When it happened, by the device's estimate of the server's clock.
    pub occurred_at: Timestamp,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    #[serde(flatten)]
    pub body: EventBody,
}

/// What happened, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventBody {
    /// Where the learner is in a lecture, and what they have really played so far.
    Progressed {
        position_ms: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        duration_ms: Option<u64>,
        /// `[start_ms, end_ms]` ranges played.
        #[serde(default)]
        watched: Vec<(u64, u64)>,
    },
    /// The lesson reached its completion rule.
    Completed,
    /// A practice attempt started on a device with no connection, with the seed its
    /// questions were drawn from. (A graded attempt is started by the server, online.)
    AttemptStarted {
        attempt_id: String,
        /// A decimal string: JSON numbers past 2^53 lose digits in many clients.
        #[serde(with = "decimal_u64")]
        seed: u64,
    },
    /// An answer given in a quiz attempt.
    Answered {
        attempt_id: String,
        question_id: String,
        answer: Answer,
    },
    /// A quiz attempt submitted (when the learner pressed submit, or time ran out), with
    /// every answer it was submitted with, so the submission stands on its own even if an
    /// `answered` event before it was refused.
    AttemptSubmitted {
        attempt_id: String,
        #[serde(default)]
        answers: BTreeMap<String, Answer>,
    },
    /// A post in a discussion lesson: a thread's opening post (no `thread_id`, a title), or
    /// a reply in the thread `thread_id`, to its opening post or (`reply_to`) to one of its
    /// direct replies.
    Posted {
        post_id: PostId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        thread_id: Option<PostId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_to: Option<PostId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        body: String,
    },
    /// A new version of the author's own post (a title only on a thread's opening post).
    PostEdited {
        post_id: PostId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        body: String,
    },
    /// The author deleted their post; its replies stay.
    PostDeleted { post_id: PostId },
    /// Work handed in for an assignment lesson; files are uploaded before this is recorded.
    AssignmentSubmitted {
        submission_id: SubmissionId,
        #[serde(default)]
        text: String,
        #[serde(default)]
        files: Vec<SubmittedFile>,
    },
}

/// A `u64` as a decimal string on the wire.
mod decimal_u64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse()
            .map_err(|_| serde::de::Error::custom("expected an unsigned integer as a string"))
    }
}

impl EventBody {
    /// The wire name of the kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            EventBody::Progressed { .. } => "progressed",
            EventBody::Completed => "completed",
            EventBody::AttemptStarted { .. } => "attempt_started",
            EventBody::Answered { .. } => "answered",
            EventBody::AttemptSubmitted { .. } => "attempt_submitted",
            EventBody::Posted { .. } => "posted",
            EventBody::PostEdited { .. } => "post_edited",
            EventBody::PostDeleted { .. } => "post_deleted",
            EventBody::AssignmentSubmitted { .. } => "assignment_submitted",
        }
    }
}

/// Why an event cannot be stored; the server answers it as "rejected" with this reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventProblem {
    #[error("the sequence number must be 1 or more")]
    ZeroSequence,
    #[error("a media time is beyond {MAX_MEDIA_MS} ms")]
    TimeOutOfRange,
    #[error("a watched range ends before it starts: [{0}, {1}]")]
    InvertedRange(u64, u64),
    #[error("at most {MAX_WATCHED_RANGES} watched ranges are allowed, got {0}")]
    TooManyRanges(usize),
    #[error("the attempt id is not a UUID")]
    BadAttemptId,
    #[error("the question id is not a valid id")]
    BadQuestionId,
    #[error("at most {MAX_SUBMITTED_ANSWERS} answers may be submitted, got {0}")]
    TooManyAnswers(usize),
    #[error(transparent)]
    Post(#[from] PostProblem),
    #[error("a reply to a reply must say which thread it is in")]
    ReplyWithoutThread,
    #[error("at most {MAX_SUBMITTED_FILES} files may be handed in, got {0}")]
    TooManyFiles(usize),
    #[error("the answer may be at most {MAX_SUBMISSION_TEXT_CHARS} characters; it has {0}")]
    SubmissionTextTooLong(usize),
}

/// Most files one `assignment_submitted` event may carry (the manifest may allow fewer).
pub const MAX_SUBMITTED_FILES: usize = crate::assignment::MAX_FILES_LIMIT as usize;

impl LearnerEvent {
    /// Checks what the event can say by itself (the server also checks that the course and
    /// lesson exist for the learner).
    pub fn check(&self) -> Result<(), EventProblem> {
        if self.sequence == 0 {
            return Err(EventProblem::ZeroSequence);
        }
        match &self.body {
            EventBody::Progressed {
                position_ms,
                duration_ms,
                watched,
            } => {
                if watched.len() > MAX_WATCHED_RANGES {
                    return Err(EventProblem::TooManyRanges(watched.len()));
                }
                let times = [*position_ms, duration_ms.unwrap_or(0)];
                if times
                    .into_iter()
                    .chain(watched.iter().map(|r| r.1))
                    .any(|ms| ms > MAX_MEDIA_MS)
                {
                    return Err(EventProblem::TimeOutOfRange);
                }
                match watched.iter().find(|(start, end)| end < start) {
                    Some((start, end)) => Err(EventProblem::InvertedRange(*start, *end)),
                    None => Ok(()),
                }
            }
            EventBody::Completed => Ok(()),
            EventBody::Answered {
                attempt_id,
                question_id,
                ..
            } => {
                check_attempt_id(attempt_id)?;
                crate::ids::check_slug(question_id).map_err(|_| EventProblem::BadQuestionId)
            }
            EventBody::AttemptStarted { attempt_id, .. } => check_attempt_id(attempt_id),
            EventBody::AttemptSubmitted {
                attempt_id,
                answers,
            } => {
                check_attempt_id(attempt_id)?;
                if answers.len() > MAX_SUBMITTED_ANSWERS {
                    return Err(EventProblem::TooManyAnswers(answers.len()));
                }
                answers.keys().try_for_each(|question_id| {
                    crate::ids::check_slug(question_id).map_err(|_| EventProblem::BadQuestionId)
                })
            }
            EventBody::Posted {
                thread_id,
                reply_to,
                title,
                body,
                ..
            } => {
                if reply_to.is_some() && thread_id.is_none() {
                    return Err(EventProblem::ReplyWithoutThread);
                }
                Ok(check_post_text(
                    thread_id.is_none(),
                    title.as_deref(),
                    body,
                )?)
            }
            // Whether the post opens a thread (and so has a title) is the server's to check.
            EventBody::PostEdited { title, body, .. } => {
                Ok(check_post_text(title.is_some(), title.as_deref(), body)?)
            }
            EventBody::PostDeleted { .. } => Ok(()),
            EventBody::AssignmentSubmitted { text, files, .. } => {
                if files.len() > MAX_SUBMITTED_FILES {
                    return Err(EventProblem::TooManyFiles(files.len()));
                }
                let chars = text.chars().count();
                if chars > MAX_SUBMISSION_TEXT_CHARS {
                    return Err(EventProblem::SubmissionTextTooLong(chars));
                }
                Ok(())
            }
        }
    }
}

fn check_attempt_id(attempt_id: &str) -> Result<(), EventProblem> {
    if is_uuid(attempt_id) {
        Ok(())
    } else {
        Err(EventProblem::BadAttemptId)
    }
}

/// What the server did with one event of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Stored now.
    Stored,
    /// Stored before with the same body: acknowledged, nothing changed.
    Duplicate,
    /// Stored before with another body under the same id: kept apart for a person to look at.
    Conflict,
    /// Invalid: never stored (the reason says why).
    Rejected,
}

/// The server's answer for one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventResult {
    pub event_id: EventId,
    pub status: EventStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[cfg(test)]
#[path = "event_tests.rs"]
mod tests;
