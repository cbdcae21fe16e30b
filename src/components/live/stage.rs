//! The class on screen: a tile per stream others send (the instructor's camera and screen,
//! a speaker's microphone, breakout-room members), this participant's muted preview, the
//! controls for what they send (audio only, camera, the instructor's screen), and why a
//! device could not be used.

use crate::i18n::{I18nInjection, LiveMsg};
use crate::io::rtc::{DeviceRefusal, LocalSource, StreamContent};
use crate::state::live::{LiveConnection, LiveMedia};
use lectern_core::UserId;
use leptos::html;
use leptos::prelude::*;
use web_sys::MediaStream;

/// The stage.
#[component]
pub fn LiveStage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let media = expect_context::<LiveMedia>();
    let tiles = move || {
        media.remote.with(|remote| {
            remote
                .iter()
                .map(|((user, content), stream)| (user.clone(), *content, stream.clone()))
                .collect::<Vec<_>>()
        })
    };
    let is_empty = move || media.remote.with(|remote| remote.is_empty());
    let refusal = move || {
        media.refused.get().map(|(source, refusal)| {
            i18n.live(LiveMsg::MediaRefused)
                .replace("{source}", i18n.live(source_name(source)))
                .replace("{reason}", i18n.live(refusal_reason(&refusal)))
        })
    };
    view! {
        <section class="live-panel live-stage" aria-labelledby="live-stage-heading">
            <h2 id="live-stage-heading">{move || i18n.live(LiveMsg::StageHeading)}</h2>
            <p class="stage-waiting">{move || is_empty().then(|| i18n.live(LiveMsg::StageWaiting))}</p>
            <div class="stage-tiles">
                <For each=tiles key=|(user, content, _)| (user.clone(), *content) let:tile>
                    <StreamTile user_id=tile.0.clone() content=tile.1 stream=tile.2.clone()
                        name=connection.name_of(&tile.0) />
                </For>
                {move || media.preview.get().map(|stream| view! {
                    <figure class="stage-tile stage-preview">
                        <StreamVideo stream muted=true />
                        <figcaption>{i18n.live(LiveMsg::YouPreview)}</figcaption>
                    </figure>
                })}
            </div>
            <p class="form-error media-refused" role="alert">{refusal}</p>
            <MediaControls />
        </section>
    }
}

/// One remote stream with whose it is.
#[component]
fn StreamTile(
    user_id: UserId,
    content: StreamContent,
    stream: MediaStream,
    name: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let caption = match content {
        StreamContent::Camera => name,
        StreamContent::Screen => i18n.live(LiveMsg::ScreenOf).replace("{name}", &name),
    };
    let content_name = match content {
        StreamContent::Camera => "camera",
        StreamContent::Screen => "screen",
    };
    view! {
        <figure class="stage-tile" data-user-id=user_id.to_string() data-content=content_name>
            <StreamVideo stream muted=false />
            <figcaption>{caption}</figcaption>
        </figure>
    }
}

/// A `<video>` playing `stream` (its audio too, unless `muted`).
#[component]
fn StreamVideo(stream: MediaStream, muted: bool) -> impl IntoView {
    let video = NodeRef::<html::Video>::new();
    let stream = StoredValue::new_local(stream);
    Effect::new(move |_| {
        if let Some(video) = video.get() {
            stream.with_value(|stream| video.set_src_object(Some(stream)));
            // Autoplay is allowed for live media; a refusal leaves the controls to start it.
            let _ = video.play();
        }
    });
    view! { <video node_ref=video autoplay=true playsinline=true prop:muted=muted></video> }
}

/// What this participant sends: audio only (everyone), the camera (when the room lets
/// them speak), the screen (the instructor).
#[component]
fn MediaControls() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let media = expect_context::<LiveMedia>();
    let is_instructor = Memo::new(move |_| {
        connection
            .with_room(|room| room.is_instructor())
            .unwrap_or(false)
    });
    let camera_on = move || media.choices.with(|choices| choices.camera_wanted);
    let sharing = move || media.choices.with(|choices| choices.screen_sharing);
    view! {
        <div class="media-controls">
            <button type="button" class="button button-quiet audio-only" aria-pressed=move || media.is_audio_only.get().to_string()
                on:click=move |_| media.is_audio_only.update(|is| *is = !*is)>
                {move || i18n.live(LiveMsg::AudioOnly)}
            </button>
            <button type="button" class="button button-quiet camera-toggle" aria-pressed=move || camera_on().to_string()
                on:click=move |_| media.choices.update(|choices| choices.camera_wanted = !choices.camera_wanted)>
                {move || if camera_on() { i18n.live(LiveMsg::CameraOff) } else { i18n.live(LiveMsg::CameraOn) }}
            </button>
            {move || is_instructor.get().then(|| view! {
                <button type="button" class="button button-quiet screen-toggle" aria-pressed=move || sharing().to_string()
                    on:click=move |_| media.choices.update(|choices| choices.screen_sharing = !choices.screen_sharing)>
                    {move || if sharing() { i18n.live(LiveMsg::StopSharing) } else { i18n.live(LiveMsg::ShareScreen) }}
                </button>
            })}
        </div>
    }
}

fn source_name(source: LocalSource) -> LiveMsg {
    match source {
        LocalSource::Microphone => LiveMsg::SourceMicrophone,
        LocalSource::Camera => LiveMsg::SourceCamera,
        LocalSource::Screen => LiveMsg::SourceScreen,
    }
}

fn refusal_reason(refusal: &DeviceRefusal) -> LiveMsg {
    match refusal {
        DeviceRefusal::NotAllowed => LiveMsg::RefusalNotAllowed,
        DeviceRefusal::NotFound => LiveMsg::RefusalNotFound,
        DeviceRefusal::NotReadable => LiveMsg::RefusalNotReadable,
        DeviceRefusal::Unsupported => LiveMsg::RefusalUnsupported,
        DeviceRefusal::Other { .. } => LiveMsg::RefusalOther,
    }
}
