//! The `Range` request header (RFC 9110 §14.2) against a file of known length: one byte range
//! in, either the inclusive in-bounds range to send or why not. A pure function, so every
//! corner (suffix ranges, clamping, overflow, empty files) is tested without a server.

/// A satisfiable byte range: both ends inclusive, `first <= last < ` the file's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByteRange {
    pub(crate) first: u64,
    pub(crate) last: u64,
}

impl ByteRange {
    /// How many bytes the range holds (never zero).
    pub(crate) fn byte_count(self) -> u64 {
        self.last - self.first + 1
    }

    /// The `Content-Range` value of a 206 for a file of `complete_length` bytes.
    pub(crate) fn content_range(self, complete_length: u64) -> String {
        format!("bytes {}-{}/{complete_length}", self.first, self.last)
    }
}

/// Why a `Range` header does not yield a range to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum RangeError {
    /// Not `bytes=` followed by one well-formed range; the header is ignored (200, full body).
    #[error("the Range header is not one well-formed byte range")]
    Malformed,
    /// Several ranges; answering with multipart/byteranges is optional, so the header is
    /// ignored (200, full body).
    #[error("the Range header asks for more than one range")]
    MultipleRanges,
    /// Well-formed, but no byte of it is in the file: 416 with `Content-Range: bytes */len`.
    #[error("no byte of the requested range is in the file")]
    Unsatisfiable,
}

impl RangeError {
    /// Whether the right answer is to ignore the header and send the whole file.
    pub(crate) fn is_ignored(self) -> bool {
        !matches!(self, RangeError::Unsatisfiable)
    }
}

/// The `Content-Range` value of a 416 for a file of `complete_length` bytes.
pub(crate) fn unsatisfied_content_range(complete_length: u64) -> String {
    format!("bytes */{complete_length}")
}

/// Parses a `Range` header value for a file of `complete_length` bytes: `bytes=a-b`,
/// `bytes=a-` or `bytes=-n`. An end past the file is clamped; a suffix longer than the file
/// means the whole file.
pub(crate) fn parse_range(header: &str, complete_length: u64) -> Result<ByteRange, RangeError> {
    let (unit, range_set) = header.split_once('=').ok_or(RangeError::Malformed)?;
    if !unit.trim().eq_ignore_ascii_case("bytes") {
        return Err(RangeError::Malformed);
    }
    // The list grammar allows empty elements and whitespace around the commas.
    let mut specs = range_set
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let spec = specs.next().ok_or(RangeError::Malformed)?;
    if specs.next().is_some() {
        return Err(RangeError::MultipleRanges);
    }
    let (first, last) = spec.split_once('-').ok_or(RangeError::Malformed)?;
    if first.is_empty() {
        let suffix_length = digits(last)?;
        if suffix_length == 0 || complete_length == 0 {
            return Err(RangeError::Unsatisfiable);
        }
        return Ok(ByteRange {
            first: complete_length - suffix_length.min(complete_length),
            last: complete_length - 1,
        });
    }
    let first = digits(first)?;
    let last = if last.is_empty() {
        u64::MAX
    } else {
        digits(last)?
    };
    if last < first {
        return Err(RangeError::Malformed);
    }
    if first >= complete_length {
        return Err(RangeError::Unsatisfiable);
    }
    Ok(ByteRange {
        first,
        last: last.min(complete_length - 1),
    })
}

