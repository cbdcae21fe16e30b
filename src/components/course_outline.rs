//! A course's table of contents: its modules and their lessons.

use super::LessonKindIcon;
use crate::i18n::{content_direction, I18nInjection, Msg};
use crate::paths;
use lectern_core::course::{Course, Module};
use lectern_core::CourseId;
use leptos::prelude::*;

/// The outline as navigation: one section per module, an ordered list of lesson links each.
#[component]
pub fn CourseOutline(
    /// The course whose outline to show.
    course: Course,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let course_id = course.course_id.clone();
    let language = course.language.clone();
    view! {
        <nav class="course-outline" aria-label=move || i18n.t(Msg::CourseOutline)>
            {course
                .modules
                .into_iter()
                .map(|module| module_view(&course_id, &language, module))
                .collect_view()}
        </nav>
    }
}

/// One module; its titles are in the course's language, the kind names in the learner's.
fn module_view(course_id: &CourseId, language: &str, module: Module) -> impl IntoView {
    let dir = content_direction(language).as_attr();
    let heading_id = format!("module-{}", module.module_id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="outline-module" aria-labelledby=labelled_by>
            <h2 id=heading_id lang=language.to_owned() dir=dir>
                {module.title}
            </h2>
            <ol class="lesson-list">
                {module
                    .lessons
                    .into_iter()
                    .map(|lesson| {
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
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
