//! The room's media as the page holds it: the media layer ([`MediaTopology`], the mesh for
//! now) joined to the page's [`LiveConnection`] — its signals go out through the socket and
//! come in from it, each change of the room applies a new [`media_plan`], a reconnected
//! socket restarts ICE (signals sent while it was down are lost), and fresh ICE servers
//! are handed on. What the layer reports becomes signals the stage reads.

use super::connection::LiveConnection;
use super::media_plan::{media_plan, MediaChoices};
use super::reconnect::LinkStatus;
use crate::io::rtc::{
    ConnectionState, DeviceRefusal, LocalSource, MediaNotice, MediaTopology, MeshTopology,
    StreamContent,
};
use lectern_api::v1::live::ClientMessage;
use lectern_core::live::Signal;
use lectern_core::UserId;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::MediaStream;

/// The media of one joined room.
#[derive(Clone, Copy)]
pub struct LiveMedia {
    /// What others send us, by sender and content.
    pub remote: RwSignal<BTreeMap<(UserId, StreamContent), MediaStream>, LocalStorage>,
    /// What we capture, for a muted preview.
    pub preview: RwSignal<Option<MediaStream>, LocalStorage>,
    pub states: RwSignal<BTreeMap<UserId, ConnectionState>>,
    /// The last device that could not be used, and why.
    pub refused: RwSignal<Option<(LocalSource, DeviceRefusal)>>,
    pub choices: RwSignal<MediaChoices>,
    pub is_audio_only: RwSignal<bool>,
}

impl LiveMedia {
    /// Starts the media layer for `connection`; it closes with the owner.
    pub fn start(connection: LiveConnection) -> LiveMedia {
        let media = LiveMedia {
            remote: RwSignal::new_local(BTreeMap::new()),
            preview: RwSignal::new_local(None),
            states: RwSignal::new(BTreeMap::new()),
            refused: RwSignal::new(None),
            choices: RwSignal::new(MediaChoices::for_role(
                lectern_core::live::LiveRole::Learner,
            )),
            is_audio_only: RwSignal::new(false),
        };
        let send_signal = Rc::new(move |to: UserId, signal: Signal| {
            connection.send(&match signal {
                Signal::Offer { sdp } => ClientMessage::Offer { to, sdp },
                Signal::Answer { sdp } => ClientMessage::Answer { to, sdp },
                Signal::Ice { candidate } => ClientMessage::Ice { to, candidate },
            });
        });
        let notify = Rc::new(move |notice| media.take(notice));
        let ice_servers = connection.ice_servers.get_untracked();
        let topology: Rc<dyn MediaTopology> =
            Rc::new(MeshTopology::new(ice_servers, send_signal, notify));
        let layer = StoredValue::new_local(Rc::clone(&topology));
        connection.on_signal(Rc::new(move |from, signal| {
            layer.with_value(|layer| layer.take_signal(from, signal));
        }));
        // The instructor starts with the camera on, once the room says who we are.
        let role = Memo::new(move |_| connection.with_room(|room| room.your_role));
        Effect::new(move |_| {
            if let Some(role) = role.get() {
                media.choices.set(MediaChoices::for_role(role));
            }
        });
        let plan = Memo::new(move |_| {
            let choices = media.choices.get();
            connection.with_room(|room| media_plan(room, choices))
        });
        Effect::new(move |_| {
            if let Some(plan) = plan.get() {
                layer.with_value(|layer| layer.apply_plan(plan));
            }
        });
        Effect::new(move |_| {
            let ice_servers = connection.ice_servers.get();
            layer.with_value(|layer| layer.set_ice_servers(ice_servers));
        });
        Effect::new(move |was: Option<LinkStatus>| {
            let link = connection.link.get();
            let came_back = matches!(
                was,
                Some(LinkStatus::Retrying { .. }) | Some(LinkStatus::Connecting)
            );
            if link == LinkStatus::Open && came_back {
                layer.with_value(|layer| layer.restart_ice());
            }
            link
        });
        Effect::new(move |_| {
            let is_audio_only = media.is_audio_only.get();
            layer.with_value(|layer| layer.set_audio_only(is_audio_only));
        });
        on_cleanup(move || layer.with_value(|layer| layer.close()));
        media
    }

    fn take(&self, notice: MediaNotice) {
        match notice {
            MediaNotice::RemoteStreamChanged {
                user_id,
                content,
                stream,
            } => {
                self.remote.update(|remote| {
                    remote.insert((user_id, content), stream);
                });
            }
            MediaNotice::RemoteStreamEnded { user_id, content } => {
                self.remote.update(|remote| {
                    remote.remove(&(user_id, content));
                });
            }
            MediaNotice::LocalPreviewChanged { stream } => self.preview.set(stream),
            MediaNotice::ConnectionStateChanged { user_id, state } => {
                self.states.update(|states| {
                    states.insert(user_id, state);
                });
            }
            MediaNotice::DeviceRefused { source, refusal } => {
                self.refused.set(Some((source, refusal)));
            }
            MediaNotice::LocalSourceEnded { source } => match source {
                LocalSource::Screen => self
                    .choices
                    .update(|choices| choices.screen_sharing = false),
                LocalSource::Camera => self.choices.update(|choices| choices.camera_wanted = false),
                LocalSource::Microphone => {}
            },
        }
    }
}
