//! The time left in an attempt, by the server's clock (corrected for this device's clock
//! offset), ticking every second. It keeps counting across reloads because it counts to the
//! server's deadline, and submits the attempt when it reaches zero. Screen readers hear it
//! at five minutes, one minute and when time is up, not every second.

use crate::i18n::{I18nInjection, QuizMsg};
use crate::io::server_clock::server_now;
use jiff::Timestamp;
use lectern_core::playback::format_clock;
use lectern_core::quiz::seconds_left;
use leptos::prelude::*;
use std::time::Duration;

/// A countdown to `deadline`; calls `on_expired` once when it reaches zero.
#[component]
pub fn QuizTimer(deadline: Timestamp, on_expired: Callback<()>) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let left = RwSignal::new(seconds_left(deadline, server_now()));
    let has_expired = StoredValue::new(false);
    let tick = move || {
        let now_left = seconds_left(deadline, server_now());
        left.set(now_left);
        if now_left == 0 && !has_expired.get_value() {
            has_expired.set_value(true);
            on_expired.run(());
        }
    };
    tick();
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(500)) {
        on_cleanup(move || handle.clear());
    }
    let announcement = move || {
        let msg = match left.get() {
            0 => QuizMsg::TimeUp,
            1..=60 => QuizMsg::OneMinuteLeft,
            61..=300 => QuizMsg::FiveMinutesLeft,
            _ => return String::new(),
        };
        i18n.q(msg).to_owned()
    };
    view! {
        <div class="quiz-timer" class:is-low=move || left.get() <= 60 role="timer" data-seconds-left=move || left.get().to_string()
            aria-label=move || i18n.q(QuizMsg::TimeLeft)>
            <span class="quiz-timer-label" aria-hidden="true">{move || i18n.q(QuizMsg::TimeLeft)}</span>
            " "
            <span class="quiz-timer-value">{move || format_clock(left.get() * 1000)}</span>
            <span class="visually-hidden" aria-live="assertive">{announcement}</span>
        </div>
    }
}
