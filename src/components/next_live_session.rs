//! The course page's line about its next live session: which lesson, when in the learner's
//! zone, and how long until it starts (by the server's clock); nothing once all have ended.

use super::LiveSchedule;
use crate::i18n::{I18nInjection, WorkMsg};
use crate::io::server_clock::server_now;
use crate::paths;
use lectern_core::Course;
use leptos::prelude::*;

/// The next live session of `course`, if any.
#[component]
pub fn NextLiveSession(course: Course) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let next = course
        .next_live_session(server_now())
        .map(|(lesson, session)| {
            (
                lesson.lesson_id.clone(),
                lesson.title.clone(),
                session.clone(),
            )
        });
    next.map(|(lesson_id, title, session)| {
        let href = paths::lesson(&course.course_id, &lesson_id);
        view! {
            <section class="next-session" data-lesson-id=lesson_id.to_string()>
                <p>{move || i18n.w(WorkMsg::NextSession)} " " <a href=href>{title}</a></p>
                <LiveSchedule session />
            </section>
        }
    })
}
