//! The UI locale, in context. It starts from the learner's stored choice, else from the
//! browser's languages, and keeps `<html lang dir>` in step.

use super::{
    collab_text, live_text, lms_text, offline_text, player_text, quiz_text, text, work_text,
    CollabMsg, LiveMsg, LmsMsg, Msg, OfflineMsg, PlayerMsg, QuizMsg, WorkMsg,
};
use crate::io::document::{preferred_languages, set_document_locale};
use crate::io::storage::{self, keys};
use lectern_core::locale::Locale;
use leptos::logging::warn;
use leptos::prelude::*;

/// The locale signal, in context.
#[derive(Debug, Clone, Copy)]
pub struct I18nInjection {
    locale: RwSignal<Locale>,
}

/// Provides the locale and keeps the document's `lang` and `dir` in step with it.
pub fn provide_i18n() {
    let locale = RwSignal::new(initial_locale());
    set_document_locale(locale.get_untracked());
    Effect::new(move || set_document_locale(locale.get()));
    provide_context(I18nInjection { locale });
}

impl I18nInjection {
    /// The injection provided by [`provide_i18n`].
    pub fn expect() -> Self {
        expect_context::<I18nInjection>()
    }

    /// The current locale (reactive).
    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// The text of `msg` in the current locale (reactive).
    pub fn t(&self, msg: Msg) -> &'static str {
        text(self.locale.get(), msg)
    }

    /// The text of a lecture player string in the current locale (reactive).
    pub fn p(&self, msg: PlayerMsg) -> &'static str {
        player_text(self.locale.get(), msg)
    }

    /// The text of a quiz string in the current locale (reactive).
    pub fn q(&self, msg: QuizMsg) -> &'static str {
        quiz_text(self.locale.get(), msg)
    }

    /// The text of an offline-use string in the current locale (reactive).
    pub fn o(&self, msg: OfflineMsg) -> &'static str {
        offline_text(self.locale.get(), msg)
    }

    /// The text of an LMS launch string in the current locale (reactive).
    pub fn l(&self, msg: LmsMsg) -> &'static str {
        lms_text(self.locale.get(), msg)
    }

    /// The text of a discussion, inbox or announcement string in the current locale
    /// (reactive).
    pub fn c(&self, msg: CollabMsg) -> &'static str {
        collab_text(self.locale.get(), msg)
    }

    /// The text of an assignment, grading, calendar or gradebook string in the current
    /// locale (reactive).
    pub fn w(&self, msg: WorkMsg) -> &'static str {
        work_text(self.locale.get(), msg)
    }

    /// The text of a live room string in the current locale (reactive).
    pub fn live(&self, msg: LiveMsg) -> &'static str {
        live_text(self.locale.get(), msg)
    }

    /// Switches the UI to `locale` and remembers the choice.
    pub fn choose(&self, locale: Locale) {
        if let Err(err) = storage::write(keys::LOCALE, locale.tag()) {
            warn!("the language choice will not survive a reload: {err}");
        }
        self.locale.set(locale);
    }
}

fn initial_locale() -> Locale {
    match storage::read(keys::LOCALE) {
        Ok(Some(tag)) => {
            Locale::from_tag(&tag).unwrap_or_else(|| Locale::negotiate(&preferred_languages()))
        }
        Ok(None) => Locale::negotiate(&preferred_languages()),
        Err(err) => {
            warn!("cannot read the stored language: {err}");
            Locale::negotiate(&preferred_languages())
        }
    }
}
