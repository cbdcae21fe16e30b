//! The sync engine against a fake server over a fake network, on a fake clock, in the style
//! of str0m's and quinn-proto's harnesses. Property tests run random interleavings of
//! learner events, going offline and online, lost requests, lost answers after the server
//! stored the batch, duplicate deliveries, 500s, whole-batch refusals, sign-outs and
//! restarts that lose everything but the stored outbox. The invariant: the server ends with
//! exactly the valid events the learner produced, each stored once, and every other event is
//! accounted for as a conflict or a rejection; the outbox ends empty.

// The harness's helpers are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::{SignedDuration, Timestamp};
use lectern_core::sync::{
    Batch, DeviceId, EventBody, EventId, EventResult, EventStatus, LearnerEvent, SendFailure,
    SyncEngine, SyncInput, SyncOutput, SyncStatus, MAX_RETRY,
};
use lectern_core::{CourseId, LessonId};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The reference server: stores each event id once; same id and body again is a duplicate,
/// another body a conflict, an invalid event is rejected.
#[derive(Default)]
struct FakeServer {
    stored: BTreeMap<EventId, LearnerEvent>,
    times_stored: BTreeMap<EventId, usize>,
}

impl FakeServer {
    fn receive(&mut self, events: &[LearnerEvent]) -> Vec<EventResult> {
        events
            .iter()
            .map(|event| {
                let (status, reason) = if let Err(problem) = event.check() {
                    (EventStatus::Rejected, Some(problem.to_string()))
                } else {
                    match self.stored.get(&event.event_id) {
                        Some(known) if known == event => (EventStatus::Duplicate, None),
                        Some(_) => (EventStatus::Conflict, Some("another body".into())),
                        None => {
                            self.stored.insert(event.event_id.clone(), event.clone());
                            *self.times_stored.entry(event.event_id.clone()).or_default() += 1;
                            (EventStatus::Stored, None)
                        }
                    }
                };
                EventResult {
                    event_id: event.event_id.clone(),
                    status,
                    reason,
                }
            })
            .collect()
    }
}

/// What can happen to the batch on the wire.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Answered,
    RequestLost,
    /// The server stored the batch, but its answer never arrived.
    AnswerLost,
    /// Delivered twice; the second answer arrives.
    DeliveredTwice,
    ServerError,
    RefusedWhole,
    SignedOut,
}

#[derive(Debug, Clone)]
enum Step {
    Record {
        is_valid: bool,
    },
    /// A buggy recorder reuses an earlier event's id with another body.
    ReuseId {
        of: usize,
    },
    Offline,
    Online,
    Trigger,
    Advance {
        ms: i64,
    },
    Deliver(Fate),
    Restart {
        did_reach_server: bool,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => Just(Step::Record { is_valid: true }),
        1 => Just(Step::Record { is_valid: false }),
        1 => (0usize..50).prop_map(|of| Step::ReuseId { of }),
        1 => Just(Step::Offline),
        2 => Just(Step::Online),
        2 => Just(Step::Trigger),
        3 => (0i64..400_000).prop_map(|ms| Step::Advance { ms }),
        8 => prop_oneof![
            4 => Just(Fate::Answered),
            1 => Just(Fate::RequestLost),
            2 => Just(Fate::AnswerLost),
            1 => Just(Fate::DeliveredTwice),
            1 => Just(Fate::ServerError),
            1 => Just(Fate::RefusedWhole),
            1 => Just(Fate::SignedOut),
        ]
        .prop_map(Step::Deliver),
        1 => any::<bool>().prop_map(|did_reach_server| Step::Restart { did_reach_server }),
    ]
}

