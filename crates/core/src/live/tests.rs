//! The room's rules for roles, joins and the session's life, input by input, and the
//! harness `activity_tests.rs` shares. Whole-class scenarios are in
//! `crates/core/tests/live_room.rs`.

use super::*;
use crate::ids::UserId;
use jiff::{SignedDuration, Timestamp};
use std::collections::{BTreeMap, BTreeSet};

/// Minutes after the session's scheduled start.
pub(super) fn at(minutes: i64) -> Timestamp {
    let start: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    start
        .checked_add(SignedDuration::from_mins(minutes))
        .unwrap()
}

pub(super) fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

pub(super) fn message_id(n: u8) -> ClientMessageId {
    ClientMessageId::parse(&format!("00000000-0000-4000-8000-0000000000{n:02x}")).unwrap()
}

pub(super) fn config() -> RoomConfig {
    RoomConfig {
        session_id: LiveSessionId::parse("astro-101.live-1").unwrap(),
        instructor: user("prof"),
        learners: ["ada", "bob", "cy", "dee"].into_iter().map(user).collect(),
        starts_at: at(0),
        ends_at: at(60),
        display_names: Default::default(),
    }
}

/// A room on a fake clock, with one connection per user name.
pub(super) struct Harness {
    pub(super) room: LiveRoom,
    pub(super) now: Timestamp,
    pub(super) connections: BTreeMap<String, ConnectionId>,
    connections_made: u64,
}

impl Harness {
    /// A live room with the instructor and `learners` in it, outputs drained.
    pub(super) fn live_with(learners: &[&str]) -> Harness {
        let mut harness = Harness {
            room: LiveRoom::new(config()),
            now: at(0),
            connections: BTreeMap::new(),
            connections_made: 0,
        };
        harness.join("prof");
        for learner in learners {
            harness.join(learner);
        }
        harness.drain();
        harness
    }

    /// `name` joins on a new connection.
    pub(super) fn join(&mut self, name: &str) -> ConnectionId {
        self.connections_made += 1;
        let connection_id = ConnectionId(self.connections_made);
        let joined = RoomInput::Joined {
            user_id: user(name),
            connection_id,
            since_sequence: None,
        };
        self.room.handle(joined, self.now).unwrap();
        self.connections.insert(name.to_owned(), connection_id);
        connection_id
    }

    pub(super) fn send(&mut self, name: &str, command: RoomCommand) -> Result<(), LiveRefusal> {
        let connection_id = self.connections[name];
        let input = RoomInput::Command {
            connection_id,
            command,
        };
        self.room.handle(input, self.now)
    }

    pub(super) fn disconnect(&mut self, name: &str) {
        let connection_id = self.connections[name];
        let input = RoomInput::Disconnected { connection_id };
        self.room.handle(input, self.now).unwrap();
    }

    pub(super) fn drain(&mut self) -> Vec<Outgoing> {
        std::iter::from_fn(|| self.room.poll()).collect()
    }

    pub(super) fn events(&mut self) -> Vec<RoomEvent> {
        self.drain().into_iter().map(|out| out.event).collect()
    }
}

pub(super) fn chat(n: u8, text: &str) -> RoomCommand {
    RoomCommand::SendChat {
        client_message_id: message_id(n),
        text: text.into(),
    }
}

fn instructor_commands() -> Vec<(RoomCommand, InstructorAction)> {
    let ada = user("ada");
    vec![
        (RoomCommand::StartSession, InstructorAction::StartSession),
        (RoomCommand::EndSession, InstructorAction::EndSession),
        (
            RoomCommand::CreatePoll {
                question: "Q?".into(),
                kind: PollKind::Single,
                options: vec!["a".into(), "b".into()],
            },
            InstructorAction::CreatePoll,
        ),
        (
            RoomCommand::ClosePoll { poll_id: PollId(1) },
            InstructorAction::ClosePoll,
        ),
        (
            RoomCommand::AdmitSpeaker {
                user_id: ada.clone(),
            },
            InstructorAction::AdmitSpeaker,
        ),
        (
            RoomCommand::RevokeSpeaker { user_id: ada },
            InstructorAction::RevokeSpeaker,
        ),
        (
            RoomCommand::OpenBreakouts {
                plan: BreakoutPlan::Random { rooms: 2, seed: 1 },
                duration: SignedDuration::from_mins(10),
            },
            InstructorAction::OpenBreakouts,
        ),
        (
            RoomCommand::CloseBreakouts,
            InstructorAction::CloseBreakouts,
        ),
        (
            RoomCommand::BroadcastToBreakouts { text: "hi".into() },
            InstructorAction::BroadcastToBreakouts,
        ),
        (
            RoomCommand::VisitBreakout {
                breakout_room_id: Some(BreakoutRoomId(1)),
            },
            InstructorAction::VisitBreakout,
        ),
        (
            RoomCommand::MarkAnswered {
                question_id: QuestionId(1),
            },
            InstructorAction::MarkAnswered,
        ),
    ]
}

