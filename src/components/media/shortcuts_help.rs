//! The keyboard shortcuts overlay (`?`): a dialog listing every shortcut, closed with
//! Escape or its button, returning focus to where it was.

use crate::i18n::{I18nInjection, PlayerMsg};
use crate::state::player::PlayerInjection;
use lectern_core::playback::{ShortcutAction, SHORTCUTS};
use leptos::html;
use leptos::prelude::*;

fn describe(action: ShortcutAction) -> PlayerMsg {
    match action {
        ShortcutAction::PlayPause => PlayerMsg::ShortcutPlayPause,
        ShortcutAction::Back10 => PlayerMsg::ShortcutBack10,
        ShortcutAction::Forward10 => PlayerMsg::ShortcutForward10,
        ShortcutAction::Back5 => PlayerMsg::ShortcutBack5,
        ShortcutAction::Forward5 => PlayerMsg::ShortcutForward5,
        ShortcutAction::VolumeUp => PlayerMsg::ShortcutVolumeUp,
        ShortcutAction::VolumeDown => PlayerMsg::ShortcutVolumeDown,
        ShortcutAction::Mute => PlayerMsg::ShortcutMute,
        ShortcutAction::Fullscreen => PlayerMsg::ShortcutFullscreen,
        ShortcutAction::Captions => PlayerMsg::ShortcutCaptions,
        ShortcutAction::Slower => PlayerMsg::ShortcutSlower,
        ShortcutAction::Faster => PlayerMsg::ShortcutFaster,
        ShortcutAction::JumpToPercent => PlayerMsg::ShortcutJump,
        ShortcutAction::StartEnd => PlayerMsg::ShortcutStartEnd,
        ShortcutAction::Help => PlayerMsg::ShortcutHelp,
    }
}

/// The shortcuts dialog, over the player.
#[component]
pub fn ShortcutsHelp() -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    let close_button = NodeRef::<html::Button>::new();
    let returns_to = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move || {
        if player.is_help_open.get() {
            use wasm_bindgen::JsCast;
            let active = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            returns_to.set_value(active);
            if let Some(button) = close_button.get() {
                let _ = button.focus();
            }
        }
    });
    let close = move || {
        player.is_help_open.set(false);
        if let Some(element) = returns_to.get_value() {
            let _ = element.focus();
        }
    };
    view! {
        <div
            class="shortcuts-help"
            role="dialog"
            aria-modal="false"
            aria-labelledby="shortcuts-help-title"
            hidden=move || !player.is_help_open.get()
            on:keydown=move |event: web_sys::KeyboardEvent| {
                if event.key() == "Escape" {
                    event.prevent_default();
                    event.stop_propagation();
                    close();
                }
            }
        >
            <h2 id="shortcuts-help-title">{move || i18n.p(PlayerMsg::KeyboardShortcuts)}</h2>
            <dl>
                {SHORTCUTS.iter().map(|(action, keys)| {
                    let action = *action;
                    view! {
                        <div class="shortcut">
                            <dt>{keys.iter().map(|key| view! { <kbd>{*key}</kbd> }).collect_view()}</dt>
                            <dd>{move || i18n.p(describe(action))}</dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <button type="button" class="shortcuts-close" node_ref=close_button on:click=move |_| close()>
                {move || i18n.p(PlayerMsg::Close)}
            </button>
        </div>
    }
}
