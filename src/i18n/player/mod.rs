//! The lecture player's strings: controls, captions, transcript, chapters, slides, in-video
//! questions and media errors. Kept apart from the app's own catalog so each stays readable.

mod ar;
mod en;

use lectern_core::locale::Locale;

/// A string of the lecture player.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlayerMsg {
    Player,
    Play,
    Pause,
    Mute,
    Unmute,
    Volume,
    Seek,
    /// Contains `{position}` and `{duration}`.
    TimeOf,
    Speed,
    SpeedNormal,
    Captions,
    CaptionsOff,
    CaptionSettings,
    CaptionSize,
    CaptionBackground,
    Transcript,
    ShowTranscript,
    HideTranscript,
    Fullscreen,
    ExitFullscreen,
    PictureInPicture,
    Chapters,
    PreviousChapter,
    NextChapter,
    /// Contains `{title}`.
    CurrentChapter,
    KeyboardShortcuts,
    Close,
    ShortcutPlayPause,
    ShortcutBack10,
    ShortcutForward10,
    ShortcutBack5,
    ShortcutForward5,
    ShortcutVolumeUp,
    ShortcutVolumeDown,
    ShortcutMute,
    ShortcutFullscreen,
    ShortcutCaptions,
    ShortcutSlower,
    ShortcutFaster,
    ShortcutJump,
    ShortcutStartEnd,
    ShortcutHelp,
    /// Contains `{time}`.
    ResumedAt,
    StartOver,
    SearchTranscript,
    /// Contains `{count}`.
    TranscriptMatches,
    DownloadTranscript,
    DownloadFailed,
    NoTranscript,
    TracksLoading,
    CaptionsFailed,
    MediaNetwork,
    MediaDecode,
    MediaUnsupported,
    MediaRefused,
    Completed,
    /// Contains `{percent}`.
    WatchedPercent,
    Question,
    SubmitAnswer,
    SkipQuestion,
    Continue,
    Correct,
    Incorrect,
    /// Contains `{n}` and `{total}`.
    SlideOf,
    PreviousSlide,
    NextSlide,
    Slides,
    /// Contains `{n}`.
    GoToSlide,
    Narration,
    Buffering,
    Stalled,
}

/// The text of `msg` in `locale`.
pub fn player_text(locale: Locale, msg: PlayerMsg) -> &'static str {
    match locale {
        Locale::En => en::text(msg),
        Locale::Ar => ar::text(msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const TEMPLATES: [(PlayerMsg, &[&str]); 7] = [
        (PlayerMsg::TimeOf, &["position", "duration"]),
        (PlayerMsg::CurrentChapter, &["title"]),
        (PlayerMsg::ResumedAt, &["time"]),
        (PlayerMsg::TranscriptMatches, &["count"]),
        (PlayerMsg::WatchedPercent, &["percent"]),
        (PlayerMsg::SlideOf, &["n", "total"]),
        (PlayerMsg::GoToSlide, &["n"]),
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn every_template_keeps_its_placeholders_in_every_locale() {
        crate::i18n::assert_placeholders_kept(player_text, &TEMPLATES);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_differs_from_english() {
        for msg in [PlayerMsg::Play, PlayerMsg::Captions, PlayerMsg::StartOver] {
            assert_ne!(player_text(Locale::Ar, msg), player_text(Locale::En, msg));
        }
    }
}
