//! URLs of media and links in a manifest. Only `http`, `https` and same-origin absolute
//! paths are allowed, so a course can never smuggle a `javascript:` or `data:` URL in.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest URL accepted, in bytes.
pub const MAX_URL_LEN: usize = 2048;

/// Why a string is not an acceptable media URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaUrlError {
    #[error("is empty")]
    Empty,
    #[error("is longer than {MAX_URL_LEN} characters")]
    TooLong,
    #[error("contains whitespace or control characters")]
    BadCharacter,
    #[error("must start with http://, https:// or / (found scheme {0:?})")]
    BadScheme(String),
    #[error("has no host")]
    MissingHost,
}

/// A checked URL: `http(s)://host/...` or a same-origin path `/...`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MediaUrl(String);

impl MediaUrl {
    pub fn parse(raw: &str) -> Result<MediaUrl, MediaUrlError> {
        if raw.is_empty() {
            return Err(MediaUrlError::Empty);
        }
        if raw.len() > MAX_URL_LEN {
            return Err(MediaUrlError::TooLong);
        }
        if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(MediaUrlError::BadCharacter);
        }
        if let Some(path) = raw.strip_prefix('/') {
            // "//host" would be protocol-relative: another origin in disguise.
            if path.starts_with('/') || path.starts_with('\\') {
                return Err(MediaUrlError::BadScheme("//".into()));
            }
            return Ok(MediaUrl(raw.to_owned()));
        }
        let Some((scheme, rest)) = raw.split_once("://") else {
            let scheme = raw.split(':').next().unwrap_or_default();
            return Err(MediaUrlError::BadScheme(scheme.to_owned()));
        };
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(MediaUrlError::BadScheme(scheme.to_owned()));
        }
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.rsplit('@').next().unwrap_or_default();
        if host.is_empty() || host.starts_with(':') {
            return Err(MediaUrlError::MissingHost);
        }
        Ok(MediaUrl(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MediaUrl {
    type Error = MediaUrlError;
    fn try_from(raw: String) -> Result<Self, MediaUrlError> {
        MediaUrl::parse(&raw)
    }
}

impl From<MediaUrl> for String {
    fn from(url: MediaUrl) -> String {
        url.0
    }
}

impl fmt::Display for MediaUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_web_and_local_urls() {
        for ok in [
            "https://cdn.example.org/a.mp4",
            "http://127.0.0.1:8080/x",
            "/media/a.webm",
        ] {
            assert!(MediaUrl::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_dangerous_or_broken_urls() {
        assert_eq!(MediaUrl::parse(""), Err(MediaUrlError::Empty));
        assert_eq!(
            MediaUrl::parse("javascript:alert(1)"),
            Err(MediaUrlError::BadScheme("javascript".into()))
        );
        assert_eq!(
            MediaUrl::parse("data:text/html,hi"),
            Err(MediaUrlError::BadScheme("data".into()))
        );
        assert_eq!(
            MediaUrl::parse("//evil.example/x"),
            Err(MediaUrlError::BadScheme("//".into()))
        );
        assert_eq!(
            MediaUrl::parse("https:///x"),
            Err(MediaUrlError::MissingHost)
        );
        assert_eq!(
            MediaUrl::parse("https://a b"),
            Err(MediaUrlError::BadCharacter)
        );
        assert_eq!(
            MediaUrl::parse("not a url"),
            Err(MediaUrlError::BadCharacter)
        );
        assert_eq!(
            MediaUrl::parse("ftp://x/y"),
            Err(MediaUrlError::BadScheme("ftp".into()))
        );
    }
}
