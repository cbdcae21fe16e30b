//! The app: contexts, the page frame (skip link, header, main) and the routes.

use crate::components::{AppHeader, RequireSession, SkipLink, StorageBanner, UpdatePrompt};
use crate::i18n::provide_i18n;
use crate::pages::{
    CatalogPage, CoursePage, DownloadsPage, LaunchPage, LessonPage, NotFoundPage,
    QuizSubmissionsPage, SignInPage, SyncPage,
};
use crate::state::{provide_downloads, provide_progress, provide_session, provide_sync};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole player.
#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_session();
    provide_progress();
    provide_sync();
    provide_downloads();
    view! {
        <Router>
            <SkipLink />
            <AppHeader />
            <UpdatePrompt />
            <StorageBanner />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <RequireSession><NotFoundPage /></RequireSession> }>
                    <Route path=path!("/signin") view=SignInPage />
                    <Route path=path!("/launch") view=LaunchPage />
                    <Route path=path!("/downloads") view=|| view! { <RequireSession><DownloadsPage /></RequireSession> } />
                    <Route path=path!("/sync") view=|| view! { <RequireSession><SyncPage /></RequireSession> } />
                    <Route path=path!("/") view=|| view! { <RequireSession><CatalogPage /></RequireSession> } />
                    <Route path=path!("/courses/:course_id") view=|| view! { <RequireSession><CoursePage /></RequireSession> } />
                    <Route
                        path=path!("/courses/:course_id/lessons/:lesson_id")
                        view=|| view! { <RequireSession><LessonPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/courses/:course_id/lessons/:lesson_id/submissions")
                        view=|| view! { <RequireSession><QuizSubmissionsPage /></RequireSession> }
                    />
                </Routes>
            </main>
        </Router>
    }
}
