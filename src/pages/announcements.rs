//! `/courses/:course_id/announcements`: a course's announcements, newest first, and for
//! instructors the composer that sends one to every enrolled learner's inbox.

use crate::components::{DocumentTitle, ErrorView, Loading, MarkdownView};
use crate::i18n::{action_error_line, CollabMsg, I18nInjection};
use crate::io::document::format_local_datetime;
use crate::io::http::HttpError;
use crate::io::inbox_api;
use crate::state::SessionInjection;
use lectern_api::v1::{AnnouncementView, NewAnnouncement};
use lectern_core::user::Role;
use lectern_core::CourseId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The announcements page.
#[component]
pub fn AnnouncementsPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let params = use_params_map();
    let raw_course_id = Memo::new(move |_| params.read().get("course_id").unwrap_or_default());
    let loaded = LocalResource::new(move || {
        let raw = raw_course_id.get();
        async move {
            let course_id = CourseId::parse(&raw).map_err(|_| HttpError::NotFound)?;
            let token = session.token_untracked().ok_or(HttpError::SignedOut)?;
            let list = session.observe(inbox_api::announcements(&token, &course_id).await)?;
            Ok((course_id, list.announcements))
        }
    });
    let teaches = move || {
        session
            .user_untracked()
            .is_some_and(|user| matches!(user.role, Role::Instructor | Role::Admin))
    };
    view! {
        <DocumentTitle text=i18n.c(CollabMsg::AnnouncementsHeading).to_owned() />
        <h1>{move || i18n.c(CollabMsg::AnnouncementsHeading)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((course_id, announcements)) => view! {
                        {teaches().then(|| view! { <AnnouncementComposer course_id on_sent=move || loaded.refetch() /> })}
                        {announcements.is_empty().then(|| view! { <p>{move || i18n.c(CollabMsg::NoAnnouncements)}</p> })}
                        <ul class="announcements">{announcements.into_iter().map(announcement_item).collect_view()}</ul>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error is_page=false on_retry=move || loaded.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn announcement_item(announcement: AnnouncementView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let created_at = announcement.created_at;
    view! {
        <li class="announcement" data-announcement-id=announcement.announcement_id.clone()>
            <h2>{announcement.title.clone()}</h2>
            <p class="post-byline">
                {announcement.author.clone()} " · "
                <time datetime=created_at.to_string()>{move || format_local_datetime(created_at, i18n.locale().tag())}</time>
            </p>
            <div class="post-body"><MarkdownView source=announcement.body.clone() /></div>
        </li>
    }
}

/// The instructor's form: a title and a Markdown body, sent at once (online only).
#[component]
fn AnnouncementComposer(course_id: CourseId, #[prop(into)] on_sent: Callback<()>) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let course = StoredValue::new(course_id);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = session.token_untracked() else {
            return;
        };
        let announcement = NewAnnouncement {
            title: title.get_untracked(),
            body: body.get_untracked(),
        };
        sending.set(true);
        leptos::task::spawn_local(async move {
            let sent = inbox_api::announce(&token, &course.get_value(), &announcement).await;
            sending.set(false);
            match session.observe(sent) {
                Ok(_) => {
                    title.set(String::new());
                    body.set(String::new());
                    error.set(None);
                    on_sent.run(());
                }
                Err(err) => error.set(Some(action_error_line(i18n.locale(), &err))),
            }
        });
    };
    view! {
        <form class="announcement-composer" on:submit=send novalidate>
            <h2>{move || i18n.c(CollabMsg::NewAnnouncement)}</h2>
            <label for="announcement-title">{move || i18n.c(CollabMsg::TitleLabel)}</label>
            <input id="announcement-title" type="text" prop:value=move || title.get()
                on:input=move |ev| title.set(event_target_value(&ev)) />
            <label for="announcement-body">{move || i18n.c(CollabMsg::BodyLabel)}</label>
            <textarea id="announcement-body" rows="5" aria-describedby="announcement-error"
                prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <p class="form-error" id="announcement-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="button" disabled=move || sending.get()>{move || i18n.c(CollabMsg::Announce)}</button>
        </form>
    }
}
