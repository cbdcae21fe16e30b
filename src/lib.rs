//! Lectern's player: a Leptos single-page app. `app` holds the router and the app-wide
//! contexts, `pages` one view per route, `components` the pieces they share, `state` the
//! app-wide stores, `i18n` the message catalogs and `io` the only code that touches the
//! browser (fetch, IndexedDB, localStorage, the document).

pub mod app;
pub mod components;
pub mod i18n;
pub mod io;
pub mod pages;
pub mod paths;
pub mod state;
