//! The instructor's recording of a live class: it starts when the class is live and the
//! instructor is in the room, records the picture they send (the screen while shared, else
//! the camera) and every voice of the main room (theirs and each speaker's), and ends with
//! the class or when the instructor leaves the room; the upload then completes, which
//! makes the recording a video lesson of the course. The upload is kept for the app's life,
//! not the page's, so leaving the room does not cut it short.

use super::connection::LiveConnection;
use super::media::LiveMedia;
use crate::io::class_recorder::ClassRecorder;
use crate::io::document::monotonic_ms;
use crate::io::recording_upload::{RecordingUpload, UploadState};
use crate::io::rtc::StreamContent;
use crate::io::server_clock::server_now;
use lectern_api::v1::live::{CompleteRecording, SessionStatus};
use lectern_core::live::LiveSessionId;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MediaStream, MediaStreamTrack};

thread_local! {
    /// Recordings stopping: each is kept until its last chunk is out and the upload told
    /// to complete, though its room's page may be gone.
    static STOPPING: RefCell<Vec<Rc<Active>>> = const { RefCell::new(Vec::new()) };
}

/// Where the recording stands, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordingState {
    Off,
    Recording { bytes_stored: u64 },
    Waiting,
    Saved,
    Failed(String),
}

/// One recording.
struct Active {
    recorder: ClassRecorder,
    upload: Rc<RecordingUpload>,
    started_at: jiff::Timestamp,
    started_ms: u64,
    /// Set at the stop, sent once the recorder has given its last chunk.
    completion: Rc<RefCell<Option<CompleteRecording>>>,
}

/// Records the class of `session_id` for its instructor.
pub fn record_class(
    session_id: LiveSessionId,
    token: String,
    connection: LiveConnection,
    media: LiveMedia,
) -> RwSignal<RecordingState> {
    let state = RwSignal::new(RecordingState::Off);
    let active: StoredValue<Option<Rc<Active>>, LocalStorage> = StoredValue::new_local(None);
    let should_record = Memo::new(move |_| {
        connection
            .with_room(|room| room.is_instructor() && room.status == SessionStatus::Live)
            .unwrap_or(false)
    });
    Effect::new(move |_| {
        if should_record.get() {
            if active.with_value(Option::is_none) {
                match start(&session_id, &token, state) {
                    Ok(started) => active.set_value(Some(started)),
                    Err(error) => state.set(RecordingState::Failed(error)),
                }
            }
        } else if let Some(ended) = active.try_update_value(Option::take).flatten() {
            stop(ended);
        }
    });
    // What is recorded follows what the instructor sends and who speaks.
    Effect::new(move |_| {
        let preview = media.preview.get();
        let speakers = connection
            .with_room(|room| room.speakers.clone())
            .unwrap_or_default();
        let voices: Vec<MediaStream> = media.remote.with(|remote| {
            remote
                .iter()
                .filter(|((user, content), _)| {
                    *content == StreamContent::Camera && speakers.contains(user)
                })
                .map(|(_, stream)| Clone::clone(stream))
                .chain(preview.clone())
                .collect()
        });
        active.with_value(|active| {
            if let Some(active) = active {
                active.recorder.show(picture_of(preview.as_ref()).as_ref());
                active.recorder.hear(&voices);
            }
        });
    });
    on_cleanup(move || {
        if let Some(ended) = active.try_update_value(Option::take).flatten() {
            stop(ended);
        }
    });
    state
}

fn start(
    session_id: &LiveSessionId,
    token: &str,
    state: RwSignal<RecordingState>,
) -> Result<Rc<Active>, String> {
    // The recorder's callbacks need the upload, which needs the recorder's type: they meet
    // through this slot.
    let slot: Rc<RefCell<Option<Rc<Active>>>> = Rc::default();
    let chunks = Rc::clone(&slot);
    let on_chunk = Rc::new(move |chunk| {
        if let Some(active) = chunks.borrow().as_ref() {
            active.upload.push(chunk);
        }
    });
    let stopped = Rc::clone(&slot);
    let on_stopped = Rc::new(move || {
        let Some(active) = stopped.borrow_mut().take() else {
            return;
        };
        if let Some(completion) = active.completion.borrow_mut().take() {
            active.upload.finish(completion);
        }
        // Let go of the recorder after this callback of its own has returned.
        wasm_bindgen_futures::spawn_local(async move {
            STOPPING.with(|stopping| {
                stopping
                    .borrow_mut()
                    .retain(|held| !Rc::ptr_eq(held, &active))
            });
        });
    });
    let recorder = ClassRecorder::start(on_chunk, on_stopped).map_err(|error| error.to_string())?;
    let on_state = Rc::new(move |upload_state| {
        let shown = match upload_state {
            UploadState::Sending { bytes_stored } => RecordingState::Recording { bytes_stored },
            UploadState::Retrying { .. } => RecordingState::Waiting,
            UploadState::Complete { .. } => RecordingState::Saved,
            UploadState::Failed(error) => RecordingState::Failed(error),
        };
        // The page may be gone by now.
        let _ = state.try_set(shown);
    });
    let upload = RecordingUpload::new(
        session_id.clone(),
        token.to_owned(),
        recorder.mime_type().to_owned(),
        on_state,
    );
    let active = Rc::new(Active {
        recorder,
        upload,
        started_at: server_now(),
        started_ms: monotonic_ms(),
        completion: Rc::default(),
    });
    *slot.borrow_mut() = Some(Rc::clone(&active));
    state.set(RecordingState::Recording { bytes_stored: 0 });
    Ok(active)
}

/// Stops recording; the last chunk, then the completion, go when the recorder is done.
fn stop(active: Rc<Active>) {
    let seconds = monotonic_ms().saturating_sub(active.started_ms) / 1000;
    *active.completion.borrow_mut() = Some(CompleteRecording {
        started_at: active.started_at,
        duration_seconds: u32::try_from(seconds).unwrap_or(u32::MAX).max(1),
    });
    active.recorder.stop();
    STOPPING.with(|stopping| stopping.borrow_mut().push(active));
}

/// The picture to record from the local capture: the screen while it is shared, else the
/// camera; none when neither is captured.
fn picture_of(preview: Option<&MediaStream>) -> Option<MediaStream> {
    let tracks: Vec<MediaStreamTrack> = preview?
        .get_video_tracks()
        .iter()
        .map(JsCast::unchecked_into)
        .collect();
    let is_screen = |track: &MediaStreamTrack| {
        let settings: JsValue = track.get_settings().into();
        js_sys::Reflect::get(&settings, &"displaySurface".into())
            .is_ok_and(|surface| !surface.is_undefined())
    };
    let chosen = tracks
        .iter()
        .find(|track| is_screen(track))
        .or_else(|| tracks.first())?;
    let picture = MediaStream::new().ok()?;
    picture.add_track(chosen);
    Some(picture)
}
