//! `/courses/:course_id/lessons/:lesson_id`: one lesson, with a way back to its course and
//! on to its neighbours.

use crate::components::{
    DocumentTitle, DownloadControl, ErrorView, LessonContentView, LessonPager, LiveSwitch, Loading,
    NotFoundView, OfflineNotice,
};
use crate::i18n::{content_direction, I18nInjection, Msg};
use crate::io::course_source::LoadedCourse;
use crate::paths;
use crate::state::{load_course, SessionInjection};
use lectern_core::LessonId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A lesson page.
#[component]
pub fn LessonPage() -> impl IntoView {
    let session = SessionInjection::expect();
    let params = use_params_map();
    let course_id = Memo::new(move |_| params.read().get("course_id").unwrap_or_default());
    let lesson_id = Memo::new(move |_| params.read().get("lesson_id").unwrap_or_default());
    // Keyed on the course only: moving between its lessons needs no new request.
    let loaded = LocalResource::new(move || load_course(session, course_id.get()));
    view! {
        <Suspense fallback=Loading>
            {move || {
                let lesson_id = lesson_id.get();
                Suspend::new(async move {
                    match loaded.await {
                        Ok(loaded) => lesson_view(loaded, &lesson_id),
                        Err(error) => view! { <ErrorView error is_page=true on_retry=move || loaded.refetch() /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn lesson_view(loaded: LoadedCourse, raw_lesson_id: &str) -> AnyView {
    let course = loaded.course;
    let found = LessonId::parse(raw_lesson_id).ok().and_then(|lesson_id| {
        let lesson = course.lesson(&lesson_id)?.clone();
        let (previous, next) = course.neighbours(&lesson_id);
        Some((lesson, previous.cloned(), next.cloned()))
    });
    let Some((lesson, previous, next)) = found else {
        return view! { <NotFoundView title=Msg::LessonNotFoundTitle body=Msg::LessonNotFoundBody /> }.into_any();
    };
    let has_files = !lectern_core::offline::lesson_files(&lesson.content).is_empty();
    let download = has_files.then(|| {
        view! { <DownloadControl course=course.clone() lesson_id=lesson.lesson_id.clone() /> }
    });
    let switch = view! { <LiveSwitch course=course.clone() /> };
    view! {
        {switch}
        <Breadcrumb course_title=course.title.clone() course_href=paths::course(&course.course_id) language=course.language.clone() />
        <OfflineNotice origin=loaded.origin />
        <article
            class="lesson"
            data-lesson-id=lesson.lesson_id.to_string()
            lang=course.language.clone()
            dir=content_direction(&course.language).as_attr()
        >
            <DocumentTitle text=lesson.title.clone() />
            <h1 class="lesson-title">{lesson.title}</h1>
            <LessonContentView
                content=lesson.content
                course_id=course.course_id.clone()
                lesson_id=lesson.lesson_id.clone()
                language=course.language.clone()
            />
        </article>
        {download}
        <LessonPager course_id=course.course_id language=course.language previous next />
    }
    .into_any()
}

/// The trail back: the catalog, then the lesson's course.
#[component]
fn Breadcrumb(course_title: String, course_href: String, language: String) -> impl IntoView {
    let i18n = I18nInjection::expect();
    view! {
        <nav class="breadcrumb" aria-label=move || i18n.t(Msg::Breadcrumb)>
            <ol>
                <li>
                    <a href=paths::HOME>{move || i18n.t(Msg::CatalogTitle)}</a>
                </li>
                <li>
                    <a class="breadcrumb-course" href=course_href dir=content_direction(&language).as_attr() lang=language>
                        {course_title}
                    </a>
                </li>
            </ol>
        </nav>
    }
}
