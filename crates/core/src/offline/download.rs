//! The bookkeeping of one course's download: which lessons the learner asked for, the files
//! they need, and how far each file has come. A file is fetched in ranges of
//! [`CHUNK_BYTES`]; each range is stored before it is counted, so after a pause, a reload
//! or a crash the download goes on from the last counted byte, never from zero.

use super::{ContentRange, LessonFiles, NoSpace};
use crate::course::MediaUrl;
use crate::ids::{CourseId, LessonId};

/// The size of one range request: small enough that little is fetched twice after a crash
/// and that a pause takes effect quickly on a slow network, large enough that a long video
/// is not thousands of requests.
pub const CHUNK_BYTES: u64 = 512 * 1024;

/// Bytes `start..=end_inclusive` of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    pub start: u64,
    pub end_inclusive: u64,
}

impl ByteRange {
    /// The `Range` request header's value.
    pub fn header_value(&self) -> String {
        format!("bytes={}-{}", self.start, self.end_inclusive)
    }
}

/// Why an answer to a range request cannot be counted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChunkError {
    #[error("the server sent bytes from {got}, but the download stopped at {expected}")]
    NotWhereItStopped { expected: u64, got: u64 },
    #[error("the server said {said} bytes but sent {got}")]
    LengthMismatch { said: u64, got: u64 },
    /// The file on the server is not the one the download began with: start it again.
    #[error("the file changed on the server (it was {was} bytes, it is now {now})")]
    FileChanged { was: u64, now: u64 },
}

/// One file's download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDownload {
    pub url: MediaUrl,
    /// Learned from the server's first answer (or a `HEAD`).
    pub size_bytes: Option<u64>,
    /// Bytes stored so far, always from the start of the file.
    pub fetched_bytes: u64,
    /// Where each stored part begins, in order (a server may send less than was asked,
    /// so parts are not all [`CHUNK_BYTES`] long). Empty for a file that came whole.
    pub part_starts: Vec<u64>,
    /// The `Content-Type` the server gave, kept with the file.
    pub content_type: Option<String>,
}

impl FileDownload {
    pub fn new(url: MediaUrl) -> FileDownload {
        FileDownload {
            url,
            size_bytes: None,
            fetched_bytes: 0,
            part_starts: Vec::new(),
            content_type: None,
        }
    }

    /// Every byte is stored and the parts are joined into the file the player plays.
    pub fn is_complete(&self) -> bool {
        self.is_fetched() && self.part_starts.is_empty()
    }

    /// Every byte is stored, perhaps still in parts.
    pub fn is_fetched(&self) -> bool {
        self.size_bytes == Some(self.fetched_bytes)
    }

    /// The parts are now one file.
    pub fn mark_assembled(&mut self) {
        if self.is_fetched() {
            self.part_starts.clear();
        }
    }

    /// The next range to ask for, or `None` when the file is complete.
    pub fn next_range(&self) -> Option<ByteRange> {
        let start = self.fetched_bytes;
        let end_exclusive = match self.size_bytes {
            Some(size) if start >= size => return None,
            Some(size) => size.min(start + CHUNK_BYTES),
            None => start + CHUNK_BYTES,
        };
        Some(ByteRange {
            start,
            end_inclusive: end_exclusive - 1,
        })
    }

    /// Counts a `206` answer that carried `body_len` bytes described by `range`.
    pub fn accept_part(&mut self, range: ContentRange, body_len: u64) -> Result<(), ChunkError> {
        if let Some(size) = self.size_bytes.filter(|size| *size != range.total) {
            return Err(ChunkError::FileChanged {
                was: size,
                now: range.total,
            });
        }
        if range.start != self.fetched_bytes {
            return Err(ChunkError::NotWhereItStopped {
                expected: self.fetched_bytes,
                got: range.start,
            });
        }
        if range.len() != body_len {
            return Err(ChunkError::LengthMismatch {
                said: range.len(),
                got: body_len,
            });
        }
        self.size_bytes = Some(range.total);
        self.fetched_bytes = range.end_inclusive + 1;
        self.part_starts.push(range.start);
        Ok(())
    }

    /// Counts a `200` answer: a server that ignores ranges sent the whole file at once.
    pub fn accept_whole(&mut self, body_len: u64) {
        self.size_bytes = Some(body_len);
        self.fetched_bytes = body_len;
        self.part_starts.clear();
    }

    /// Forgets what was fetched, for a file that changed on the server (drop its parts
    /// first: they are listed in `part_starts`).
    pub fn restart(&mut self) {
        self.size_bytes = None;
        self.fetched_bytes = 0;
        self.part_starts.clear();
    }
}

/// Where a course's download stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadState {
    /// Fetching, or waiting for its turn; after a reload it goes on by itself.
    Downloading,
    /// The learner paused it; it waits for them.
    Paused,
    Complete,
    /// It stopped; it goes on only when the learner asks again.
    Failed(DownloadFailure),
}

