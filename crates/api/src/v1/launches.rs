//! Launches without passwords. An LMS that holds an API key asks for a single-use,
//! short-lived launch link for one of its learners (`POST /api/v1/launches`); opening the
//! link trades its launch token for a session (`POST /api/v1/launches/exchange`).

use super::{FieldProblem, SessionResponse, UserProfile};
use jiff::Timestamp;
use lectern_core::{user::Role, CourseId, LessonId, UserId};
use serde::{Deserialize, Serialize};

/// Longest learner id an LMS may send, in characters (after trimming).
pub const MAX_LMS_LEARNER_ID_CHARS: usize = 128;

/// Longest display name an LMS may send, in characters (after trimming).
pub const MAX_DISPLAY_NAME_CHARS: usize = 200;

/// The role an LMS gives its learner in the launched course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LaunchRole {
    Learner,
    Instructor,
}

impl From<LaunchRole> for Role {
    fn from(role: LaunchRole) -> Role {
        match role {
            LaunchRole::Learner => Role::Learner,
            LaunchRole::Instructor => Role::Instructor,
        }
    }
}

/// `POST /api/v1/launches` body: who to sign in, and where to take them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchRequest {
    /// The LMS's own id for its learner: any text, trimmed, 1 to 128 characters.
    pub learner_id: String,
    pub display_name: String,
    pub role: LaunchRole,
    pub course_id: CourseId,
    /// A lesson of the course to open; without it the course's outline opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson_id: Option<LessonId>,
}

impl LaunchRequest {
    /// The learner id without surrounding white space.
    pub fn trimmed_learner_id(&self) -> &str {
        self.learner_id.trim()
    }

    /// The display name without surrounding white space.
    pub fn trimmed_display_name(&self) -> &str {
        self.display_name.trim()
    }

    /// What is wrong with the learner id and the display name; empty if nothing is.
    pub fn problems(&self) -> Vec<FieldProblem> {
        [
            text_problem(
                "$.learner_id",
                "learner_id",
                self.trimmed_learner_id(),
                MAX_LMS_LEARNER_ID_CHARS,
            ),
            text_problem(
                "$.display_name",
                "display_name",
                self.trimmed_display_name(),
                MAX_DISPLAY_NAME_CHARS,
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

fn text_problem(path: &str, name: &str, trimmed: &str, max_chars: usize) -> Option<FieldProblem> {
    let message = if trimmed.is_empty() {
        format!("{name} must not be empty")
    } else if trimmed.chars().count() > max_chars {
        format!("{name} must be at most {max_chars} characters")
    } else {
        return None;
    };
    Some(FieldProblem {
        path: path.to_owned(),
        message,
    })
}

/// `POST /api/v1/launches` answer (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchResponse {
    /// `<public base>/launch#token=<launch token>`: send the learner's browser here. The
    /// token is in the fragment, so no server receives it in a request line.
    pub launch_url: String,
    /// When the link stops working if unused (five minutes after it was made).
    pub expires_at: Timestamp,
    /// The Lectern account the learner signs in as.
    pub user_id: UserId,
}

/// `POST /api/v1/launches/exchange` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchExchangeRequest {
    /// The token from the launch link's fragment.
    pub launch_token: String,
}

/// `POST /api/v1/launches/exchange` answer: a session like sign-in's, and where to go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchExchangeResponse {
    pub token: String,
    pub user: UserProfile,
    pub course_id: CourseId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson_id: Option<LessonId>,
    /// The origins the launching LMS may embed the player from (its API key's allowed
    /// origins, like `https://lms.example.edu`): the only windows whose messages the
    /// embedded player may obey. Empty when the LMS embeds from nowhere.
    #[serde(default)]
    pub embed_origins: Vec<String>,
}

impl LaunchExchangeResponse {
    /// The session part, as sign-in answers it.
    pub fn session(&self) -> SessionResponse {
        SessionResponse {
            token: self.token.clone(),
            user: self.user.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(learner_id: &str, display_name: &str) -> LaunchRequest {
        LaunchRequest {
            learner_id: learner_id.into(),
            display_name: display_name.into(),
            role: LaunchRole::Learner,
            course_id: CourseId::parse("astronomy-101").unwrap(),
            lesson_id: None,
        }
    }

    #[test]
    fn learner_ids_and_names_are_trimmed_and_bounded() {
        assert!(request("  student-42 ", " Ada ").problems().is_empty());
        assert_eq!(
            request("  student-42 ", " Ada ").trimmed_learner_id(),
            "student-42"
        );
        let longest = "é".repeat(MAX_LMS_LEARNER_ID_CHARS);
        assert!(request(&longest, "Ada").problems().is_empty());
        let problems = request(&format!("{longest}x"), "  ").problems();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$.learner_id", "$.display_name"]);
        assert_eq!(
            problems[0].message,
            "learner_id must be at most 128 characters"
        );
        assert_eq!(problems[1].message, "display_name must not be empty");
    }

    #[test]
    fn the_wire_format_is_stable_and_roles_are_learner_or_instructor() {
        let request: LaunchRequest = serde_json::from_value(json!({
            "learner_id": "s-1", "display_name": "Ada", "role": "instructor",
            "course_id": "astronomy-101", "lesson_id": "welcome", "context": "ignored"
        }))
        .unwrap();
        assert_eq!(Role::from(request.role), Role::Instructor);
        assert_eq!(request.lesson_id.unwrap().as_str(), "welcome");
        let admin = json!({"learner_id": "s", "display_name": "A", "role": "admin",
            "course_id": "c"});
        assert!(serde_json::from_value::<LaunchRequest>(admin).is_err());

        let response = LaunchExchangeResponse {
            token: "t0k3n".into(),
            user: UserProfile {
                user_id: UserId::parse("lms-0a1b").unwrap(),
                display_name: "Ada".into(),
                role: Role::Learner,
            },
            course_id: CourseId::parse("astronomy-101").unwrap(),
            lesson_id: None,
            embed_origins: vec!["https://lms.example.edu".into()],
        };
        assert_eq!(
            serde_json::to_value(&response).unwrap(),
            json!({"token": "t0k3n", "course_id": "astronomy-101",
                "user": {"user_id": "lms-0a1b", "display_name": "Ada", "role": "learner"},
                "embed_origins": ["https://lms.example.edu"]})
        );
        let from_an_older_server: LaunchExchangeResponse = serde_json::from_value(json!({
            "token": "t0k3n", "course_id": "astronomy-101",
            "user": {"user_id": "lms-0a1b", "display_name": "Ada", "role": "learner"}
        }))
        .unwrap();
        assert!(from_an_older_server.embed_origins.is_empty());
        assert_eq!(response.session().token, "t0k3n");
        let as_session: SessionResponse =
            serde_json::from_value(serde_json::to_value(&response).unwrap()).unwrap();
        assert_eq!(as_session, response.session());
    }
}
