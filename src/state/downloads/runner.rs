//! Fetches downloads, one course at a time and one part at a time: each part is kept in
//! Cache Storage first and counted in the record after, so a crash at any point loses at
//! most the part in flight. A pause aborts the request under way; the network going away
//! stops the download until it is back; a full device stops it with a message.

use super::Shared;
use crate::io::media_cache::{self, CacheError};
use crate::io::media_fetch::{self, MediaFetchError, RangeAnswer};
use lectern_core::course::MediaUrl;
use lectern_core::offline::{
    parse_content_range, ByteRange, ChunkError, DownloadFailure, DownloadState,
};
use lectern_core::CourseId;
use leptos::logging::warn;
use leptos::prelude::WithUntracked;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::AbortController;

/// Used when the server gives no `Content-Type`.
const UNKNOWN_TYPE: &str = "application/octet-stream";

/// Which course is being fetched, and the means to stop its request.
#[derive(Default)]
pub(super) struct Runner {
    current: RefCell<Option<(CourseId, Option<AbortController>)>>,
    is_running: Cell<bool>,
}

impl Runner {
    /// Aborts the request under way if it belongs to `course_id`.
    pub(super) fn stop_if_running(&self, course_id: &CourseId) {
        if let Some((running, Some(abort))) = &*self.current.borrow() {
            if running == course_id {
                abort.abort();
            }
        }
    }
}

/// Fetches every download that is due, unless that is already happening.
pub(super) fn run_pending(shared: Rc<Shared>) {
    if shared.runner.is_running.replace(true) {
        return;
    }
    leptos::task::spawn_local(async move {
        while let Some(course_id) = next_due(&shared) {
            run_course(&shared, &course_id).await;
            if shared
                .entry_untracked(&course_id)
                .is_some_and(|entry| entry.download.state == DownloadState::Downloading)
            {
                warn!(
                    "downloads: {course_id} stopped without a reason; it waits for the next start"
                );
                break;
            }
        }
        shared.runner.is_running.set(false);
    });
}

fn next_due(shared: &Shared) -> Option<CourseId> {
    shared.entries.with_untracked(|entries| {
        entries
            .iter()
            .find(|entry| entry.download.state == DownloadState::Downloading)
            .map(|entry| entry.download.course_id.clone())
    })
}

/// What to do after one step.
enum Step {
    Next,
    Stop,
}

async fn run_course(shared: &Shared, course_id: &CourseId) {
    let abort = AbortController::new().ok();
    *shared.runner.current.borrow_mut() = Some((course_id.clone(), abort.clone()));
    let signal = abort.as_ref().map(AbortController::signal);
    loop {
        let step = match one_step(shared, course_id, signal.as_ref()).await {
            Ok(step) => step,
            Err(failure) => {
                shared.fail(course_id, failure);
                shared.save(course_id).await;
                Step::Stop
            }
        };
        if let Step::Stop = step {
            break;
        }
    }
    *shared.runner.current.borrow_mut() = None;
}

