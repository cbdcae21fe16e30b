//! A course's table of contents: its modules and their lessons, each with a ring showing
//! how much of it the learner has really watched, on this device and (once the server
//! answers) on their other devices.

use super::{LessonKindIcon, ProgressRing};
use crate::i18n::{content_direction, I18nInjection, Msg};
use crate::io::events_api;
use crate::paths;
use crate::state::{ProgressInjection, SessionInjection};
use lectern_core::course::{Course, Module};
use lectern_core::progress::{module_share, LessonProgress};
use lectern_core::{CourseId, LessonId};
use leptos::logging::warn;
use leptos::prelude::*;
use std::collections::HashMap;

/// The learner's progress per lesson of the course, read once when the outline appears.
type CourseProgress = RwSignal<HashMap<LessonId, LessonProgress>>;

/// The outline as navigation: one section per module, an ordered list of lesson links each.
#[component]
pub fn CourseOutline(
    /// The course whose outline to show.
    course: Course,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let progress: CourseProgress = RwSignal::new(HashMap::new());
    load_progress(progress, course.course_id.clone());
    let course_id = course.course_id.clone();
    let language = course.language.clone();
    view! {
        <nav class="course-outline" aria-label=move || i18n.t(Msg::CourseOutline)>
            {course
                .modules
                .into_iter()
                .map(|module| module_view(&course_id, &language, module, progress))
                .collect_view()}
        </nav>
    }
}

fn load_progress(progress: CourseProgress, course_id: CourseId) {
    let session = SessionInjection::expect();
    let store = ProgressInjection::expect().store();
    let Some(user_id) = session.user_id_untracked() else {
        return;
    };
    leptos::task::spawn_local(async move {
        match store.load_course(&user_id, &course_id).await {
            Ok(lessons) => progress.set(lessons),
            Err(err) => warn!("lesson progress could not be read: {err}"),
        }
        // Then what the learner did on other devices, as the server merged it.
        let Some(token) = session.token_untracked() else {
            return;
        };
        let Ok(view) = session.observe(events_api::course_progress(&token, &course_id).await)
        else {
            // Offline or refused: this device's own progress stands.
            return;
        };
        let lessons: Vec<(LessonId, LessonProgress)> = view
            .lessons
            .iter()
            .map(|entry| (entry.lesson_id.clone(), LessonProgress::from(entry)))
            .collect();
        match store.absorb(&user_id, &course_id, &lessons).await {
            Ok(merged) => progress.update(|known| known.extend(merged)),
            Err(err) => warn!("the server's progress could not be kept on this device: {err}"),
        }
    });
}

fn lesson_share(progress: CourseProgress, lesson_id: &LessonId) -> f64 {
    progress.with(|lessons| lessons.get(lesson_id).map_or(0.0, LessonProgress::share))
}

/// One module; its titles are in the course's language, the kind names in the learner's.
fn module_view(
    course_id: &CourseId,
    language: &str,
    module: Module,
    progress: CourseProgress,
) -> impl IntoView {
    let dir = content_direction(language).as_attr();
    let heading_id = format!("module-{}", module.module_id);
    let labelled_by = heading_id.clone();
    // Only lectures record watched progress; readings and the rest get no ring yet.
    let lesson_ids: Vec<LessonId> = module
        .lessons
        .iter()
        .filter(|lesson| lesson.content.media().is_some())
        .map(|lesson| lesson.lesson_id.clone())
        .collect();
    let has_lectures = !lesson_ids.is_empty();
    let all_ids = lesson_ids.clone();
    let module_share = Signal::derive(move || {
        let shares: Vec<f64> = lesson_ids
            .iter()
            .map(|id| lesson_share(progress, id))
            .collect();
        module_share(&shares)
    });
    let is_module_complete = Signal::derive(move || {
        !all_ids.is_empty()
            && progress.with(|lessons| {
                all_ids
                    .iter()
                    .all(|id| lessons.get(id).is_some_and(|p| p.is_complete))
            })
    });
    view! {
        <section class="outline-module" aria-labelledby=labelled_by>
            <div class="module-heading">
                <h2 id=heading_id lang=language.to_owned() dir=dir>
                    {module.title}
                </h2>
                <Show when=move || has_lectures>
                    <ProgressRing share=module_share is_complete=is_module_complete />
                </Show>
            </div>
            <ol class="lesson-list">
                {module
                    .lessons
                    .into_iter()
                    .map(|lesson| {
                        let is_lecture = lesson.content.media().is_some();
                        let ring_id = lesson.lesson_id.clone();
                        let done_id = lesson.lesson_id.clone();
                        let share = Signal::derive(move || lesson_share(progress, &ring_id));
                        let is_complete = Signal::derive(move || {
                            progress.with(|lessons| lessons.get(&done_id).is_some_and(|p| p.is_complete))
                        });
                        view! {
                            <li>
                                <a
                                    class="lesson-link"
                                    data-lesson-id=lesson.lesson_id.to_string()
                                    href=paths::lesson(course_id, &lesson.lesson_id)
                                >
                                    <LessonKindIcon kind=lesson.content.kind() />
                                    <span class="lesson-link-title" lang=language.to_owned() dir=dir>
                                        {lesson.title}
                                    </span>
                                    <Show when=move || is_lecture>
                                        <ProgressRing share is_complete />
                                    </Show>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
