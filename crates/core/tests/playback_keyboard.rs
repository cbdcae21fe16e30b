//! Table tests for the player's keyboard shortcuts and the help overlay's list.

use lectern_core::playback::{
    intent_for_key, is_typing_target, key_for_label, KeyPress, PlayerIntent, ShortcutAction,
    SHORTCUTS,
};

fn plain(key: &str) -> Option<PlayerIntent> {
    intent_for_key(KeyPress::plain(key))
}

#[test]
fn every_key_in_the_table() {
    let table: &[(&str, PlayerIntent)] = &[
        (" ", PlayerIntent::TogglePlay),
        ("k", PlayerIntent::TogglePlay),
        ("K", PlayerIntent::TogglePlay),
        ("j", PlayerIntent::SeekBy { delta_ms: -10_000 }),
        ("J", PlayerIntent::SeekBy { delta_ms: -10_000 }),
        ("l", PlayerIntent::SeekBy { delta_ms: 10_000 }),
        ("L", PlayerIntent::SeekBy { delta_ms: 10_000 }),
        ("ArrowLeft", PlayerIntent::SeekBy { delta_ms: -5_000 }),
        ("ArrowRight", PlayerIntent::SeekBy { delta_ms: 5_000 }),
        ("ArrowUp", PlayerIntent::VolumeBy { delta_percent: 5 }),
        ("ArrowDown", PlayerIntent::VolumeBy { delta_percent: -5 }),
        ("m", PlayerIntent::ToggleMute),
        ("M", PlayerIntent::ToggleMute),
        ("f", PlayerIntent::ToggleFullscreen),
        ("F", PlayerIntent::ToggleFullscreen),
        ("c", PlayerIntent::ToggleCaptions),
        ("C", PlayerIntent::ToggleCaptions),
        ("<", PlayerIntent::Slower),
        (">", PlayerIntent::Faster),
        ("Home", PlayerIntent::SeekToStart),
        ("End", PlayerIntent::SeekToEnd),
        ("?", PlayerIntent::ShowShortcuts),
    ];
    for &(key, intent) in table {
        assert_eq!(plain(key), Some(intent), "key {key:?}");
    }
    for digit in 0..=9u8 {
        let key = digit.to_string();
        assert_eq!(
            plain(&key),
            Some(PlayerIntent::SeekToPercent {
                percent: digit * 10
            }),
            "key {key:?}"
        );
    }
}

#[test]
fn other_keys_do_nothing() {
    for key in [
        "", "a", "Enter", "Tab", "Escape", "Spacebar", "10", "٣", "kk", "PageDown", "F11", "Shift",
        ",",
    ] {
        assert_eq!(plain(key), None, "key {key:?}");
    }
}

#[test]
fn browser_shortcuts_win_over_ours() {
    for key in [" ", "k", "f", "ArrowLeft", "1", "?"] {
        for (has_ctrl, has_alt, has_meta) in [
            (true, false, false),
            (false, true, false),
            (false, false, true),
        ] {
            let press = KeyPress {
                key,
                has_ctrl,
                has_alt,
                has_meta,
            };
            assert_eq!(intent_for_key(press), None, "{press:?}");
        }
    }
}

/// Whether `intent` is what `action` promises.
fn does(action: ShortcutAction, intent: PlayerIntent) -> bool {
    match action {
        ShortcutAction::PlayPause => intent == PlayerIntent::TogglePlay,
        ShortcutAction::Back10 => intent == PlayerIntent::SeekBy { delta_ms: -10_000 },
        ShortcutAction::Forward10 => intent == PlayerIntent::SeekBy { delta_ms: 10_000 },
        ShortcutAction::Back5 => intent == PlayerIntent::SeekBy { delta_ms: -5_000 },
        ShortcutAction::Forward5 => intent == PlayerIntent::SeekBy { delta_ms: 5_000 },
        ShortcutAction::VolumeUp => {
            matches!(intent, PlayerIntent::VolumeBy { delta_percent } if delta_percent > 0)
        }
        ShortcutAction::VolumeDown => {
            matches!(intent, PlayerIntent::VolumeBy { delta_percent } if delta_percent < 0)
        }
        ShortcutAction::Mute => intent == PlayerIntent::ToggleMute,
        ShortcutAction::Fullscreen => intent == PlayerIntent::ToggleFullscreen,
        ShortcutAction::Captions => intent == PlayerIntent::ToggleCaptions,
        ShortcutAction::Slower => intent == PlayerIntent::Slower,
        ShortcutAction::Faster => intent == PlayerIntent::Faster,
        ShortcutAction::JumpToPercent => matches!(intent, PlayerIntent::SeekToPercent { .. }),
        ShortcutAction::StartEnd => {
            matches!(intent, PlayerIntent::SeekToStart | PlayerIntent::SeekToEnd)
        }
        ShortcutAction::Help => intent == PlayerIntent::ShowShortcuts,
    }
}

#[test]
fn every_listed_shortcut_does_what_the_overlay_says() {
    for &(action, labels) in SHORTCUTS {
        assert!(!labels.is_empty(), "{action:?} lists no key");
        for &label in labels {
            let intent = plain(key_for_label(label));
            assert!(
                intent.is_some_and(|intent| does(action, intent)),
                "{action:?} {label:?} gives {intent:?}"
            );
        }
    }
    assert_eq!(key_for_label("Space"), " ");
}

#[test]
fn the_overlay_lists_each_action_once_and_every_mapped_key() {
    let mut names: Vec<&str> = SHORTCUTS
        .iter()
        .map(|(action, _)| action.as_str())
        .collect();
    names.dedup();
    assert_eq!(names.len(), SHORTCUTS.len());
    let listed: Vec<&str> = SHORTCUTS
        .iter()
        .flat_map(|(_, labels)| labels.iter().map(|label| key_for_label(label)))
        .collect();
    // Lower-case letters are the same keys as the listed capitals.
    for key in [
        " ",
        "k",
        "j",
        "l",
        "m",
        "f",
        "c",
        "ArrowLeft",
        "Home",
        "End",
        "?",
        "<",
        ">",
        "5",
    ] {
        let shown = listed.iter().any(|label| label.eq_ignore_ascii_case(key));
        assert!(shown, "{key:?} works but is not in the overlay");
    }
}

#[test]
fn typing_targets_keep_their_keys() {
    assert!(is_typing_target("INPUT", None, false));
    assert!(is_typing_target("input", Some("text"), false));
    assert!(is_typing_target("INPUT", Some("search"), false));
    assert!(is_typing_target("INPUT", Some("number"), false));
    assert!(is_typing_target("TEXTAREA", None, false));
    assert!(is_typing_target("SELECT", None, false));
    assert!(is_typing_target("DIV", None, true));
    assert!(is_typing_target("p", None, true));
}

#[test]
fn controls_that_do_not_take_text_let_shortcuts_through() {
    for input_type in [
        "range", "RANGE", "checkbox", "radio", "button", "submit", "reset", "image",
    ] {
        assert!(
            !is_typing_target("INPUT", Some(input_type), false),
            "{input_type}"
        );
    }
    for tag in ["BUTTON", "VIDEO", "DIV", "A", "BODY"] {
        assert!(!is_typing_target(tag, None, false), "{tag}");
    }
}
