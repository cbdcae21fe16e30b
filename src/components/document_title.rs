//! Keeps `document.title` naming the page, so browser tabs, history and screen readers
//! say where the learner is after every client-side navigation.

use crate::io::document;
use leptos::prelude::*;

/// The app's name, after the page's own name in every title.
const APP_NAME: &str = "Lectern";

/// Sets the document title to "`text` · Lectern" while the page is shown.
#[component]
pub fn DocumentTitle(
    /// What the page is: a lesson or course title, or a translated page name (reactive, so
    /// a locale switch updates it).
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    Effect::new(move |_| document::set_title(&page_title(&text.get())));
}

/// The full title for a page named `page`.
pub fn page_title(page: &str) -> String {
    if page.trim().is_empty() {
        APP_NAME.to_owned()
    } else {
        format!("{page} · {APP_NAME}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn titles_name_the_page_then_the_app() {
        assert_eq!(page_title("Welcome"), "Welcome · Lectern");
        assert_eq!(page_title("  "), "Lectern");
    }
}
