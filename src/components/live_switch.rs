//! The switch into live mode: while a page of a course is open, it watches the server's
//! clock (not the device's, which may be wrong), and when one of the course's live
//! sessions starts it takes the learner to the room, which says why and offers the way
//! back to where they were. A session already on when the page opened is not switched
//! into (the learner may just have come back from it); its lesson offers the way in.

use crate::io::server_clock::server_now;
use crate::paths;
use lectern_core::course::Course;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use std::time::Duration;

/// Watches `course`'s sessions; renders nothing.
#[component]
pub fn LiveSwitch(course: Course) -> impl IntoView {
    // The room lives under the player's own pages only, never in an LMS's frame.
    if paths::is_embedded() {
        return;
    }
    let navigate = use_navigate();
    let location = use_location();
    let last_look = StoredValue::new(server_now());
    let course = StoredValue::new(course);
    let look = move || {
        let now = server_now();
        let after = last_look.get_value();
        last_look.set_value(now);
        let started = course.with_value(|course| {
            course
                .live_session_started(after, now)
                .map(|(lesson, _)| (course.course_id.clone(), lesson.lesson_id.clone()))
        });
        if let Some((course_id, lesson_id)) = started {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let room = paths::live_room(&course_id, &lesson_id);
            if !here.starts_with(&room) {
                navigate(
                    &paths::live_room_from(&course_id, &lesson_id, &here),
                    Default::default(),
                );
            }
        }
    };
    if let Ok(handle) = set_interval_with_handle(look, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
}
