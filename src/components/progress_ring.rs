//! A small ring that fills as a lesson (or a module) is really watched, with its meaning in
//! words for screen readers. Drawn with SVG attributes, so it needs no inline style.

use crate::i18n::{fill, I18nInjection, PlayerMsg};
use leptos::prelude::*;

const RADIUS: f64 = 9.0;

/// The progress ring for a share in `[0, 1]`.
#[component]
pub fn ProgressRing(
    /// How much is done, from 0 to 1.
    #[prop(into)]
    share: Signal<f64>,
    /// Whether it counts as complete (a full ring with a tick).
    #[prop(into)]
    is_complete: Signal<bool>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let circumference = 2.0 * std::f64::consts::PI * RADIUS;
    let clamped = move || {
        let share = share.get();
        if share.is_finite() {
            share.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    let offset = move || {
        let done = if is_complete.get() { 1.0 } else { clamped() };
        format!("{:.3}", circumference * (1.0 - done))
    };
    let words = move || {
        if is_complete.get() {
            i18n.p(PlayerMsg::Completed).to_owned()
        } else {
            let percent = (clamped() * 100.0).floor() as u32;
            fill(
                i18n.p(PlayerMsg::WatchedPercent),
                "percent",
                &percent.to_string(),
            )
        }
    };
    view! {
        <span
            class="progress-ring"
            data-share=move || format!("{:.3}", clamped())
            data-complete=move || is_complete.get().to_string()
        >
            <svg viewBox="0 0 24 24" width="22" height="22" focusable="false" aria-hidden="true">
                <circle class="ring-track" cx="12" cy="12" r=RADIUS.to_string() />
                <circle
                    class="ring-done"
                    cx="12"
                    cy="12"
                    r=RADIUS.to_string()
                    stroke-dasharray=format!("{circumference:.3}")
                    stroke-dashoffset=offset
                    transform="rotate(-90 12 12)"
                />
                <Show when=move || is_complete.get()>
                    <path class="ring-tick" d="M8 12.5l2.5 2.5L16 9.5" />
                </Show>
            </svg>
            <span class="visually-hidden">{words}</span>
        </span>
    }
}
