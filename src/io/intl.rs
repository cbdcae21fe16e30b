//! Numbers, durations and zones for people, through the browser's Intl: whatever language
//! and time zone the learner's browser has, without shipping any locale data.

use lectern_core::calendar::DueUnit;

/// `amount` of `unit` in `locale_tag`'s words, with its plural: "2 days", "1 hour".
pub fn format_distance(amount: i64, unit: DueUnit, locale_tag: &str) -> String {
    let unit_name = match unit {
        DueUnit::Minutes => "minute",
        DueUnit::Hours => "hour",
        DueUnit::Days => "day",
    };
    let options = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&options, &"style".into(), &"unit".into());
    let _ = js_sys::Reflect::set(&options, &"unit".into(), &unit_name.into());
    let _ = js_sys::Reflect::set(&options, &"unitDisplay".into(), &"long".into());
    let locales = js_sys::Array::of1(&locale_tag.into());
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    format
        .call1(&wasm_bindgen::JsValue::NULL, &(amount as f64).into())
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{amount} {unit_name}s"))
}

/// The browser's time zone, as an IANA name ("Europe/Berlin"); empty if it will not say.
pub fn time_zone_name() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_default()
}
