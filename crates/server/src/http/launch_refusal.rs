//! Why a launch token signs no one in: the rule that judges an unused launch at a given
//! time, and the problem each refusal answers with.

use crate::db::launches::StoredLaunch;
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::{ProblemDetails, ProblemType};

/// How long a launch link works if unused.
pub const LAUNCH_TTL: SignedDuration = SignedDuration::from_secs(5 * 60);

/// Why a launch token signs no one in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchRefusal {
    /// No launch has this token (or it was forgotten long after it expired).
    Unknown,
    Used,
    Expired {
        expires_at: Timestamp,
    },
    /// The API key that made the launch was revoked since.
    KeyRevoked,
}

impl LaunchRefusal {
    pub(crate) fn problem(&self) -> ProblemDetails {
        match self {
            LaunchRefusal::Unknown => ProblemDetails::new(
                ProblemType::NotFound,
                "This launch link is not valid; part of it may be missing. Open the course \
                 again from your LMS.",
            ),
            LaunchRefusal::Used => ProblemDetails::new(
                ProblemType::LaunchUsed,
                "Each launch link signs in once. Your LMS makes a new one each time you open \
                 the course there.",
            ),
            LaunchRefusal::Expired { expires_at } => ProblemDetails::new(
                ProblemType::LaunchExpired,
                format!(
                    "Launch links work for {} minutes; this one expired at {expires_at}. Open \
                     the course again from your LMS.",
                    LAUNCH_TTL.as_secs() / 60
                ),
            ),
            LaunchRefusal::KeyRevoked => ProblemDetails::new(
                ProblemType::LaunchRevoked,
                "The LMS that made this link may no longer sign learners in to Lectern: its API \
                 key was revoked. Ask its administrators to connect it again.",
            ),
        }
    }
}

/// Whether an unused launch may still sign its learner in at `now`.
pub(super) fn refusal(
    launch: &StoredLaunch,
    is_key_active: bool,
    now: Timestamp,
) -> Option<LaunchRefusal> {
    if !is_key_active {
        return Some(LaunchRefusal::KeyRevoked);
    }
    (launch.expires_at <= now).then_some(LaunchRefusal::Expired {
        expires_at: launch.expires_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::{CourseId, UserId};

    fn launch(expires_at: &str) -> StoredLaunch {
        StoredLaunch {
            api_key_id: "key_0011223344556677".into(),
            user_id: UserId::parse("lms-0a").unwrap(),
            course_id: CourseId::parse("astronomy-101").unwrap(),
            lesson_id: None,
            expires_at: expires_at.parse().unwrap(),
            used_at: None,
        }
    }

    #[test]
    fn a_launch_works_until_it_expires_and_only_while_its_key_does() {
        let open = launch("2031-01-01T00:05:00Z");
        let before: Timestamp = "2031-01-01T00:04:59.999Z".parse().unwrap();
        let at_expiry: Timestamp = "2031-01-01T00:05:00Z".parse().unwrap();
        assert_eq!(refusal(&open, true, before), None);
        assert_eq!(
            refusal(&open, true, at_expiry),
            Some(LaunchRefusal::Expired {
                expires_at: at_expiry
            })
        );
        assert_eq!(
            refusal(&open, false, before),
            Some(LaunchRefusal::KeyRevoked)
        );
    }

    #[test]
    fn refusals_are_gone_or_unauthorized_with_a_way_forward() {
        let expired = LaunchRefusal::Expired {
            expires_at: "2031-01-01T00:05:00Z".parse().unwrap(),
        };
        let cases = [
            (LaunchRefusal::Unknown, ProblemType::NotFound, 404),
            (LaunchRefusal::Used, ProblemType::LaunchUsed, 410),
            (expired, ProblemType::LaunchExpired, 410),
            (LaunchRefusal::KeyRevoked, ProblemType::LaunchRevoked, 401),
        ];
        for (refusal, kind, status) in cases {
            let problem = refusal.problem();
            assert_eq!((problem.kind(), problem.status), (Some(kind), status));
            assert!(problem.detail.contains("LMS"), "{}", problem.detail);
        }
        assert!(expired.problem().detail.contains("5 minutes"));
        assert!(expired.problem().detail.contains("2031-01-01T00:05:00Z"));
    }
}
