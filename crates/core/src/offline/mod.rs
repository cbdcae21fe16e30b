//! Lessons kept for use without the network: which files a lesson needs, and downloads
//! of those files in byte ranges that can stop at any point and go on from there, after a
//! pause, a reload or a crash. The player stores the files in Cache Storage and this
//! bookkeeping in IndexedDB; the rules live here so they are tested natively.

mod content_range;
mod download;
mod files;
mod space;

pub use content_range::{
    parse_content_range, parse_upload_range, ContentRange, ContentRangeError, UploadRange,
};
pub use download::{
    unreferenced, ByteRange, ChunkError, CourseDownload, DownloadFailure, DownloadProgress,
    DownloadState, FileDownload, CHUNK_BYTES,
};
pub use files::{course_files, lesson_files, LessonFiles};
pub use space::{check_space, NoSpace, SPACE_HEADROOM_BYTES};