async fn one_step(
    shared: &Shared,
    course_id: &CourseId,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<Step, DownloadFailure> {
    let Some(mut entry) = shared.entry_untracked(course_id) else {
        return Ok(Step::Stop);
    };
    if entry.download.state != DownloadState::Downloading {
        return Ok(Step::Stop);
    }
    let Some(file) = entry.download.next_file() else {
        shared.change(course_id, |entry| {
            if let Some(entry) = entry {
                entry.download.finish_if_done();
            }
        });
        shared.save(course_id).await;
        return Ok(Step::Stop);
    };
    let url = file.url.clone();
    let Some(range) = file.next_range() else {
        let content_type = file.content_type.clone().unwrap_or(UNKNOWN_TYPE.into());
        assemble(
            shared,
            course_id,
            &url,
            file.part_starts.clone(),
            &content_type,
        )
        .await?;
        return Ok(Step::Next);
    };
    let answer = match media_fetch::fetch_range(url.as_str(), range, signal).await {
        Ok(answer) => answer,
        Err(MediaFetchError::Aborted) => return Ok(Step::Stop),
        Err(MediaFetchError::Unreachable(_)) => return Err(DownloadFailure::Offline),
        Err(MediaFetchError::Status(status)) => return Err(DownloadFailure::Server { status }),
    };
    keep(shared, course_id, &url, range, answer).await?;
    shared.save(course_id).await;
    Ok(Step::Next)
}

/// Stores one answer and counts it.
async fn keep(
    shared: &Shared,
    course_id: &CourseId,
    url: &MediaUrl,
    range: ByteRange,
    answer: RangeAnswer,
) -> Result<(), DownloadFailure> {
    let body_len = answer.body.size() as u64;
    let content_type = answer.content_type.clone();
    if answer.status == 200 {
        let kind = content_type.as_deref().unwrap_or(UNKNOWN_TYPE);
        media_cache::put_whole(url.as_str(), &answer.body, kind)
            .await
            .map_err(storage_failure)?;
        let old_parts = edit_file(shared, course_id, url, |file| {
            let old_parts = std::mem::take(&mut file.part_starts);
            file.accept_whole(body_len);
            file.content_type = content_type;
            Ok(old_parts)
        })?;
        drop_parts(url, &old_parts.unwrap_or_default()).await;
        return Ok(());
    }
    let header = answer.content_range.unwrap_or_default();
    let content_range = parse_content_range(&header).map_err(|err| {
        warn!("downloads: {url:?}: {err}");
        DownloadFailure::BadAnswer
    })?;
    // Checked on a copy first: nothing is stored for an answer that does not fit.
    let checked = edit_file(shared, course_id, url, |file| {
        let mut copy = file.clone();
        Ok(copy.accept_part(content_range, body_len))
    })?;
    match checked {
        None => return Ok(()),
        Some(Err(ChunkError::FileChanged { .. })) => {
            let old_parts = edit_file(shared, course_id, url, |file| {
                let old_parts = file.part_starts.clone();
                file.restart();
                Ok(old_parts)
            })?;
            drop_parts(url, &old_parts.unwrap_or_default()).await;
            return Ok(());
        }
        Some(Err(err)) => {
            warn!("downloads: {url:?} (asked {}): {err}", range.header_value());
            return Err(DownloadFailure::BadAnswer);
        }
        Some(Ok(())) => {}
    }
    media_cache::put_part(url.as_str(), content_range.start, &answer.body)
        .await
        .map_err(storage_failure)?;
    let counted = edit_file(shared, course_id, url, |file| {
        let accepted = file.accept_part(content_range, body_len);
        if file.content_type.is_none() {
            file.content_type = content_type;
        }
        Ok(accepted.is_ok())
    })?;
    if counted != Some(true) {
        // Removed or restarted meanwhile: the part is nobody's.
        drop_parts(url, &[content_range.start]).await;
    }
    Ok(())
}

/// Joins a fetched file's parts into the file the service worker serves.
async fn assemble(
    shared: &Shared,
    course_id: &CourseId,
    url: &MediaUrl,
    part_starts: Vec<u64>,
    content_type: &str,
) -> Result<(), DownloadFailure> {
    match media_cache::assemble(url.as_str(), &part_starts, content_type).await {
        Ok(()) => {
            edit_file(shared, course_id, url, |file| {
                file.mark_assembled();
                Ok(())
            })?;
        }
        Err(CacheError::MissingPart(key)) => {
            // The browser dropped a part (storage pressure): fetch the file again.
            warn!("downloads: {key} is gone; fetching {url:?} again");
            edit_file(shared, course_id, url, |file| {
                file.restart();
                Ok(())
            })?;
            drop_parts(url, &part_starts).await;
        }
        Err(err) => return Err(storage_failure(err)),
    }
    shared.save(course_id).await;
    Ok(())
}

/// Edits the file `url` of `course_id`'s download; `None` when either is gone.
fn edit_file<T>(
    shared: &Shared,
    course_id: &CourseId,
    url: &MediaUrl,
    edit: impl FnOnce(&mut lectern_core::offline::FileDownload) -> Result<T, DownloadFailure>,
) -> Result<Option<T>, DownloadFailure> {
    let mut outcome = Ok(None);
    shared.change(course_id, |entry| {
        let file = entry.as_mut().and_then(|entry| {
            entry
                .download
                .files
                .iter_mut()
                .find(|file| &file.url == url)
        });
        if let Some(file) = file {
            outcome = edit(file).map(Some);
        }
    });
    outcome
}

async fn drop_parts(url: &MediaUrl, part_starts: &[u64]) {
    if let Err(err) = media_cache::delete_parts(url.as_str(), part_starts).await {
        warn!("downloads: could not drop the parts of {url:?}: {err}");
    }
}

fn storage_failure(err: CacheError) -> DownloadFailure {
    match err {
        CacheError::QuotaExceeded => DownloadFailure::StorageFull,
        other => {
            warn!("downloads: {other}");
            DownloadFailure::Storage
        }
    }
}
