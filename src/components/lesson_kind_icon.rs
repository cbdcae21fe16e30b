//! The little picture that says what kind a lesson is, with its name for screen readers.
//! Icons are inline SVG strokes in `currentColor`, so they follow the theme and need no font.

use crate::i18n::{kind_label, I18nInjection};
use lectern_core::course::LessonKind;
use leptos::prelude::*;

/// The outline of `kind`'s icon, as SVG path data on a 24 × 24 grid.
pub fn kind_icon_paths(kind: LessonKind) -> &'static [&'static str] {
    match kind {
        LessonKind::Text => &[
            "M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3z",
            "M21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z",
        ],
        LessonKind::Video => &[
            "M4 5h10a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z",
            "M16 10l6-3v10l-6-3z",
        ],
        LessonKind::Audio => &[
            "M4 15v-3a8 8 0 0 1 16 0v3",
            "M2 15h5v6H2z",
            "M17 15h5v6h-5z",
        ],
        LessonKind::Slides => &["M3 4h18v12H3z", "M12 16v4", "M8 20h8"],
        LessonKind::Quiz => &[
            "M22 12a10 10 0 1 1-20 0a10 10 0 1 1 20 0z",
            "M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5",
            "M12 17h.01",
        ],
        LessonKind::Assignment => &[
            "M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z",
            "M14 3v5h5",
            "M9 13h6",
            "M9 17h6",
        ],
        LessonKind::Discussion => &["M21 12a8 8 0 0 1-11.5 7.2L4 21l1.8-5.5A8 8 0 1 1 21 12z"],
        LessonKind::Live => &[
            "M14 12a2 2 0 1 1-4 0a2 2 0 1 1 4 0z",
            "M7.8 7.8a6 6 0 0 0 0 8.4",
            "M16.2 7.8a6 6 0 0 1 0 8.4",
            "M4.9 4.9a10 10 0 0 0 0 14.2",
            "M19.1 4.9a10 10 0 0 1 0 14.2",
        ],
    }
}

/// An icon hidden from assistive technology, then the kind's name, visually hidden.
#[component]
pub fn LessonKindIcon(
    /// The lesson's kind.
    kind: LessonKind,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    view! {
        <span class="lesson-kind" aria-hidden="true" data-kind=kind.as_str()>
            <svg
                viewBox="0 0 24 24"
                width="20"
                height="20"
                focusable="false"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
            >
                {kind_icon_paths(kind).iter().map(|d| view! { <path d=*d /> }).collect_view()}
            </svg>
        </span>
        <span class="visually-hidden">{move || i18n.t(kind_label(kind))} ": "</span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn every_kind_has_an_icon() {
        for kind in LessonKind::ALL {
            assert!(!kind_icon_paths(kind).is_empty(), "{kind:?}");
        }
    }
}
