//! The document and the browser around it: `<html lang dir>`, the learner's preferred
//! languages, focus, and the clock.

use lectern_core::locale::Locale;
use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;

/// Sets `<html lang>` and `<html dir>` for `locale`.
pub fn set_document_locale(locale: Locale) {
    let Some(root) = document().document_element() else {
        return;
    };
    // Setting an attribute on <html> only fails for invalid attribute names, never for these.
    let _ = root.set_attribute("lang", locale.tag());
    let _ = root.set_attribute("dir", locale.direction().as_attr());
}

/// The browser's ordered language preferences (`navigator.languages`).
pub fn preferred_languages() -> Vec<String> {
    window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect()
}

/// Moves keyboard focus to the element with `id`, if there is one.
pub fn focus_element(id: &str) {
    let element = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        // focus() only throws for elements that cannot take focus; nothing to do then.
        let _ = element.focus();
    }
}

/// Moves keyboard focus to the first element matching `selector`, if there is one.
pub fn focus_selector(selector: &str) {
    let element = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        // focus() only throws for elements that cannot take focus; nothing to do then.
        let _ = element.focus();
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Sets the document's title (the tab and history name of the page).
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Sets a User Timing mark, so start-up can be measured in the field and by
/// `cargo xtask bench` (`performance.getEntriesByName(name)`).
pub fn mark_performance(name: &str) {
    if let Some(performance) = window().performance() {
        // mark() only throws for names reserved by Navigation Timing; ours are prefixed.
        let _ = performance.mark(name);
    }
}

/// Milliseconds from a monotonic clock (`performance.now()`), for measuring intervals
/// that must not jump when the wall clock is changed.
pub fn monotonic_ms() -> u64 {
    window()
        .performance()
        .map_or_else(js_sys::Date::now, |performance| performance.now())
        .max(0.0) as u64
}

/// `at` as a date and time in the learner's own time zone and `locale_tag`'s language
/// (through the browser's Intl), like "1 Jul 2031, 00:00".
pub fn format_local_datetime(at: jiff::Timestamp, locale_tag: &str) -> String {
    format_local(at, locale_tag, Some("medium"))
}

/// `at` as a time of day in the learner's own zone, like "18:05" (chat lines).
pub fn format_local_time(at: jiff::Timestamp, locale_tag: &str) -> String {
    format_local(at, locale_tag, None)
}

fn format_local(at: jiff::Timestamp, locale_tag: &str, date_style: Option<&str>) -> String {
    let options = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    if let Some(date_style) = date_style {
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &date_style.into());
    }
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.as_millisecond() as f64));
    String::from(date.to_locale_string(locale_tag, &options))
}

/// Moves focus to the first element matching `selector` once the view has caught up with
/// the change just made (in a task of its own, after every pending effect has run).
pub fn focus_after_render(selector: impl Into<String>) {
    let selector = selector.into();
    leptos::prelude::set_timeout(move || focus_selector(&selector), std::time::Duration::ZERO);
}

/// A size in bytes for people, in `locale_tag`'s language (through the browser's Intl):
/// "840 kB", "1.6 MB", "2.1 GB" (decimal units, as devices report storage).
pub fn format_bytes(bytes: u64, locale_tag: &str) -> String {
    let (value, unit) = match bytes {
        0..=999_999 => (bytes as f64 / 1e3, "kilobyte"),
        1_000_000..=999_999_999 => (bytes as f64 / 1e6, "megabyte"),
        _ => (bytes as f64 / 1e9, "gigabyte"),
    };
    let options = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&options, &"style".into(), &"unit".into());
    let _ = js_sys::Reflect::set(&options, &"unit".into(), &unit.into());
    let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &1.into());
    let locales = js_sys::Array::of1(&locale_tag.into());
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    format
        .call1(&wasm_bindgen::JsValue::NULL, &value.into())
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{value:.1} {unit}"))
}

/// The launch token in this page's address (`/launch#token=…`), taken out of the address
/// bar and the history entry at once, so it is not left to be bookmarked, shared or
/// reused.
pub fn take_launch_token() -> Option<String> {
    let window = web_sys::window()?;
    let fragment = window.location().hash().ok()?;
    let launch_token = crate::paths::launch_token_in(&fragment);
    if !fragment.is_empty() {
        let cleared = window.history().and_then(|history| {
            history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(crate::paths::LAUNCH),
            )
        });
        if cleared.is_err() {
            leptos::logging::warn!("the launch token could not be taken out of the address bar");
        }
    }
    launch_token
}
