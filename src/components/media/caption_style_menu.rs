//! The caption style menu: text size and background opacity, remembered per learner.

use super::icon::{paths, Icon};
use crate::i18n::{I18nInjection, PlayerMsg};
use crate::state::player::{PlayerInjection, CAPTION_BACKGROUNDS, CAPTION_SIZES};
use leptos::prelude::*;

/// A disclosure button with two selects.
#[component]
pub fn CaptionStyleMenu() -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    let is_open = RwSignal::new(false);
    view! {
        <div class="caption-style">
            <button
                type="button"
                class="control caption-style-toggle"
                aria-expanded=move || is_open.get().to_string()
                aria-controls="caption-style-panel"
                aria-label=move || i18n.p(PlayerMsg::CaptionSettings)
                on:click=move |_| is_open.update(|open| *open = !*open)
            >
                <Icon paths=paths::SETTINGS />
            </button>
            <div id="caption-style-panel" class="caption-style-panel" hidden=move || !is_open.get()>
                <label>
                    <span>{move || i18n.p(PlayerMsg::CaptionSize)}</span>
                    <select
                        class="caption-size-select"
                        on:change=move |event| {
                            if let Ok(size) = event_target_value(&event).parse::<u16>() {
                                player.caption_size_percent.set(size);
                                player.save_prefs();
                            }
                        }
                    >
                        {CAPTION_SIZES.iter().map(|size| {
                            let size = *size;
                            view! { <option value=size.to_string() selected=move || player.caption_size_percent.get() == size>{format!("{size} %")}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i18n.p(PlayerMsg::CaptionBackground)}</span>
                    <select
                        class="caption-background-select"
                        on:change=move |event| {
                            if let Ok(opacity) = event_target_value(&event).parse::<u8>() {
                                player.caption_background_percent.set(opacity);
                                player.save_prefs();
                            }
                        }
                    >
                        {CAPTION_BACKGROUNDS.iter().map(|opacity| {
                            let opacity = *opacity;
                            view! { <option value=opacity.to_string() selected=move || player.caption_background_percent.get() == opacity>{format!("{opacity} %")}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
        </div>
    }
}
