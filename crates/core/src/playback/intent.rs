//! What a control or a shortcut asks the player to do.

/// What a control or a shortcut asks the player to do (Vidstack-style requests; UI never
/// touches the media element directly). The player's media adapter turns each into calls on
/// the element, using [`super::seek_target`], [`super::faster`] and friends for the maths.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlayerIntent {
    TogglePlay,
    Play,
    Pause,
    /// Move by a signed amount, clamped to the media.
    SeekBy {
        delta_ms: i64,
    },
    SeekTo {
        position_ms: u64,
    },
    /// Jump to a share of the duration, 0 to 100.
    SeekToPercent {
        percent: u8,
    },
    SeekToStart,
    SeekToEnd,
    /// Change the volume by a signed number of percentage points.
    VolumeBy {
        delta_percent: i8,
    },
    ToggleMute,
    ToggleFullscreen,
    ToggleCaptions,
    /// The next step up in [`super::RATES`].
    Faster,
    /// The next step down in [`super::RATES`].
    Slower,
    /// Open the keyboard shortcuts overlay.
    ShowShortcuts,
    PreviousChapter,
    NextChapter,
}