/// A non-empty run of ASCII digits; values past `u64::MAX` saturate (they are past any file).
fn digits(text: &str) -> Result<u64, RangeError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RangeError::Malformed);
    }
    Ok(text.bytes().fold(0u64, |value, digit| {
        value
            .saturating_mul(10)
            .saturating_add(u64::from(digit - b'0'))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn range(first: u64, last: u64) -> Result<ByteRange, RangeError> {
        Ok(ByteRange { first, last })
    }

    #[test]
    fn the_three_forms() {
        assert_eq!(parse_range("bytes=0-99", 100_000), range(0, 99));
        assert_eq!(parse_range("bytes=1000-", 100_000), range(1000, 99_999));
        assert_eq!(parse_range("bytes=-500", 100_000), range(99_500, 99_999));
        assert_eq!(parse_range("BYTES=5-5", 10), range(5, 5));
    }

    #[test]
    fn ends_past_the_file_are_clamped() {
        assert_eq!(
            parse_range("bytes=99990-200000", 100_000),
            range(99_990, 99_999)
        );
        assert_eq!(parse_range("bytes=-200000", 100_000), range(0, 99_999));
        assert_eq!(
            parse_range("bytes=0-99999999999999999999999", 10),
            range(0, 9)
        );
        assert_eq!(
            parse_range("bytes=-99999999999999999999999", 10),
            range(0, 9)
        );
    }

    #[test]
    fn ranges_outside_the_file_are_unsatisfiable() {
        for header in ["bytes=100000-", "bytes=100000-100001", "bytes=-0"] {
            assert_eq!(
                parse_range(header, 100_000),
                Err(RangeError::Unsatisfiable),
                "{header}"
            );
        }
        assert_eq!(
            parse_range("bytes=99999999999999999999999-", 10),
            Err(RangeError::Unsatisfiable)
        );
        for header in ["bytes=0-", "bytes=-1", "bytes=0-0"] {
            assert_eq!(
                parse_range(header, 0),
                Err(RangeError::Unsatisfiable),
                "{header}"
            );
        }
        assert_eq!(
            unsatisfied_content_range(100_000),
            "bytes */100000".to_owned()
        );
    }

    #[test]
    fn malformed_headers_are_ignored() {
        for header in [
            "",
            "bytes",
            "bytes=",
            "bytes=-",
            "bytes=a-b",
            "bytes=1-a",
            "bytes=5-4",
            "bytes=+1-2",
            "bytes=1 - 2",
            "items=0-1",
            "bytes=0x10-",
            "bytes=1-2-3",
            "bytes=,",
            "=0-1",
        ] {
            let outcome = parse_range(header, 100);
            assert_eq!(outcome, Err(RangeError::Malformed), "{header:?}");
            assert!(RangeError::Malformed.is_ignored());
        }
    }

    #[test]
    fn several_ranges_are_ignored_but_empty_list_elements_are_not_ranges() {
        assert_eq!(
            parse_range("bytes=0-1,5-6", 100),
            Err(RangeError::MultipleRanges)
        );
        assert_eq!(
            parse_range("bytes=0-1, -5", 100),
            Err(RangeError::MultipleRanges)
        );
        assert!(RangeError::MultipleRanges.is_ignored());
        assert!(!RangeError::Unsatisfiable.is_ignored());
        assert_eq!(parse_range("bytes= 0-1 ,", 100), range(0, 1));
    }

    #[test]
    fn content_range_names_the_inclusive_ends() {
        let sent = ByteRange {
            first: 99_990,
            last: 99_999,
        };
        assert_eq!(sent.content_range(100_000), "bytes 99990-99999/100000");
        assert_eq!(sent.byte_count(), 10);
    }

    /// Every small (length, first, last) against the rule written out case by case.
    #[test]
    fn exhaustive_small_ranges_match_the_rule() {
        for length in 0..=12u64 {
            for first in 0..=15u64 {
                for last in 0..=15u64 {
                    let expected = if last < first {
                        Err(RangeError::Malformed)
                    } else if first >= length {
                        Err(RangeError::Unsatisfiable)
                    } else {
                        range(first, last.min(length - 1))
                    };
                    let header = format!("bytes={first}-{last}");
                    assert_eq!(
                        parse_range(&header, length),
                        expected,
                        "{header} of {length}"
                    );
                }
                let open_ended = if first >= length {
                    Err(RangeError::Unsatisfiable)
                } else {
                    range(first, length - 1)
                };
                assert_eq!(parse_range(&format!("bytes={first}-"), length), open_ended);
                let suffix = first;
                let expected_suffix = if suffix == 0 || length == 0 {
                    Err(RangeError::Unsatisfiable)
                } else {
                    range(length.saturating_sub(suffix), length - 1)
                };
                assert_eq!(
                    parse_range(&format!("bytes=-{suffix}"), length),
                    expected_suffix
                );
            }
        }
    }

    proptest! {
        #[test]
        fn any_header_gives_an_in_bounds_range_or_an_error(
            header in "(bytes|BYTES|x)?=?[0-9 ,-]{0,24}",
            length in 0u64..1_000,
        ) {
            if let Ok(sent) = parse_range(&header, length) {
                prop_assert!(sent.first <= sent.last && sent.last < length, "{header} → {sent:?}");
            }
        }

        #[test]
        fn random_pairs_are_satisfied_or_rejected_for_the_right_reason(
            first in any::<u64>(),
            last in any::<u64>(),
            length in prop_oneof![0u64..64, any::<u64>()],
        ) {
            let outcome = parse_range(&format!("bytes={first}-{last}"), length);
            match outcome {
                Ok(sent) => {
                    prop_assert_eq!(sent.first, first);
                    prop_assert_eq!(sent.last, last.min(length - 1));
                    prop_assert!(sent.byte_count() >= 1);
                }
                Err(RangeError::Malformed) => prop_assert!(last < first),
                Err(RangeError::Unsatisfiable) => prop_assert!(first <= last && first >= length),
                Err(RangeError::MultipleRanges) => prop_assert!(false, "one range is not several"),
            }
        }
    }
}
