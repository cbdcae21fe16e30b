//! Validators of a media file (RFC 9110 §8.8): a strong `ETag` from its length and
//! modification time, `Last-Modified`, and the conditional request headers that use them:
//! `If-None-Match` and `If-Modified-Since` (→ 304) and `If-Range` (whether to honour `Range`).
//! Pure functions of header text, so the comparisons are tested without a server.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What identifies one version of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Validators {
    /// The quoted strong entity tag, `"<length hex>-<mtime nanoseconds hex>"`.
    etag: String,
    /// The modification time truncated to whole seconds, as HTTP dates are.
    last_modified: SystemTime,
}

impl Validators {
    /// The validators of a file of `length` bytes last modified at `modified`.
    pub(crate) fn new(length: u64, modified: SystemTime) -> Validators {
        let since_epoch = modified.duration_since(UNIX_EPOCH).unwrap_or_default();
        Validators {
            etag: format!("\"{length:x}-{:x}\"", since_epoch.as_nanos()),
            last_modified: UNIX_EPOCH + Duration::from_secs(since_epoch.as_secs()),
        }
    }

    /// The `ETag` header value (quoted).
    pub(crate) fn etag(&self) -> &str {
        &self.etag
    }

    /// The `Last-Modified` header value (an IMF-fixdate).
    pub(crate) fn last_modified(&self) -> String {
        httpdate::fmt_http_date(self.last_modified)
    }

    /// Whether a GET or HEAD may be answered 304. `If-None-Match` (all its lines joined with
    /// commas) wins; `If-Modified-Since` counts only without it, and only if it is a date.
    pub(crate) fn is_not_modified(
        &self,
        if_none_match: Option<&str>,
        if_modified_since: Option<&str>,
    ) -> bool {
        if let Some(list) = if_none_match {
            if list.trim() == "*" {
                return true;
            }
            // Weak comparison: `W/"x"` matches `"x"`.
            let ours = self.opaque_tag();
            return entity_tags(list).any(|tag| tag.opaque == ours);
        }
        if_modified_since
            .and_then(|date| httpdate::parse_http_date(date.trim()).ok())
            .is_some_and(|since| self.last_modified <= since)
    }

    /// Whether an `If-Range` value still names this version, so its `Range` is honoured. An
    /// entity tag must match strongly; a date must equal `Last-Modified` exactly.
    pub(crate) fn is_if_range_current(&self, if_range: &str) -> bool {
        let if_range = if_range.trim();
        if if_range.starts_with('"') || if_range.starts_with("W/") {
            let mut tags = entity_tags(if_range);
            return match (tags.next(), tags.next()) {
                (Some(tag), None) => !tag.is_weak && tag.opaque == self.opaque_tag(),
                _ => false,
            };
        }
        httpdate::parse_http_date(if_range).is_ok_and(|date| date == self.last_modified)
    }

    /// The tag without its quotes.
    fn opaque_tag(&self) -> &str {
        self.etag.trim_matches('"')
    }
}

/// One entity tag of a header list.
#[derive(Debug, PartialEq, Eq)]
struct EntityTag<'a> {
    is_weak: bool,
    /// Between the quotes.
    opaque: &'a str,
}

/// The entity tags of a comma-separated list, up to the first malformed element. Tags may
/// themselves contain commas, so the list is scanned quote by quote rather than split.
fn entity_tags(list: &str) -> impl Iterator<Item = EntityTag<'_>> {
    let mut rest = list;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches([',', ' ', '\t']);
        let (is_weak, quoted) = match rest.strip_prefix("W/") {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let body = quoted.strip_prefix('"')?;
        let end = body.find('"')?;
        rest = &body[end + 1..];
        Some(EntityTag {
            is_weak,
            opaque: &body[..end],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version() -> Validators {
        // 2024-03-01T12:00:00.5Z
        Validators::new(
            100_000,
            UNIX_EPOCH + Duration::from_millis(1_709_294_400_500),
        )
    }

    #[test]
    fn the_etag_changes_with_length_and_with_sub_second_mtime() {
        let base = version();
        assert_eq!(base.etag(), "\"186a0-17b8a233765de500\"");
        let longer = Validators::new(
            100_001,
            UNIX_EPOCH + Duration::from_millis(1_709_294_400_500),
        );
        let touched = Validators::new(
            100_000,
            UNIX_EPOCH + Duration::from_millis(1_709_294_400_501),
        );
        assert_ne!(base.etag(), longer.etag());
        assert_ne!(base.etag(), touched.etag());
        assert_eq!(base.last_modified(), "Fri, 01 Mar 2024 12:00:00 GMT");
    }

    #[test]
    fn if_none_match_compares_weakly_across_a_list() {
        let file = version();
        let ours = file.etag().to_owned();
        assert!(file.is_not_modified(Some(&ours), None));
        assert!(file.is_not_modified(Some(&format!("W/{ours}")), None));
        assert!(file.is_not_modified(Some(&format!("\"a,b\", {ours}")), None));
        assert!(file.is_not_modified(Some(" * "), None));
        assert!(!file.is_not_modified(Some("\"other\""), None));
        assert!(!file.is_not_modified(Some("\"186a0\""), None));
        // A malformed element ends the list.
        assert!(!file.is_not_modified(Some(&format!("junk, {ours}")), None));
        // If-None-Match wins over a date that would say "not modified".
        assert!(!file.is_not_modified(Some("\"other\""), Some("Sat, 01 Mar 2025 00:00:00 GMT")));
    }

    #[test]
    fn if_modified_since_compares_whole_seconds() {
        let file = version();
        assert!(file.is_not_modified(None, Some("Fri, 01 Mar 2024 12:00:00 GMT")));
        assert!(file.is_not_modified(None, Some("Sat, 02 Mar 2024 00:00:00 GMT")));
        assert!(!file.is_not_modified(None, Some("Fri, 01 Mar 2024 11:59:59 GMT")));
        assert!(!file.is_not_modified(None, Some("yesterday")));
        assert!(!file.is_not_modified(None, None));
    }

    #[test]
    fn if_range_needs_a_strong_match_or_the_exact_date() {
        let file = version();
        let ours = file.etag().to_owned();
        assert!(file.is_if_range_current(&ours));
        assert!(!file.is_if_range_current(&format!("W/{ours}")));
        assert!(!file.is_if_range_current("\"other\""));
        assert!(!file.is_if_range_current(&format!("{ours}, {ours}")));
        assert!(file.is_if_range_current("Fri, 01 Mar 2024 12:00:00 GMT"));
        assert!(!file.is_if_range_current("Sat, 02 Mar 2024 00:00:00 GMT"));
        assert!(!file.is_if_range_current("soon"));
    }

    #[test]
    fn entity_tag_lists_keep_commas_inside_tags() {
        let tags: Vec<_> = entity_tags("W/\"a,b\" ,\"c\",,\"\"").collect();
        assert_eq!(
            tags,
            vec![
                EntityTag {
                    is_weak: true,
                    opaque: "a,b"
                },
                EntityTag {
                    is_weak: false,
                    opaque: "c"
                },
                EntityTag {
                    is_weak: false,
                    opaque: ""
                },
            ]
        );
    }
}
