//! The room's activities, command by command: chat, polls, speakers, signaling, breakout
//! rooms. The harness is in `tests.rs`.

use super::tests::{chat, user, Harness};
use super::*;
use jiff::SignedDuration;
use std::collections::BTreeSet;

#[test]
fn ending_closes_the_poll_and_the_breakout_rooms() {
    let mut class = Harness::live_with(&["ada", "bob"]);
    let poll = RoomCommand::CreatePoll {
        question: "Q?".into(),
        kind: PollKind::Single,
        options: vec!["a".into(), "b".into()],
    };
    class.send("prof", poll).unwrap();
    let open = RoomCommand::OpenBreakouts {
        plan: BreakoutPlan::Random { rooms: 2, seed: 3 },
        duration: SignedDuration::from_mins(10),
    };
    class.send("prof", open).unwrap();
    class.drain();
    class.send("prof", RoomCommand::EndSession).unwrap();
    let events = class.events();
    assert!(matches!(&events[0], RoomEvent::PollClosed(results) if results.poll_id == PollId(1)));
    assert!(events.contains(&RoomEvent::BreakoutsClosed));
    assert_eq!(class.room.closed_polls().len(), 1);
    assert_eq!(class.room.breakout_rounds().len(), 1);
    assert!(class.room.breakouts().is_none());
}

#[test]
fn a_resent_chat_message_goes_back_to_its_sender_only() {
    let mut class = Harness::live_with(&["ada", "bob"]);
    class.send("ada", chat(1, "hello")).unwrap();
    let first = class.drain();
    assert_eq!(first[0].audience, Audience::Everyone);
    assert_eq!(first[0].connections.len(), 3);
    class.send("ada", chat(1, "hello")).unwrap();
    let again = class.drain();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].audience, Audience::User(user("ada")));
    assert_eq!(class.room.chat_messages().len(), 1);
}

#[test]
fn a_poll_tally_goes_to_the_instructor_only_until_it_closes() {
    let mut class = Harness::live_with(&["ada", "bob"]);
    let poll = RoomCommand::CreatePoll {
        question: "Which?".into(),
        kind: PollKind::Single,
        options: vec!["a".into(), "b".into()],
    };
    class.send("prof", poll).unwrap();
    for out in class.drain() {
        match out.event {
            RoomEvent::PollOpened(view) => assert_eq!(view.tally, None),
            RoomEvent::PollTallied { .. } => assert_eq!(out.audience, Audience::Instructor),
            other => panic!("unexpected {other:?}"),
        }
    }
    let vote = RoomCommand::Vote {
        poll_id: PollId(1),
        option_indexes: vec![1],
    };
    class.send("ada", vote).unwrap();
    let outputs = class.drain();
    assert_eq!(outputs[0].audience, Audience::User(user("ada")));
    assert_eq!(outputs[1].audience, Audience::Instructor);
    assert_eq!(outputs[1].connections, [class.connections["prof"]]);
    let learner_view = class.room.snapshot_for(&user("bob")).unwrap();
    assert_eq!(learner_view.open_poll.unwrap().tally, None);
    let ada_view = class.room.snapshot_for(&user("ada")).unwrap();
    assert_eq!(ada_view.your_vote, Some(vec![1]));
    let instructor_view = class.room.snapshot_for(&user("prof")).unwrap();
    assert_eq!(
        instructor_view.open_poll.unwrap().tally.unwrap().counts,
        [0, 1]
    );
}

#[test]
fn signaling_goes_only_between_media_peers_and_is_bounded() {
    let mut class = Harness::live_with(&["ada", "bob"]);
    let offer = |to: &str, sdp: String| RoomCommand::RelaySignal {
        to: user(to),
        signal: Signal::Offer { sdp },
    };
    class.send("prof", offer("ada", "v=0".into())).unwrap();
    let outputs = class.drain();
    assert_eq!(outputs[0].connections, [class.connections["ada"]]);
    assert_eq!(
        outputs[0].event,
        RoomEvent::SignalRelayed {
            from: user("prof"),
            signal: Signal::Offer { sdp: "v=0".into() }
        }
    );
    assert_eq!(
        class.send("ada", offer("bob", "v=0".into())),
        Err(LiveRefusal::NotAMediaPeer(user("bob")))
    );
    let huge = "x".repeat(MAX_SIGNAL_BYTES + 1);
    assert_eq!(
        class.send("prof", offer("ada", huge)),
        Err(LiveRefusal::SignalTooLarge {
            bytes: MAX_SIGNAL_BYTES + 1,
            limit: MAX_SIGNAL_BYTES
        })
    );
}

