//! `/`: the courses the learner is enrolled in.

use crate::components::{CourseCard, DocumentTitle, ErrorView, Loading};
use crate::i18n::{I18nInjection, Msg};
use crate::io::document;
use crate::io::http::{self, HttpError};
use crate::state::SessionInjection;
use lectern_api::v1::CourseSummary;
use leptos::prelude::*;

/// The User Timing mark set when the catalog list is first shown.
pub const CATALOG_VISIBLE_MARK: &str = "lectern:catalog-visible";

/// The catalog.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let catalog = LocalResource::new(move || async move {
        let Some(token) = session.token_untracked() else {
            return Err(HttpError::SignedOut);
        };
        session.observe(http::list_courses(&token).await)
    });
    view! {
        <DocumentTitle text=move || i18n.t(Msg::CatalogTitle).to_owned() />
        <h1>{move || i18n.t(Msg::CatalogTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match catalog.await {
                    Ok(list) => view! { <CourseList courses=list.courses /> }.into_any(),
                    Err(error) => view! { <ErrorView error on_retry=move || catalog.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The list of course cards, or a friendly note when there are none.
#[component]
fn CourseList(courses: Vec<CourseSummary>) -> impl IntoView {
    let i18n = I18nInjection::expect();
    if courses.is_empty() {
        return view! { <p class="catalog-empty">{move || i18n.t(Msg::CatalogEmpty)}</p> }
            .into_any();
    }
    // Runs once the list is in the document: the moment a learner can pick a course.
    Effect::new(|_| document::mark_performance(CATALOG_VISIBLE_MARK));
    view! {
        <ul class="course-list" aria-label=move || i18n.t(Msg::CatalogLabel)>
            {courses.into_iter().map(|course| view! { <CourseCard course /> }).collect_view()}
        </ul>
    }
    .into_any()
}
