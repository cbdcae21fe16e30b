//! `Content-Range` of a `206 Partial Content` answer (RFC 9110 §14.4): which bytes of how
//! large a file the body holds.

/// `bytes {start}-{end}/{total}`, with `end` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentRange {
    pub start: u64,
    pub end_inclusive: u64,
    pub total: u64,
}

impl ContentRange {
    /// How many bytes the range covers.
    pub fn len(&self) -> u64 {
        self.end_inclusive - self.start + 1
    }

    /// Never true: a parsed range covers at least one byte.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// Why a `Content-Range` value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentRangeError {
    #[error("the Content-Range {0:?} is not of the form \"bytes start-end/total\"")]
    Malformed(String),
    #[error("the Content-Range {0:?} does not give the file's size")]
    UnknownTotal(String),
    #[error("the Content-Range {0:?} ends before it starts or after the end of the file")]
    OutOfOrder(String),
}

/// Reads a `Content-Range` header value.
pub fn parse_content_range(value: &str) -> Result<ContentRange, ContentRangeError> {
    let malformed = || ContentRangeError::Malformed(value.to_owned());
    let rest = value
        .trim()
        .strip_prefix("bytes ")
        .ok_or_else(malformed)?
        .trim_start();
    let (span, total) = rest.split_once('/').ok_or_else(malformed)?;
    if total == "*" {
        return Err(ContentRangeError::UnknownTotal(value.to_owned()));
    }
    let (start, end) = span.split_once('-').ok_or_else(malformed)?;
    let number = |digits: &str| {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        digits.parse::<u64>().map_err(|_| malformed())
    };
    let range = ContentRange {
        start: number(start)?,
        end_inclusive: number(end)?,
        total: number(total)?,
    };
    if range.end_inclusive < range.start || range.end_inclusive >= range.total {
        return Err(ContentRangeError::OutOfOrder(value.to_owned()));
    }
    Ok(range)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_a_range() {
        let range = parse_content_range("bytes 524288-1048575/1600000").unwrap();
        assert_eq!(
            range,
            ContentRange {
                start: 524_288,
                end_inclusive: 1_048_575,
                total: 1_600_000
            }
        );
        assert_eq!(range.len(), 524_288);
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        for bad in [
            "",
            "bytes",
            "bytes 1-2",
            "items 0-1/2",
            "bytes -1/2",
            "bytes 0-/2",
            "bytes a-b/c",
            "bytes +1-2/3",
            "bytes 0-1/99999999999999999999999",
        ] {
            assert!(
                matches!(
                    parse_content_range(bad),
                    Err(ContentRangeError::Malformed(_))
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            parse_content_range("bytes 0-1/*"),
            Err(ContentRangeError::UnknownTotal(_))
        ));
        for out_of_order in ["bytes 5-4/10", "bytes 0-10/10"] {
            assert!(matches!(
                parse_content_range(out_of_order),
                Err(ContentRangeError::OutOfOrder(_))
            ));
        }
    }

    proptest! {
        #[test]
        fn never_panics(value in "\\PC{0,40}") {
            let _ = parse_content_range(&value);
        }

        #[test]
        fn reads_back_what_it_is_given(start in 0u64..1 << 40, len in 1u64..1 << 30, after in 0u64..1 << 30) {
            let end = start + len - 1;
            let total = end + 1 + after;
            let range = parse_content_range(&format!("bytes {start}-{end}/{total}")).unwrap();
            prop_assert_eq!(range, ContentRange { start, end_inclusive: end, total });
        }
    }
}
