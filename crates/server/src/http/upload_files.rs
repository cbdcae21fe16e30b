//! The bytes of uploads on disk: one file per upload in the uploads directory, named by the
//! upload id alone (a validated UUID, so never a path and never the learner's file name),
//! written at the offset the database says comes next, and hashed once complete. The
//! database is the truth about how many bytes are stored: bytes written past it (a write
//! the database never recorded) are overwritten by the next chunk.

use super::ApiError;
use lectern_core::assignment::UploadId;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::fs::{File, OpenOptions};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

/// Read size when hashing a complete upload.
const HASH_CHUNK_BYTES: usize = 64 * 1024;

/// The uploads directory.
pub(super) struct UploadFiles<'a> {
    dir: &'a Path,
}

/// A failure of the uploads directory: the server's, never the client's.
fn storage_error(action: &str, upload_id: &UploadId, err: std::io::Error) -> ApiError {
    ApiError::Internal(format!("could not {action} upload {upload_id}: {err}"))
}

impl<'a> UploadFiles<'a> {
    pub fn new(dir: &'a Path) -> UploadFiles<'a> {
        UploadFiles { dir }
    }

    fn path(&self, upload_id: &UploadId) -> PathBuf {
        self.dir.join(upload_id.as_str())
    }

    /// Writes `bytes` at `offset` and cuts the file there, durably (the directory is made
    /// on the first write).
    pub async fn write_at(
        &self,
        upload_id: &UploadId,
        offset: u64,
        bytes: &[u8],
    ) -> Result<(), ApiError> {
        let fail = |err| storage_error("write", upload_id, err);
        tokio::fs::create_dir_all(self.dir).await.map_err(fail)?;
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(self.path(upload_id))
            .await
            .map_err(fail)?;
        file.seek(std::io::SeekFrom::Start(offset))
            .await
            .map_err(fail)?;
        file.write_all(bytes).await.map_err(fail)?;
        let length = offset.saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
        file.set_len(length).await.map_err(fail)?;
        file.sync_data().await.map_err(fail)
    }

    /// The SHA-256 of the stored file, in lowercase hex.
    pub async fn sha256(&self, upload_id: &UploadId) -> Result<String, ApiError> {
        let fail = |err| storage_error("hash", upload_id, err);
        let mut file = File::open(self.path(upload_id)).await.map_err(fail)?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0; HASH_CHUNK_BYTES];
        loop {
            let read = file.read(&mut buffer).await.map_err(fail)?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
        }
        Ok(hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect())
    }

    /// The stored file, to read.
    pub async fn open(&self, upload_id: &UploadId) -> Result<File, ApiError> {
        File::open(self.path(upload_id))
            .await
            .map_err(|err| storage_error("open", upload_id, err))
    }
}
