//! A deadline, for people: the date and time in the learner's own zone, and how far it is
//! by the server's clock ("due in 2 days", "overdue by 3 hours"), kept current each minute.

use crate::i18n::{I18nInjection, WorkMsg};
use crate::io::document::format_local_datetime;
use crate::io::intl::format_distance;
use crate::io::server_clock::server_now;
use jiff::Timestamp;
use lectern_core::calendar::{relative_due, DueDirection};
use leptos::prelude::*;
use std::time::Duration;

/// "Due 15 Jan 2027, 18:00 · due in 2 days".
#[component]
pub fn DueText(due_at: Timestamp) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let now = RwSignal::new(server_now());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(server_now()), Duration::from_secs(60))
    {
        on_cleanup(move || handle.clear());
    }
    let when = move || format_local_datetime(due_at, i18n.locale().tag());
    let distance = move || {
        let relative = relative_due(due_at, now.get());
        let amount = format_distance(relative.amount, relative.unit, i18n.locale().tag());
        let template = match relative.direction {
            DueDirection::Ahead => WorkMsg::DueIn,
            DueDirection::Past => WorkMsg::OverdueBy,
        };
        i18n.w(template).replace("{distance}", &amount)
    };
    let is_past = move || relative_due(due_at, now.get()).direction == DueDirection::Past;
    view! {
        <span class="due-text" class:is-overdue=is_past>
            <time datetime=due_at.to_string()>{move || i18n.w(WorkMsg::DueAt).replace("{time}", &when())}</time>
            " · " <span class="due-distance">{distance}</span>
        </span>
    }
}
