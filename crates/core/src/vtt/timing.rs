//! WebVTT timestamps (`mm:ss.ttt` and `hh:mm:ss.ttt`, hours of any length) and the cue
//! timing line `start --> end [settings]`, read as the spec's "collect a WebVTT timestamp".

use super::is_vtt_whitespace;

/// A cue timing line split into its parts; `settings` is the unparsed rest of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimingLine<'a> {
    pub(crate) start_ms: u64,
    pub(crate) end_ms: u64,
    pub(crate) settings: &'a str,
}

/// Why a timing line could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(crate) enum TimingError {
    #[error("the start time is not a valid timestamp (mm:ss.ttt or hh:mm:ss.ttt)")]
    BadStart,
    #[error("the start time is not followed by \"-->\"")]
    MissingArrow,
    #[error("the end time is not a valid timestamp (mm:ss.ttt or hh:mm:ss.ttt)")]
    BadEnd,
}

/// Reads `start --> end` and returns the settings text after it.
pub(crate) fn parse_timing_line(line: &str) -> Result<TimingLine<'_>, TimingError> {
    let rest = line.trim_start_matches(is_vtt_whitespace);
    let (start_ms, rest) = take_timestamp(rest).ok_or(TimingError::BadStart)?;
    let rest = rest.trim_start_matches(is_vtt_whitespace);
    let rest = rest.strip_prefix("-->").ok_or(TimingError::MissingArrow)?;
    let rest = rest.trim_start_matches(is_vtt_whitespace);
    let (end_ms, rest) = take_timestamp(rest).ok_or(TimingError::BadEnd)?;
    Ok(TimingLine {
        start_ms,
        end_ms,
        settings: rest.trim_start_matches(is_vtt_whitespace),
    })
}

/// A whole string that is exactly one timestamp, as in a `<00:01.500>` tag.
pub(crate) fn parse_timestamp(text: &str) -> Option<u64> {
    match take_timestamp(text) {
        Some((ms, "")) => Some(ms),
        _ => None,
    }
}

/// Reads a timestamp at the start of `text`: milliseconds and the text after it. Minutes
/// and seconds are 0–59, the fraction exactly three digits; a first field of more than two
/// digits or above 59 is hours. `None` when malformed or too large for `u64`.
pub(crate) fn take_timestamp(text: &str) -> Option<(u64, &str)> {
    let (first, rest) = take_digits(text);
    let first_value = to_number(first)?;
    let is_hours = first.len() > 2 || first_value > 59;
    let (second, rest) = take_digits(rest.strip_prefix(':')?);
    let second_value = two_digits(second)?;
    let (hours, minutes, seconds, rest) = if is_hours || rest.starts_with(':') {
        let (third, rest) = take_digits(rest.strip_prefix(':')?);
        (first_value, second_value, two_digits(third)?, rest)
    } else {
        (0, first_value, second_value, rest)
    };
    let (fraction, rest) = take_digits(rest.strip_prefix('.')?);
    if fraction.len() != 3 || minutes > 59 || seconds > 59 {
        return None;
    }
    let ms = hours
        .checked_mul(3_600_000)?
        .checked_add(minutes * 60_000 + seconds * 1000 + to_number(fraction)?)?;
    Some((ms, rest))
}

/// Splits off the leading ASCII digits.
fn take_digits(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}

/// A non-empty run of ASCII digits as a number; `None` when empty or too large.
fn to_number(digits: &str) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.parse().ok()
}

fn two_digits(digits: &str) -> Option<u64> {
    if digits.len() == 2 {
        to_number(digits)
    } else {
        None
    }
}
