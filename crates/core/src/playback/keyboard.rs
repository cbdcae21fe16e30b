//! The player's keyboard shortcuts: which key asks for which intent, the table the help
//! overlay shows, and which focused elements keep their keys for typing.

use super::PlayerIntent;

/// A key press as the browser reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`: " " for space, "ArrowLeft", "k", "K", "?", …
    pub key: &'a str,
    pub has_ctrl: bool,
    pub has_alt: bool,
    pub has_meta: bool,
}

impl<'a> KeyPress<'a> {
    /// A press of `key` with no ctrl, alt or meta.
    pub fn plain(key: &'a str) -> Self {
        KeyPress {
            key,
            has_ctrl: false,
            has_alt: false,
            has_meta: false,
        }
    }
}

/// The seek step of `j` and `l`.
const LONG_SEEK_MS: i64 = 10_000;
/// The seek step of the arrow keys.
const SHORT_SEEK_MS: i64 = 5_000;
/// The volume step of the arrow keys, in percentage points.
const VOLUME_STEP_PERCENT: i8 = 5;

/// The shortcut table: space or k play/pause, j −10 s, l +10 s, ArrowLeft −5 s, ArrowRight
/// +5 s, ArrowUp volume +5 %, ArrowDown −5 %, m mute, f fullscreen, c captions, '<' slower,
/// '>' faster, '0'..'9' jump to 0–90 %, Home start, End end, '?' shortcuts overlay.
/// Upper-case letters too (K, J, L, M, F, C). Any ctrl/alt/meta → None (browser shortcuts
/// win). Everything else → None.
pub fn intent_for_key(press: KeyPress<'_>) -> Option<PlayerIntent> {
    if press.has_ctrl || press.has_alt || press.has_meta {
        return None;
    }
    let intent = match press.key {
        " " | "k" | "K" => PlayerIntent::TogglePlay,
        "j" | "J" => PlayerIntent::SeekBy {
            delta_ms: -LONG_SEEK_MS,
        },
        "l" | "L" => PlayerIntent::SeekBy {
            delta_ms: LONG_SEEK_MS,
        },
        "ArrowLeft" => PlayerIntent::SeekBy {
            delta_ms: -SHORT_SEEK_MS,
        },
        "ArrowRight" => PlayerIntent::SeekBy {
            delta_ms: SHORT_SEEK_MS,
        },
        "ArrowUp" => PlayerIntent::VolumeBy {
            delta_percent: VOLUME_STEP_PERCENT,
        },
        "ArrowDown" => PlayerIntent::VolumeBy {
            delta_percent: -VOLUME_STEP_PERCENT,
        },
        "m" | "M" => PlayerIntent::ToggleMute,
        "f" | "F" => PlayerIntent::ToggleFullscreen,
        "c" | "C" => PlayerIntent::ToggleCaptions,
        "<" => PlayerIntent::Slower,
        ">" => PlayerIntent::Faster,
        "Home" => PlayerIntent::SeekToStart,
        "End" => PlayerIntent::SeekToEnd,
        "?" => PlayerIntent::ShowShortcuts,
        digit => {
            let &[byte] = digit.as_bytes() else {
                return None;
            };
            if !byte.is_ascii_digit() {
                return None;
            }
            PlayerIntent::SeekToPercent {
                percent: (byte - b'0') * 10,
            }
        }
    };
    Some(intent)
}

/// A group of shortcuts in the help overlay. The player names each in the learner's
/// language; [`ShortcutAction::as_str`] is a stable key for that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShortcutAction {
    PlayPause,
    Back10,
    Forward10,
    Back5,
    Forward5,
    VolumeUp,
    VolumeDown,
    Mute,
    Fullscreen,
    Captions,
    Slower,
    Faster,
    JumpToPercent,
    StartEnd,
    Help,
}

impl ShortcutAction {
    /// A stable kebab-case name, for message ids and test hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            ShortcutAction::PlayPause => "play-pause",
            ShortcutAction::Back10 => "back-10",
            ShortcutAction::Forward10 => "forward-10",
            ShortcutAction::Back5 => "back-5",
            ShortcutAction::Forward5 => "forward-5",
            ShortcutAction::VolumeUp => "volume-up",
            ShortcutAction::VolumeDown => "volume-down",
            ShortcutAction::Mute => "mute",
            ShortcutAction::Fullscreen => "fullscreen",
            ShortcutAction::Captions => "captions",
            ShortcutAction::Slower => "slower",
            ShortcutAction::Faster => "faster",
            ShortcutAction::JumpToPercent => "jump-to-percent",
            ShortcutAction::StartEnd => "start-end",
            ShortcutAction::Help => "help",
        }
    }
}

/// For the help overlay: every shortcut group, in display order, with the keys shown to the
/// learner. Each label is a `KeyboardEvent.key` value except "Space" (see [`key_for_label`]);
/// the player may draw arrow keys as symbols.
pub const SHORTCUTS: &[(ShortcutAction, &[&str])] = &[
    (ShortcutAction::PlayPause, &["Space", "K"]),
    (ShortcutAction::Back10, &["J"]),
    (ShortcutAction::Forward10, &["L"]),
    (ShortcutAction::Back5, &["ArrowLeft"]),
    (ShortcutAction::Forward5, &["ArrowRight"]),
    (ShortcutAction::VolumeUp, &["ArrowUp"]),
    (ShortcutAction::VolumeDown, &["ArrowDown"]),
    (ShortcutAction::Mute, &["M"]),
    (ShortcutAction::Fullscreen, &["F"]),
    (ShortcutAction::Captions, &["C"]),
    (ShortcutAction::Slower, &["<"]),
    (ShortcutAction::Faster, &[">"]),
    (
        ShortcutAction::JumpToPercent,
        &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    ),
    (ShortcutAction::StartEnd, &["Home", "End"]),
    (ShortcutAction::Help, &["?"]),
];

/// The `KeyboardEvent.key` value a [`SHORTCUTS`] label stands for: "Space" is " ", every
/// other label is its own key.
pub fn key_for_label(label: &str) -> &str {
    if label == "Space" {
        " "
    } else {
        label
    }
}

/// Input types that do not take text, so shortcuts still work while they have focus.
const NON_TEXT_INPUT_TYPES: [&str; 7] = [
    "range", "checkbox", "radio", "button", "submit", "reset", "image",
];

/// Whether key events from an element with this tag/role should be left alone (typing):
/// input (except type=range/checkbox/radio/button, and the button-like submit/reset/image),
/// textarea, select, contenteditable. Tag and type compare case-insensitively; an input
/// with no type is a text input.
pub fn is_typing_target(
    tag_name: &str,
    input_type: Option<&str>,
    is_content_editable: bool,
) -> bool {
    if is_content_editable {
        return true;
    }
    if tag_name.eq_ignore_ascii_case("textarea") || tag_name.eq_ignore_ascii_case("select") {
        return true;
    }
    if !tag_name.eq_ignore_ascii_case("input") {
        return false;
    }
    input_type.is_none_or(|input_type| {
        !NON_TEXT_INPUT_TYPES
            .iter()
            .any(|non_text| input_type.eq_ignore_ascii_case(non_text))
    })
}
