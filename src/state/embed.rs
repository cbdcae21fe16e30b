//! The embedded player, in context: when an LMS page frames the player, this takes the
//! host's commands (from the parent window only, from an exact origin the launching LMS's
//! API key allows) and tells the host what happens, posting with an exact target origin.
//! The protocol is `lectern_core::embed`; the window plumbing is `io::embed_channel`.

use super::SessionInjection;
use crate::io::embed_channel::{self, post_to_parent};
use crate::paths;
use lectern_core::embed::{
    event_message, is_allowed_origin, read_command, reply_message, HostCommand, PlayerEvent,
    PlayerState,
};
use leptos::logging::warn;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Goes to a path of the app.
type Navigate = Rc<dyn Fn(&str)>;

/// Why a command could not be carried out: a code and a message for the host's developer.
type CommandError = (String, String);

/// The embedded player's link to its host, in context. `Copy`, so views capture it freely.
#[derive(Clone, Copy)]
pub struct EmbedInjection {
    session: SessionInjection,
    navigate: StoredValue<Navigate, LocalStorage>,
    /// The app's current path.
    path: Signal<String>,
}

impl std::fmt::Debug for EmbedInjection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EmbedInjection")
    }
}

impl EmbedInjection {
    /// Provides the link and starts listening to the host.
    pub fn provide(navigate: Navigate, path: Signal<String>) -> EmbedInjection {
        let injection = EmbedInjection {
            session: SessionInjection::expect(),
            navigate: StoredValue::new_local(navigate),
            path,
        };
        provide_context(injection);
        embed_channel::on_parent_message(move |origin, json| injection.take(&origin, &json));
        embed_channel::on_height_change(move |height| {
            injection.post(&PlayerEvent::Resize { height });
        });
        injection
    }

    /// The link, when the player is embedded.
    pub fn use_optional() -> Option<EmbedInjection> {
        use_context::<EmbedInjection>()
    }

    /// Tells the host `event`.
    pub fn post(&self, event: &PlayerEvent) {
        let message = event_message(event);
        for origin in self.targets() {
            post_to_parent(&message, &origin);
        }
    }

    /// Tells the host the player is ready, and where it is.
    pub fn announce_ready(&self) {
        let (course_id, lesson_id) = paths::course_and_lesson_in(&self.path.get_untracked());
        self.post(&PlayerEvent::Ready {
            course_id,
            lesson_id,
        });
        // The host sizes its frame from the first height it hears.
        self.post(&PlayerEvent::Resize {
            height: embed_channel::content_height(),
        });
    }

    /// The origins to post to: the parent's, when the browser names it and it is allowed;
    /// else each allowed origin (a message to any other is never delivered).
    fn targets(&self) -> Vec<String> {
        let allowed = self.session.embed_origins_untracked();
        match embed_channel::parent_origin() {
            Some(parent) if is_allowed_origin(&parent, &allowed) => vec![parent],
            _ => allowed,
        }
    }

    /// Takes one message from the parent window: ignored unless its origin is allowed and it
    /// is a command; answered with a reply to that origin.
    fn take(&self, origin: &str, json: &str) {
        if !is_allowed_origin(origin, &self.session.embed_origins_untracked()) {
            return;
        }
        let message = match read_command(json) {
            Ok(message) => message,
            Err(problem) => {
                warn!("a message from the embedding page was ignored: {problem}");
                return;
            }
        };
        let origin = origin.to_owned();
        let injection = *self;
        // Media commands may wait for the lesson's media to load, and playback starts (or
        // is refused by the browser's autoplay rules) later: every answer comes when done.
        leptos::task::spawn_local(async move {
            let outcome = injection.run(message.command).await;
            post_to_parent(
                &reply_message(message.request_id.as_deref(), outcome),
                &origin,
            );
        });
    }

    async fn run(&self, command: HostCommand) -> Result<Option<PlayerState>, CommandError> {
        match command {
            HostCommand::GetState => Ok(Some(self.state())),
            HostCommand::Goto { lesson_id } => {
                let (course_id, _) = paths::course_and_lesson_in(&self.path.get_untracked());
                let Some(course_id) = course_id else {
                    return Err(refusal("no-course", "the player is not showing a course"));
                };
                self.navigate
                    .with_value(|navigate| navigate(&paths::lesson(&course_id, &lesson_id)));
                Ok(None)
            }
            HostCommand::Play => play(media_when_loaded().await?).await,
            HostCommand::Pause => media_when_loaded()
                .await?
                .pause()
                .map(|()| None)
                .map_err(|_| refusal("pause-refused", "the browser would not pause")),
            HostCommand::Seek { seconds } => {
                let media = media_when_loaded().await?;
                let duration = media.duration();
                let to = if duration.is_finite() {
                    seconds.min(duration)
                } else {
                    seconds
                };
                media.set_current_time(to);
                Ok(None)
            }
        }
    }

    fn state(&self) -> PlayerState {
        let (course_id, lesson_id) = paths::course_and_lesson_in(&self.path.get_untracked());
        let media = lesson_media().ok();
        let finite = |value: f64| value.is_finite().then_some(value);
        PlayerState {
            course_id,
            lesson_id,
            position: media.as_ref().and_then(|m| finite(m.current_time())),
            duration: media.as_ref().and_then(|m| finite(m.duration())),
            paused: media.as_ref().map(web_sys::HtmlMediaElement::paused),
        }
    }
}

/// Starts the lesson's media; refused when the browser's autoplay rules say no (the host's
/// iframe needs `allow="autoplay"`, and the learner must have used the page).
async fn play(media: web_sys::HtmlMediaElement) -> Result<Option<PlayerState>, CommandError> {
    let started = media
        .play()
        .map_err(|_| refusal("play-refused", "the browser would not start playback"))?;
    wasm_bindgen_futures::JsFuture::from(started)
        .await
        .map(|_| None)
        .map_err(|_| {
            refusal(
                "play-refused",
                "the browser refused to start playback (autoplay rules: the frame needs \
                 allow=\"autoplay\" and a user gesture on the page)",
            )
        })
}

fn refusal(code: &str, message: &str) -> CommandError {
    (code.to_owned(), message.to_owned())
}

/// How long a media command waits for the lesson's media to be on screen and know its
/// duration (a command sent right after `ready` or `goto`).
const MEDIA_PATIENCE_MS: u32 = 10_000;

/// The lesson's media element once it knows its duration, waiting up to
/// [`MEDIA_PATIENCE_MS`].
async fn media_when_loaded() -> Result<web_sys::HtmlMediaElement, CommandError> {
    let mut waited_ms = 0;
    loop {
        match lesson_media() {
            Ok(media) if media.ready_state() >= web_sys::HtmlMediaElement::HAVE_METADATA => {
                return Ok(media)
            }
            Ok(_) | Err(_) if waited_ms < MEDIA_PATIENCE_MS => {
                crate::io::timer::sleep_ms(100).await;
                waited_ms += 100;
            }
            Ok(media) => return Ok(media),
            Err(err) => return Err(err),
        }
    }
}

/// The media element of the lesson on screen.
fn lesson_media() -> Result<web_sys::HtmlMediaElement, CommandError> {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.query_selector(".media-element").ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlMediaElement>().ok())
        .ok_or_else(|| refusal("no-media", "the lesson on screen has no video or audio"))
}
