//! `/courses/:course_id/discussions`: every thread of a course's discussion lessons.

use crate::components::discussion::ThreadListView;
use crate::components::DocumentTitle;
use crate::i18n::{CollabMsg, I18nInjection};
use crate::paths;
use lectern_core::CourseId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The course's discussions page.
#[component]
pub fn CourseDiscussionsPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let params = use_params_map();
    let course_id = Memo::new(move |_| {
        CourseId::parse(&params.read().get("course_id").unwrap_or_default()).ok()
    });
    move || match course_id.get() {
        Some(course_id) => view! {
            <DocumentTitle text=i18n.c(CollabMsg::CourseThreadsHeading).to_owned() />
            <p><a href=paths::course(&course_id)>{course_id.to_string()}</a></p>
            <h1>{move || i18n.c(CollabMsg::CourseThreadsHeading)}</h1>
            <ThreadListView course_id />
        }
        .into_any(),
        None => {
            view! { <p role="alert">{move || i18n.c(CollabMsg::ThreadNotFound)}</p> }.into_any()
        }
    }
}