#[test]
fn breakout_chat_reaches_its_members_and_the_instructor_only() {
    let mut class = Harness::live_with(&["ada", "bob", "cy", "dee"]);
    let plan = BreakoutPlan::Manual {
        rooms: vec![
            vec![user("ada"), user("bob")],
            vec![user("cy"), user("dee")],
        ],
    };
    let open = RoomCommand::OpenBreakouts {
        plan,
        duration: SignedDuration::from_mins(10),
    };
    class.send("prof", open).unwrap();
    class.drain();
    class.send("ada", chat(1, "our room")).unwrap();
    let outputs = class.drain();
    assert_eq!(outputs[0].audience, Audience::Breakout(BreakoutRoomId(1)));
    let expected: BTreeSet<ConnectionId> = ["prof", "ada", "bob"]
        .iter()
        .map(|name| class.connections[*name])
        .collect();
    let got: BTreeSet<ConnectionId> = outputs[0].connections.iter().copied().collect();
    assert_eq!(got, expected);
    assert!(class.room.chat_history_for(&user("cy"), None).is_empty());
    assert_eq!(class.room.chat_history_for(&user("prof"), None).len(), 1);
    // After the rooms close, the members may still read it, the others still may not.
    class.send("prof", RoomCommand::CloseBreakouts).unwrap();
    assert_eq!(class.room.chat_history_for(&user("bob"), None).len(), 1);
    assert!(class.room.chat_history_for(&user("dee"), None).is_empty());
}

#[test]
fn breakouts_refuse_bad_durations_and_plans_without_change() {
    let mut class = Harness::live_with(&["ada", "bob"]);
    let before = class.room.clone();
    for (duration, plan, refusal) in [
        (
            SignedDuration::ZERO,
            BreakoutPlan::Random { rooms: 2, seed: 1 },
            LiveRefusal::BreakoutDuration,
        ),
        (
            SignedDuration::from_hours(5),
            BreakoutPlan::Random { rooms: 2, seed: 1 },
            LiveRefusal::BreakoutDuration,
        ),
        (
            SignedDuration::from_mins(5),
            BreakoutPlan::Random { rooms: 3, seed: 1 },
            LiveRefusal::BreakoutRoomCount {
                rooms: 3,
                learners: 2,
            },
        ),
        (
            SignedDuration::from_mins(5),
            BreakoutPlan::Manual {
                rooms: vec![vec![user("ada")], vec![user("prof")]],
            },
            LiveRefusal::NotALearner(user("prof")),
        ),
    ] {
        let open = RoomCommand::OpenBreakouts { plan, duration };
        assert_eq!(class.send("prof", open), Err(refusal));
        assert_eq!(class.room, before);
    }
    assert_eq!(
        class.send("prof", RoomCommand::CloseBreakouts),
        Err(LiveRefusal::NoBreakouts)
    );
}

#[test]
fn admitting_needs_a_connected_learner_and_revoking_a_speaker() {
    let mut class = Harness::live_with(&["ada", "bob"]);
    class.disconnect("bob");
    let before = class.room.clone();
    let admit = |name: &str| RoomCommand::AdmitSpeaker {
        user_id: user(name),
    };
    assert_eq!(
        class.send("prof", admit("bob")),
        Err(LiveRefusal::NotPresent(user("bob")))
    );
    assert_eq!(
        class.send("prof", admit("prof")),
        Err(LiveRefusal::NotALearner(user("prof")))
    );
    assert_eq!(
        class.send("prof", admit("eve")),
        Err(LiveRefusal::NotALearner(user("eve")))
    );
    let revoke = RoomCommand::RevokeSpeaker {
        user_id: user("ada"),
    };
    assert_eq!(
        class.send("prof", revoke),
        Err(LiveRefusal::NotASpeaker(user("ada")))
    );
    assert_eq!(class.room, before);
}
