//! The note shown when a course comes from this device's saved copy.

use crate::i18n::{I18nInjection, Msg};
use crate::io::course_source::CourseOrigin;
use leptos::prelude::*;

/// Says the course is the saved copy, when it is; nothing otherwise.
#[component]
pub fn OfflineNotice(
    /// Where the course on screen came from.
    origin: CourseOrigin,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    matches!(origin, CourseOrigin::Cache { .. }).then(|| {
        view! {
            <p class="offline-notice" role="status">
                {move || i18n.t(Msg::OfflineCopy)}
            </p>
        }
    })
}
