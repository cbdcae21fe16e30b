//! Recording a live class in the instructor's browser. `MediaRecorder` cannot change the
//! tracks it records, and the picture changes (the camera, then a screen share, then the
//! camera again), so the video is drawn onto a canvas at [`FRAMES_PER_SECOND`] and the
//! canvas is recorded; the sound is every voice mixed in one Web Audio graph (the
//! instructor's microphone and each speaker's). Chunks of WebM come out every
//! [`CHUNK_MS`] for [`crate::io::recording_upload`] to send while the class goes on.
//!
//! A browser throttles timers in a hidden tab, so while the instructor's tab is hidden the
//! picture is drawn about once a second; the sound is not affected.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    AudioContext, BlobEvent, CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement,
    MediaRecorder, MediaRecorderOptions, MediaStream, MediaStreamAudioDestinationNode,
    MediaStreamAudioSourceNode,
};

/// The recorded picture's size and rate.
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 720;
const FRAMES_PER_SECOND: u32 = 15;
/// How much media each chunk holds.
pub const CHUNK_MS: i32 = 2_000;
/// The types asked for, best first.
const MIME_TYPES: [&str; 3] = [
    "video/webm;codecs=vp8,opus",
    "video/webm;codecs=vp9,opus",
    "video/webm",
];

/// Why recording could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the class cannot be recorded in this browser: {0}")]
pub struct RecorderError(String);

fn failed(what: &str) -> impl Fn(JsValue) -> RecorderError + '_ {
    move |err| RecorderError(format!("{what}: {err:?}"))
}

/// A recording under way; dropping it stops it.
pub struct ClassRecorder {
    recorder: MediaRecorder,
    mime_type: String,
    source: HtmlVideoElement,
    audio: AudioContext,
    mix: MediaStreamAudioDestinationNode,
    /// The voices mixed in, by the stream's id.
    voices: RefCell<BTreeMap<String, MediaStreamAudioSourceNode>>,
    draw_timer: i32,
    _draw: Closure<dyn FnMut()>,
    _on_data: Closure<dyn FnMut(BlobEvent)>,
    _on_stop: Closure<dyn FnMut()>,
}

impl ClassRecorder {
    /// Starts recording; every chunk goes to `on_chunk`, in order, and `on_stopped` runs
    /// once the last one has.
    pub fn start(
        on_chunk: Rc<dyn Fn(web_sys::Blob)>,
        on_stopped: Rc<dyn Fn()>,
    ) -> Result<ClassRecorder, RecorderError> {
        let document = web_sys::window()
            .and_then(|window| window.document())
            .ok_or_else(|| RecorderError("no document".to_owned()))?;
        let canvas: HtmlCanvasElement = document
            .create_element("canvas")
            .map_err(failed("no canvas"))?
            .unchecked_into();
        canvas.set_width(WIDTH);
        canvas.set_height(HEIGHT);
        let context: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .map_err(failed("no 2D canvas"))?
            .ok_or_else(|| RecorderError("no 2D canvas".to_owned()))?
            .unchecked_into();
        let source: HtmlVideoElement = document
            .create_element("video")
            .map_err(failed("no video element"))?
            .unchecked_into();
        source.set_muted(true);
        let drawn = source.clone();
        let draw = Closure::<dyn FnMut()>::new(move || draw_frame(&context, &drawn));
        let draw_timer = web_sys::window()
            .ok_or_else(|| RecorderError("no window".to_owned()))?
            .set_interval_with_callback_and_timeout_and_arguments_0(
                draw.as_ref().unchecked_ref(),
                1000 / FRAMES_PER_SECOND as i32,
            )
            .map_err(failed("no timer"))?;
        let picture = canvas
            .capture_stream_with_frame_request_rate(f64::from(FRAMES_PER_SECOND))
            .map_err(failed("the canvas cannot be captured"))?;
        let audio = AudioContext::new().map_err(failed("no Web Audio"))?;
        // Started from the instructor's click or the class's start; resuming is a no-op if
        // the context runs already.
        let _ = audio.resume();
        let mix = audio
            .create_media_stream_destination()
            .map_err(failed("no audio mix"))?;
        let recorded = MediaStream::new().map_err(failed("no stream"))?;
        for track in picture
            .get_video_tracks()
            .iter()
            .chain(mix.stream().get_audio_tracks().iter())
        {
            recorded.add_track(&track.unchecked_into());
        }
        let mime_type = MIME_TYPES
            .into_iter()
            .find(|mime| MediaRecorder::is_type_supported(mime))
            .ok_or_else(|| RecorderError("no WebM recording".to_owned()))?
            .to_owned();
        let options = MediaRecorderOptions::new();
        options.set_mime_type(&mime_type);
        let recorder =
            MediaRecorder::new_with_media_stream_and_media_recorder_options(&recorded, &options)
                .map_err(failed("no MediaRecorder"))?;
        let on_data = Closure::<dyn FnMut(BlobEvent)>::new(move |event: BlobEvent| {
            if let Some(chunk) = event.data().filter(|chunk| chunk.size() > 0.0) {
                on_chunk(chunk);
            }
        });
        recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
        let on_stop = Closure::<dyn FnMut()>::new(move || on_stopped());
        recorder.set_onstop(Some(on_stop.as_ref().unchecked_ref()));
        recorder
            .start_with_time_slice(CHUNK_MS)
            .map_err(failed("recording did not start"))?;
        Ok(ClassRecorder {
            recorder,
            mime_type,
            source,
            audio,
            mix,
            voices: RefCell::default(),
            draw_timer,
            _draw: draw,
            _on_data: on_data,
            _on_stop: on_stop,
        })
    }

