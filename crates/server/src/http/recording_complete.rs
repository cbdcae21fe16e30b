//! `POST /api/v1/live/{session_id}/recording/complete`: the instructor says the recording is
//! whole, when it started and how long it is. The server writes the main room's chat as a
//! WebVTT track beside it (names from the users table), adds the recording lesson to the
//! stored manifest right after the live lesson (so `GET /api/v1/courses/{course_id}` lists
//! it), marks the recording complete and puts a `recording_ready` notification in the inbox
//! of every learner enrolled. Completing again does it all again from what is stored then:
//! the same body changes nothing (the lesson is replaced by itself, and each learner is
//! notified of a recording once); another corrects the start or the duration.

use super::assignment_rules::media_type_essence;
use super::live_access::instructed_session;
use super::live_recording::recording_status;
use super::recording_files::RecordingFiles;
use super::recording_problem::RecordingProblem;
use super::{ApiError, ApiJson, AuthUser};
use crate::db::notifications::{self, NewNotification};
use crate::db::{courses, live as live_db, recordings};
use crate::import::store_course;
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::live::{CompleteRecording, RecordingStatus, MAX_RECORDING_SECONDS};
use lectern_api::v1::NotificationKind;
use lectern_core::course::Course;
use lectern_core::live::{class_track_vtt, with_recording_lesson, LiveSessionId, RecordingLesson};
use lectern_core::validate_manifest;
use sqlx::SqliteConnection;

pub(super) async fn complete(
    State(state): State<AppState>,
    caller: AuthUser,
    Path(raw_session_id): Path<String>,
    body: Result<ApiJson<CompleteRecording>, ApiError>,
) -> Result<Json<RecordingStatus>, ApiError> {
    let session_id =
        &instructed_session(&state.db, &caller.profile.user_id, &raw_session_id).await?;
    let ApiJson(completion) = body?;
    if !(1..=MAX_RECORDING_SECONDS).contains(&completion.duration_seconds) {
        return Err(RecordingProblem::Invalid(format!(
            "A recording lasts from 1 to {MAX_RECORDING_SECONDS} seconds; \"duration_seconds\" \
             is {}.",
            completion.duration_seconds
        ))
        .into());
    }
    let files = RecordingFiles::new(state.media_dir.as_deref(), session_id)?;
    let Some(stored) = recordings::find(&state.db, session_id)
        .await?
        .filter(|stored| stored.bytes_stored > 0)
    else {
        return Err(RecordingProblem::NothingRecorded.into());
    };
    let chat = live_db::chat_messages(&state.db, session_id).await?;
    let names = live_db::chat_sender_names(&state.db, session_id).await?;
    let duration = SignedDuration::from_secs(i64::from(completion.duration_seconds));
    let polls = live_db::closed_poll_results(&state.db, session_id).await?;
    let vtt = class_track_vtt(&chat, &polls, &names, completion.started_at, duration);
    files.write_chat_track(&vtt).await?;
    let recording = RecordingLesson {
        is_audio_only: media_type_essence(&stored.mime_type) == "audio/webm",
        media_url: files.media_url()?,
        chat_track_url: files.chat_url()?,
        duration_seconds: completion.duration_seconds,
    };
    let now = state.clock.now();
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let course = add_lesson(&mut transaction, session_id, &recording).await?;
    recordings::complete(
        &mut *transaction,
        session_id,
        completion.started_at,
        completion.duration_seconds,
        now,
    )
    .await?;
    let ready = Ready {
        course: &course,
        session_id,
        files: &files,
        instructor_name: &caller.profile.display_name,
        now,
    };
    notify_learners(&mut transaction, &ready).await?;
    let completed = recordings::find(&mut *transaction, session_id).await?;
    transaction.commit().await?;
    Ok(Json(recording_status(session_id, completed.as_ref())))
}

/// Puts the recording lesson in the stored manifest (unless it is there as it would be),
/// answering the course with it.
async fn add_lesson(
    conn: &mut SqliteConnection,
    session_id: &LiveSessionId,
    recording: &RecordingLesson,
) -> Result<Course, ApiError> {
    let internal = |what: &str, err: &dyn std::fmt::Display| {
        ApiError::Internal(format!(
            "{what} of course {}: {err}",
            session_id.course_id()
        ))
    };
    let Some(manifest_json) = courses::manifest(&mut *conn, session_id.course_id()).await? else {
        return Err(ApiError::NotFound);
    };
    let manifest: serde_json::Value = serde_json::from_str(&manifest_json)
        .map_err(|err| internal("the stored manifest does not read", &err))?;
    let with_recording = with_recording_lesson(&manifest, session_id.lesson_id(), recording)
        .map_err(|err| internal("the recording cannot be added to the manifest", &err))?;
    let course = validate_manifest(&with_recording)
        .map_err(|problems| internal("the manifest with the recording", &problems))?;
    let canonical_json = serde_json::to_string(&course)
        .map_err(|err| internal("the manifest with the recording cannot be written", &err))?;
    if canonical_json != manifest_json {
        store_course(conn, &course)
            .await
            .map_err(|err| internal("the manifest with the recording cannot be stored", &err))?;
    }
    Ok(course)
}

/// A recording that is a lesson now, to tell the course's learners of.
struct Ready<'a> {
    course: &'a Course,
    session_id: &'a LiveSessionId,
    files: &'a RecordingFiles,
    instructor_name: &'a str,
    now: Timestamp,
}

/// Tells every learner enrolled in the course that the recording is ready, once each.
async fn notify_learners(conn: &mut SqliteConnection, ready: &Ready<'_>) -> Result<(), ApiError> {
    let course_id = ready.session_id.course_id();
    let lesson_id = &ready.files.lesson_id;
    let title = ready
        .course
        .lesson(lesson_id)
        .map_or(lesson_id.as_str(), |lesson| lesson.title.as_str());
    let subject_key = format!(
        "recording_ready:{course_id}:{}",
        ready.session_id.lesson_id()
    );
    for learner in live_db::enrolled_learners(&mut *conn, course_id).await? {
        let notification = NewNotification {
            user_id: &learner,
            kind: NotificationKind::RecordingReady,
            course_id,
            lesson_id: Some(lesson_id),
            thread_id: None,
            post_id: None,
            announcement_id: None,
            subject_key: &subject_key,
            title,
            actor: Some(ready.instructor_name),
            created_at: ready.now,
        };
        notifications::notify(&mut *conn, &notification).await?;
    }
    Ok(())
}
