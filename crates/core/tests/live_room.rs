//! A whole live class on a fake clock: the instructor and three learners join, chat, a
//! latecomer and a reconnecting learner catch up on the chat without duplicates, a poll runs,
//! hands queue and a speaker is admitted, breakout rooms open and end on their timer, and a
//! learner's attempts at instructor-only actions change nothing. Every output is delivered to
//! the connections it names, so each test can also check what each person was told.

// The harness's helpers are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::{SignedDuration, Timestamp};
use lectern_core::ids::UserId;
use lectern_core::live::{
    BreakoutPlan, BreakoutRoomId, ClientMessageId, ConnectionId, InstructorAction, LiveRefusal,
    LiveRoom, LiveSessionId, PollId, PollKind, RoomCommand, RoomConfig, RoomEvent, RoomInput,
    RoomLocation, SessionStatus, Signal,
};
use std::collections::{BTreeMap, BTreeSet};

/// Minutes after the scheduled start.
fn at(minutes: i64) -> Timestamp {
    let start: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    start
        .checked_add(SignedDuration::from_mins(minutes))
        .unwrap()
}

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

fn users(names: &[&str]) -> BTreeSet<UserId> {
    names.iter().map(|name| user(name)).collect()
}

/// The class: an instructor, four enrolled learners, and what each connection was told.
struct Class {
    room: LiveRoom,
    now: Timestamp,
    connections: BTreeMap<String, ConnectionId>,
    inboxes: BTreeMap<ConnectionId, Vec<RoomEvent>>,
    connections_made: u64,
    messages_written: u128,
}

impl Class {
    /// The instructor and three learners (Ada, Bob, Cy) join before the start; the
    /// instructor starts the session. Dee is enrolled but not there.
    fn started() -> Class {
        let config = RoomConfig {
            session_id: LiveSessionId::parse("astro-101.week-3-live").unwrap(),
            instructor: user("prof"),
            learners: users(&["ada", "bob", "cy", "dee"]),
            starts_at: at(0),
            ends_at: at(90),
            display_names: Default::default(),
        };
        let mut class = Class {
            room: LiveRoom::new(config),
            now: at(-5),
            connections: BTreeMap::new(),
            inboxes: BTreeMap::new(),
            connections_made: 0,
            messages_written: 0,
        };
        for name in ["prof", "ada", "bob", "cy"] {
            class.join(name, None);
        }
        class.send("prof", RoomCommand::StartSession).unwrap();
        class
    }

    /// `name` opens a new connection, holding chat up to `since_sequence`.
    fn join(&mut self, name: &str, since_sequence: Option<u64>) -> ConnectionId {
        self.connections_made += 1;
        let connection_id = ConnectionId(self.connections_made);
        let input = RoomInput::Joined {
            user_id: user(name),
            connection_id,
            since_sequence,
        };
        self.room.handle(input, self.now).unwrap();
        self.connections.insert(name.to_owned(), connection_id);
        self.deliver();
        connection_id
    }

    fn send(&mut self, name: &str, command: RoomCommand) -> Result<(), LiveRefusal> {
        let input = RoomInput::Command {
            connection_id: self.connections[name],
            command,
        };
        let result = self.room.handle(input, self.now);
        self.deliver();
        result
    }

    /// `name` writes `text` with a fresh client message id; returns the id.
    fn say(&mut self, name: &str, text: &str) -> ClientMessageId {
        self.messages_written += 1;
        let id = ClientMessageId::parse(&format!(
            "00000000-0000-4000-8000-{:012x}",
            self.messages_written
        ))
        .unwrap();
        self.resend(name, &id, text);
        id
    }

    fn resend(&mut self, name: &str, client_message_id: &ClientMessageId, text: &str) {
        let command = RoomCommand::SendChat {
            client_message_id: client_message_id.clone(),
            text: text.into(),
        };
        self.send(name, command).unwrap();
    }

    fn drop_connection(&mut self, name: &str) {
        let input = RoomInput::Disconnected {
            connection_id: self.connections[name],
        };
        self.room.handle(input, self.now).unwrap();
        self.deliver();
    }

