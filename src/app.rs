//! The app: contexts, the page frame (skip link, header, main) and the routes. Embedded in
//! an LMS page (framed, or on an `/embed/…` path), the player shows no app header and its
//! links stay under `/embed`; [`EmbedFrame`] links it to the host page.

use crate::components::{
    AppHeader, EmbedFrame, RequireSession, SkipLink, StorageBanner, UpdatePrompt,
};
use crate::i18n::provide_i18n;
use crate::io::embed_channel::is_framed;
use crate::pages::{
    AnnouncementsPage, CalendarPage, CatalogPage, CourseDiscussionsPage, CoursePage, DownloadsPage,
    GradebookPage, GradingPage, InboxPage, LaunchPage, LessonPage, LiveRoomPage, NotFoundPage,
    QuizSubmissionsPage, SignInPage, SyncPage, ThreadPage,
};
use crate::paths;
use crate::state::{
    provide_discussions, provide_downloads, provide_inbox, provide_progress, provide_session,
    provide_sync,
};
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
    provide_discussions();
    provide_inbox();
    provide_downloads();
    let is_embedded = is_framed() || is_embed_path();
    paths::set_embedded(is_embedded);
    let pages = move || {
        view! {
            <main id="main" tabindex="-1" class:is-embedded=is_embedded>
                <Routes fallback=|| view! { <RequireSession><NotFoundPage /></RequireSession> }>
                    <Route path=path!("/signin") view=SignInPage />
                    <Route path=path!("/launch") view=LaunchPage />
                    <Route path=path!("/downloads") view=|| view! { <RequireSession><DownloadsPage /></RequireSession> } />
                    <Route path=path!("/sync") view=|| view! { <RequireSession><SyncPage /></RequireSession> } />
                    <Route path=path!("/inbox") view=|| view! { <RequireSession><InboxPage /></RequireSession> } />
                    <Route path=path!("/calendar") view=|| view! { <RequireSession><CalendarPage /></RequireSession> } />
                    <Route path=path!("/courses/:course_id/gradebook") view=|| view! { <RequireSession><GradebookPage /></RequireSession> } />
                    <Route path=path!("/") view=|| view! { <RequireSession><CatalogPage /></RequireSession> } />
                    <Route path=path!("/courses/:course_id") view=|| view! { <RequireSession><CoursePage /></RequireSession> } />
                    <Route
                        path=path!("/courses/:course_id/lessons/:lesson_id")
                        view=|| view! { <RequireSession><LessonPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/courses/:course_id/lessons/:lesson_id/threads/:thread_id")
                        view=|| view! { <RequireSession><ThreadPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/courses/:course_id/discussions")
                        view=|| view! { <RequireSession><CourseDiscussionsPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/courses/:course_id/announcements")
                        view=|| view! { <RequireSession><AnnouncementsPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/courses/:course_id/lessons/:lesson_id/grading")
                        view=|| view! { <RequireSession><GradingPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/courses/:course_id/lessons/:lesson_id/live")
                        view=|| view! { <RequireSession><LiveRoomPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/courses/:course_id/lessons/:lesson_id/submissions")
                        view=|| view! { <RequireSession><QuizSubmissionsPage /></RequireSession> }
                    />
                    <Route path=path!("/embed/courses/:course_id") view=|| view! { <RequireSession><CoursePage /></RequireSession> } />
                    <Route
                        path=path!("/embed/courses/:course_id/lessons/:lesson_id")
                        view=|| view! { <RequireSession><LessonPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/embed/courses/:course_id/discussions")
                        view=|| view! { <RequireSession><CourseDiscussionsPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/embed/courses/:course_id/announcements")
                        view=|| view! { <RequireSession><AnnouncementsPage /></RequireSession> }
                    />
                    <Route
                        path=path!("/embed/courses/:course_id/lessons/:lesson_id/threads/:thread_id")
                        view=|| view! { <RequireSession><ThreadPage /></RequireSession> }
                    />
                </Routes>
            </main>
        }
    };
    if is_embedded {
        return view! {
            <Router>
                <EmbedFrame>
                    <UpdatePrompt />
                    <StorageBanner />
                    {pages()}
                </EmbedFrame>
            </Router>
        }
        .into_any();
    }
    view! {
        <Router>
            <SkipLink />
            <AppHeader />
            <UpdatePrompt />
            <StorageBanner />
            {pages()}
        </Router>
    }
    .into_any()
}

/// Whether the page was opened at an embedded player's path.
fn is_embed_path() -> bool {
    web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .is_some_and(|path| path.starts_with(paths::EMBED_PREFIX))
}
