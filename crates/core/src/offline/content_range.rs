//! `Content-Range` (RFC 9110 §14.4): which bytes of how large a file a body holds, in a
//! `206 Partial Content` answer ([`parse_content_range`]) or in a chunk sent to the server
//! ([`parse_upload_range`], where the size may still be unknown, `*`, as while recording).

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

/// `bytes {start}-{end}/{total}` of an uploaded chunk, with `end` inclusive; `total` is
/// `None` for `*`, a file whose size is not known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadRange {
    pub start: u64,
    pub end_inclusive: u64,
    pub total: Option<u64>,
}

impl UploadRange {
    /// How many bytes the range covers.
    pub fn len(&self) -> u64 {
        self.end_inclusive - self.start + 1
    }

    /// Never true: a parsed range covers at least one byte.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The offset just past the range's last byte.
    pub fn end_exclusive(&self) -> u64 {
        self.end_inclusive + 1
    }
}

/// Reads a `Content-Range` header value of an answer: the total must be known.
pub fn parse_content_range(value: &str) -> Result<ContentRange, ContentRangeError> {
    let range = parse_upload_range(value)?;
    let Some(total) = range.total else {
        return Err(ContentRangeError::UnknownTotal(value.to_owned()));
    };
    Ok(ContentRange {
        start: range.start,
        end_inclusive: range.end_inclusive,
        total,
    })
}

/// Reads a `Content-Range` header value of a chunk sent to the server, whose total may be
/// `*`.
pub fn parse_upload_range(value: &str) -> Result<UploadRange, ContentRangeError> {
    let malformed = || ContentRangeError::Malformed(value.to_owned());
    let rest = value
        .trim()
        .strip_prefix("bytes ")
        .ok_or_else(malformed)?
        .trim_start();
    let (span, total) = rest.split_once('/').ok_or_else(malformed)?;
    let (start, end) = span.split_once('-').ok_or_else(malformed)?;
    let number = |digits: &str| {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        digits.parse::<u64>().map_err(|_| malformed())
    };
    let range = UploadRange {
        start: number(start)?,
        end_inclusive: number(end)?,
        total: match total {
            "*" => None,
            digits => Some(number(digits)?),
        },
    };
    let is_past_total = range
        .total
        .is_some_and(|total| range.end_inclusive >= total);
    if range.end_inclusive < range.start || is_past_total {
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

    #[test]
    fn an_upload_range_may_leave_the_total_open() {
        assert_eq!(
            parse_upload_range("bytes 4194304-8388607/*"),
            Ok(UploadRange {
                start: 4_194_304,
                end_inclusive: 8_388_607,
                total: None
            })
        );
        let closed = parse_upload_range("bytes 0-9/10").unwrap();
        assert_eq!((closed.len(), closed.end_exclusive()), (10, 10));
        assert_eq!(closed.total, Some(10));
        for bad in ["bytes 0-1/", "bytes 0-1/**", "bytes */10", "bytes 5-4/*"] {
            assert!(parse_upload_range(bad).is_err(), "{bad:?}");
        }
        assert!(matches!(
            parse_upload_range("bytes 0-10/10"),
            Err(ContentRangeError::OutOfOrder(_))
        ));
    }

    proptest! {
        #[test]
        fn never_panics(value in "\\PC{0,40}") {
            let _ = parse_content_range(&value);
            let _ = parse_upload_range(&value);
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
