//! Links to the lessons before and after the current one.

use super::LessonKindIcon;
use crate::i18n::{content_direction, I18nInjection, Msg};
use crate::paths;
use lectern_core::course::Lesson;
use lectern_core::CourseId;
use leptos::prelude::*;

/// "Previous" and "Next" links, each present only when there is such a lesson.
#[component]
pub fn LessonPager(
    /// The course both lessons belong to.
    course_id: CourseId,
    /// The course's language, for the lesson titles.
    language: String,
    /// The lesson before, in outline order.
    previous: Option<Lesson>,
    /// The lesson after, in outline order.
    next: Option<Lesson>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let dir = content_direction(&language).as_attr();
    let link = move |lesson: Lesson, class: &'static str, label: Msg| {
        view! {
            <a class=class rel=if label == Msg::NextLesson { "next" } else { "prev" } href=paths::lesson(&course_id, &lesson.lesson_id)>
                <span class="pager-label">{move || i18n.t(label)}</span>
                <span class="pager-title">
                    <LessonKindIcon kind=lesson.content.kind() />
                    <span lang=language.clone() dir=dir>
                        {lesson.title}
                    </span>
                </span>
            </a>
        }
    };
    view! {
        <nav class="lesson-pager" aria-label=move || i18n.t(Msg::LessonNavigation)>
            {previous.map(|lesson| link.clone()(lesson, "lesson-prev", Msg::PreviousLesson))}
            {next.map(|lesson| link(lesson, "lesson-next", Msg::NextLesson))}
        </nav>
    }
}
