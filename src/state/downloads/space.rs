//! Before a download runs: the size of what is left (from `HEAD` where a file's size is
//! not known yet) against the space the browser grants (`navigator.storage.estimate()`),
//! and the request that the browser keep the site's data (`persist()`). A download that
//! cannot fit stops at once with the numbers, before it fills the device.

use super::{runner, Shared};
use crate::io::media_fetch::{self, MediaFetchError};
use crate::io::storage_space;
use lectern_core::course::MediaUrl;
use lectern_core::offline::{check_space, DownloadFailure, DownloadState};
use lectern_core::CourseId;
use std::rc::Rc;

/// Checks the space `course_id` still needs, then lets the runner fetch it.
pub(super) async fn check_then_run(shared: Rc<Shared>, course_id: CourseId) {
    match needed_bytes(&shared, &course_id).await {
        Ok(Some(needed_bytes)) => {
            if let Some(space) = storage_space::estimate().await {
                if let Err(no_space) =
                    check_space(needed_bytes, space.usage_bytes, space.quota_bytes)
                {
                    shared.fail(&course_id, DownloadFailure::NoSpace(no_space));
                    shared.save(&course_id).await;
                    return;
                }
            }
            // The answer only changes what the downloads page says.
            storage_space::ask_to_persist().await;
        }
        Ok(None) => return,
        Err(failure) => {
            shared.fail(&course_id, failure);
            shared.save(&course_id).await;
            return;
        }
    }
    shared.save(&course_id).await;
    runner::run_pending(shared);
}

/// The bytes still to fetch, or `None` when there is nothing to run.
async fn needed_bytes(
    shared: &Shared,
    course_id: &CourseId,
) -> Result<Option<u64>, DownloadFailure> {
    let Some(entry) = shared.entry_untracked(course_id) else {
        return Ok(None);
    };
    if entry.download.state != DownloadState::Downloading {
        return Ok(None);
    }
    let mut needed = 0u64;
    for file in entry
        .download
        .files
        .iter()
        .filter(|file| !file.is_complete())
    {
        let size = match file.size_bytes {
            Some(size) => size,
            None => match media_fetch::file_size(file.url.as_str()).await {
                Ok(Some(size)) => {
                    remember_size(shared, course_id, &file.url, size);
                    size
                }
                Ok(None) => 0,
                Err(MediaFetchError::Status(status)) => {
                    return Err(DownloadFailure::Server { status })
                }
                Err(MediaFetchError::Unreachable(_) | MediaFetchError::Aborted) => {
                    return Err(DownloadFailure::Offline)
                }
            },
        };
        needed += size.saturating_sub(file.fetched_bytes);
    }
    Ok(Some(needed))
}

/// Keeps a size learned from `HEAD` for the progress bar, for a file not begun yet. Should
/// the first part say otherwise, the file starts again with the size the part gives.
fn remember_size(shared: &Shared, course_id: &CourseId, url: &MediaUrl, size: u64) {
    shared.change(course_id, |entry| {
        let file = entry.as_mut().and_then(|entry| {
            entry
                .download
                .files
                .iter_mut()
                .find(|file| &file.url == url)
        });
        if let Some(file) = file.filter(|file| file.fetched_bytes == 0) {
            file.size_bytes = Some(size);
        }
    });
}
