//! Web origins (`scheme://host[:port]`), as an API key lists the sites allowed to embed the
//! player and as the server's public URL starts. They are kept in the form browsers report
//! (`MessageEvent.origin`): lowercase, without a default port, so they compare exactly.

use std::fmt;

/// A checked origin: `http` or `https`, a host, and a port unless it is the default one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin(String);

/// Why a text is not an origin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not an origin like https://lms.example.edu: {reason}")]
pub struct InvalidOrigin {
    pub text: String,
    pub reason: &'static str,
}

impl Origin {
    /// Checks and normalises `text`.
    pub fn parse(text: &str) -> Result<Origin, InvalidOrigin> {
        let invalid = |reason| InvalidOrigin {
            text: text.to_owned(),
            reason,
        };
        let lower = text.to_ascii_lowercase();
        let (scheme, authority) = if let Some(rest) = lower.strip_prefix("https://") {
            ("https", rest)
        } else if let Some(rest) = lower.strip_prefix("http://") {
            ("http", rest)
        } else {
            return Err(invalid("it must start with http:// or https://"));
        };
        if authority.contains(['/', '?', '#']) {
            return Err(invalid("an origin has no path, query or fragment"));
        }
        if authority.contains('@') {
            return Err(invalid("an origin has no user name or password"));
        }
        let (host, port) = split_port(authority).map_err(invalid)?;
        check_host(host).map_err(invalid)?;
        let is_default_port = matches!((scheme, port), ("https", Some(443)) | ("http", Some(80)));
        Ok(Origin(match port {
            Some(port) if !is_default_port => format!("{scheme}://{host}:{port}"),
            _ => format!("{scheme}://{host}"),
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The host and the port, if any, of `host[:port]` (an IPv6 host is in brackets).
fn split_port(authority: &str) -> Result<(&str, Option<u16>), &'static str> {
    let port_start = match authority.rfind(':') {
        Some(colon) if !authority[colon..].contains(']') => colon,
        _ => return Ok((authority, None)),
    };
    let digits = &authority[port_start + 1..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("the port must be a number from 1 to 65535");
    }
    match digits.parse::<u16>() {
        Ok(port) if port > 0 => Ok((&authority[..port_start], Some(port))),
        _ => Err("the port must be a number from 1 to 65535"),
    }
}

fn check_host(host: &str) -> Result<(), &'static str> {
    if host.is_empty() {
        return Err("it has no host");
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        let is_ipv6 = inner.contains(':')
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        return if is_ipv6 {
            Ok(())
        } else {
            Err("the host in brackets must be an IPv6 address")
        };
    }
    let is_label = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if host.split('.').all(is_label) {
        Ok(())
    } else {
        Err("the host may have only letters, digits, '-' and dots between its parts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(text: &str) -> String {
        Origin::parse(text).unwrap().to_string()
    }

    #[test]
    fn accepts_origins_in_the_form_browsers_report() {
        assert_eq!(origin("https://lms.example.edu"), "https://lms.example.edu");
        assert_eq!(origin("HTTPS://LMS.Example.EDU"), "https://lms.example.edu");
        assert_eq!(origin("http://localhost:8080"), "http://localhost:8080");
        assert_eq!(
            origin("https://lms.example.edu:443"),
            "https://lms.example.edu"
        );
        assert_eq!(origin("http://127.0.0.1:80"), "http://127.0.0.1");
        assert_eq!(origin("https://[::1]:8443"), "https://[::1]:8443");
    }

    #[test]
    fn refuses_anything_but_scheme_host_and_port() {
        for (text, reason) in [
            ("lms.example.edu", "it must start with http:// or https://"),
            (
                "ftp://lms.example.edu",
                "it must start with http:// or https://",
            ),
            (
                "https://lms.example.edu/",
                "an origin has no path, query or fragment",
            ),
            (
                "https://lms.example.edu/moodle",
                "an origin has no path, query or fragment",
            ),
            (
                "https://lms.example.edu?x",
                "an origin has no path, query or fragment",
            ),
            (
                "https://user@lms.example.edu",
                "an origin has no user name or password",
            ),
            ("https://", "it has no host"),
            ("https://:8080", "it has no host"),
            (
                "https://lms.example.edu:",
                "the port must be a number from 1 to 65535",
            ),
            (
                "https://lms.example.edu:0",
                "the port must be a number from 1 to 65535",
            ),
            (
                "https://lms.example.edu:70000",
                "the port must be a number from 1 to 65535",
            ),
            (
                "https://lms..edu",
                "the host may have only letters, digits, '-' and dots between its parts",
            ),
            (
                "https://lms example.edu",
                "the host may have only letters, digits, '-' and dots between its parts",
            ),
            (
                "https://[lms]",
                "the host in brackets must be an IPv6 address",
            ),
        ] {
            let err = Origin::parse(text).unwrap_err();
            assert_eq!(err.reason, reason, "{text}");
            assert!(err.to_string().contains(text), "{err}");
        }
    }
}