    /// The `Content-Type` of the chunks.
    pub fn mime_type(&self) -> &str {
        &self.mime_type
    }

    /// Shows `picture` (its first video track) from now on; none draws black.
    pub fn show(&self, picture: Option<&MediaStream>) {
        self.source.set_src_object(picture);
        if picture.is_some() {
            // Muted video may always play; a refusal leaves the last frame.
            let _ = self.source.play();
        }
    }

    /// Mixes exactly `voices` (streams with audio) from now on.
    pub fn hear(&self, voices: &[MediaStream]) {
        let mut mixed = self.voices.borrow_mut();
        let wanted: BTreeMap<String, &MediaStream> = voices
            .iter()
            .filter(|voice| voice.get_audio_tracks().length() > 0)
            .map(|voice| (voice.id(), voice))
            .collect();
        mixed.retain(|id, node| {
            let keep = wanted.contains_key(id);
            if !keep {
                let _ = node.disconnect();
            }
            keep
        });
        for (id, voice) in wanted {
            if mixed.contains_key(&id) {
                continue;
            }
            match self.audio.create_media_stream_source(voice) {
                Ok(node) => {
                    if node.connect_with_audio_node(&self.mix).is_ok() {
                        mixed.insert(id, node);
                    }
                }
                Err(err) => {
                    web_sys::console::warn_1(&format!("a voice is not recorded: {err:?}").into())
                }
            }
        }
    }

    /// Stops; the last chunk still comes out.
    pub fn stop(&self) {
        if self.recorder.state() != web_sys::RecordingState::Inactive {
            let _ = self.recorder.stop();
        }
    }
}

impl Drop for ClassRecorder {
    fn drop(&mut self) {
        // Its handlers go with it: a stop still under way tells no one.
        self.recorder.set_ondataavailable(None);
        self.recorder.set_onstop(None);
        self.stop();
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(self.draw_timer);
        }
        let _ = self.audio.close();
    }
}

/// Draws `video` letterboxed onto the canvas, or black when it has no picture.
fn draw_frame(context: &CanvasRenderingContext2d, video: &HtmlVideoElement) {
    let (width, height) = (f64::from(WIDTH), f64::from(HEIGHT));
    context.set_fill_style_str("#000");
    context.fill_rect(0.0, 0.0, width, height);
    let (source_width, source_height) = (
        f64::from(video.video_width()),
        f64::from(video.video_height()),
    );
    if source_width <= 0.0 || source_height <= 0.0 {
        return;
    }
    let scale = (width / source_width).min(height / source_height);
    let (drawn_width, drawn_height) = (source_width * scale, source_height * scale);
    let _ = context.draw_image_with_html_video_element_and_dw_and_dh(
        video,
        (width - drawn_width) / 2.0,
        (height - drawn_height) / 2.0,
        drawn_width,
        drawn_height,
    );
}
