//! Reading a number as a learner types it. The question says which decimal separator its
//! answers use ([`NumberLocale`]); grouping (thousands) separators are refused rather than
//! guessed at, so "1,000" never silently becomes 1.
//!
//! Accepted: an optional sign (`+`, `-` or U+2212 minus), digits with at most one decimal
//! separator, and an optional exponent (`1.5e8`). Digits may be ASCII, Arabic-Indic
//! (U+0660–0669), Eastern Arabic-Indic as used for Persian and Urdu (U+06F0–06F9) or
//! full-width (U+FF10–FF19); the Arabic decimal separator `٫` (U+066B) is always a decimal
//! separator. Surrounding whitespace is ignored.

use serde::{Deserialize, Serialize};

/// Which character separates the decimals in a question's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberLocale {
    /// `3.5`. A comma is refused.
    #[default]
    Point,
    /// `3,5`. A point is also read as the decimal separator ("3.5"), except where it would
    /// look like a thousands group ("1.000"), which is refused as ambiguous.
    Comma,
}

impl NumberLocale {
    pub fn as_str(self) -> &'static str {
        match self {
            NumberLocale::Point => "point",
            NumberLocale::Comma => "comma",
        }
    }

    pub fn parse(raw: &str) -> Option<NumberLocale> {
        [NumberLocale::Point, NumberLocale::Comma]
            .into_iter()
            .find(|locale| locale.as_str() == raw)
    }
}

/// Why typed text is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("no number was given")]
    Empty,
    #[error("{0:?} is not allowed in a number")]
    BadCharacter(char),
    #[error("a number may have only one decimal separator")]
    SeveralSeparators,
    #[error(
        "\"{0}\" could be read with a thousands separator; write the number without \
         grouping, like 1000 or 1000{1}5"
    )]
    AmbiguousGrouping(String, char),
    #[error("use {0:?} as the decimal separator here, and no thousands separators")]
    WrongSeparator(char),
    #[error("the number is too large")]
    OutOfRange,
}

/// The ASCII digit a Unicode decimal digit stands for.
fn ascii_digit(c: char) -> Option<char> {
    let offset = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => u32::from(c) - 0x0660,
        '\u{06F0}'..='\u{06F9}' => u32::from(c) - 0x06F0,
        '\u{FF10}'..='\u{FF19}' => u32::from(c) - 0xFF10,
        _ => return None,
    };
    char::from_digit(offset, 10)
}

/// Parses `raw` as a finite number read with `locale`.
pub fn parse_number(raw: &str, locale: NumberLocale) -> Result<f64, NumberError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let decimal_char = match locale {
        NumberLocale::Point => '.',
        NumberLocale::Comma => ',',
    };
    let mut ascii = String::with_capacity(text.len());
    let mut separator: Option<(char, usize)> = None;
    let mut is_in_exponent = false;
    for (index, c) in text.chars().enumerate() {
        if let Some(digit) = ascii_digit(c) {
            ascii.push(digit);
            continue;
        }
        match c {
            '+' | '-' | '\u{2212}' if index == 0 || ascii.ends_with(['e']) => {
                ascii.push(if c == '+' { '+' } else { '-' });
            }
            'e' | 'E' if !is_in_exponent && ascii.ends_with(|d: char| d.is_ascii_digit()) => {
                is_in_exponent = true;
                ascii.push('e');
            }
            '.' | ',' | '\u{066B}' if !is_in_exponent => {
                let is_accepted = c == '\u{066B}'
                    || c == decimal_char
                    || (locale == NumberLocale::Comma && c == '.');
                if !is_accepted {
                    return Err(NumberError::WrongSeparator(decimal_char));
                }
                if separator.is_some() {
                    return Err(NumberError::SeveralSeparators);
                }
                separator = Some((c, ascii.len()));
                ascii.push('.');
            }
            '\u{066C}' | '\'' | '_' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | ' ' => {
                return Err(NumberError::WrongSeparator(decimal_char));
            }
            other => return Err(NumberError::BadCharacter(other)),
        }
    }
    if let Some(('.', at)) = separator {
        if locale == NumberLocale::Comma && looks_grouped(&ascii, at) {
            return Err(NumberError::AmbiguousGrouping(
                text.to_owned(),
                decimal_char,
            ));
        }
    }
    if !ascii.contains(|c: char| c.is_ascii_digit()) || ascii.ends_with(['e', '-', '+']) {
        return Err(NumberError::Empty);
    }
    match ascii.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(NumberError::OutOfRange),
        Err(_) => Err(NumberError::BadCharacter(decimal_char)),
    }
}

