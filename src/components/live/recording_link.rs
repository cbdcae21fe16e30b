//! After the class: the way to its recording, once the instructor's upload has made it a
//! lesson of the course. The course is asked again every few seconds for a while; until
//! then, the room says the recording will come (and the inbox tells the learner later).

use crate::i18n::{I18nInjection, LiveMsg};
use crate::io::timer::sleep_ms;
use crate::paths;
use crate::state::{load_course, SessionInjection};
use lectern_core::live::{recording_lesson_id, LiveSessionId};
use leptos::prelude::*;

/// How often, and how many times, the course is asked for the recording.
const LOOK_EVERY_MS: u32 = 5_000;
const LOOKS: u32 = 60;

/// The recording's link, or the promise of it.
#[component]
pub fn RecordingLink(session_id: LiveSessionId) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let href = RwSignal::new(None::<String>);
    let course_id = session_id.course_id().clone();
    if let Ok(lesson_id) = recording_lesson_id(session_id.lesson_id()) {
        leptos::task::spawn_local(async move {
            for _ in 0..LOOKS {
                let found = load_course(session, course_id.to_string())
                    .await
                    .is_ok_and(|loaded| loaded.course.lesson(&lesson_id).is_some());
                if found {
                    // The page may be gone by now.
                    let _ = href.try_set(Some(paths::lesson(&course_id, &lesson_id)));
                    return;
                }
                if !is_page_alive(href) {
                    return;
                }
                sleep_ms(LOOK_EVERY_MS).await;
            }
        });
    }
    move || match href.get() {
        Some(href) => view! {
            <a class="button watch-recording" href=href>{i18n.live(LiveMsg::WatchRecording)}</a>
        }
        .into_any(),
        None => view! { <span class="recording-later">{i18n.live(LiveMsg::RecordingLater)}</span> }
            .into_any(),
    }
}

/// Whether the signal (and so the page that owns it) still exists.
fn is_page_alive(href: RwSignal<Option<String>>) -> bool {
    href.try_with_untracked(|_| ()).is_some()
}
