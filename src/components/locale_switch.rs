//! The language picker in the header.

use crate::i18n::{I18nInjection, Msg};
use lectern_core::locale::Locale;
use leptos::prelude::*;

/// A `<select>` of every shipped locale, each named in its own language.
#[component]
pub fn LocaleSwitch() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let choose = move |ev: leptos::ev::Event| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
            i18n.choose(locale);
        }
    };
    view! {
        <select
            id="locale-switch"
            class="locale-switch"
            aria-label=move || i18n.t(Msg::LanguageLabel)
            prop:value=move || i18n.locale().tag()
            on:change=choose
        >
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <option value=locale.tag() lang=locale.tag() selected=move || i18n.locale() == locale>
                            {locale.native_name()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
