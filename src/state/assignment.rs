//! Handing work in: the files go up first (each under an upload id chosen when the learner
//! picked it, so trying again continues the same upload instead of storing a second copy),
//! then the submission is recorded as an outbox event and sent like every other event. A
//! text-only submission needs no network at all.

use super::{SessionInjection, SyncInjection};
use crate::io::event_recorder::{fresh_id, EventRecorder};
use crate::io::http::HttpError;
use crate::io::idb::IdbError;
use crate::io::upload::upload_file;
use lectern_api::v1::{SubmissionId, UploadId, UploadTarget};
use lectern_core::assignment::{
    check_file, check_submission, AssignmentRules, SubmissionProblem, SubmittedFile,
};
use lectern_core::sync::{EventBody, LearnerEvent};
use lectern_core::{CourseId, LessonId};

/// A file the learner picked, with the upload id it goes up under.
#[derive(Debug, Clone)]
pub struct ChosenFile {
    pub upload_id: UploadId,
    pub file: web_sys::File,
}

impl ChosenFile {
    /// A picked file, with a fresh upload id.
    pub fn new(file: web_sys::File) -> Result<ChosenFile, IdbError> {
        Ok(ChosenFile {
            upload_id: fresh_id(UploadId::parse)?,
            file,
        })
    }

    pub fn name(&self) -> String {
        self.file.name()
    }

    pub fn size_bytes(&self) -> u64 {
        self.file.size().max(0.0) as u64
    }

    fn as_submitted(&self) -> SubmittedFile {
        SubmittedFile {
            upload_id: self.upload_id.clone(),
            file_name: self.name(),
            media_type: self.file.type_(),
            size_bytes: self.size_bytes(),
        }
    }
}

/// Why work was not handed in.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HandInFailure {
    #[error(transparent)]
    Invalid(#[from] SubmissionProblem),
    /// A file could not go up for want of a network.
    #[error("files upload only with a connection")]
    NeedsNetwork,
    /// The server refused a file, or failed.
    #[error("the upload failed: {0}")]
    Upload(HttpError),
    #[error("the submission could not be kept on this device: {0}")]
    Storage(#[from] IdbError),
    #[error("signed out")]
    SignedOut,
}

/// What one hand-in needs from the app.
#[derive(Clone, Copy)]
pub struct HandIn {
    pub session: SessionInjection,
    pub sync: SyncInjection,
}

impl HandIn {
    /// Checks the work against `rules`, uploads its files (reporting each file's name and
    /// percent done), then records the submission. Returns the recorded event.
    pub async fn hand_in(
        &self,
        recorder: &EventRecorder,
        place: (&CourseId, &LessonId),
        rules: &AssignmentRules,
        text: String,
        files: &[ChosenFile],
        on_progress: impl Fn(&str, u8),
    ) -> Result<LearnerEvent, HandInFailure> {
        let (course_id, lesson_id) = place;
        let submitted: Vec<SubmittedFile> = files.iter().map(ChosenFile::as_submitted).collect();
        check_submission(rules, &text, &submitted)?;
        let user_id = self
            .session
            .user_id_untracked()
            .ok_or(HandInFailure::SignedOut)?;
        for (chosen, file) in files.iter().zip(&submitted) {
            let token = self
                .session
                .token_untracked()
                .ok_or(HandInFailure::SignedOut)?;
            let target = UploadTarget {
                course_id: course_id.clone(),
                lesson_id: lesson_id.clone(),
                file_name: file.file_name.clone(),
                media_type: file.media_type.clone(),
                size_bytes: file.size_bytes,
            };
            let name = file.file_name.clone();
            let total = file.size_bytes.max(1);
            let report =
                |done: u64| on_progress(&name, (done.saturating_mul(100) / total).min(100) as u8);
            let uploaded =
                upload_file(&token, &chosen.upload_id, &target, &chosen.file, report).await;
            match self.session.observe(uploaded) {
                Ok(_) => {}
                Err(HttpError::Unreachable(_)) => return Err(HandInFailure::NeedsNetwork),
                Err(HttpError::SignedOut) => return Err(HandInFailure::SignedOut),
                Err(err) => return Err(HandInFailure::Upload(err)),
            }
        }
        let body = EventBody::AssignmentSubmitted {
            submission_id: fresh_id(SubmissionId::parse)?,
            text,
            files: submitted,
        };
        let event = recorder
            .record(&user_id, course_id, lesson_id, body)
            .await?;
        self.sync.record(&user_id, vec![event.clone()]);
        Ok(event)
    }
}

/// Checks one picked file against `rules` before it is added to the list.
pub fn check_chosen(rules: &AssignmentRules, chosen: &ChosenFile) -> Result<(), SubmissionProblem> {
    let Some(file_rules) = &rules.files else {
        return Err(SubmissionProblem::FilesNotTaken);
    };
    check_file(
        file_rules,
        &chosen.name(),
        &chosen.file.type_(),
        chosen.size_bytes(),
    )
}
