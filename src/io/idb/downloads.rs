//! The `downloads` store (since schema version 5): the download index. One record per
//! learner and course says which lessons are kept for offline use, how far each of their
//! files has come and where the download stands. The files themselves are in Cache
//! Storage (`io::media_cache`); a record is written after each part is kept, so it never
//! counts bytes the device does not hold.

use super::{IdbError, PlayerDb, DOWNLOADS};
use lectern_core::course::MediaUrl;
use lectern_core::offline::{
    CourseDownload, DownloadFailure, DownloadState, FileDownload, NoSpace,
};
use lectern_core::{CourseId, LessonId, UserId};
use serde::{Deserialize, Serialize};

/// One learner's download of one course, as stored since schema version 5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDownloadV1 {
    /// The key: `"user_id/course_id"`.
    pub download_key: String,
    pub user_id: String,
    pub course_id: String,
    /// Shown on the downloads page, even offline.
    pub course_title: String,
    pub lessons: Vec<StoredDownloadLessonV1>,
    pub files: Vec<StoredFileV1>,
    /// `downloading`, `paused`, `complete` or `failed`.
    pub state: String,
    /// With `failed`: `no-space`, `storage-full`, `offline`, `server`, `bad-answer` or
    /// `storage`.
    #[serde(default)]
    pub failure: Option<String>,
    /// With `server`: the status; with `no-space`: the bytes needed and free.
    #[serde(default)]
    pub failure_numbers: Vec<f64>,
    pub updated_at_ms: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDownloadLessonV1 {
    pub lesson_id: String,
    pub file_urls: Vec<String>,
}

/// Byte counts are numbers (IndexedDB has no 64-bit integers); files are far below 2^53.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFileV1 {
    pub url: String,
    pub size_bytes: Option<f64>,
    pub fetched_bytes: f64,
    pub part_starts: Vec<f64>,
    #[serde(default)]
    pub content_type: Option<String>,
}

/// The key of one learner's download of one course.
pub fn download_key(user_id: &UserId, course_id: &CourseId) -> String {
    format!("{user_id}/{course_id}")
}

impl StoredDownloadV1 {
    pub fn new(
        user_id: &UserId,
        course_title: &str,
        download: &CourseDownload,
        now_ms: f64,
    ) -> Self {
        let (state, failure, failure_numbers) = stored_state(&download.state);
        StoredDownloadV1 {
            download_key: download_key(user_id, &download.course_id),
            user_id: user_id.to_string(),
            course_id: download.course_id.to_string(),
            course_title: course_title.to_owned(),
            lessons: download
                .lessons
                .iter()
                .map(|(lesson_id, urls)| StoredDownloadLessonV1 {
                    lesson_id: lesson_id.to_string(),
                    file_urls: urls.iter().map(|url| url.as_str().to_owned()).collect(),
                })
                .collect(),
            files: download.files.iter().map(stored_file).collect(),
            state: state.to_owned(),
            failure: failure.map(str::to_owned),
            failure_numbers,
            updated_at_ms: now_ms,
        }
    }

    /// The download this record describes; `Err` names what does not read.
    pub fn download(&self) -> Result<CourseDownload, String> {
        let course_id = CourseId::parse(&self.course_id).map_err(|err| err.to_string())?;
        let url = |raw: &str| MediaUrl::parse(raw).map_err(|err| format!("{raw:?} {err}"));
        let mut lessons = Vec::new();
        for lesson in &self.lessons {
            let lesson_id = LessonId::parse(&lesson.lesson_id).map_err(|err| err.to_string())?;
            let urls = lesson
                .file_urls
                .iter()
                .map(|raw| url(raw))
                .collect::<Result<_, _>>()?;
            lessons.push((lesson_id, urls));
        }
        let mut files = Vec::new();
        for file in &self.files {
            files.push(FileDownload {
                url: url(&file.url)?,
                size_bytes: file.size_bytes.map(|size| size as u64),
                fetched_bytes: file.fetched_bytes as u64,
                part_starts: file.part_starts.iter().map(|start| *start as u64).collect(),
                content_type: file.content_type.clone(),
            });
        }
        Ok(CourseDownload {
            course_id,
            lessons,
            files,
            state: self.download_state(),
        })
    }

    fn download_state(&self) -> DownloadState {
        let number = |index: usize| self.failure_numbers.get(index).copied().unwrap_or(0.0);
        let failure = match self.failure.as_deref() {
            Some("no-space") => DownloadFailure::NoSpace(NoSpace {
                needed_bytes: number(0) as u64,
                available_bytes: number(1) as u64,
            }),
            Some("storage-full") => DownloadFailure::StorageFull,
            Some("offline") => DownloadFailure::Offline,
            Some("server") => DownloadFailure::Server {
                status: number(0) as u16,
            },
            Some("bad-answer") => DownloadFailure::BadAnswer,
            _ => DownloadFailure::Storage,
        };
        match self.state.as_str() {
            "downloading" => DownloadState::Downloading,
            "paused" => DownloadState::Paused,
            "complete" => DownloadState::Complete,
            _ => DownloadState::Failed(failure),
        }
    }
}

fn stored_file(file: &FileDownload) -> StoredFileV1 {
    StoredFileV1 {
        url: file.url.as_str().to_owned(),
        size_bytes: file.size_bytes.map(|size| size as f64),
        fetched_bytes: file.fetched_bytes as f64,
        part_starts: file.part_starts.iter().map(|start| *start as f64).collect(),
        content_type: file.content_type.clone(),
    }
}

fn stored_state(state: &DownloadState) -> (&'static str, Option<&'static str>, Vec<f64>) {
    let DownloadState::Failed(failure) = state else {
        let name = match state {
            DownloadState::Downloading => "downloading",
            DownloadState::Paused => "paused",
            _ => "complete",
        };
        return (name, None, Vec::new());
    };
    let (code, numbers) = match failure {
        DownloadFailure::NoSpace(no_space) => (
            "no-space",
            vec![
                no_space.needed_bytes as f64,
                no_space.available_bytes as f64,
            ],
        ),
        DownloadFailure::StorageFull => ("storage-full", Vec::new()),
        DownloadFailure::Offline => ("offline", Vec::new()),
        DownloadFailure::Server { status } => ("server", vec![f64::from(*status)]),
        DownloadFailure::BadAnswer => ("bad-answer", Vec::new()),
        DownloadFailure::Storage => ("storage", Vec::new()),
    };
    ("failed", Some(code), numbers)
}

impl PlayerDb {
    /// Stores `record`, replacing the learner's earlier record for the course.
    pub async fn put_download(&self, record: &StoredDownloadV1) -> Result<(), IdbError> {
        self.put_record(DOWNLOADS, record).await
    }

    /// Every download on this device, of every learner (to know which files others need).
    pub async fn downloads(&self) -> Result<Vec<StoredDownloadV1>, IdbError> {
        self.all_records(DOWNLOADS).await
    }

    /// Forgets the download stored under `key`.
    pub async fn delete_download(&self, key: &str) -> Result<(), IdbError> {
        self.delete_record(DOWNLOADS, key).await
    }
}
