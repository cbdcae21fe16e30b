//! The live room's WebSocket (`lectern_api::v1::live`). It opens with the `lectern.v1`
//! subprotocol and the token as `bearer.<token>` (a browser cannot set headers on a
//! WebSocket), asks for the chat after the newest sequence held, and opens again with
//! backoff when it drops ([`crate::state::live::reconnect`]), at once when the browser
//! comes back online. Commands sent while it is closed wait (up to [`MAX_WAITING`]) and go
//! when it opens: chat carries its own id, so one sent twice is shown once. Signals for
//! the media layer are not kept: they are stale after a reconnect, which renegotiates.

use crate::io::random::random_u64;
use crate::io::timer::sleep_ms;
use crate::state::live::reconnect::{after_close, retry_delay_ms, LinkStatus, StopReason};
use lectern_api::v1::live::{
    encode_client_message, parse_server_message, ClientMessage, ServerMessage,
    BEARER_SUBPROTOCOL_PREFIX, LIVE_SUBPROTOCOL,
};
use lectern_core::live::LiveSessionId;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// Commands kept while the socket is closed; older ones give way.
pub const MAX_WAITING: usize = 50;
/// The close code of leaving on purpose.
const CLOSE_NORMAL: u16 = 1000;

/// Where the socket's news goes.
pub struct LiveSocketHandlers {
    pub on_message: Rc<dyn Fn(ServerMessage)>,
    pub on_status: Rc<dyn Fn(LinkStatus)>,
}

/// One participant's connection to one room, for as long as it is held.
pub struct LiveSocket {
    shared: Rc<Shared>,
    _online: Option<Closure<dyn FnMut()>>,
}

struct Shared {
    url: String,
    protocols: js_sys::Array,
    handlers: LiveSocketHandlers,
    /// The newest chat sequence the room's model holds.
    since_sequence: Cell<Option<u64>>,
    connection: RefCell<Option<Connection>>,
    waiting: RefCell<VecDeque<String>>,
    /// Closes in a row without an open between them.
    failures: Cell<u32>,
    /// Counts opens, so a retry timer of an older one does nothing.
    generation: Cell<u64>,
    stopped: Cell<bool>,
}