/// Why a download stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadFailure {
    /// Checked before starting: it would not fit.
    NoSpace(NoSpace),
    /// The browser refused to store more (`QuotaExceededError`) while downloading.
    StorageFull,
    /// The network went away; it goes on by itself when the network is back.
    Offline,
    /// The server answered with this status.
    Server { status: u16 },
    /// The server's answers did not add up (a file that keeps changing, a bad range).
    BadAnswer,
    /// This device's storage failed for another reason.
    Storage,
}

/// Totals for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownloadProgress {
    pub bytes_done: u64,
    /// `None` until every file's size is known.
    pub bytes_total: Option<u64>,
    pub files_done: usize,
    pub files_total: usize,
}

/// One course's download: the lessons asked for and the union of their files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseDownload {
    pub course_id: CourseId,
    /// The lessons asked for, each with the files it needs.
    pub lessons: Vec<(LessonId, Vec<MediaUrl>)>,
    /// Every file of those lessons, once, in the order they are fetched.
    pub files: Vec<FileDownload>,
    pub state: DownloadState,
}

impl CourseDownload {
    pub fn new(course_id: CourseId) -> CourseDownload {
        CourseDownload {
            course_id,
            lessons: Vec::new(),
            files: Vec::new(),
            state: DownloadState::Downloading,
        }
    }

    /// Adds lessons (again adding one already there changes nothing). A finished download
    /// with new files starts again for them; a paused one stays paused.
    pub fn add_lessons(&mut self, lessons: impl IntoIterator<Item = (LessonId, LessonFiles)>) {
        for (lesson_id, files) in lessons {
            if self.has_lesson(&lesson_id) {
                continue;
            }
            for url in &files.downloadable {
                if !self.files.iter().any(|file| &file.url == url) {
                    self.files.push(FileDownload::new(url.clone()));
                }
            }
            self.lessons.push((lesson_id, files.downloadable));
        }
        if self.state != DownloadState::Paused && !self.is_every_file_complete() {
            self.state = DownloadState::Downloading;
        }
    }

    /// Takes a lesson out and returns the files no remaining lesson of this course needs.
    pub fn remove_lesson(&mut self, lesson_id: &LessonId) -> Vec<MediaUrl> {
        self.lessons.retain(|(kept, _)| kept != lesson_id);
        let (kept, freed): (Vec<_>, Vec<_>) = std::mem::take(&mut self.files)
            .into_iter()
            .partition(|file| {
                self.lessons
                    .iter()
                    .any(|(_, urls)| urls.contains(&file.url))
            });
        self.files = kept;
        self.finish_if_done();
        freed.into_iter().map(|file| file.url).collect()
    }

    pub fn has_lesson(&self, lesson_id: &LessonId) -> bool {
        self.lessons.iter().any(|(kept, _)| kept == lesson_id)
    }

    /// Whether every file the lesson needs is stored.
    pub fn is_lesson_ready(&self, lesson_id: &LessonId) -> bool {
        self.lessons
            .iter()
            .find(|(kept, _)| kept == lesson_id)
            .is_some_and(|(_, urls)| {
                urls.iter().all(|url| {
                    self.files
                        .iter()
                        .any(|file| &file.url == url && file.is_complete())
                })
            })
    }

    pub fn is_every_file_complete(&self) -> bool {
        self.files.iter().all(FileDownload::is_complete)
    }

    /// The first file still to fetch.
    pub fn next_file(&mut self) -> Option<&mut FileDownload> {
        self.files.iter_mut().find(|file| !file.is_complete())
    }

    /// Marks the download complete once every file is.
    pub fn finish_if_done(&mut self) {
        if self.is_every_file_complete() && !self.lessons.is_empty() {
            self.state = DownloadState::Complete;
        }
    }

    pub fn progress(&self) -> DownloadProgress {
        let sizes: Option<u64> = self.files.iter().map(|file| file.size_bytes).sum();
        DownloadProgress {
            bytes_done: self.files.iter().map(|file| file.fetched_bytes).sum(),
            bytes_total: sizes,
            files_done: self.files.iter().filter(|file| file.is_complete()).count(),
            files_total: self.files.len(),
        }
    }

    /// Bytes still to fetch, once every size is known.
    pub fn remaining_bytes(&self) -> Option<u64> {
        let progress = self.progress();
        progress
            .bytes_total
            .map(|total| total.saturating_sub(progress.bytes_done))
    }
}

/// Of `freed`, the files no other download still needs, which may leave the device.
pub fn unreferenced(freed: Vec<MediaUrl>, others: &[CourseDownload]) -> Vec<MediaUrl> {
    freed
        .into_iter()
        .filter(|url| {
            !others
                .iter()
                .any(|other| other.files.iter().any(|file| &file.url == url))
        })
        .collect()
}

#[cfg(test)]
#[path = "download_tests.rs"]
mod tests;
