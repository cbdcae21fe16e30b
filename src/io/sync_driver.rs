//! The shell around the core's sync engine: feeds it the signed-in learner's stored outbox,
//! newly recorded events, `online`/`offline` and triggers; carries out what it asks (send a
//! batch with `fetch`, delete acknowledged events, set aside conflicts and rejections) and
//! wakes it when a retry is due. All decisions are the engine's (`lectern_core::sync`).

use super::document::now_ms;
use super::events_api::post_events;
use super::http::HttpError;
use super::idb::{SetAside, SharedConnection, DB_NAME};
use super::random::random_u64;
use super::server_clock::server_now;
use super::service_worker;
use super::web_lock::{self, SYNC_LOCK};
use lectern_core::sync::{
    Batch, LearnerEvent, SendFailure, SyncEngine, SyncInput, SyncOutput, SyncStatus,
};
use lectern_core::UserId;
use leptos::logging::warn;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What the driver tells the app, and asks of it.
pub struct SyncHooks {
    /// The bearer token, if someone is signed in.
    pub token: Box<dyn Fn() -> Option<String>>,
    pub on_status: Box<dyn Fn(SyncStatus)>,
    /// The server said the session ended.
    pub on_signed_out: Box<dyn Fn()>,
    /// This many more events were set aside (conflicts or rejections).
    pub on_set_aside: Box<dyn Fn(usize)>,
    /// Events left the outbox (acknowledged, or set aside): views that wait for the server
    /// to hear of something ask it again.
    pub on_outbox_changed: Box<dyn Fn()>,
}

/// The driver; clones share one engine.
#[derive(Clone)]
pub struct SyncDriver {
    shared: Rc<Shared>,
}

struct Shared {
    engine: RefCell<SyncEngine>,
    user_id: RefCell<Option<UserId>>,
    /// Bumped when the learner changes, so late answers for the previous one are ignored.
    generation: Cell<u64>,
    connection: SharedConnection,
    hooks: SyncHooks,
    wake_timer: RefCell<Option<leptos::prelude::TimeoutHandle>>,
}

impl SyncDriver {
    pub fn new(hooks: SyncHooks) -> SyncDriver {
        SyncDriver::named(DB_NAME, hooks)
    }

    /// A driver on the database called `db_name` (for tests).
    pub fn named(db_name: &str, hooks: SyncHooks) -> SyncDriver {
        SyncDriver {
            shared: Rc::new(Shared {
                engine: RefCell::new(new_engine()),
                user_id: RefCell::new(None),
                generation: Cell::new(0),
                connection: SharedConnection::new(db_name),
                hooks,
                wake_timer: RefCell::new(None),
            }),
        }
    }

    /// Starts syncing `user_id`'s outbox (on app open and after signing in).
    pub async fn start_for(&self, user_id: UserId) {
        let generation = self.shared.generation.get() + 1;
        self.shared.generation.set(generation);
        *self.shared.user_id.borrow_mut() = Some(user_id.clone());
        *self.shared.engine.borrow_mut() = new_engine();
        let db = match self.shared.connection.local().await {
            Ok(db) => db,
            Err(err) => {
                warn!("the outbox cannot be read, so nothing is synced from this tab: {err}");
                return;
            }
        };
        match db.outbox(&user_id).await {
            Ok(events) => self.feed(SyncInput::Restored(events)),
            Err(err) => {
                self.shared.connection.forget_local(&db);
                warn!("the outbox cannot be read: {err}");
            }
        }
        self.feed(SyncInput::Triggered);
    }

    /// Reads the outbox again (events another tab recorded) and tries at once: the learner's
    /// "try now".
    pub async fn retry_now(&self) {
        let Some(user_id) = self.shared.user_id.borrow().clone() else {
            return;
        };
        if let Ok(db) = self.shared.connection.local().await {
            match db.outbox(&user_id).await {
                Ok(events) => self.feed(SyncInput::Restored(events)),
                Err(err) => {
                    self.shared.connection.forget_local(&db);
                    warn!("the outbox cannot be read: {err}");
                }
            }
        }
        self.feed(SyncInput::Triggered);
    }

    /// Stops syncing (signed out). The outbox stays on the device for the next sign-in.
    pub fn stop(&self) {
        self.shared.generation.set(self.shared.generation.get() + 1);
        self.shared.user_id.borrow_mut().take();
        *self.shared.engine.borrow_mut() = new_engine();
        (self.shared.hooks.on_status)(SyncStatus::Synced);
    }

    /// Events `user_id` just recorded (already in the outbox).
    pub fn recorded(&self, user_id: &UserId, events: Vec<LearnerEvent>) {
        if self.shared.user_id.borrow().as_ref() != Some(user_id) {
            return;
        }
        for event in events {
            self.feed(SyncInput::Recorded(Box::new(event)));
        }
    }

    /// `online`, `offline` or a trigger.
    pub fn feed(&self, input: SyncInput) {
        self.shared.engine.borrow_mut().handle(input, server_now());
        self.pump();
    }

