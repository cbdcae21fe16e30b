//! `/courses/:course_id`: a course's title, summary and outline.

use crate::components::{
    CourseOutline, DocumentTitle, DownloadControl, ErrorView, Loading, OfflineNotice,
};
use crate::i18n::content_direction;
use crate::state::{load_course, SessionInjection};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A course's overview.
#[component]
pub fn CoursePage() -> impl IntoView {
    let session = SessionInjection::expect();
    let params = use_params_map();
    let course_id = Memo::new(move |_| params.read().get("course_id").unwrap_or_default());
    let loaded = LocalResource::new(move || load_course(session, course_id.get()));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(loaded) => {
                        let course = loaded.course;
                        let has_files = !lectern_core::offline::course_files(&course).is_empty();
                        let download = has_files.then(|| view! { <DownloadControl course=course.clone() /> });
                        view! {
                            <div class="course-intro" lang=course.language.clone() dir=content_direction(&course.language).as_attr()>
                                <DocumentTitle text=course.title.clone() />
                                <h1>{course.title.clone()}</h1>
                                <p class="course-summary">{course.summary.clone()}</p>
                            </div>
                            <OfflineNotice origin=loaded.origin />
                            {download}
                            <CourseOutline course />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error is_page=true on_retry=move || loaded.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