/// An open (or opening) socket and the handlers it holds.
struct Connection {
    socket: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl LiveSocket {
    /// Opens the room of `session_id` as the holder of `token`.
    pub fn open(session_id: &LiveSessionId, token: &str, handlers: LiveSocketHandlers) -> Self {
        let location = web_sys::window().map(|window| window.location());
        let scheme = match location.as_ref().and_then(|l| l.protocol().ok()).as_deref() {
            Some("https:") => "wss",
            _ => "ws",
        };
        let host = location
            .and_then(|location| location.host().ok())
            .unwrap_or_default();
        let protocols = js_sys::Array::of2(
            &LIVE_SUBPROTOCOL.into(),
            &format!("{BEARER_SUBPROTOCOL_PREFIX}{token}").into(),
        );
        let shared = Rc::new(Shared {
            url: format!("{scheme}://{host}/api/v1/live/{session_id}/ws"),
            protocols,
            handlers,
            since_sequence: Cell::new(None),
            connection: RefCell::new(None),
            waiting: RefCell::new(VecDeque::new()),
            failures: Cell::new(0),
            generation: Cell::new(0),
            stopped: Cell::new(false),
        });
        connect(&shared);
        let weak = Rc::downgrade(&shared);
        let online = Closure::<dyn FnMut()>::new(move || {
            if let Some(shared) = weak.upgrade() {
                reconnect_now(&shared);
            }
        });
        let listens = web_sys::window().is_some_and(|window| {
            window
                .add_event_listener_with_callback("online", online.as_ref().unchecked_ref())
                .is_ok()
        });
        LiveSocket {
            shared,
            _online: listens.then_some(online),
        }
    }

    /// Remembers the newest chat sequence held, for the next reconnect.
    pub fn set_since_sequence(&self, since_sequence: Option<u64>) {
        self.shared.since_sequence.set(since_sequence);
    }

    /// Sends `message` now, or when the socket opens again (signals only now).
    pub fn send(&self, message: &ClientMessage) {
        let text = match encode_client_message(message) {
            Ok(text) => text,
            Err(error) => {
                web_sys::console::warn_1(&format!("live: not sent: {error}").into());
                return;
            }
        };
        let is_signal = matches!(
            message,
            ClientMessage::Offer { .. } | ClientMessage::Answer { .. } | ClientMessage::Ice { .. }
        );
        let connection = self.shared.connection.borrow();
        let open = connection
            .as_ref()
            .filter(|c| c.socket.ready_state() == WebSocket::OPEN);
        match open {
            Some(connection) if connection.socket.send_with_str(&text).is_ok() => {}
            _ if is_signal => {}
            _ => {
                let mut waiting = self.shared.waiting.borrow_mut();
                if waiting.len() == MAX_WAITING {
                    waiting.pop_front();
                }
                waiting.push_back(text);
            }
        }
    }

    /// Opens again at once (the participant asked, after a stop or during a wait).
    pub fn reconnect_now(&self) {
        self.shared.stopped.set(false);
        reconnect_now(&self.shared);
    }

    /// Leaves the room on purpose: the others see it at once, and nothing retries.
    pub fn leave(&self) {
        self.send(&ClientMessage::Leave);
        self.shared.stopped.set(true);
        close_current(&self.shared);
        (self.shared.handlers.on_status)(LinkStatus::Stopped(StopReason::Left));
    }

    /// Stops retrying (another connection of this user took over).
    pub fn stop(&self, reason: StopReason) {
        self.shared.stopped.set(true);
        close_current(&self.shared);
        (self.shared.handlers.on_status)(LinkStatus::Stopped(reason));
    }
}

impl Drop for LiveSocket {
    fn drop(&mut self) {
        self.shared.stopped.set(true);
        close_current(&self.shared);
    }
}

fn reconnect_now(shared: &Rc<Shared>) {
    let is_open = shared.connection.borrow().as_ref().is_some_and(|c| {
        matches!(
            c.socket.ready_state(),
            WebSocket::OPEN | WebSocket::CONNECTING
        )
    });
    if !is_open && !shared.stopped.get() {
        shared.failures.set(0);
        connect(shared);
    }
}

/// Closes the current socket without its close handler running.
fn close_current(shared: &Shared) {
    if let Some(connection) = shared.connection.borrow_mut().take() {
        connection.socket.set_onclose(None);
        connection.socket.set_onmessage(None);
        connection.socket.set_onopen(None);
        // Closing an already closed socket does nothing; a code of 1000 is always allowed.
        let _ = connection
            .socket
            .close_with_code_and_reason(CLOSE_NORMAL, "left");
    }
}

fn connect(shared: &Rc<Shared>) {
    close_current(shared);
    let generation = shared.generation.get().wrapping_add(1);
    shared.generation.set(generation);
    let url = match shared.since_sequence.get() {
        Some(since) => format!("{}?since_sequence={since}", shared.url),
        None => shared.url.clone(),
    };
    (shared.handlers.on_status)(LinkStatus::Connecting);
    let socket = match WebSocket::new_with_str_sequence(&url, &shared.protocols) {
        Ok(socket) => socket,
        Err(error) => {
            web_sys::console::warn_1(&format!("live: cannot open the socket: {error:?}").into());
            schedule_retry(shared, generation);
            return;
        }
    };
    let weak = Rc::downgrade(shared);
    let on_open = Closure::<dyn FnMut()>::new(with_shared(&weak, |shared| {
        shared.failures.set(0);
        (shared.handlers.on_status)(LinkStatus::Open);
        flush_waiting(shared);
    }));
    let weak_message = weak.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(shared) = weak_message.upgrade() else {
            return;
        };
        let Some(text) = event.data().as_string() else {
            return;
        };
        match parse_server_message(&text) {
            Ok(message) => (shared.handlers.on_message)(message),
            Err(error) => {
                web_sys::console::warn_1(&format!("live: unreadable message: {error}").into())
            }
        }
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
        let Some(shared) = weak.upgrade() else {
            return;
        };
        shared.connection.borrow_mut().take();
        match after_close(event.code(), shared.stopped.get()) {
            Some(reason) => {
                shared.stopped.set(true);
                (shared.handlers.on_status)(LinkStatus::Stopped(reason));
            }
            None => schedule_retry(&shared, generation),
        }
    });
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    *shared.connection.borrow_mut() = Some(Connection {
        socket,
        _on_open: on_open,
        _on_message: on_message,
        _on_close: on_close,
    });
}

fn with_shared(weak: &Weak<Shared>, body: impl Fn(&Rc<Shared>) + 'static) -> impl FnMut() {
    let weak = weak.clone();
    move || {
        if let Some(shared) = weak.upgrade() {
            body(&shared);
        }
    }
}

fn flush_waiting(shared: &Shared) {
    let connection = shared.connection.borrow();
    let Some(connection) = connection.as_ref() else {
        return;
    };
    let mut waiting = shared.waiting.borrow_mut();
    while let Some(text) = waiting.pop_front() {
        if connection.socket.send_with_str(&text).is_err() {
            waiting.push_front(text);
            break;
        }
    }
}

/// Opens again after the backoff, unless something else opened or stopped it meanwhile.
fn schedule_retry(shared: &Rc<Shared>, generation: u64) {
    if shared.stopped.get() {
        return;
    }
    let attempt = shared.failures.get().saturating_add(1);
    shared.failures.set(attempt);
    // Without random numbers, the middle of the step.
    let jitter = random_u64().map_or(0.5, |bits| (bits >> 11) as f64 / (1u64 << 53) as f64);
    let delay_ms = retry_delay_ms(attempt, jitter);
    (shared.handlers.on_status)(LinkStatus::Retrying { attempt, delay_ms });
    let weak = Rc::downgrade(shared);
    wasm_bindgen_futures::spawn_local(async move {
        sleep_ms(delay_ms).await;
        let Some(shared) = weak.upgrade() else {
            return;
        };
        if shared.generation.get() == generation && !shared.stopped.get() {
            connect(&shared);
        }
    });
}