    /// Carries out every output the engine has now, then sets the wake-up timer.
    fn pump(&self) {
        loop {
            let output = self.shared.engine.borrow_mut().poll(server_now());
            let Some(output) = output else {
                break;
            };
            match output {
                SyncOutput::Send(batch) => self.send(batch),
                SyncOutput::Acknowledged(event_ids) => {
                    let driver = self.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let outcome = match driver.shared.connection.local().await {
                            Ok(db) => db.acknowledge(&event_ids).await,
                            Err(err) => Err(err),
                        };
                        match outcome {
                            Ok(()) => (driver.shared.hooks.on_outbox_changed)(),
                            // Still in the outbox: sent again later, answered "duplicate".
                            Err(err) => {
                                warn!("acknowledged events stay in the outbox for now: {err}")
                            }
                        }
                    });
                }
                SyncOutput::Conflicted(events) => self.set_aside(SetAside::Conflicts, events),
                SyncOutput::Rejected(events) => self.set_aside(SetAside::Rejected, events),
                SyncOutput::Status(status) => (self.shared.hooks.on_status)(status),
            }
        }
        self.schedule_wake();
    }

    fn send(&self, batch: Batch) {
        let driver = self.clone();
        let generation = self.shared.generation.get();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(token) = (driver.shared.hooks.token)() else {
                driver.answer(generation, batch.batch_id, Err(HttpError::SignedOut));
                return;
            };
            // One tab sends at a time; another tab's batch is sent (or answered) first.
            let answer = web_lock::holding(SYNC_LOCK, post_events(&token, batch.events)).await;
            driver.answer(
                generation,
                batch.batch_id,
                answer.map(|response| response.results),
            );
        });
    }

    fn answer(
        &self,
        generation: u64,
        batch_id: u64,
        answer: Result<Vec<lectern_core::sync::EventResult>, HttpError>,
    ) {
        if generation != self.shared.generation.get() {
            return;
        }
        let input = match answer {
            Ok(results) => SyncInput::Answered { batch_id, results },
            Err(error) => {
                if error == HttpError::SignedOut {
                    (self.shared.hooks.on_signed_out)();
                }
                if matches!(error, HttpError::Unreachable(_)) {
                    // The service worker sends the outbox when the network is back, even
                    // if every tab is closed by then.
                    service_worker::request_background_sync();
                }
                SyncInput::Failed {
                    batch_id,
                    failure: failure_of(&error),
                }
            }
        };
        self.feed(input);
    }

    fn set_aside(&self, into: SetAside, events: Vec<(LearnerEvent, Option<String>)>) {
        let Some(user_id) = self.shared.user_id.borrow().clone() else {
            return;
        };
        (self.shared.hooks.on_set_aside)(events.len());
        let driver = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match driver.shared.connection.local().await {
                Ok(db) => db.set_aside(&user_id, into, &events, now_ms()).await,
                Err(err) => Err(err),
            };
            match outcome {
                Ok(()) => (driver.shared.hooks.on_outbox_changed)(),
                Err(err) => warn!("events to set aside stay in the outbox for now: {err}"),
            }
        });
    }

    fn schedule_wake(&self) {
        if let Some(timer) = self.shared.wake_timer.borrow_mut().take() {
            timer.clear();
        }
        let Some(wake) = self.shared.engine.borrow().next_wake() else {
            return;
        };
        let delay_ms = wake.duration_since(server_now()).as_millis().max(0);
        let delay = std::time::Duration::from_millis(u64::try_from(delay_ms).unwrap_or(u64::MAX));
        let driver = self.clone();
        match leptos::prelude::set_timeout_with_handle(move || driver.pump(), delay) {
            Ok(timer) => *self.shared.wake_timer.borrow_mut() = Some(timer),
            Err(err) => warn!("no timer for the next sync retry; it waits for a trigger: {err:?}"),
        }
    }
}

/// What a failed send means for the engine.
fn failure_of(error: &HttpError) -> SendFailure {
    match error {
        HttpError::Unreachable(_) => SendFailure::Network,
        HttpError::SignedOut => SendFailure::SignedOut,
        HttpError::Problem(problem) if matches!(problem.status, 400 | 413 | 422) => {
            SendFailure::Refused(problem.status)
        }
        HttpError::Problem(problem) => SendFailure::Server(problem.status),
        HttpError::UnexpectedStatus(status) if matches!(status, 400 | 413) => {
            SendFailure::Refused(*status)
        }
        HttpError::UnexpectedStatus(status) => SendFailure::Server(*status),
        // A 404 (a proxy without the route) or an unreadable answer: try again later.
        HttpError::NotFound | HttpError::Decode(_) | HttpError::InvalidCourse(_) => {
            SendFailure::Server(502)
        }
    }
}

fn new_engine() -> SyncEngine {
    let seed = random_u64().unwrap_or_else(|_| now_ms().to_bits());
    let is_online = leptos::prelude::window().navigator().on_line();
    SyncEngine::new(seed, is_online)
}
