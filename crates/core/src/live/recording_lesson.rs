//! A live session's recording as a lesson of its course: the manifest gets, right after the
//! `live` lesson and in the same module, a `video` (or `audio`) lesson
//! `{live_lesson_id}-recording` titled `{live title} (recording)`, with the class chat as a
//! subtitles track in the course's language. Adding it again replaces it, so the manifest
//! never holds two. The manifest is edited as JSON (unknown fields stay as they are) and
//! the result is validated as any manifest is.

use crate::course::{validate_manifest, LessonKind, ManifestProblems, MediaUrl};
use crate::ids::{LessonId, MAX_ID_LEN};
use serde_json::{json, Map, Value};

/// What the lesson id of a recording adds to its live lesson's.
pub const RECORDING_LESSON_SUFFIX: &str = "-recording";
/// What the title of a recording adds to its live lesson's.
pub const RECORDING_TITLE_SUFFIX: &str = " (recording)";
/// The label of the chat track.
pub const CHAT_TRACK_LABEL: &str = "Class chat";
/// Longest lesson title a manifest takes, in characters.
const MAX_TITLE_CHARS: usize = 200;

/// The recording to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingLesson {
    /// Whether it has sound only (an `audio` lesson), not pictures (a `video` lesson).
    pub is_audio_only: bool,
    pub media_url: MediaUrl,
    /// The WebVTT file of the class chat ([`super::chat_track_vtt`]).
    pub chat_track_url: MediaUrl,
    pub duration_seconds: u32,
}

/// Why the recording cannot be added to the manifest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordingLessonError {
    #[error(
        "the recording of lesson {live_lesson_id} would need the lesson id \
         {live_lesson_id}{RECORDING_LESSON_SUFFIX}, which is longer than {MAX_ID_LEN} characters"
    )]
    LessonIdTooLong { live_lesson_id: LessonId },
    #[error("the manifest is not a course with modules of lessons")]
    NotACourse,
    #[error("the course has no lesson {0}")]
    NoSuchLesson(LessonId),
    #[error("lesson {0} is not a live session")]
    NotLive(LessonId),
    /// The manifest with the recording does not validate (it did not before, most likely).
    #[error("the manifest with the recording is not valid: {0}")]
    Invalid(ManifestProblems),
}

/// The lesson id of the recording of `live_lesson_id`.
pub fn recording_lesson_id(live_lesson_id: &LessonId) -> Result<LessonId, RecordingLessonError> {
    // The live lesson's id is a slug already, so only the length can be wrong.
    LessonId::parse(&format!("{live_lesson_id}{RECORDING_LESSON_SUFFIX}")).map_err(|_| {
        RecordingLessonError::LessonIdTooLong {
            live_lesson_id: live_lesson_id.clone(),
        }
    })
}

/// `manifest` with the recording of `live_lesson_id` right after it, replacing the one
/// added before, if any. The result validates as a manifest.
pub fn with_recording_lesson(
    manifest: &Value,
    live_lesson_id: &LessonId,
    recording: &RecordingLesson,
) -> Result<Value, RecordingLessonError> {
    let lesson_id = recording_lesson_id(live_lesson_id)?;
    let mut manifest = manifest.clone();
    let language = manifest
        .get("language")
        .and_then(Value::as_str)
        .unwrap_or("en")
        .to_owned();
    let Some(modules) = manifest.get_mut("modules").and_then(Value::as_array_mut) else {
        return Err(RecordingLessonError::NotACourse);
    };
    let mut module_lessons = Vec::with_capacity(modules.len());
    for module in modules.iter_mut() {
        let Some(lessons) = module.get_mut("lessons").and_then(Value::as_array_mut) else {
            return Err(RecordingLessonError::NotACourse);
        };
        lessons.retain(|lesson| !has_id(lesson, &lesson_id));
        module_lessons.push(lessons);
    }
    let found = module_lessons.into_iter().find_map(|lessons| {
        let index = lessons
            .iter()
            .position(|lesson| has_id(lesson, live_lesson_id))?;
        Some((lessons, index))
    });
    let Some((lessons, index)) = found else {
        return Err(RecordingLessonError::NoSuchLesson(live_lesson_id.clone()));
    };
    let live = lessons.get(index).and_then(Value::as_object);
    let Some(live) = live.filter(|live| field(live, "kind") == Some(LessonKind::Live.as_str()))
    else {
        return Err(RecordingLessonError::NotLive(live_lesson_id.clone()));
    };
    let title = recording_title(field(live, "title").unwrap_or(live_lesson_id.as_str()));
    let kind = if recording.is_audio_only {
        LessonKind::Audio
    } else {
        LessonKind::Video
    };
    let lesson = json!({
        "lesson_id": lesson_id,
        "title": title,
        "kind": kind.as_str(),
        "media_url": recording.media_url,
        "duration_seconds": recording.duration_seconds,
        "tracks": [{
            "kind": "subtitles",
            "language": language,
            "label": CHAT_TRACK_LABEL,
            "url": recording.chat_track_url,
        }],
    });
    lessons.insert(index + 1, lesson);
    validate_manifest(&manifest).map_err(RecordingLessonError::Invalid)?;
    Ok(manifest)
}

fn has_id(lesson: &Value, lesson_id: &LessonId) -> bool {
    lesson.get("lesson_id").and_then(Value::as_str) == Some(lesson_id.as_str())
}

fn field<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

/// `{live title} (recording)`, the live title shortened (with `…`) if the whole would be
/// longer than a manifest takes.
fn recording_title(live_title: &str) -> String {
    let live_title = live_title.trim();
    let room = MAX_TITLE_CHARS - RECORDING_TITLE_SUFFIX.chars().count();
    if live_title.chars().count() <= room {
        return format!("{live_title}{RECORDING_TITLE_SUFFIX}");
    }
    let shortened: String = live_title.chars().take(room - 1).collect();
    format!("{}…{RECORDING_TITLE_SUFFIX}", shortened.trim_end())
}

#[cfg(test)]
#[path = "recording_lesson_tests.rs"]
mod tests;
