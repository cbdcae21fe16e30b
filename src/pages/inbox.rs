//! `/inbox`: the signed-in user's notifications, newest first, unread ones marked, each a
//! link to its place (the thread, the graded lesson, the announcements, the live lesson).

use crate::components::{DocumentTitle, Loading};
use crate::i18n::{action_error_line, CollabMsg, I18nInjection};
use crate::io::document::format_local_datetime;
use crate::paths;
use crate::state::InboxInjection;
use lectern_api::v1::{MarkNotificationsRead, NotificationKind, NotificationView};
use leptos::prelude::*;

/// The inbox page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let inbox = InboxInjection::expect();
    let error = RwSignal::new(None::<String>);
    inbox.refresh();
    let mark_all = move |_| {
        leptos::task::spawn_local(async move {
            let marks = MarkNotificationsRead {
                all: true,
                ..MarkNotificationsRead::default()
            };
            let outcome = inbox.mark_read(marks).await;
            error.set(
                outcome
                    .err()
                    .map(|err| action_error_line(i18n.locale(), &err)),
            );
        });
    };
    view! {
        <DocumentTitle text=i18n.c(CollabMsg::InboxTitle).to_owned() />
        <h1>{move || i18n.c(CollabMsg::InboxTitle)}</h1>
        <button type="button" class="button button-quiet mark-all-read" on:click=mark_all
            disabled=move || inbox.unread() == 0>{move || i18n.c(CollabMsg::MarkAllRead)}</button>
        <p class="form-error" role="alert">{move || error.get()}</p>
        {move || match inbox.list.get() {
            None => view! { <Loading /> }.into_any(),
            Some(list) if list.notifications.is_empty() => {
                view! { <p class="inbox-empty">{move || i18n.c(CollabMsg::InboxEmpty)}</p> }.into_any()
            }
            Some(list) => view! {
                <ul class="notifications">
                    {list.notifications.into_iter().map(notification_item).collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

fn notification_item(notification: NotificationView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let inbox = InboxInjection::expect();
    let href = place_of(&notification);
    let created_at = notification.created_at;
    let (kind, title) = (notification.kind, notification.title.clone());
    let actor = notification.actor.clone().unwrap_or_default();
    let line = move || {
        let template = i18n.c(match kind {
            NotificationKind::Reply => CollabMsg::NotifyReply,
            NotificationKind::Graded => CollabMsg::NotifyGraded,
            NotificationKind::Announcement => CollabMsg::NotifyAnnouncement,
            NotificationKind::LiveSoon => CollabMsg::NotifyLiveSoon,
            NotificationKind::RecordingReady => CollabMsg::NotifyRecordingReady,
        });
        template
            .replace("{name}", &actor)
            .replace("{title}", &title)
    };
    let notification_id = notification.notification_id.clone();
    let is_unread = !notification.read;
    let open = move |_| {
        if !is_unread {
            return;
        }
        let marks = MarkNotificationsRead {
            notification_ids: vec![notification_id.clone()],
            all: false,
        };
        leptos::task::spawn_local(async move {
            if let Err(err) = inbox.mark_read(marks).await {
                leptos::logging::warn!("the notification could not be marked read: {err}");
            }
        });
    };
    view! {
        <li class="notification" class:is-unread=is_unread data-kind=kind_name(kind)
            data-notification-id=notification.notification_id.clone()>
            <a href=href on:click=open>{line}</a>
            {is_unread.then(|| view! { " " <span class="badge badge-new">{move || i18n.c(CollabMsg::Unread)}</span> })}
            <time datetime=created_at.to_string()>{move || format_local_datetime(created_at, i18n.locale().tag())}</time>
        </li>
    }
}

/// Where a notification leads.
fn place_of(notification: &NotificationView) -> String {
    let course_id = &notification.course_id;
    match (
        &notification.kind,
        &notification.lesson_id,
        &notification.thread_id,
    ) {
        (NotificationKind::Reply, Some(lesson_id), Some(thread_id)) => {
            paths::thread(course_id, lesson_id, thread_id)
        }
        (NotificationKind::Announcement, _, _) => paths::announcements(course_id),
        (_, Some(lesson_id), _) => paths::lesson(course_id, lesson_id),
        _ => paths::course(course_id),
    }
}

fn kind_name(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::Reply => "reply",
        NotificationKind::Graded => "graded",
        NotificationKind::Announcement => "announcement",
        NotificationKind::LiveSoon => "live_soon",
        NotificationKind::RecordingReady => "recording_ready",
    }
}
