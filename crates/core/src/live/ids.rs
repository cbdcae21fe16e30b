//! The ids of a live room: the session it runs, the server's connections, the client's chat
//! message ids, and the numbers the room gives its polls, questions and breakout rooms.

use crate::ids::{CourseId, IdError, LessonId};
use crate::sync::uuid_id;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A live session: the `live` lesson `lesson_id` of course `course_id`, written
/// `{course_id}.{lesson_id}` (ids are slugs, so the dot cannot be part of either).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LiveSessionId {
    course_id: CourseId,
    lesson_id: LessonId,
}

/// Why a string is not a live session id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionIdError {
    #[error("a live session id is `{{course_id}}.{{lesson_id}}`")]
    MissingDot,
    #[error("course id: {0}")]
    Course(IdError),
    #[error("lesson id: {0}")]
    Lesson(IdError),
}

impl LiveSessionId {
    pub fn new(course_id: CourseId, lesson_id: LessonId) -> LiveSessionId {
        LiveSessionId {
            course_id,
            lesson_id,
        }
    }

    /// Reads `{course_id}.{lesson_id}`.
    pub fn parse(raw: &str) -> Result<LiveSessionId, SessionIdError> {
        let (course, lesson) = raw.split_once('.').ok_or(SessionIdError::MissingDot)?;
        Ok(LiveSessionId {
            course_id: CourseId::parse(course).map_err(SessionIdError::Course)?,
            lesson_id: LessonId::parse(lesson).map_err(SessionIdError::Lesson)?,
        })
    }

    pub fn course_id(&self) -> &CourseId {
        &self.course_id
    }

    pub fn lesson_id(&self) -> &LessonId {
        &self.lesson_id
    }
}

impl TryFrom<String> for LiveSessionId {
    type Error = SessionIdError;
    fn try_from(raw: String) -> Result<Self, SessionIdError> {
        LiveSessionId::parse(&raw)
    }
}

impl From<LiveSessionId> for String {
    fn from(id: LiveSessionId) -> String {
        id.to_string()
    }
}

impl fmt::Display for LiveSessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.course_id, self.lesson_id)
    }
}

/// One socket of the server, chosen by the server (unique among its open sockets). A user
/// has at most one connection in a room; a new one replaces the old.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnectionId(pub u64);

uuid_id!(
    /// A chat message's id, chosen by the client when it is written, so that a message sent
    /// again after a reconnect is stored once.
    ClientMessageId
);

macro_rules! room_number {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

room_number!(
    /// A poll of the room: 1, 2, 3… in the order they were created.
    PollId
);
room_number!(
    /// A question of the room's Q&A: 1, 2, 3… in the order they were asked.
    QuestionId
);
room_number!(
    /// A breakout room: 1, 2, 3… across every round of breakouts in the session, so a
    /// breakout's chat stays apart from every other's.
    BreakoutRoomId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_ids_are_course_dot_lesson() {
        let id = LiveSessionId::parse("astro-101.week1-live").unwrap();
        assert_eq!(id.course_id().as_str(), "astro-101");
        assert_eq!(id.lesson_id().as_str(), "week1-live");
        assert_eq!(id.to_string(), "astro-101.week1-live");
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            "\"astro-101.week1-live\""
        );
        assert_eq!(
            LiveSessionId::parse("astro"),
            Err(SessionIdError::MissingDot)
        );
        assert_eq!(
            LiveSessionId::parse("a.b.c"),
            Err(SessionIdError::Lesson(IdError::BadCharacter('.')))
        );
        assert!(serde_json::from_str::<LiveSessionId>("\".x\"").is_err());
    }
}
