//! When a live session is, for people: its start in the learner's own zone with a
//! countdown by the server's clock ("starts in 2 hours"), "live now" while it runs, and
//! when it ended. Kept current every second, so the switch from one to the next is on time
//! even on a device whose clock is wrong.

use crate::i18n::{I18nInjection, WorkMsg};
use crate::io::document::format_local_datetime;
use crate::io::intl::format_distance;
use crate::io::server_clock::server_now;
use lectern_core::calendar::relative_due;
use lectern_core::course::LiveSession;
use leptos::prelude::*;
use std::time::Duration;

/// Where a session stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SessionPhase {
    Upcoming,
    Live,
    Ended,
}

/// A live session's schedule and countdown.
#[component]
pub fn LiveSchedule(session: LiveSession) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let now = RwSignal::new(server_now());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(server_now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    let (starts_at, ends_at) = (session.starts_at, session.ends_at);
    let phase = Memo::new(move |_| {
        let now = now.get();
        match (now < starts_at, now < ends_at) {
            (true, _) => SessionPhase::Upcoming,
            (false, true) => SessionPhase::Live,
            (false, false) => SessionPhase::Ended,
        }
    });
    let local = move |at| format_local_datetime(at, i18n.locale().tag());
    let line = move || match phase.get() {
        SessionPhase::Upcoming => {
            let relative = relative_due(starts_at, now.get());
            let distance = format_distance(relative.amount, relative.unit, i18n.locale().tag());
            format!(
                "{} · {}",
                i18n.w(WorkMsg::LiveStartsAt)
                    .replace("{time}", &local(starts_at)),
                i18n.w(WorkMsg::LiveStartsIn)
                    .replace("{distance}", &distance)
            )
        }
        SessionPhase::Live => i18n.w(WorkMsg::LiveNow).replace("{time}", &local(ends_at)),
        SessionPhase::Ended => i18n
            .w(WorkMsg::LiveEnded)
            .replace("{time}", &local(ends_at)),
    };
    let phase_name = move || match phase.get() {
        SessionPhase::Upcoming => "upcoming",
        SessionPhase::Live => "live",
        SessionPhase::Ended => "ended",
    };
    let instructor = session.instructor.clone();
    view! {
        <p class="live-schedule" data-phase=phase_name role="status">
            <time datetime=starts_at.to_string()>{line}</time>
            " · " <span class="live-instructor">{move || i18n.w(WorkMsg::LiveWith).replace("{name}", &instructor)}</span>
        </p>
    }
}
