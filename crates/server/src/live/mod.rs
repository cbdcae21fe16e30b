//! The live rooms' shell: one [`LiveRoom`] per session, created on its first join, behind a
//! `tokio::sync::Mutex`. Each socket gets a [`ConnectionId`] and a channel; what the room
//! polls out goes to the channels of the connections each [`Outgoing`] names. After every
//! input the room's record is saved (`db::live`). A task per room wakes it at
//! [`LiveRoom::next_wake`], by the server's clock, looking at the clock at least every
//! [`MAX_WAKE_INTERVAL`] so a manual clock moved by a test is noticed too.

mod flood;
mod ice;

pub(crate) use flood::FloodGuard;
pub use ice::{IceConfig, DEFAULT_TURN_TTL};

use crate::clock::Clock;
use crate::db::live::{save_room, Saved};
use lectern_api::v1::live::{encode_server_message, ServerMessage};
use lectern_core::live::{
    ConnectionId, LiveRefusal, LiveRoom, LiveSessionId, RoomEvent, RoomInput,
};
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{mpsc, Notify};

/// Longest the wake task sleeps before it looks at the clock again.
pub const MAX_WAKE_INTERVAL: Duration = Duration::from_secs(1);
/// Frames queued for one socket; a socket that falls this far behind is closed.
const CONNECTION_QUEUE: usize = 256;

/// What a socket's task is told to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Frame {
    Text(String),
    /// Close the socket with this code (after a replacing connection took over).
    Close(u16),
}

/// Every room of the server.
#[derive(Debug, Default)]
pub(crate) struct LiveRooms {
    rooms: Mutex<HashMap<LiveSessionId, Arc<RoomHandle>>>,
    next_connection: AtomicU64,
}

/// One room and the sockets in it.
#[derive(Debug)]
pub(crate) struct RoomHandle {
    inner: tokio::sync::Mutex<RoomShell>,
    changed: Notify,
    db: SqlitePool,
    clock: Clock,
}

#[derive(Debug)]
struct RoomShell {
    room: LiveRoom,
    connections: HashMap<ConnectionId, mpsc::Sender<Frame>>,
    saved: Saved,
}

impl LiveRooms {
    /// Whether `session_id`'s room is open on this server.
    pub(crate) fn is_open(&self, session_id: &LiveSessionId) -> bool {
        let rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        rooms.contains_key(session_id)
    }

    /// The room of `session_id`, made by `make()` (with what of it is stored already) and its
    /// wake task started, if it has none yet.
    pub(crate) fn room(
        &self,
        session_id: &LiveSessionId,
        make: impl FnOnce() -> (LiveRoom, Saved),
        db: &SqlitePool,
        clock: &Clock,
    ) -> Arc<RoomHandle> {
        let mut rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(handle) = rooms.get(session_id) {
            return handle.clone();
        }
        let (room, saved) = make();
        let handle = Arc::new(RoomHandle {
            inner: tokio::sync::Mutex::new(RoomShell {
                room,
                connections: HashMap::new(),
                saved,
            }),
            changed: Notify::new(),
            db: db.clone(),
            clock: clock.clone(),
        });
        rooms.insert(session_id.clone(), handle.clone());
        tokio::spawn(wake(handle.clone()));
        handle
    }

    /// A connection id no other socket of this server has.
    pub(crate) fn next_connection_id(&self) -> ConnectionId {
        ConnectionId(self.next_connection.fetch_add(1, Ordering::Relaxed))
    }
}

impl RoomHandle {
    /// Registers `connection_id`'s channel and feeds `input` (its join). A refused join
    /// comes back and leaves nothing registered.
    pub(crate) async fn join(
        &self,
        connection_id: ConnectionId,
        input: RoomInput,
    ) -> Result<mpsc::Receiver<Frame>, LiveRefusal> {
        let (sender, receiver) = mpsc::channel(CONNECTION_QUEUE);
        let mut shell = self.inner.lock().await;
        shell.connections.insert(connection_id, sender);
        let result = shell.room.handle(input, self.clock.now());
        if result.is_err() {
            shell.connections.remove(&connection_id);
        }
        self.settle(&mut shell).await;
        result.map(|()| receiver)
    }

    /// Feeds `input` from `connection_id`; a refusal goes to that connection alone.
    pub(crate) async fn input(&self, connection_id: ConnectionId, input: RoomInput) {
        let is_gone = matches!(
            input,
            RoomInput::Left { .. } | RoomInput::Disconnected { .. }
        );
        let mut shell = self.inner.lock().await;
        if let Err(refusal) = shell.room.handle(input, self.clock.now()) {
            shell.send(connection_id, &ServerMessage::from(&refusal));
        }
        if is_gone {
            shell.connections.remove(&connection_id);
        }
        self.settle(&mut shell).await;
    }

    /// Routes what the room put out, saves its record and re-arms the wake task.
    async fn settle(&self, shell: &mut RoomShell) {
        while let Some(outgoing) = shell.room.poll() {
            let is_replaced = outgoing.event == RoomEvent::ConnectionReplaced;
            let message = ServerMessage::from(outgoing.event);
            for connection_id in outgoing.connections {
                shell.send(connection_id, &message);
                if is_replaced {
                    if let Some(sender) = shell.connections.remove(&connection_id) {
                        // A full queue is closed by dropping the sender all the same.
                        let _ = sender.try_send(Frame::Close(CLOSE_NORMAL));
                    }
                }
            }
        }
        let RoomShell { room, saved, .. } = shell;
        let saving = async {
            let mut conn = self.db.acquire().await?;
            save_room(&mut conn, room, saved).await
        };
        if let Err(error) = saving.await {
            tracing::warn!(session_id = %room.session_id(), %error, "could not save the live room");
        }
        self.changed.notify_one();
    }
}

/// The normal closing code.
pub const CLOSE_NORMAL: u16 = 1000;

impl RoomShell {
    /// Queues `message` for `connection_id`; a connection whose queue is full loses its
    /// channel, which closes its socket.
    fn send(&mut self, connection_id: ConnectionId, message: &ServerMessage) {
        let text = match encode_server_message(message) {
            Ok(text) => text,
            Err(error) => {
                tracing::warn!(%error, "could not write a live message");
                return;
            }
        };
        let Some(sender) = self.connections.get(&connection_id) else {
            return;
        };
        if sender.try_send(Frame::Text(text)).is_err() {
            self.connections.remove(&connection_id);
        }
    }
}

/// Ticks the room when time alone changes it; sleeps until then, or until an input
/// changes when that is, looking at the clock at least every [`MAX_WAKE_INTERVAL`].
async fn wake(handle: Arc<RoomHandle>) {
    loop {
        let next_wake = handle.inner.lock().await.room.next_wake();
        let now = handle.clock.now();
        let delay = next_wake
            .map(|at| at.duration_since(now))
            .and_then(|delay| Duration::try_from(delay).ok())
            .map_or(MAX_WAKE_INTERVAL, |delay| delay.min(MAX_WAKE_INTERVAL));
        let deadline = tokio::time::Instant::now() + delay.max(Duration::from_millis(10));
        tokio::select! {
            () = tokio::time::sleep_until(deadline) => {}
            () = handle.changed.notified() => continue,
        }
        let mut shell = handle.inner.lock().await;
        if shell
            .room
            .next_wake()
            .is_some_and(|at| at <= handle.clock.now())
        {
            shell.room.tick(handle.clock.now());
            handle.settle(&mut shell).await;
        }
    }
}
