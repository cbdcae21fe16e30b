//! `/courses/:course_id`: a course's title, summary and outline.

use crate::components::{
    CourseOutline, DocumentTitle, DownloadControl, ErrorView, LiveSwitch, Loading, NextLiveSession,
    OfflineNotice,
};
use crate::i18n::{content_direction, CollabMsg, I18nInjection, WorkMsg};
use crate::paths;
use crate::state::{load_course, SessionInjection};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A course's overview.
#[component]
pub fn CoursePage() -> impl IntoView {
    let session = SessionInjection::expect();
    let i18n = I18nInjection::expect();
    let params = use_params_map();
    let course_id = Memo::new(move |_| params.read().get("course_id").unwrap_or_default());
    let loaded = LocalResource::new(move || load_course(session, course_id.get()));
    let teaches = session.user_untracked().is_some_and(|user| {
        matches!(
            user.role,
            lectern_core::user::Role::Instructor | lectern_core::user::Role::Admin
        )
    });
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
                            <nav class="course-links" aria-label=move || i18n.c(CollabMsg::CourseThreadsHeading)>
                                <a href=paths::announcements(&course.course_id)>{move || i18n.c(CollabMsg::AnnouncementsLink)}</a>
                                " · "
                                <a href=paths::course_discussions(&course.course_id)>{move || i18n.c(CollabMsg::CourseThreadsLink)}</a>
                                {teaches.then(|| view! { " · " <a class="gradebook-link" href=paths::gradebook(&course.course_id)>{move || i18n.w(WorkMsg::GradebookLink)}</a> })}
                            </nav>
                            <NextLiveSession course=course.clone() />
                            <LiveSwitch course=course.clone() />
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
