//! `/downloads`: every course this learner keeps on the device, with its size, its state
//! and its controls, and how much space the site uses and may still use.

use crate::components::{DocumentTitle, DownloadControl};
use crate::i18n::{fill, I18nInjection, OfflineMsg};
use crate::io::course_source;
use crate::io::document::format_bytes;
use crate::io::storage_space;
use crate::paths;
use crate::state::{DownloadEntry, DownloadsInjection};
use leptos::prelude::*;

/// The downloads page.
#[component]
pub fn DownloadsPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let downloads = DownloadsInjection::expect();
    view! {
        <DocumentTitle text=i18n.o(OfflineMsg::DownloadsTitle).to_owned() />
        <h1>{move || i18n.o(OfflineMsg::DownloadsTitle)}</h1>
        <p>{move || i18n.o(OfflineMsg::DownloadsIntro)}</p>
        <SpaceSummary />
        <Show when=move || downloads.is_unavailable.get()>
            <p class="form-error" role="alert">{move || i18n.o(OfflineMsg::DownloadsUnavailable)}</p>
        </Show>
        <Show
            when=move || downloads.entries.with(|entries| !entries.is_empty())
            fallback=move || view! { <p class="downloads-empty">{move || i18n.o(OfflineMsg::DownloadsEmpty)}</p> }
        >
            <ul class="downloads-list">
                <For
                    each=move || downloads.entries.get()
                    key=|entry| entry.download.course_id.clone()
                    children=move |entry| view! { <DownloadItem entry /> }
                />
            </ul>
        </Show>
    }
}

/// One kept course: its title (a link), size, lessons and controls.
#[component]
fn DownloadItem(entry: DownloadEntry) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let downloads = DownloadsInjection::expect();
    let course_id = entry.download.course_id.clone();
    let size = {
        let course_id = course_id.clone();
        move || {
            let progress = downloads
                .entry(&course_id)
                .map(|entry| entry.download.progress());
            let bytes = progress
                .map(|progress| progress.bytes_done)
                .unwrap_or_default();
            fill(
                i18n.o(OfflineMsg::CourseSize),
                "size",
                &format_bytes(bytes, i18n.locale().tag()),
            )
        }
    };
    let lessons = {
        let course_id = course_id.clone();
        move || {
            let count = downloads
                .entry(&course_id)
                .map_or(0, |entry| entry.download.lessons.len());
            fill(i18n.o(OfflineMsg::LessonsKept), "count", &count.to_string())
        }
    };
    let saved_course = {
        let course_id = course_id.clone();
        LocalResource::new(move || course_source::device_copy(course_id.clone()))
    };
    let remove_id = course_id.clone();
    view! {
        <li class="downloads-item" data-course-id=course_id.to_string()>
            <h2><a href=paths::course(&course_id)>{entry.course_title.clone()}</a></h2>
            <p class="downloads-size">{size}" · "{lessons}</p>
            <Suspense>
                {move || {
                    let remove_id = remove_id.clone();
                    Suspend::new(async move {
                    match saved_course.await {
                        Some(course) => view! { <DownloadControl course describes_kept=true /> }.into_any(),
                        None => view! {
                            <button type="button" class="button button-quiet download-remove" on:click=move |_| downloads.remove(&remove_id)>
                                {move || i18n.o(OfflineMsg::Remove)}
                            </button>
                        }
                        .into_any(),
                    }
                })}}
            </Suspense>
        </li>
    }
}

/// Space used and left, and whether the browser promised to keep it.
#[component]
fn SpaceSummary() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let downloads = DownloadsInjection::expect();
    let space = LocalResource::new(move || {
        downloads.entries.track();
        async {
            (
                storage_space::estimate().await,
                storage_space::is_persisted().await,
            )
        }
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let (estimate, is_persisted) = space.await;
                let locale = i18n.locale().tag();
                let used = estimate.map(|space| {
                    let free = space.quota_bytes.saturating_sub(space.usage_bytes);
                    fill(
                        &fill(i18n.o(OfflineMsg::SpaceUsed), "used", &format_bytes(space.usage_bytes, locale)),
                        "free",
                        &format_bytes(free, locale),
                    )
                });
                let kept = if is_persisted { OfflineMsg::Persisted } else { OfflineMsg::NotPersisted };
                view! {
                    <p class="downloads-space">{used.unwrap_or_else(|| i18n.o(OfflineMsg::SpaceUnknown).to_owned())}</p>
                    <p class="downloads-persisted">{i18n.o(kept)}</p>
                }
            })}
        </Suspense>
    }
}
