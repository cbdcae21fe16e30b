//! The writing direction of course content, from its BCP 47 language tag. The UI's own
//! direction comes from its locale; a course can be in any language.

use lectern_core::locale::Direction;

/// Primary language subtags written right to left.
const RTL_LANGUAGES: [&str; 12] = [
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi",
];

/// Scripts written right to left, when the tag names one (`az-Arab`).
const RTL_SCRIPTS: [&str; 6] = ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm"];

/// The direction of text in `language` (a tag like `en`, `ar-EG`, `az-Arab`).
pub fn content_direction(language: &str) -> Direction {
    let mut subtags = language.split(['-', '_']).map(str::to_ascii_lowercase);
    let primary = subtags.next().unwrap_or_default();
    let script = subtags.find(|subtag| subtag.len() == 4);
    let is_rtl = match script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&primary.as_str()),
    };
    if is_rtl {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn knows_right_to_left_languages_and_scripts() {
        assert_eq!(content_direction("en"), Direction::Ltr);
        assert_eq!(content_direction("ar"), Direction::Rtl);
        assert_eq!(content_direction("ar-EG"), Direction::Rtl);
        assert_eq!(content_direction("he"), Direction::Rtl);
        assert_eq!(content_direction("fa_IR"), Direction::Rtl);
        assert_eq!(content_direction("az-Arab"), Direction::Rtl);
        assert_eq!(content_direction("pa-Arab-PK"), Direction::Rtl);
        assert_eq!(content_direction("ks-Deva"), Direction::Ltr);
        assert_eq!(content_direction(""), Direction::Ltr);
    }
}
