//! Cue settings, the `name:value` words after a cue's end time (`align:start line:90%`).
//! Invalid settings are ignored one by one with a warning; the cue itself is kept.

use super::is_vtt_whitespace;
use super::warning::{quoted, VttWarningKind, Warnings};

/// Where and how a cue is laid out. Every field is `None` when the file does not set it
/// (or sets it to something invalid), and the player then uses the spec's default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CueSettings {
    /// `vertical:rl|lr`.
    pub vertical: Option<Vertical>,
    /// `line:N%` or `line:N`, the number part of the `line` setting.
    pub line: Option<LinePosition>,
    /// `line:…,start|center|end`, the alignment part of the `line` setting.
    pub line_align: Option<LineAlign>,
    /// `position:N%`, 0–100.
    pub position_percent: Option<f32>,
    /// `position:…,line-left|center|line-right`.
    pub position_align: Option<PositionAlign>,
    /// `size:N%`, 0–100.
    pub size_percent: Option<f32>,
    /// `align:start|center|end|left|right`.
    pub align: Option<CueAlign>,
    /// `region:id`, kept as written (REGION blocks themselves are not parsed).
    pub region: Option<String>,
}

/// Vertical text and the direction its lines grow in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vertical {
    /// `vertical:rl`: lines grow from right to left.
    RightToLeft,
    /// `vertical:lr`: lines grow from left to right.
    LeftToRight,
}

/// The `line` setting's position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LinePosition {
    /// `line:N%`: a percentage of the video height (0–100).
    Percent(f32),
    /// `line:N`: a line number; negative numbers count from the bottom.
    LineNumber(f32),
}

/// Which edge of the cue box the `line` setting positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineAlign {
    Start,
    Center,
    End,
}

/// Which edge of the cue box the `position` setting positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PositionAlign {
    LineLeft,
    Center,
    LineRight,
}

/// Text alignment inside the cue box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueAlign {
    Start,
    Center,
    End,
    Left,
    Right,
}

/// Reads the settings text of a timing line on file line `line`; a later setting of the
/// same name replaces an earlier one.
pub(crate) fn parse_settings(text: &str, line: usize, warnings: &mut Warnings) -> CueSettings {
    let mut settings = CueSettings::default();
    for word in text.split(is_vtt_whitespace).filter(|w| !w.is_empty()) {
        if !apply(&mut settings, word) {
            warnings.push(
                line,
                VttWarningKind::BadSetting,
                format_args!("cue setting {} is not valid; ignored", quoted(word)),
            );
        }
    }
    settings
}

/// Applies one `name:value` setting; `false` when it is unknown or invalid.
fn apply(settings: &mut CueSettings, word: &str) -> bool {
    let Some((name, value)) = word.split_once(':') else {
        return false;
    };
    if name.is_empty() || value.is_empty() {
        return false;
    }
    match name {
        "vertical" => set(&mut settings.vertical, vertical(value)),
        "line" => {
            let (position, align) = split_align(value, line_align);
            let (Some(position), Some(align)) = (line_position(position), align) else {
                return false;
            };
            settings.line = Some(position);
            settings.line_align = align;
            true
        }
        "position" => {
            let (position, align) = split_align(value, position_align);
            let (Some(position), Some(align)) = (percentage(position), align) else {
                return false;
            };
            settings.position_percent = Some(position);
            settings.position_align = align;
            true
        }
        "size" => set(&mut settings.size_percent, percentage(value)),
        "align" => set(&mut settings.align, cue_align(value)),
        "region" => set(&mut settings.region, Some(value.to_owned())),
        _ => false,
    }
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    let is_valid = value.is_some();
    if is_valid {
        *slot = value;
    }
    is_valid
}

/// Splits `number[,align]`: the outer `Option` of the alignment is `None` when an alignment
/// was written but is invalid, `Some(None)` when none was written.
fn split_align<T>(value: &str, read: fn(&str) -> Option<T>) -> (&str, Option<Option<T>>) {
    match value.split_once(',') {
        Some((number, align)) => (number, read(align).map(Some)),
        None => (value, Some(None)),
    }
}

fn vertical(value: &str) -> Option<Vertical> {
    match value {
        "rl" => Some(Vertical::RightToLeft),
        "lr" => Some(Vertical::LeftToRight),
        _ => None,
    }
}

fn line_align(value: &str) -> Option<LineAlign> {
    match value {
        "start" => Some(LineAlign::Start),
        "center" => Some(LineAlign::Center),
        "end" => Some(LineAlign::End),
        _ => None,
    }
}

fn position_align(value: &str) -> Option<PositionAlign> {
    match value {
        "line-left" => Some(PositionAlign::LineLeft),
        "center" => Some(PositionAlign::Center),
        "line-right" => Some(PositionAlign::LineRight),
        _ => None,
    }
}

fn cue_align(value: &str) -> Option<CueAlign> {
    match value {
        "start" => Some(CueAlign::Start),
        "center" => Some(CueAlign::Center),
        "end" => Some(CueAlign::End),
        "left" => Some(CueAlign::Left),
        "right" => Some(CueAlign::Right),
        _ => None,
    }
}

/// `N%` is a percentage; otherwise an optionally negative line number such as `-1` or `2.5`.
fn line_position(value: &str) -> Option<LinePosition> {
    if value.ends_with('%') {
        return percentage(value).map(LinePosition::Percent);
    }
    let digits = value.strip_prefix('-').unwrap_or(value);
    if !is_decimal(digits) {
        return None;
    }
    let number: f32 = value.parse().ok()?;
    number
        .is_finite()
        .then_some(number)
        .map(LinePosition::LineNumber)
}

/// `N%` or `N.N%` between 0 and 100.
pub(crate) fn percentage(value: &str) -> Option<f32> {
    let number = value.strip_suffix('%')?;
    if !is_decimal(number) {
        return None;
    }
    let percent: f32 = number.parse().ok()?;
    (0.0..=100.0).contains(&percent).then_some(percent)
}

/// Digits, optionally followed by `.` and more digits.
fn is_decimal(text: &str) -> bool {
    let is_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    match text.split_once('.') {
        Some((whole, fraction)) => is_digits(whole) && is_digits(fraction),
        None => is_digits(text),
    }
}
