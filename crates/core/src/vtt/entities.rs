//! Character references in cue text: `&amp; &lt; &gt; &quot; &apos; &lrm; &rlm; &nbsp;` and
//! numeric `&#NNN;` / `&#xHH;`. A reference must end with `;`; anything else starting with
//! `&` stays literal text. Numeric references to NUL, surrogates or past U+10FFFF become
//! U+FFFD.

/// The named references understood, with their terminating `;`.
const NAMED: [(&str, char); 8] = [
    ("amp;", '&'),
    ("lt;", '<'),
    ("gt;", '>'),
    ("quot;", '"'),
    ("apos;", '\''),
    ("lrm;", '\u{200E}'),
    ("rlm;", '\u{200F}'),
    ("nbsp;", '\u{A0}'),
];

/// Replaces every character reference in `text` by its character.
pub(crate) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        match decode_reference(after) {
            Some((decoded, consumed)) => {
                out.push(decoded);
                rest = after.get(consumed..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference at the start of `text` (just after its `&`): the character and how many
/// bytes it used, including the `;`.
fn decode_reference(text: &str) -> Option<(char, usize)> {
    let Some(numeric) = text.strip_prefix('#') else {
        return NAMED
            .iter()
            .find(|(name, _)| text.starts_with(name))
            .map(|&(name, decoded)| (decoded, name.len()));
    };
    let (radix, digits) = match numeric.strip_prefix(['x', 'X']) {
        Some(hex) => (16, hex),
        None => (10, numeric),
    };
    let digits_len = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    let (number, after) = digits.split_at(digits_len);
    if number.is_empty() || !after.starts_with(';') {
        return None;
    }
    let prefix_len = text.len() - digits.len();
    Some((code_point(number, radix), prefix_len + digits_len + 1))
}

/// The character for a numeric reference, or U+FFFD when there is none.
fn code_point(digits: &str, radix: u32) -> char {
    u32::from_str_radix(digits, radix)
        .ok()
        .filter(|&value| value != 0)
        .and_then(char::from_u32)
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}
