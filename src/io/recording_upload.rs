//! Sending a live class's recording while it is made: chunks wait in order and go one at a
//! time with `Content-Range: bytes {start}-{end}/*` at the offset the server holds. A send
//! that fails for want of a network is tried again after a pause, for as long as the page
//! lives, so a dropped connection loses nothing; an answer lost after the server stored a
//! chunk is found out from the server's count (409 or the status), never stored twice.
//! When the class ends, the rest is sent and the recording completed, which makes it a
//! lesson of the course. Uploads outlive the room's page (they are kept per session while
//! the app runs), so leaving the room does not cut a recording short.

use super::http::{authorized, build, decode_json, send, AbortOnDrop, HttpError};
use super::progress_store::retry_delay_ms;
use super::timer::sleep_ms;
use gloo_net::http::Request;
use lectern_api::v1::live::{CompleteRecording, RecordingStatus, MAX_RECORDING_CHUNK_BYTES};
use lectern_api::v1::routes;
use lectern_core::live::LiveSessionId;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::Blob;

/// Where a recording's upload stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadState {
    /// Chunks go as they come; `bytes_stored` are on the server.
    Sending { bytes_stored: u64 },
    /// The network is gone; the chunks wait (`waiting` of them) and are tried again.
    Retrying { bytes_stored: u64, waiting: usize },
    /// The recording is a lesson now.
    Complete { bytes_stored: u64 },
    /// The server refused it; nothing more is sent.
    Failed(String),
}

/// One session's recording upload.
pub struct RecordingUpload {
    session_id: LiveSessionId,
    token: String,
    mime_type: String,
    waiting: RefCell<VecDeque<Blob>>,
    stored: Cell<u64>,
    is_sending: Cell<bool>,
    completion: RefCell<Option<CompleteRecording>>,
    on_state: Rc<dyn Fn(UploadState)>,
}

impl RecordingUpload {
    pub fn new(
        session_id: LiveSessionId,
        token: String,
        mime_type: String,
        on_state: Rc<dyn Fn(UploadState)>,
    ) -> Rc<RecordingUpload> {
        Rc::new(RecordingUpload {
            session_id,
            token,
            mime_type,
            waiting: RefCell::default(),
            stored: Cell::new(0),
            is_sending: Cell::new(false),
            completion: RefCell::new(None),
            on_state,
        })
    }

    /// Queues the next chunk (split to the server's largest) and sends what waits.
    pub fn push(self: &Rc<Self>, chunk: Blob) {
        let size = chunk.size();
        let largest = MAX_RECORDING_CHUNK_BYTES as f64;
        let mut start = 0.0;
        while start < size {
            let end = (start + largest).min(size);
            match chunk.slice_with_f64_and_f64(start, end) {
                Ok(piece) => self.waiting.borrow_mut().push_back(piece),
                Err(err) => web_sys::console::warn_1(&format!("a chunk is lost: {err:?}").into()),
            }
            start = end;
        }
        self.pump();
    }

    /// The recording is whole: send the rest, then complete it with `completion`.
    pub fn finish(self: &Rc<Self>, completion: CompleteRecording) {
        *self.completion.borrow_mut() = Some(completion);
        self.pump();
    }

    fn pump(self: &Rc<Self>) {
        if self.is_sending.replace(true) {
            return;
        }
        let upload = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = upload.send_all().await;
            upload.is_sending.set(false);
            if let Err(error) = outcome {
                (upload.on_state)(UploadState::Failed(error.to_string()));
            }
        });
    }

    async fn send_all(&self) -> Result<(), HttpError> {
        let mut failures = 0u32;
        loop {
            let next = self.waiting.borrow().front().cloned();
            let completion = self.completion.borrow().clone();
            let sent = match next {
                Some(chunk) => self.send_chunk(&chunk).await.map(Some),
                None => match completion {
                    Some(completion) => self.complete(&completion).await.map(Some),
                    None => return Ok(()),
                },
            };
            match sent {
                Ok(Some(status)) if status.completed => {
                    self.completion.borrow_mut().take();
                    (self.on_state)(UploadState::Complete {
                        bytes_stored: status.bytes_stored,
                    });
                    return Ok(());
                }
                Ok(_) => {
                    failures = 0;
                    (self.on_state)(UploadState::Sending {
                        bytes_stored: self.stored.get(),
                    });
                }
                // The server holds more or less than this device thought: go on from there.
                Err(HttpError::Problem(problem)) if problem.status == 409 => {
                    let status = self.status().await?;
                    self.skip_to(status.bytes_stored)?;
                }
                Err(HttpError::Unreachable(_) | HttpError::UnexpectedStatus(502..=504)) => {
                    failures = failures.saturating_add(1);
                    let waiting = self.waiting.borrow().len();
                    (self.on_state)(UploadState::Retrying {
                        bytes_stored: self.stored.get(),
                        waiting,
                    });
                    sleep_ms(retry_delay_ms(failures)).await;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// `PUT` the first waiting chunk at the stored offset; on success it leaves the queue.
    async fn send_chunk(&self, chunk: &Blob) -> Result<RecordingStatus, HttpError> {
        let start = self.stored.get();
        let size = chunk.size() as u64;
        let last = start.saturating_add(size).saturating_sub(1);
        let abort = AbortOnDrop::new();
        let request = authorized(
            Request::put(&routes::live_recording(&self.session_id)),
            &self.token,
            &abort,
        )
        .header("Content-Type", &self.mime_type)
        .header("Content-Range", &format!("bytes {start}-{last}/*"))
        .body(chunk)
        .map_err(|err| HttpError::Decode(format!("could not build the chunk: {err}")))?;
        let status: RecordingStatus = decode_json(&send(request).await?)?;
        self.waiting.borrow_mut().pop_front();
        self.stored.set(status.bytes_stored);
        Ok(status)
    }

    async fn complete(&self, completion: &CompleteRecording) -> Result<RecordingStatus, HttpError> {
        let abort = AbortOnDrop::new();
        let request = authorized(
            Request::post(&routes::live_recording_complete(&self.session_id)),
            &self.token,
            &abort,
        )
        .json(completion)
        .map_err(|err| HttpError::Decode(format!("could not encode the completion: {err}")))?;
        decode_json(&send(request).await?)
    }

    async fn status(&self) -> Result<RecordingStatus, HttpError> {
        let abort = AbortOnDrop::new();
        let request = build(authorized(
            Request::get(&routes::live_recording(&self.session_id)),
            &self.token,
            &abort,
        ))?;
        decode_json(&send(request).await?)
    }

    /// Drops from the queue what the server already holds up to `stored`.
    fn skip_to(&self, stored: u64) -> Result<(), HttpError> {
        let mut offset = self.stored.get();
        if stored < offset {
            return Err(HttpError::Decode(format!(
                "the server holds {stored} bytes of the recording, fewer than the {offset} it took"
            )));
        }
        let mut waiting = self.waiting.borrow_mut();
        while offset < stored {
            let Some(chunk) = waiting.pop_front() else {
                break;
            };
            let size = chunk.size() as u64;
            if offset + size > stored {
                let rest = chunk
                    .slice_with_f64(((stored - offset) as f64).max(0.0))
                    .map_err(|err| {
                        HttpError::Decode(format!("a chunk could not be cut: {err:?}"))
                    })?;
                waiting.push_front(rest);
                offset = stored;
            } else {
                offset += size;
            }
        }
        self.stored.set(stored);
        Ok(())
    }
}
