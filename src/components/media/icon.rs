//! Control icons: inline SVG strokes in `currentColor`, hidden from assistive technology
//! (every control carries its own text label).

use leptos::prelude::*;

/// SVG path data on a 24 × 24 grid for each control.
pub mod paths {
    pub const PLAY: &[&str] = &["M7 4l13 8-13 8z"];
    pub const PAUSE: &[&str] = &["M7 4h3v16H7z", "M14 4h3v16h-3z"];
    pub const VOLUME: &[&str] = &[
        "M4 9h4l5-4v14l-5-4H4z",
        "M16 9a4 4 0 0 1 0 6",
        "M18.5 6.5a8 8 0 0 1 0 11",
    ];
    pub const MUTED: &[&str] = &["M4 9h4l5-4v14l-5-4H4z", "M16 9l6 6", "M22 9l-6 6"];
    pub const TRANSCRIPT: &[&str] = &["M5 4h14v16H5z", "M8 8h8", "M8 12h8", "M8 16h5"];
    pub const FULLSCREEN: &[&str] = &["M4 9V4h5", "M20 9V4h-5", "M4 15v5h5", "M20 15v5h-5"];
    pub const EXIT_FULLSCREEN: &[&str] = &["M9 4v5H4", "M15 4v5h5", "M9 20v-5H4", "M15 20v-5h5"];
    pub const PICTURE_IN_PICTURE: &[&str] = &["M3 5h18v14H3z", "M12 12h7v5h-7z"];
    pub const PREVIOUS: &[&str] = &["M6 5v14", "M19 5L9 12l10 7z"];
    pub const NEXT: &[&str] = &["M18 5v14", "M5 5l10 7-10 7z"];
    pub const KEYBOARD: &[&str] = &[
        "M2 6h20v12H2z",
        "M6 10h.01",
        "M10 10h.01",
        "M14 10h.01",
        "M18 10h.01",
        "M7 14h10",
    ];
    pub const SETTINGS: &[&str] = &[
        "M4 6h16", "M4 12h16", "M4 18h16", "M8 4v4", "M16 10v4", "M10 16v4",
    ];
}

/// A decorative icon.
#[component]
pub fn Icon(
    /// The icon's path data.
    paths: &'static [&'static str],
) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="22" height="22" focusable="false" aria-hidden="true">
            {paths.iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}