#[test]
fn every_instructor_action_from_a_learner_is_refused_and_changes_nothing() {
    let mut class = Harness::live_with(&["ada", "bob"]);
    class.send("ada", RoomCommand::RaiseHand).unwrap();
    class
        .send(
            "ada",
            RoomCommand::AskQuestion {
                text: "Why?".into(),
            },
        )
        .unwrap();
    class.drain();
    for (command, action) in instructor_commands() {
        let before = class.room.clone();
        let refusal = class.send("bob", command);
        assert_eq!(refusal, Err(LiveRefusal::InstructorOnly(action)));
        assert_eq!(class.room, before, "{action} changed the room");
    }
}

#[test]
fn learner_actions_from_the_instructor_are_refused() {
    let mut class = Harness::live_with(&["ada"]);
    let before = class.room.clone();
    assert_eq!(
        class.send("prof", RoomCommand::RaiseHand),
        Err(LiveRefusal::LearnersOnly(LearnerAction::RaiseHand))
    );
    assert_eq!(
        class.send("prof", RoomCommand::AskQuestion { text: "Q".into() }),
        Err(LiveRefusal::LearnersOnly(LearnerAction::AskQuestion))
    );
    assert_eq!(class.room, before);
}

#[test]
fn only_the_instructor_and_enrolled_learners_get_in() {
    let mut room = LiveRoom::new(config());
    let eve = RoomInput::Joined {
        user_id: user("eve"),
        connection_id: ConnectionId(1),
        since_sequence: None,
    };
    assert_eq!(
        room.handle(eve, at(0)),
        Err(LiveRefusal::NotEnrolled(user("eve")))
    );
    let stranger = RoomInput::Command {
        connection_id: ConnectionId(9),
        command: RoomCommand::RaiseHand,
    };
    assert_eq!(room.handle(stranger, at(0)), Err(LiveRefusal::NotJoined));
}

#[test]
fn a_new_connection_replaces_the_old_one_without_a_second_participant() {
    let mut class = Harness::live_with(&["ada"]);
    let old = class.connections["ada"];
    let new = class.join("ada");
    let outputs = class.drain();
    assert_eq!(outputs[0].audience, Audience::Connection(old));
    assert_eq!(outputs[0].event, RoomEvent::ConnectionReplaced);
    assert!(matches!(&outputs[1].event, RoomEvent::Snapshot(s) if s.you == user("ada")));
    assert_eq!(outputs[1].connections, [new]);
    assert_eq!(class.room.participants().count(), 2);
    let from_old = RoomInput::Command {
        connection_id: old,
        command: RoomCommand::RaiseHand,
    };
    assert_eq!(
        class.room.handle(from_old, class.now),
        Err(LiveRefusal::NotJoined)
    );
    // The old socket closing afterwards does not disconnect Ada.
    let closed = RoomInput::Disconnected { connection_id: old };
    class.room.handle(closed, class.now).unwrap();
    assert!(class.room.participant(&user("ada")).unwrap().is_connected());
    let record = class.room.attendance().find(|r| r.user_id == user("ada"));
    assert_eq!(record.unwrap().intervals.len(), 1);
}

#[test]
fn the_session_goes_live_at_its_start_and_ends_at_its_end() {
    let mut room = LiveRoom::new(config());
    let early = at(-10);
    let join = RoomInput::Joined {
        user_id: user("ada"),
        connection_id: ConnectionId(1),
        since_sequence: None,
    };
    room.handle(join, early).unwrap();
    assert_eq!(room.status(), SessionStatus::Scheduled);
    assert_eq!(room.next_wake(), Some(at(0)));
    let hand = RoomInput::Command {
        connection_id: ConnectionId(1),
        command: RoomCommand::RaiseHand,
    };
    assert_eq!(
        room.handle(hand.clone(), early),
        Err(LiveRefusal::NotStarted)
    );
    room.tick(at(0));
    assert_eq!(room.status(), SessionStatus::Live);
    room.handle(hand.clone(), at(1)).unwrap();
    assert_eq!(room.next_wake(), Some(at(60)));
    room.tick(at(61));
    assert_eq!(room.status(), SessionStatus::Ended);
    assert!(room.hand_queue().is_empty());
    let events: Vec<RoomEvent> = std::iter::from_fn(|| room.poll())
        .map(|o| o.event)
        .collect();
    assert!(events.contains(&RoomEvent::SessionStarted { at: at(0) }));
    assert_eq!(events.last(), Some(&RoomEvent::SessionEnded { at: at(60) }));
    assert_eq!(room.handle(hand, at(61)), Err(LiveRefusal::Ended));
    let record = room.attendance().next().unwrap();
    assert_eq!(record.intervals[0].left_at, Some(at(60)));
    assert_eq!(room.next_wake(), None);
}

