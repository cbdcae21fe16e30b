//! The bytes of uploads on disk: one file per upload in the uploads directory, named by the
//! upload id alone (a validated UUID, so never a path and never the learner's file name),
//! written at the offset the database says comes next, and hashed once complete. The
//! database is the truth about how many bytes are stored: bytes written past it (a write
//! the database never recorded) are overwritten by the next chunk. Live recordings are
//! stored the same way ([`write_at_path`], [`unstored_part`]), in the media directory.

use super::ApiError;
use lectern_core::assignment::UploadId;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::fs::{File, OpenOptions};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

/// A chunk that starts past the bytes stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct StartsPastStored;

/// The part of `bytes`, a chunk from offset `start`, that is past the `stored` bytes of its
/// file: empty when every byte of it is stored already (a chunk sent again).
pub(super) fn unstored_part(
    stored: u64,
    start: u64,
    bytes: &[u8],
) -> Result<&[u8], StartsPastStored> {
    if start > stored {
        return Err(StartsPastStored);
    }
    let already = usize::try_from(stored - start).unwrap_or(usize::MAX);
    Ok(bytes.get(already..).unwrap_or_default())
}

/// Writes `bytes` at `offset` of the file at `path` and cuts it there, durably; the file and
/// its directory are made on the first write.
pub(super) async fn write_at_path(path: &Path, offset: u64, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .await?;
    file.seek(std::io::SeekFrom::Start(offset)).await?;
    file.write_all(bytes).await?;
    let length = offset.saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
    file.set_len(length).await?;
    file.sync_data().await
}

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
        write_at_path(&self.path(upload_id), offset, bytes)
            .await
            .map_err(|err| storage_error("write", upload_id, err))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bytes_past_the_stored_ones_are_new() {
        assert_eq!(unstored_part(0, 0, b"abcd"), Ok(&b"abcd"[..]));
        assert_eq!(unstored_part(4, 4, b"efgh"), Ok(&b"efgh"[..]));
        assert_eq!(unstored_part(6, 4, b"efgh"), Ok(&b"gh"[..]));
        assert_eq!(unstored_part(8, 4, b"efgh"), Ok(&b""[..]));
        assert_eq!(unstored_part(100, 0, b"abcd"), Ok(&b""[..]));
        assert_eq!(unstored_part(4, 5, b"fgh"), Err(StartsPastStored));
    }

    #[tokio::test]
    async fn writing_at_an_offset_cuts_what_was_past_it() {
        let scratch = tempfile::tempdir().unwrap();
        let path = scratch.path().join("a").join("b.webm");
        write_at_path(&path, 0, b"abcdef").await.unwrap();
        write_at_path(&path, 3, b"XY").await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"abcXY");
    }
}
