//! Where a live session's recording and its chat track are kept: in the media directory, at
//! `{course_id}/recordings/{lesson_id}.webm` and `{lesson_id}-chat.vtt` (`lesson_id` the
//! live lesson's), so `/media/` serves them, with ranges, at those paths. Ids are slugs, so
//! the paths never leave the directory, and the chat track is replaced whole (written
//! beside it under a hidden name, which `/media/` never serves, then renamed).

use super::recording_problem::RecordingProblem;
use super::upload_files::write_at_path;
use super::uploads::sentence;
use super::ApiError;
use lectern_core::course::MediaUrl;
use lectern_core::live::{recording_lesson_id, LiveSessionId};
use lectern_core::LessonId;
use std::path::{Path, PathBuf};

/// The files of one session's recording.
#[derive(Debug, Clone)]
pub(super) struct RecordingFiles {
    /// `{media_dir}/{course_id}/recordings`.
    dir: PathBuf,
    /// The live lesson's id, which the files are named by.
    live_lesson_id: LessonId,
    /// The lesson the recording becomes.
    pub lesson_id: LessonId,
    course_path: String,
}

/// A failure of the media directory: the server's, never the client's.
fn storage_error(action: &str, path: &Path, err: std::io::Error) -> ApiError {
    ApiError::Internal(format!("could not {action} {}: {err}", path.display()))
}

impl RecordingFiles {
    /// The files of `session_id`'s recording in `media_dir`: none without a media directory
    /// (503), nor for a live lesson whose recording's lesson id would be too long (422).
    pub fn new(
        media_dir: Option<&Path>,
        session_id: &LiveSessionId,
    ) -> Result<RecordingFiles, ApiError> {
        let Some(media_dir) = media_dir else {
            return Err(RecordingProblem::Unavailable.into());
        };
        let lesson_id = recording_lesson_id(session_id.lesson_id())
            .map_err(|err| RecordingProblem::Invalid(sentence(&err.to_string())))?;
        let course_path = format!("{}/recordings", session_id.course_id());
        Ok(RecordingFiles {
            dir: media_dir.join(&course_path),
            live_lesson_id: session_id.lesson_id().clone(),
            lesson_id,
            course_path,
        })
    }

    fn media_name(&self) -> String {
        format!("{}.webm", self.live_lesson_id)
    }

    fn chat_name(&self) -> String {
        format!("{}-chat.vtt", self.live_lesson_id)
    }

    /// Where `/media/` serves the recording.
    pub fn media_url(&self) -> Result<MediaUrl, ApiError> {
        self.url(&self.media_name())
    }

    /// Where `/media/` serves the chat track.
    pub fn chat_url(&self) -> Result<MediaUrl, ApiError> {
        self.url(&self.chat_name())
    }

    fn url(&self, name: &str) -> Result<MediaUrl, ApiError> {
        let raw = format!("/media/{}/{name}", self.course_path);
        MediaUrl::parse(&raw)
            .map_err(|err| ApiError::Internal(format!("{raw:?} is not a media URL: {err}")))
    }

    /// Writes `bytes` of the recording at `offset`, cutting what was past it.
    pub async fn write_media_at(&self, offset: u64, bytes: &[u8]) -> Result<(), ApiError> {
        let path = self.dir.join(self.media_name());
        write_at_path(&path, offset, bytes)
            .await
            .map_err(|err| storage_error("write", &path, err))
    }

    /// Replaces the chat track with `vtt`, durably.
    pub async fn write_chat_track(&self, vtt: &str) -> Result<(), ApiError> {
        let path = self.dir.join(self.chat_name());
        let hidden = self.dir.join(format!(".{}.partial", self.chat_name()));
        write_at_path(&hidden, 0, vtt.as_bytes())
            .await
            .map_err(|err| storage_error("write", &hidden, err))?;
        tokio::fs::rename(&hidden, &path)
            .await
            .map_err(|err| storage_error("replace", &path, err))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(raw: &str) -> LiveSessionId {
        LiveSessionId::parse(raw).unwrap()
    }

    #[test]
    fn recordings_are_under_their_course_in_the_media_directory() {
        let files =
            RecordingFiles::new(Some(Path::new("/srv/media")), &session("astro.class")).unwrap();
        assert_eq!(
            files.media_url().unwrap().as_str(),
            "/media/astro/recordings/class.webm"
        );
        assert_eq!(
            files.chat_url().unwrap().as_str(),
            "/media/astro/recordings/class-chat.vtt"
        );
        assert_eq!(files.lesson_id.as_str(), "class-recording");
        assert_eq!(
            files.dir.join(files.media_name()),
            Path::new("/srv/media/astro/recordings/class.webm")
        );
    }

    #[test]
    fn no_media_directory_or_too_long_an_id_keeps_no_recording() {
        let none = RecordingFiles::new(None, &session("astro.class"));
        assert!(matches!(
            none,
            Err(ApiError::Recording(RecordingProblem::Unavailable))
        ));
        let long = session(&format!("astro.{}", "l".repeat(60)));
        let Err(ApiError::Recording(RecordingProblem::Invalid(detail))) =
            RecordingFiles::new(Some(Path::new("/m")), &long)
        else {
            panic!("a recording lesson id of 70 characters");
        };
        assert!(detail.starts_with("The recording of lesson"), "{detail}");
    }

    #[tokio::test]
    async fn the_chat_track_is_replaced_whole() {
        let scratch = tempfile::tempdir().unwrap();
        let files = RecordingFiles::new(Some(scratch.path()), &session("astro.class")).unwrap();
        files
            .write_chat_track("WEBVTT\n\nlonger text")
            .await
            .unwrap();
        files.write_chat_track("WEBVTT\n").await.unwrap();
        let dir = scratch.path().join("astro").join("recordings");
        assert_eq!(
            std::fs::read_to_string(dir.join("class-chat.vtt")).unwrap(),
            "WEBVTT\n"
        );
        assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1);
    }
}
