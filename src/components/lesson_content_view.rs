//! The body of a lesson, by kind. This version plays text lessons; every other kind says
//! plainly that it is not available yet.

use super::MarkdownView;
use crate::i18n::{fill, kind_label, I18nInjection, Msg};
use lectern_core::course::LessonContent;
use leptos::prelude::*;

/// A text lesson's reading, or a clear "not yet available" for other kinds.
#[component]
pub fn LessonContentView(
    /// What the lesson holds.
    content: LessonContent,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    match content {
        LessonContent::Text { body } => view! {
            <div class="lesson-body">
                <MarkdownView source=body />
            </div>
        }
        .into_any(),
        other => {
            let kind = other.kind();
            view! {
                <div
                    class="lesson-unavailable"
                    role="status"
                    data-kind=kind.as_str()
                    lang=move || i18n.locale().tag()
                    dir=move || i18n.locale().direction().as_attr()
                >
                    <p>{move || fill(i18n.t(Msg::LessonUnavailable), "kind", i18n.t(kind_label(kind)))}</p>
                </div>
            }
            .into_any()
        }
    }
}