fn uuid(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

struct Device {
    engine: SyncEngine,
    device_id: DeviceId,
    /// What IndexedDB holds: written with each event, deleted when acknowledged or moved.
    stored_outbox: Vec<LearnerEvent>,
    conflicts: Vec<LearnerEvent>,
    rejected: Vec<LearnerEvent>,
    produced: Vec<LearnerEvent>,
    on_the_wire: Option<Batch>,
    next_sequence: u64,
    next_id: u64,
    is_online: bool,
    now: Timestamp,
    seed: u64,
}

impl Device {
    fn new(seed: u64) -> Device {
        Device {
            engine: SyncEngine::new(seed, true),
            device_id: DeviceId::parse(&uuid(0xdead)).unwrap(),
            stored_outbox: Vec::new(),
            conflicts: Vec::new(),
            rejected: Vec::new(),
            produced: Vec::new(),
            on_the_wire: None,
            next_sequence: 1,
            next_id: 1,
            is_online: true,
            now: "2026-05-01T10:00:00Z".parse().unwrap(),
            seed,
        }
    }

    fn event(&mut self, event_id: EventId, body: EventBody) -> LearnerEvent {
        let event = LearnerEvent {
            event_id,
            device_id: self.device_id.clone(),
            sequence: self.next_sequence,
            occurred_at: self.now,
            course_id: CourseId::parse("astronomy-101").unwrap(),
            lesson_id: LessonId::parse("tour-of-the-sky").unwrap(),
            body,
        };
        self.next_sequence += 1;
        event
    }

    fn record(&mut self, event: LearnerEvent) {
        self.produced.push(event.clone());
        // The view update and the outbox append are one transaction; then the engine hears.
        if !self
            .stored_outbox
            .iter()
            .any(|e| e.event_id == event.event_id)
        {
            self.stored_outbox.push(event.clone());
        }
        self.engine
            .handle(SyncInput::Recorded(Box::new(event)), self.now);
    }

    fn drain(&mut self) {
        while let Some(output) = self.engine.poll(self.now) {
            match output {
                SyncOutput::Send(batch) => {
                    assert!(self.on_the_wire.is_none(), "two batches in flight");
                    assert!(!batch.events.is_empty(), "an empty batch was sent");
                    self.on_the_wire = Some(batch);
                }
                SyncOutput::Acknowledged(ids) => {
                    self.stored_outbox.retain(|e| !ids.contains(&e.event_id));
                }
                SyncOutput::Conflicted(events) => {
                    for (event, _) in events {
                        self.stored_outbox.retain(|e| e != &event);
                        self.conflicts.push(event);
                    }
                }
                SyncOutput::Rejected(events) => {
                    for (event, _) in events {
                        self.stored_outbox.retain(|e| e.event_id != event.event_id);
                        self.rejected.push(event);
                    }
                }
                SyncOutput::Status(status) => {
                    if status == SyncStatus::Synced {
                        assert!(self.engine.pending_count() == 0);
                    }
                }
            }
        }
    }

    fn run(&mut self, step: &Step, server: &mut FakeServer) {
        match step {
            Step::Record { is_valid } => {
                let event_id = EventId::parse(&uuid(self.next_id)).unwrap();
                self.next_id += 1;
                let watched = if *is_valid {
                    vec![(0, 5_000)]
                } else {
                    vec![(5_000, 0)]
                };
                let event = self.event(
                    event_id,
                    EventBody::Progressed {
                        position_ms: 5_000,
                        duration_ms: Some(60_000),
                        watched,
                    },
                );
                self.record(event);
            }
            Step::ReuseId { of } => {
                let Some(original) = self.produced.get(*of % self.produced.len().max(1)).cloned()
                else {
                    return;
                };
                let event = self.event(original.event_id, EventBody::Completed);
                self.record(event);
            }
            Step::Offline => {
                self.is_online = false;
                self.engine.handle(SyncInput::Offline, self.now);
            }
            Step::Online => {
                self.is_online = true;
                self.engine.handle(SyncInput::Online, self.now);
            }
            Step::Trigger => self.engine.handle(SyncInput::Triggered, self.now),
            Step::Advance { ms } => {
                self.now = self
                    .now
                    .checked_add(SignedDuration::from_millis(*ms))
                    .unwrap();
            }
            Step::Deliver(fate) => self.deliver(*fate, server),
            Step::Restart { did_reach_server } => {
                if let (Some(batch), true) = (self.on_the_wire.take(), *did_reach_server) {
                    server.receive(&batch.events);
                }
                self.on_the_wire = None;
                self.engine = SyncEngine::new(self.seed ^ self.next_id, self.is_online);
                self.engine
                    .handle(SyncInput::Restored(self.stored_outbox.clone()), self.now);
            }
        }
        self.drain();
    }

    fn deliver(&mut self, fate: Fate, server: &mut FakeServer) {
        let Some(batch) = self.on_the_wire.take() else {
            return;
        };
        let batch_id = batch.batch_id;
        let failed = |failure| SyncInput::Failed { batch_id, failure };
        let input = if !self.is_online {
            failed(SendFailure::Network)
        } else {
            match fate {
                Fate::Answered => SyncInput::Answered {
                    batch_id,
                    results: server.receive(&batch.events),
                },
                Fate::RequestLost => failed(SendFailure::Network),
                Fate::AnswerLost => {
                    server.receive(&batch.events);
                    failed(SendFailure::Network)
                }
                Fate::DeliveredTwice => {
                    server.receive(&batch.events);
                    SyncInput::Answered {
                        batch_id,
                        results: server.receive(&batch.events),
                    }
                }
                Fate::ServerError => failed(SendFailure::Server(500)),
                Fate::RefusedWhole => failed(SendFailure::Refused(400)),
                Fate::SignedOut => failed(SendFailure::SignedOut),
            }
        };
        self.engine.handle(input, self.now);
    }

    /// The network comes back for good and the learner signs in again: runs until the
    /// outbox is empty (bounded).
    fn settle(&mut self, server: &mut FakeServer) {
        self.run(&Step::Online, server);
        self.run(&Step::Trigger, server);
        for _ in 0..10_000 {
            if self.on_the_wire.is_some() {
                self.run(&Step::Deliver(Fate::Answered), server);
            } else if let Some(wake) = self.engine.next_wake() {
                self.now = wake.max(self.now);
                self.drain();
            } else if self.engine.pending_count() > 0 {
                self.run(&Step::Trigger, server);
            } else {
                return;
            }
        }
        panic!(
            "the outbox never emptied: {} left",
            self.engine.pending_count()
        );
    }
}

fn check_invariant(device: &Device, server: &FakeServer) {
    assert!(device.stored_outbox.is_empty(), "the outbox ends empty");
    assert_eq!(device.engine.pending_count(), 0);
    for (event_id, count) in &server.times_stored {
        assert_eq!(*count, 1, "{event_id} was stored {count} times");
    }
    let produced_ids: BTreeSet<&EventId> = device.produced.iter().map(|e| &e.event_id).collect();
    for stored in server.stored.values() {
        assert!(
            device.produced.contains(stored),
            "the server holds only produced events"
        );
    }
    for event in &device.produced {
        let is_stored = server.stored.get(&event.event_id) == Some(event);
        let is_conflict = device.conflicts.contains(event);
        let is_rejected = device.rejected.iter().any(|r| r == event);
        assert!(
            is_stored || is_conflict || is_rejected,
            "event {} (sequence {}) was lost",
            event.event_id,
            event.sequence
        );
        if event.check().is_ok() && !is_conflict {
            assert!(
                is_stored,
                "a valid event was not stored: {}",
                event.event_id
            );
        }
        if event.check().is_err() {
            assert!(!is_stored, "an invalid event was stored");
        }
    }
    assert!(produced_ids.len() <= device.produced.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn nothing_is_lost_and_nothing_is_stored_twice(seed in any::<u64>(), steps in prop::collection::vec(step(), 1..80)) {
        let mut server = FakeServer::default();
        let mut device = Device::new(seed);
        for step in &steps {
            device.run(step, &mut server);
        }
        device.settle(&mut server);
        check_invariant(&device, &server);
    }
}

#[test]
fn a_lost_answer_after_the_server_stored_the_batch_is_acknowledged_as_a_duplicate() {
    let mut server = FakeServer::default();
    let mut device = Device::new(1);
    device.run(&Step::Record { is_valid: true }, &mut server);
    device.run(&Step::Deliver(Fate::AnswerLost), &mut server);
    assert_eq!(server.stored.len(), 1);
    assert_eq!(
        device.stored_outbox.len(),
        1,
        "kept until the server answers for it"
    );
    device.settle(&mut server);
    check_invariant(&device, &server);
}

#[test]
fn retries_back_off_and_a_trigger_tries_at_once() {
    let mut server = FakeServer::default();
    let mut device = Device::new(2);
    device.run(&Step::Record { is_valid: true }, &mut server);
    let mut waits = Vec::new();
    for _ in 0..12 {
        device.run(&Step::Deliver(Fate::ServerError), &mut server);
        let wake = device.engine.next_wake().expect("a retry is scheduled");
        waits.push(wake.duration_since(device.now));
        assert!(
            device.on_the_wire.is_none(),
            "nothing is sent before the wait ends"
        );
        device.now = wake;
        device.drain();
        assert!(
            device.on_the_wire.is_some(),
            "the retry is sent when the wait ends"
        );
    }
    assert!(waits[0] <= SignedDuration::from_secs(1));
    assert!(waits[5] > waits[0], "the waits grow: {waits:?}");
    assert!(
        waits.iter().all(|wait| *wait <= MAX_RETRY),
        "and stay capped: {waits:?}"
    );
    device.run(&Step::Deliver(Fate::ServerError), &mut server);
    device.run(&Step::Trigger, &mut server);
    assert!(device.on_the_wire.is_some(), "a trigger skips the wait");
    assert_eq!(
        device.stored_outbox.len(),
        1,
        "never dropped however many tries"
    );
}

#[test]
fn offline_holds_everything_and_online_sends_it() {
    let mut server = FakeServer::default();
    let mut device = Device::new(3);
    device.run(&Step::Offline, &mut server);
    for _ in 0..5 {
        device.run(&Step::Record { is_valid: true }, &mut server);
    }
    assert!(device.on_the_wire.is_none(), "nothing is sent offline");
    assert_eq!(device.engine.pending_count(), 5);
    device.run(&Step::Online, &mut server);
    let batch = device.on_the_wire.clone().expect("going online sends");
    let sequences: Vec<u64> = batch.events.iter().map(|e| e.sequence).collect();
    assert_eq!(sequences, vec![1, 2, 3, 4, 5], "oldest first, in one batch");
    device.settle(&mut server);
    check_invariant(&device, &server);
}

#[test]
fn a_refused_batch_is_halved_so_one_bad_event_cannot_hold_back_the_rest() {
    let mut server = FakeServer::default();
    let mut device = Device::new(4);
    device.run(&Step::Offline, &mut server);
    for _ in 0..8 {
        device.run(&Step::Record { is_valid: true }, &mut server);
    }
    device.run(&Step::Online, &mut server);
    let mut sizes = Vec::new();
    for _ in 0..9 {
        sizes.push(device.on_the_wire.as_ref().map_or(0, |b| b.events.len()));
        device.run(&Step::Deliver(Fate::RefusedWhole), &mut server);
        device.run(&Step::Trigger, &mut server);
    }
    assert_eq!(sizes[0], 8, "the first batch holds every event");
    assert!(
        sizes.windows(2).all(|pair| pair[1] <= pair[0]),
        "batches shrink: {sizes:?}"
    );
    assert_eq!(
        sizes.last().copied(),
        Some(1),
        "down to one event: {sizes:?}"
    );
    device.settle(&mut server);
    check_invariant(&device, &server);
}

#[test]
fn a_signed_out_device_waits_for_a_trigger_and_loses_nothing() {
    let mut server = FakeServer::default();
    let mut device = Device::new(5);
    device.run(&Step::Record { is_valid: true }, &mut server);
    device.run(&Step::Deliver(Fate::SignedOut), &mut server);
    assert_eq!(
        device.engine.next_wake(),
        None,
        "no retries while signed out"
    );
    device.now = device
        .now
        .checked_add(SignedDuration::from_secs(3_600))
        .unwrap();
    device.drain();
    assert!(device.on_the_wire.is_none());
    device.run(&Step::Trigger, &mut server);
    assert!(
        device.on_the_wire.is_some(),
        "signing in again triggers the send"
    );
    device.settle(&mut server);
    check_invariant(&device, &server);
}

#[test]
fn an_answer_for_a_batch_sent_before_a_restart_is_ignored() {
    let mut server = FakeServer::default();
    let mut device = Device::new(6);
    device.run(&Step::Record { is_valid: true }, &mut server);
    let old = device.on_the_wire.clone().expect("sent");
    device.run(
        &Step::Restart {
            did_reach_server: false,
        },
        &mut server,
    );
    let results = server.receive(&old.events);
    device.engine.handle(
        SyncInput::Answered {
            batch_id: old.batch_id + 1_000,
            results,
        },
        device.now,
    );
    device.drain();
    assert_eq!(
        device.engine.pending_count(),
        1,
        "an unknown batch's answer removes nothing"
    );
    device.settle(&mut server);
    check_invariant(&device, &server);
}
