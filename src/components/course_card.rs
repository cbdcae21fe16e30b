//! One course in the catalog.

use crate::i18n::{content_direction, lesson_count, I18nInjection};
use crate::paths;
use lectern_api::v1::CourseSummary;
use leptos::prelude::*;

/// A catalog entry linking to the course: title, summary and size.
#[component]
pub fn CourseCard(
    /// The course to show.
    course: CourseSummary,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let lessons = u64::from(course.lesson_count);
    let dir = content_direction(&course.language).as_attr();
    view! {
        <li>
            <a
                class="course-card"
                data-course-id=course.course_id.to_string()
                href=paths::course(&course.course_id)
            >
                <h2 class="course-card-title" lang=course.language.clone() dir=dir>
                    {course.title}
                </h2>
                <p class="course-card-summary" lang=course.language dir=dir>
                    {course.summary}
                </p>
                <p class="course-card-meta">{move || lesson_count(i18n.locale(), lessons)}</p>
            </a>
        </li>
    }
}
