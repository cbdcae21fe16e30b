//! The seek bar: a native range slider (so keyboards, touch and screen readers all work),
//! drawn over a track that shows what is buffered, what has been played and where chapters
//! start, with a time tooltip under the pointer. Time runs left to right in every locale,
//! as on a clock face, so the bar is always laid out left to right.

use crate::i18n::{fill, I18nInjection, PlayerMsg};
use crate::state::player::PlayerInjection;
use lectern_core::playback::{format_clock, PlayerIntent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Milliseconds an arrow key moves on the seek bar; Page Up and Page Down move ten times this.
const ARROW_STEP_MS: i64 = 5_000;

/// Where a time sits along the bar, as a CSS percentage.
fn percent(position_ms: u64, duration_ms: Option<u64>) -> String {
    let share = match duration_ms {
        Some(duration) if duration > 0 => (position_ms as f64 / duration as f64).clamp(0.0, 1.0),
        _ => 0.0,
    };
    format!("{:.3}%", share * 100.0)
}

/// The seek slider with buffered ranges, chapter marks and a hover tooltip.
#[component]
pub fn SeekBar() -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    let hover_ms = RwSignal::new(None::<u64>);
    let duration = player.duration_ms;
    let value_text = move || {
        let total = duration
            .get()
            .map_or_else(|| "--:--".to_owned(), format_clock);
        let text = fill(
            i18n.p(PlayerMsg::TimeOf),
            "position",
            &format_clock(player.position_ms.get()),
        );
        fill(&text, "duration", &total)
    };
    let on_pointer = move |event: web_sys::PointerEvent| {
        let Some(target) = event
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = target.get_bounding_client_rect();
        let Some(total) = duration.get_untracked() else {
            return;
        };
        if rect.width() <= 0.0 {
            return;
        }
        let share = ((f64::from(event.client_x()) - rect.left()) / rect.width()).clamp(0.0, 1.0);
        hover_ms.set(Some((share * total as f64) as u64));
    };
    let on_key = move |event: web_sys::KeyboardEvent| {
        let step = match event.key().as_str() {
            "ArrowRight" | "ArrowUp" => ARROW_STEP_MS,
            "ArrowLeft" | "ArrowDown" => -ARROW_STEP_MS,
            "PageUp" => ARROW_STEP_MS * 10,
            "PageDown" => -ARROW_STEP_MS * 10,
            "Home" => {
                event.prevent_default();
                player.dispatch(PlayerIntent::SeekToStart);
                return;
            }
            "End" => {
                event.prevent_default();
                player.dispatch(PlayerIntent::SeekToEnd);
                return;
            }
            _ => return,
        };
        event.prevent_default();
        player.dispatch(PlayerIntent::SeekBy { delta_ms: step });
    };
    view! {
        <div class="seek" dir="ltr">
            <div class="seek-track" aria-hidden="true">
                {move || {
                    player.buffered_ms.get().into_iter().map(|(start, end)| {
                        let width = percent(end.saturating_sub(start), duration.get());
                        view! { <span class="seek-buffered" style:left=percent(start, duration.get()) style:width=width></span> }
                    }).collect_view()
                }}
                <span class="seek-played" style:width=move || percent(player.position_ms.get(), duration.get())></span>
                {move || {
                    player.chapters.get().into_iter().filter(|chapter| chapter.start_ms > 0).map(|chapter| {
                        view! { <span class="seek-chapter-mark" style:left=percent(chapter.start_ms, duration.get())></span> }
                    }).collect_view()
                }}
            </div>
            <input
                type="range"
                class="seek-bar"
                min="0"
                max=move || duration.get().unwrap_or(0).to_string()
                step="any"
                aria-label=move || i18n.p(PlayerMsg::Seek)
                aria-valuetext=value_text
                prop:value=move || player.position_ms.get().to_string()
                on:input=move |event| {
                    if let Ok(position_ms) = event_target_value(&event).parse::<f64>() {
                        player.dispatch(PlayerIntent::SeekTo { position_ms: position_ms.max(0.0) as u64 });
                    }
                }
                on:keydown=on_key
                on:pointermove=on_pointer
                on:pointerleave=move |_| hover_ms.set(None)
            />
            <Show when=move || hover_ms.get().is_some()>
                <span class="seek-tooltip" aria-hidden="true" style:left=move || percent(hover_ms.get().unwrap_or(0), duration.get())>
                    {move || hover_ms.get().map(|ms| {
                        let chapter = player.chapters.with(|chapters| {
                            lectern_core::vtt::chapter_index_at(chapters, ms).and_then(|i| chapters.get(i).map(|c| c.title.clone()))
                        });
                        match chapter {
                            Some(title) => format!("{} · {title}", format_clock(ms)),
                            None => format_clock(ms),
                        }
                    })}
                </span>
            </Show>
        </div>
    }
}
