//! "Download for offline use" for a course or one of its lessons, and what follows: a
//! progress bar with bytes and files, pause and resume, cancel, remove, and a clear message
//! when a download stops. `data-download-state` says the state for tests and styling.

use crate::i18n::{fill, I18nInjection, OfflineMsg};
use crate::io::document::format_bytes;
use crate::state::{DownloadEntry, DownloadsInjection};
use lectern_core::offline::{DownloadFailure, DownloadProgress, DownloadState};
use lectern_core::{Course, LessonId};
use leptos::prelude::*;

/// What the control shows.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Offer,
    Running {
        progress: DownloadProgress,
        is_paused: bool,
    },
    Ready,
    Failed(DownloadFailure),
}

impl Shown {
    fn state_name(&self) -> &'static str {
        match self {
            Shown::Offer => "none",
            Shown::Running {
                is_paused: false, ..
            } => "downloading",
            Shown::Running {
                is_paused: true, ..
            } => "paused",
            Shown::Ready => "complete",
            Shown::Failed(_) => "failed",
        }
    }
}

fn shown(entry: Option<DownloadEntry>, lesson_id: Option<&LessonId>) -> Shown {
    let Some(entry) = entry else {
        return Shown::Offer;
    };
    let download = &entry.download;
    if let Some(lesson_id) = lesson_id {
        if !download.has_lesson(lesson_id) {
            return Shown::Offer;
        }
        if download.is_lesson_ready(lesson_id) {
            return Shown::Ready;
        }
    }
    match &download.state {
        DownloadState::Complete => Shown::Ready,
        DownloadState::Failed(failure) => Shown::Failed(*failure),
        DownloadState::Downloading | DownloadState::Paused => Shown::Running {
            progress: download.progress(),
            is_paused: download.state == DownloadState::Paused,
        },
    }
}