    fn wait_until(&mut self, now: Timestamp) {
        self.now = now;
        self.room.tick(now);
        self.deliver();
    }

    /// Sends every output to the connections it names.
    fn deliver(&mut self) {
        while let Some(out) = self.room.poll() {
            for connection_id in out.connections {
                self.inboxes
                    .entry(connection_id)
                    .or_default()
                    .push(out.event.clone());
            }
        }
    }

    /// What `name`'s current connection was told.
    fn inbox(&self, name: &str) -> &[RoomEvent] {
        self.inboxes
            .get(&self.connections[name])
            .map_or(&[], Vec::as_slice)
    }

    /// The chat texts `name`'s current connection received, in order.
    fn chat_seen(&self, name: &str) -> Vec<(u64, String)> {
        self.inbox(name)
            .iter()
            .flat_map(|event| match event {
                RoomEvent::ChatPosted(message) => vec![message.clone()],
                RoomEvent::ChatHistory(messages) => messages.clone(),
                _ => vec![],
            })
            .map(|message| (message.sequence, message.text))
            .collect()
    }
}

#[test]
fn the_instructor_and_three_learners_join_and_chat_in_order() {
    let mut class = Class::started();
    assert_eq!(class.room.status(), SessionStatus::Live);
    assert_eq!(class.room.participants().count(), 4);
    class.now = at(1);
    class.say("prof", "Welcome to week 3");
    class.say("ada", "Hi!");
    class.say("bob", "Hello");
    let expected = vec![
        (1, "Welcome to week 3".to_owned()),
        (2, "Hi!".to_owned()),
        (3, "Hello".to_owned()),
    ];
    for name in ["prof", "ada", "bob", "cy"] {
        assert_eq!(class.chat_seen(name), expected, "{name}");
        assert!(class
            .inbox(name)
            .contains(&RoomEvent::SessionStarted { at: at(-5) }));
    }
    let sequences: Vec<u64> = class
        .room
        .chat_messages()
        .iter()
        .map(|m| m.sequence)
        .collect();
    assert_eq!(sequences, [1, 2, 3]);
}

#[test]
fn a_late_joiner_gets_the_whole_history() {
    let mut class = Class::started();
    class.now = at(2);
    class.say("prof", "Today: exoplanets");
    class.say("cy", "Cool");
    class.now = at(10);
    class.join("dee", None);
    let RoomEvent::Snapshot(snapshot) = &class.inbox("dee")[0] else {
        panic!("the first thing a joiner gets is the room");
    };
    assert_eq!(snapshot.you, user("dee"));
    assert_eq!(snapshot.participants.len(), 5);
    assert_eq!(snapshot.last_chat_sequence, 2);
    assert_eq!(
        class.chat_seen("dee"),
        [(1, "Today: exoplanets".to_owned()), (2, "Cool".to_owned())]
    );
    // Everyone else hears that Dee came.
    let came = class.inbox("ada").iter().any(|event| {
        matches!(event, RoomEvent::ParticipantChanged(view) if view.user_id == user("dee") && view.is_connected)
    });
    assert!(came);
}

#[test]
fn a_reconnect_with_since_sequence_gets_no_duplicate_chat() {
    let mut class = Class::started();
    class.now = at(3);
    class.say("prof", "one");
    class.say("bob", "two");
    let seen_before: Vec<u64> = class.chat_seen("ada").iter().map(|(seq, _)| *seq).collect();
    assert_eq!(seen_before, [1, 2]);
    // Ada's network drops; she writes a message that may or may not have arrived.
    class.drop_connection("ada");
    class.say("prof", "three");
    class.now = at(3).checked_add(SignedDuration::from_secs(20)).unwrap();
    let old = class.connections["ada"];
    class.join("ada", Some(2));
    assert_ne!(class.connections["ada"], old);
    assert_eq!(class.chat_seen("ada"), [(3, "three".to_owned())]);
    // Her client resends the message it was unsure of, twice: stored once.
    let pending = class.say("ada", "four");
    class.resend("ada", &pending, "four");
    let stored: Vec<&str> = class
        .room
        .chat_messages()
        .iter()
        .map(|message| message.text.as_str())
        .collect();
    assert_eq!(stored, ["one", "two", "three", "four"]);
    assert_eq!(
        class.chat_seen("bob"),
        [
            (1, "one".to_owned()),
            (2, "two".to_owned()),
            (3, "three".to_owned()),
            (4, "four".to_owned())
        ]
    );
    // One continuing stay in the room: she was back within the grace period.
    let record = class
        .room
        .attendance()
        .find(|r| r.user_id == user("ada"))
        .unwrap();
    assert_eq!(record.intervals.len(), 1);
    assert_eq!(record.intervals[0].joined_at, at(-5));
}

