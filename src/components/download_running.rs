//! A download under way or paused: its progress bar with bytes and files, and pause or
//! resume and cancel.

use crate::i18n::{fill, I18nInjection, OfflineMsg};
use crate::io::document::format_bytes;
use crate::state::DownloadsInjection;
use lectern_core::offline::DownloadProgress;
use leptos::prelude::*;

/// The progress of a download of `course_id`, and its controls.
#[component]
pub fn RunningView(
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
