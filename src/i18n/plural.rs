//! Plural forms, by the CLDR rules of each shipped locale. Arabic has six forms, so a
//! count is never glued to a fixed noun.

use super::{fill, text, Msg};
use lectern_core::locale::Locale;

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The plural category of the whole number `n` in `locale`.
pub fn plural_category(locale: Locale, n: u64) -> PluralCategory {
    match locale {
        Locale::En if n == 1 => PluralCategory::One,
        Locale::En => PluralCategory::Other,
        Locale::Ar => match (n, n % 100) {
            (0, _) => PluralCategory::Zero,
            (1, _) => PluralCategory::One,
            (2, _) => PluralCategory::Two,
            (_, 3..=10) => PluralCategory::Few,
            (_, 11..=99) => PluralCategory::Many,
            _ => PluralCategory::Other,
        },
    }
}

/// "12 lessons", in `locale`.
pub fn lesson_count(locale: Locale, n: u64) -> String {
    let msg = match plural_category(locale, n) {
        PluralCategory::Zero => Msg::LessonsZero,
        PluralCategory::One => Msg::LessonsOne,
        PluralCategory::Two => Msg::LessonsTwo,
        PluralCategory::Few => Msg::LessonsFew,
        PluralCategory::Many => Msg::LessonsMany,
        PluralCategory::Other => Msg::LessonsOther,
    };
    fill(text(locale, msg), "count", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn english_counts() {
        assert_eq!(lesson_count(Locale::En, 0), "0 lessons");
        assert_eq!(lesson_count(Locale::En, 1), "1 lesson");
        assert_eq!(lesson_count(Locale::En, 2), "2 lessons");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_uses_all_six_forms() {
        assert_eq!(lesson_count(Locale::Ar, 0), "لا دروس");
        assert_eq!(lesson_count(Locale::Ar, 1), "درس واحد");
        assert_eq!(lesson_count(Locale::Ar, 2), "درسان");
        assert_eq!(lesson_count(Locale::Ar, 3), "3 دروس");
        assert_eq!(lesson_count(Locale::Ar, 11), "11 درسًا");
        assert_eq!(lesson_count(Locale::Ar, 100), "100 درس");
        assert_eq!(plural_category(Locale::Ar, 103), PluralCategory::Few);
        assert_eq!(plural_category(Locale::Ar, 111), PluralCategory::Many);
    }
}
