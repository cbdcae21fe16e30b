//! The locales the player ships, negotiation from the browser's preferences, and text
//! direction. The message catalogs themselves live in the player.

use serde::{Deserialize, Serialize};

/// A UI locale with a complete message catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    En,
    Ar,
}

/// Writing direction of a locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Locale {
    /// Every shipped locale, in the order the switcher lists them.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ar];

    /// BCP 47 tag, for `<html lang>` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ar => "ar",
        }
    }

    /// The locale's own name for itself, shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ar => "العربية",
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Locale::En => Direction::Ltr,
            Locale::Ar => Direction::Rtl,
        }
    }

    /// Parses a BCP 47 tag by its primary language subtag ("ar-EG" is Arabic).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "ar" => Some(Locale::Ar),
            _ => None,
        }
    }

    /// Picks the first supported locale from the browser's ordered preferences, else English.
    pub fn negotiate<S: AsRef<str>>(preferred: &[S]) -> Locale {
        preferred
            .iter()
            .find_map(|tag| Locale::from_tag(tag.as_ref()))
            .unwrap_or(Locale::En)
    }
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn as_attr(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_first_supported() {
        assert_eq!(Locale::negotiate(&["fr-FR", "ar-EG", "en"]), Locale::Ar);
        assert_eq!(Locale::negotiate(&["de"]), Locale::En);
        assert_eq!(Locale::negotiate::<&str>(&[]), Locale::En);
        assert_eq!(Locale::negotiate(&["EN_gb"]), Locale::En);
    }

    #[test]
    fn arabic_is_rtl() {
        assert_eq!(Locale::Ar.direction().as_attr(), "rtl");
        assert_eq!(Locale::En.direction().as_attr(), "ltr");
    }
}