#[test]
fn the_instructor_may_start_early_and_end_once() {
    let mut room = LiveRoom::new(config());
    let join = RoomInput::Joined {
        user_id: user("prof"),
        connection_id: ConnectionId(1),
        since_sequence: None,
    };
    room.handle(join, at(-5)).unwrap();
    let command = |command| RoomInput::Command {
        connection_id: ConnectionId(1),
        command,
    };
    room.handle(command(RoomCommand::StartSession), at(-5))
        .unwrap();
    assert_eq!(room.status(), SessionStatus::Live);
    assert_eq!(
        room.handle(command(RoomCommand::StartSession), at(-4)),
        Err(LiveRefusal::AlreadyStarted)
    );
    room.handle(command(RoomCommand::EndSession), at(30))
        .unwrap();
    assert_eq!(
        room.handle(command(RoomCommand::EndSession), at(31)),
        Err(LiveRefusal::Ended)
    );
    let rejoin = RoomInput::Joined {
        user_id: user("ada"),
        connection_id: ConnectionId(2),
        since_sequence: None,
    };
    assert_eq!(room.handle(rejoin, at(31)), Err(LiveRefusal::Ended));
}

#[test]
fn after_the_end_no_chat_poll_or_hand_is_taken() {
    let mut class = Harness::live_with(&["ada"]);
    class.send("prof", RoomCommand::EndSession).unwrap();
    let before = class.room.clone();
    for command in [
        chat(1, "still here?"),
        RoomCommand::RaiseHand,
        RoomCommand::Vote {
            poll_id: PollId(1),
            option_indexes: vec![0],
        },
    ] {
        assert_eq!(class.send("ada", command), Err(LiveRefusal::Ended));
    }
    let poll = RoomCommand::CreatePoll {
        question: "Q?".into(),
        kind: PollKind::Single,
        options: vec!["a".into(), "b".into()],
    };
    assert_eq!(class.send("prof", poll), Err(LiveRefusal::Ended));
    assert_eq!(class.room, before);
}

#[test]
fn a_dropped_learner_keeps_their_place_for_the_grace_period() {
    let mut class = Harness::live_with(&["ada", "bob"]);
    class.send("ada", RoomCommand::RaiseHand).unwrap();
    class.send("bob", RoomCommand::RaiseHand).unwrap();
    class.now = at(5);
    class.disconnect("ada");
    assert_eq!(class.room.hand_queue()[0].user_id, user("ada"));
    assert_eq!(
        class.room.next_wake(),
        at(5).checked_add(RECONNECT_GRACE).ok()
    );
    // Back in time: the same place, and the same stay in the room.
    class.now = at(5).checked_add(SignedDuration::from_secs(30)).unwrap();
    class.join("ada");
    assert_eq!(class.room.hand_queue()[0].user_id, user("ada"));
    let stays = |room: &LiveRoom| {
        let record = room
            .attendance()
            .find(|r| r.user_id == user("ada"))
            .unwrap();
        record.intervals.clone()
    };
    assert_eq!(stays(&class.room).len(), 1);
    assert_eq!(stays(&class.room)[0].left_at, None);
    // Gone too long: the place is given up, and the stay ended when the connection dropped.
    class.now = at(10);
    class.disconnect("ada");
    class.drain();
    class.room.tick(at(12));
    let events = class.events();
    assert!(events.contains(&RoomEvent::ParticipantLeft {
        user_id: user("ada")
    }));
    assert_eq!(class.room.hand_queue().len(), 1);
    assert!(class.room.participant(&user("ada")).is_none());
    assert_eq!(stays(&class.room)[0].left_at, Some(at(10)));
}

#[test]
fn a_room_is_set_up_from_a_live_lesson() {
    let course = crate::parse_manifest(
        r#"{"schema_version":1,"course_id":"astro","title":"Astro","modules":[{"module_id":"m","title":"M","lessons":[
            {"lesson_id":"intro","title":"Intro","kind":"text","body":"Hi"},
            {"lesson_id":"live-1","title":"Live","kind":"live","starts_at":"2026-03-02T10:00:00Z",
             "ends_at":"2026-03-02T11:00:00Z","instructor":"prof"}]}]}"#,
    )
    .unwrap();
    let learners: BTreeSet<UserId> = [user("ada")].into();
    let live = crate::LessonId::parse("live-1").unwrap();
    let config = RoomConfig::for_lesson(&course, &live, learners.clone()).unwrap();
    assert_eq!(config.session_id.to_string(), "astro.live-1");
    assert_eq!(config.instructor, user("prof"));
    assert_eq!(config.ends_at, at(60));
    let intro = crate::LessonId::parse("intro").unwrap();
    assert_eq!(
        RoomConfig::for_lesson(&course, &intro, learners),
        Err(RoomSetupError::NotLive(intro))
    );
}
