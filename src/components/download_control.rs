//! "Download for offline use" for a course or one of its lessons, and what follows: a
//! progress bar with bytes and files, pause and resume, cancel, remove, and a clear message
//! when a download stops. `data-download-state` says the state for tests and styling.

use super::download_failure::FailedView;
use super::download_running::RunningView;
use crate::i18n::{I18nInjection, OfflineMsg};
use crate::state::{DownloadEntry, DownloadsInjection};
use lectern_core::offline::{course_files, DownloadFailure, DownloadProgress, DownloadState};
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

/// What the control of `lesson_id` (or, with `None`, of the course whose lessons with files
/// are `course_lessons`) shows for `entry`.
fn shown(
    entry: Option<DownloadEntry>,
    lesson_id: Option<&LessonId>,
    course_lessons: &[LessonId],
) -> Shown {
    let Some(entry) = entry else {
        return Shown::Offer;
    };
    let download = &entry.download;
    match lesson_id {
        Some(lesson_id) if !download.has_lesson(lesson_id) => return Shown::Offer,
        Some(lesson_id) if download.is_lesson_ready(lesson_id) => return Shown::Ready,
        Some(_) => {}
        // Some lessons kept, not all: the course can still be downloaded whole.
        None if download.state == DownloadState::Complete
            && !course_lessons
                .iter()
                .all(|lesson| download.has_lesson(lesson)) =>
        {
            return Shown::Offer
        }
        None => {}
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
    /// On the downloads page: the control speaks of what is kept, not of the whole course.
    #[prop(optional)]
    describes_kept: bool,
) -> impl IntoView {
    let downloads = DownloadsInjection::expect();
    let course = StoredValue::new(course);
    let lesson_id = StoredValue::new(lesson_id);
    let course_id = course.with_value(|course| course.course_id.clone());
    let course_lessons: Vec<LessonId> = course.with_value(|course| {
        if describes_kept {
            return Vec::new();
        }
        course_files(course)
            .into_iter()
            .map(|(lesson_id, _)| lesson_id)
            .collect()
    });
    let state = Memo::new({
        let course_id = course_id.clone();
        move |_| {
            lesson_id.with_value(|lesson_id| {
                shown(
                    downloads.entry(&course_id),
                    lesson_id.as_ref(),
                    &course_lessons,
                )
            })
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