/// Whether a point at byte `at` of the ASCII form has a digit before it and exactly three
/// digits after it, as in "1.000" (one thousand in a comma locale).
fn looks_grouped(ascii: &str, at: usize) -> bool {
    let (before, after) = ascii.split_at(at);
    let after = after.trim_start_matches('.');
    let digits_after = after.chars().take_while(char::is_ascii_digit).count();
    before.ends_with(|c: char| c.is_ascii_digit()) && digits_after == 3 && after.len() == 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_by_locale() {
        let cases: &[(&str, NumberLocale, Result<f64, NumberError>)] = &[
            ("3.5", NumberLocale::Point, Ok(3.5)),
            ("  -3.5 ", NumberLocale::Point, Ok(-3.5)),
            ("\u{2212}2", NumberLocale::Point, Ok(-2.0)),
            ("+7", NumberLocale::Point, Ok(7.0)),
            (".5", NumberLocale::Point, Ok(0.5)),
            ("1.5e8", NumberLocale::Point, Ok(1.5e8)),
            ("1,5e-3", NumberLocale::Comma, Ok(1.5e-3)),
            ("3,5", NumberLocale::Comma, Ok(3.5)),
            ("3.5", NumberLocale::Comma, Ok(3.5)),
            ("1,000", NumberLocale::Comma, Ok(1.0)),
            ("12.25", NumberLocale::Comma, Ok(12.25)),
            ("٣٫٥", NumberLocale::Point, Ok(3.5)),
            ("۱۲", NumberLocale::Point, Ok(12.0)),
            (
                "３．５",
                NumberLocale::Point,
                Err(NumberError::BadCharacter('．')),
            ),
            ("３5", NumberLocale::Point, Ok(35.0)),
            (
                "3,5",
                NumberLocale::Point,
                Err(NumberError::WrongSeparator('.')),
            ),
            (
                "1,000",
                NumberLocale::Point,
                Err(NumberError::WrongSeparator('.')),
            ),
            (
                "1 000",
                NumberLocale::Point,
                Err(NumberError::WrongSeparator('.')),
            ),
            (
                "١٬٠٠٠",
                NumberLocale::Point,
                Err(NumberError::WrongSeparator('.')),
            ),
            (
                "1.000",
                NumberLocale::Comma,
                Err(NumberError::AmbiguousGrouping("1.000".into(), ',')),
            ),
            (
                "1.2.3",
                NumberLocale::Point,
                Err(NumberError::SeveralSeparators),
            ),
            ("", NumberLocale::Point, Err(NumberError::Empty)),
            ("   ", NumberLocale::Comma, Err(NumberError::Empty)),
            ("-", NumberLocale::Point, Err(NumberError::Empty)),
            (".", NumberLocale::Point, Err(NumberError::Empty)),
            ("1e", NumberLocale::Point, Err(NumberError::Empty)),
            (
                "1-2",
                NumberLocale::Point,
                Err(NumberError::BadCharacter('-')),
            ),
            (
                "0x10",
                NumberLocale::Point,
                Err(NumberError::BadCharacter('x')),
            ),
            (
                "inf",
                NumberLocale::Point,
                Err(NumberError::BadCharacter('i')),
            ),
            ("1e999", NumberLocale::Point, Err(NumberError::OutOfRange)),
        ];
        for (raw, locale, expected) in cases {
            assert_eq!(
                &parse_number(raw, *locale),
                expected,
                "{raw:?} in {locale:?}"
            );
        }
    }

    #[test]
    fn errors_say_what_to_write() {
        let message = parse_number("1.000", NumberLocale::Comma)
            .unwrap_err()
            .to_string();
        assert!(message.contains("1000,5"), "{message}");
    }
}