#[test]
fn a_poll_tallies_exactly_and_learners_see_results_only_after_close() {
    let mut class = Class::started();
    class.now = at(20);
    let poll = RoomCommand::CreatePoll {
        question: "Which planet has the most moons?".into(),
        kind: PollKind::Single,
        options: vec!["Jupiter".into(), "Saturn".into(), "Uranus".into()],
    };
    class.send("prof", poll).unwrap();
    let vote = |option: usize| RoomCommand::Vote {
        poll_id: PollId(1),
        option_indexes: vec![option],
    };
    class.send("ada", vote(0)).unwrap();
    class.send("bob", vote(1)).unwrap();
    class.send("cy", vote(1)).unwrap();
    // Ada changes her mind while the poll is open.
    class.send("ada", vote(1)).unwrap();
    let last_tally = class
        .inbox("prof")
        .iter()
        .rev()
        .find_map(|event| match event {
            RoomEvent::PollTallied { tally, .. } => Some(tally.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(last_tally.counts, [0, 3, 0]);
    assert_eq!(last_tally.voters, 3);
    for learner in ["ada", "bob", "cy"] {
        let sees_tally = class.inbox(learner).iter().any(|event| {
            matches!(event, RoomEvent::PollTallied { .. })
                || matches!(event, RoomEvent::PollOpened(view) if view.tally.is_some())
        });
        assert!(!sees_tally, "{learner} saw a tally while the poll was open");
    }
    class
        .send("prof", RoomCommand::ClosePoll { poll_id: PollId(1) })
        .unwrap();
    for name in ["prof", "ada", "bob", "cy"] {
        let results = class.inbox(name).iter().find_map(|event| match event {
            RoomEvent::PollClosed(results) => Some(results.clone()),
            _ => None,
        });
        assert_eq!(results.unwrap().tally.counts, [0, 3, 0], "{name}");
    }
    let archived = &class.room.closed_polls()[0];
    assert_eq!(archived.votes.len(), 3);
    assert_eq!(archived.closed_at, Some(at(20)));
    assert_eq!(
        class.send("bob", vote(2)),
        Err(LiveRefusal::PollNotOpen(PollId(1)))
    );
}

#[test]
fn hands_queue_in_order_and_admission_changes_media_peers() {
    let mut class = Class::started();
    class.now = at(30);
    for learner in ["bob", "ada", "cy"] {
        class.send(learner, RoomCommand::RaiseHand).unwrap();
        class.now = class.now.checked_add(SignedDuration::from_secs(5)).unwrap();
    }
    class.send("bob", RoomCommand::RaiseHand).unwrap();
    let queue: Vec<&str> = class
        .room
        .hand_queue()
        .iter()
        .map(|h| h.user_id.as_str())
        .collect();
    assert_eq!(queue, ["bob", "ada", "cy"]);
    class.send("ada", RoomCommand::LowerHand).unwrap();

    // Before admission, the instructor sends to everyone and hears no one.
    assert_eq!(
        class.room.media_peers(&user("prof")),
        users(&["ada", "bob", "cy"])
    );
    assert!(class.room.media_sources(&user("prof")).is_empty());
    assert_eq!(class.room.media_sources(&user("bob")), users(&["prof"]));
    assert!(!class.room.may_send_media(&user("bob")));

    class
        .send(
            "prof",
            RoomCommand::AdmitSpeaker {
                user_id: user("bob"),
            },
        )
        .unwrap();
    let queue: Vec<&str> = class
        .room
        .hand_queue()
        .iter()
        .map(|h| h.user_id.as_str())
        .collect();
    assert_eq!(queue, ["cy"]);
    assert!(class
        .inbox("cy")
        .contains(&RoomEvent::SpeakersChanged(vec![user("bob")])));
    assert_eq!(class.room.media_sources(&user("prof")), users(&["bob"]));
    assert!(class.room.may_send_media(&user("bob")));
    // Learners never have media with each other in the main room.
    assert_eq!(class.room.media_peers(&user("bob")), users(&["prof"]));
    let offer = RoomCommand::RelaySignal {
        to: user("cy"),
        signal: Signal::Offer { sdp: "v=0".into() },
    };
    assert_eq!(
        class.send("bob", offer),
        Err(LiveRefusal::NotAMediaPeer(user("cy")))
    );

    class
        .send(
            "prof",
            RoomCommand::RevokeSpeaker {
                user_id: user("bob"),
            },
        )
        .unwrap();
    assert!(class.room.media_sources(&user("prof")).is_empty());
    assert!(!class.room.may_send_media(&user("bob")));
}

#[test]
fn breakouts_cover_everyone_once_and_end_at_the_timer() {
    let mut class = Class::started();
    class.now = at(40);
    let open = RoomCommand::OpenBreakouts {
        plan: BreakoutPlan::Random {
            rooms: 2,
            seed: 2026,
        },
        duration: SignedDuration::from_mins(10),
    };
    class.send("prof", open).unwrap();
    let round = class.room.breakouts().unwrap();
    assert_eq!(round.ends_at, at(50));
    let mut placed: Vec<&UserId> = round.rooms.iter().flat_map(|room| &room.members).collect();
    placed.sort();
    assert_eq!(placed, [&user("ada"), &user("bob"), &user("cy")]);
    let sizes: BTreeSet<usize> = round.rooms.iter().map(|room| room.members.len()).collect();
    assert_eq!(sizes, [1, 2].into());

    // Dee comes late and goes to the smaller room.
    class.now = at(42);
    class.join("dee", None);
    let round = class.room.breakouts().unwrap();
    assert!(round.rooms.iter().all(|room| room.members.len() == 2));
    let dee_room = round.room_of(&user("dee")).unwrap().clone();
    let partner = dee_room
        .members
        .iter()
        .find(|m| **m != user("dee"))
        .unwrap()
        .clone();
    let RoomEvent::Snapshot(snapshot) = &class.inbox("dee")[0] else {
        panic!("a joiner gets the room first");
    };
    assert_eq!(
        snapshot.your_location,
        RoomLocation::Breakout {
            breakout_room_id: dee_room.breakout_room_id
        }
    );

    // Members hear each other; the instructor only when visiting.
    assert_eq!(
        class.room.media_peers(&user("dee")),
        [partner.clone()].into()
    );
    class
        .send(
            "prof",
            RoomCommand::VisitBreakout {
                breakout_room_id: Some(dee_room.breakout_room_id),
            },
        )
        .unwrap();
    assert_eq!(
        class.room.media_peers(&user("dee")),
        [partner.clone(), user("prof")].into()
    );
    assert_eq!(
        class.room.media_peers(&user("prof")),
        [partner.clone(), user("dee")].into()
    );

    // A breakout's chat stays in it; a broadcast reaches every room.
    class.say("dee", "hi partner");
    let outsiders: Vec<&str> = ["ada", "bob", "cy"]
        .into_iter()
        .filter(|name| user(name) != partner)
        .collect();
    for name in &outsiders {
        assert!(
            class.chat_seen(name).is_empty(),
            "{name} saw another room's chat"
        );
    }
    assert_eq!(
        class.chat_seen(partner.as_str()),
        [(1, "hi partner".to_owned())]
    );
    assert_eq!(class.chat_seen("prof"), [(1, "hi partner".to_owned())]);
    class
        .send(
            "prof",
            RoomCommand::BroadcastToBreakouts {
                text: "Five minutes left".into(),
            },
        )
        .unwrap();
    for name in ["ada", "bob", "cy", "dee"] {
        let heard = class.inbox(name).iter().any(|event| {
            matches!(event, RoomEvent::BreakoutBroadcast(b) if b.text == "Five minutes left")
        });
        assert!(heard, "{name} missed the broadcast");
    }

    // The timer ends the rooms; everyone is back in the main room.
    assert_eq!(class.room.next_wake(), Some(at(50)));
    class.wait_until(at(50));
    assert!(class.room.breakouts().is_none());
    for name in ["ada", "bob", "cy", "dee", "prof"] {
        assert_eq!(class.room.location_of(&user(name)), RoomLocation::Main);
        assert!(
            class.inbox(name).contains(&RoomEvent::BreakoutsClosed),
            "{name}"
        );
    }
    assert_eq!(
        class.room.media_peers(&user("prof")),
        users(&["ada", "bob", "cy", "dee"])
    );
    let archived = &class.room.breakout_rounds()[0];
    assert_eq!(archived.closed_at, Some(at(50)));
    assert_eq!(archived.broadcasts.len(), 1);
    assert_eq!(archived.members_ever[&dee_room.breakout_room_id].len(), 2);
}

#[test]
fn a_learners_instructor_only_actions_are_refused_with_no_state_change() {
    let mut class = Class::started();
    class.now = at(15);
    class.send("cy", RoomCommand::RaiseHand).unwrap();
    let before = class.room.clone();
    let attempts = [
        (RoomCommand::EndSession, InstructorAction::EndSession),
        (
            RoomCommand::AdmitSpeaker {
                user_id: user("cy"),
            },
            InstructorAction::AdmitSpeaker,
        ),
        (
            RoomCommand::CreatePoll {
                question: "Pizza?".into(),
                kind: PollKind::Multiple,
                options: vec!["yes".into(), "no".into()],
            },
            InstructorAction::CreatePoll,
        ),
        (
            RoomCommand::OpenBreakouts {
                plan: BreakoutPlan::Random { rooms: 2, seed: 1 },
                duration: SignedDuration::from_mins(5),
            },
            InstructorAction::OpenBreakouts,
        ),
        (
            RoomCommand::VisitBreakout {
                breakout_room_id: Some(BreakoutRoomId(1)),
            },
            InstructorAction::VisitBreakout,
        ),
    ];
    let inbox_before = class.inboxes.clone();
    for (command, action) in attempts {
        assert_eq!(
            class.send("ada", command),
            Err(LiveRefusal::InstructorOnly(action))
        );
    }
    assert_eq!(class.room, before);
    // No one was told anything: a refusal goes back to the sender by the server, not the room.
    assert_eq!(class.inboxes, inbox_before);
}

#[test]
fn the_end_time_ends_the_class_and_closes_attendance() {
    let mut class = Class::started();
    class.now = at(60);
    class.drop_connection("bob");
    class.wait_until(at(90));
    assert_eq!(class.room.status(), SessionStatus::Ended);
    for name in ["prof", "ada", "cy"] {
        assert!(class
            .inbox(name)
            .contains(&RoomEvent::SessionEnded { at: at(90) }));
    }
    let left_at: BTreeMap<String, Option<Timestamp>> = class
        .room
        .attendance()
        .map(|record| {
            let last = record.intervals.last().unwrap();
            (record.user_id.to_string(), last.left_at)
        })
        .collect();
    assert_eq!(left_at["bob"], Some(at(60)));
    assert_eq!(left_at["ada"], Some(at(90)));
    assert_eq!(left_at["prof"], Some(at(90)));
    assert_eq!(
        class.send("ada", RoomCommand::RaiseHand),
        Err(LiveRefusal::Ended)
    );
}
