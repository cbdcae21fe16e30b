//! Typed identifiers. Every id in Lectern is a newtype, so a lesson id can never be passed
//! where a course id is wanted. Ids are short, URL-safe slugs.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most {MAX_ID_LEN} characters")]
    TooLong,
    #[error("may contain only letters a-z, A-Z, digits, '-' and '_' (found {0:?})")]
    BadCharacter(char),
}

/// Checks the id rules shared by every id type.
pub fn check_slug(raw: &str) -> Result<(), IdError> {
    if raw.is_empty() {
        return Err(IdError::Empty);
    }
    if raw.len() > MAX_ID_LEN {
        return Err(IdError::TooLong);
    }
    match raw
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        Some(bad) => Err(IdError::BadCharacter(bad)),
        None => Ok(()),
    }
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Validates `raw` as an id.
            pub fn parse(raw: &str) -> Result<Self, IdError> {
                check_slug(raw).map(|()| Self(raw.to_owned()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(raw: String) -> Result<Self, IdError> {
                check_slug(&raw).map(|()| Self(raw))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_id!(
    /// Identifies a course across the LMS.
    CourseId
);
slug_id!(
    /// Identifies a module within its course.
    ModuleId
);
slug_id!(
    /// Identifies a lesson within its course (unique across all of the course's modules).
    LessonId
);
slug_id!(
    /// Identifies a user account (the reference server uses the username).
    UserId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs() {
        assert_eq!(
            LessonId::parse("intro-1_a").map(|l| l.to_string()),
            Ok("intro-1_a".into())
        );
    }

    #[test]
    fn rejects_bad_ids() {
        assert_eq!(CourseId::parse(""), Err(IdError::Empty));
        assert_eq!(CourseId::parse("a b"), Err(IdError::BadCharacter(' ')));
        assert_eq!(CourseId::parse("../x"), Err(IdError::BadCharacter('.')));
        assert_eq!(CourseId::parse(&"x".repeat(65)), Err(IdError::TooLong));
    }

    #[test]
    fn serde_validates() {
        let bad: Result<LessonId, _> = serde_json::from_str("\"a/b\"");
        assert!(bad.is_err());
        let good: LessonId = serde_json::from_str("\"a-b\"").unwrap();
        assert_eq!(good.as_str(), "a-b");
    }
}