/// The download control of `course`, or of its lesson `lesson_id`.
#[component]
pub fn DownloadControl(
    course: Course,
    #[prop(optional)] lesson_id: Option<LessonId>,
) -> impl IntoView {
    let downloads = DownloadsInjection::expect();
    let course = StoredValue::new(course);
    let lesson_id = StoredValue::new(lesson_id);
    let course_id = course.with_value(|course| course.course_id.clone());
    let state = Memo::new({
        let course_id = course_id.clone();
        move |_| {
            lesson_id.with_value(|lesson_id| shown(downloads.entry(&course_id), lesson_id.as_ref()))
        }
    });
    let start = move || {
        course.with_value(|course| {
            lesson_id.with_value(|lesson_id| downloads.download(course, lesson_id.as_ref()))
        })
    };
    let remove = {
        let course_id = course_id.clone();
        move || match lesson_id.get_value() {
            Some(lesson_id)
                if downloads
                    .entry(&course_id)
                    .is_some_and(|entry| entry.download.lessons.len() > 1) =>
            {
                downloads.remove_lesson(&course_id, &lesson_id)
            }
            _ => downloads.remove(&course_id),
        }
    };
    let is_lesson = lesson_id.with_value(Option::is_some);
    view! {
        <section class="download-control" data-download-state=move || state.get().state_name()>
            {move || match state.get() {
                Shown::Offer => view! { <OfferButton is_lesson start /> }.into_any(),
                Shown::Running { progress, is_paused } => view! {
                    <RunningView progress is_paused course_id=course_id.clone() />
                }
                .into_any(),
                Shown::Ready => view! { <ReadyView is_lesson remove=remove.clone() /> }.into_any(),
                Shown::Failed(failure) => view! {
                    <FailedView failure start remove=remove.clone() />
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn OfferButton(is_lesson: bool, start: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let label = if is_lesson {
        OfflineMsg::DownloadLesson
    } else {
        OfflineMsg::DownloadCourse
    };
    view! {
        <button type="button" class="button download-start" on:click=move |_| start()>
            <span aria-hidden="true">"⤓ "</span>
            {move || i18n.o(label)}
        </button>
    }
}

#[component]
fn RunningView(
    progress: DownloadProgress,
    is_paused: bool,
    course_id: lectern_core::CourseId,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let downloads = DownloadsInjection::expect();
    let locale = move || i18n.locale().tag();
    let figures = move || {
        let bytes = match progress.bytes_total {
            Some(total) => fill(
                &fill(
                    i18n.o(OfflineMsg::BytesOf),
                    "done",
                    &format_bytes(progress.bytes_done, locale()),
                ),
                "total",
                &format_bytes(total, locale()),
            ),
            None => format_bytes(progress.bytes_done, locale()),
        };
        let files = fill(
            &fill(
                i18n.o(OfflineMsg::FilesOf),
                "done",
                &progress.files_done.to_string(),
            ),
            "total",
            &progress.files_total.to_string(),
        );
        format!("{bytes} · {files}")
    };
    let toggle = {
        let course_id = course_id.clone();
        move |_| {
            if is_paused {
                downloads.resume(&course_id)
            } else {
                downloads.pause(&course_id)
            }
        }
    };
    let cancel = move |_| downloads.remove(&course_id);
    let status = if is_paused {
        OfflineMsg::Paused
    } else {
        OfflineMsg::Downloading
    };
    view! {
        <p class="download-status" role="status">{move || i18n.o(status)}</p>
        <progress
            class="download-progress"
            aria-label=move || i18n.o(OfflineMsg::DownloadProgress)
            max=progress.bytes_total.unwrap_or(0).max(1).to_string()
            value=progress.bytes_total.map(|_| progress.bytes_done.to_string())
        ></progress>
        <p class="download-figures" data-bytes-done=progress.bytes_done.to_string()>{figures}</p>
        <div class="download-actions">
            <button type="button" class="button download-toggle" on:click=toggle>
                {move || i18n.o(if is_paused { OfflineMsg::Resume } else { OfflineMsg::Pause })}
            </button>
            <button type="button" class="button button-quiet download-cancel" on:click=cancel>
                {move || i18n.o(OfflineMsg::Cancel)}
            </button>
        </div>
    }
}

#[component]
fn ReadyView(is_lesson: bool, remove: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let ready = if is_lesson {
        OfflineMsg::LessonAvailableOffline
    } else {
        OfflineMsg::AvailableOffline
    };
    let remove_label = if is_lesson {
        OfflineMsg::RemoveLesson
    } else {
        OfflineMsg::Remove
    };
    view! {
        <p class="download-ready" role="status">
            <span aria-hidden="true">"✓ "</span>
            {move || i18n.o(ready)}
        </p>
        <button type="button" class="button button-quiet download-remove" on:click=move |_| remove()>
            {move || i18n.o(remove_label)}
        </button>
    }
}

/// The learner's message for a stopped download.
pub fn failure_text(i18n: I18nInjection, failure: DownloadFailure) -> String {
    let locale = i18n.locale().tag();
    match failure {
        DownloadFailure::NoSpace(no_space) => fill(
            &fill(
                i18n.o(OfflineMsg::FailedNoSpace),
                "needed",
                &format_bytes(no_space.needed_bytes, locale),
            ),
            "free",
            &format_bytes(no_space.available_bytes, locale),
        ),
        DownloadFailure::StorageFull => i18n.o(OfflineMsg::FailedStorageFull).to_owned(),
        DownloadFailure::Offline => i18n.o(OfflineMsg::FailedOffline).to_owned(),
        DownloadFailure::Server { status } => fill(
            i18n.o(OfflineMsg::FailedServer),
            "status",
            &status.to_string(),
        ),
        DownloadFailure::BadAnswer => i18n.o(OfflineMsg::FailedBadAnswer).to_owned(),
        DownloadFailure::Storage => i18n.o(OfflineMsg::FailedStorage).to_owned(),
    }
}

#[component]
fn FailedView(
    failure: DownloadFailure,
    start: impl Fn() + Clone + Send + Sync + 'static,
    remove: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    view! {
        <p class="download-failure" role="alert">{move || failure_text(i18n, failure)}</p>
        <div class="download-actions">
            <button type="button" class="button download-retry" on:click=move |_| start()>
                {move || i18n.o(OfflineMsg::TryAgain)}
            </button>
            <button type="button" class="button button-quiet download-remove" on:click=move |_| remove()>
                {move || i18n.o(OfflineMsg::Remove)}
            </button>
        </div>
    }
}
