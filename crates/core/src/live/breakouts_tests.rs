use super::*;
use proptest::prelude::*;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + second).unwrap()
}

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

fn learners(names: &[&str]) -> BTreeSet<UserId> {
    names.iter().map(|name| user(name)).collect()
}

fn rooms(names: &[&[&str]]) -> Vec<Vec<UserId>> {
    names
        .iter()
        .map(|room| room.iter().map(|name| user(name)).collect())
        .collect()
}

#[test]
fn a_manual_plan_must_hold_every_present_learner_exactly_once() {
    let present = learners(&["ada", "bob", "cy", "dee"]);
    let plan = |names: &[&[&str]]| BreakoutPlan::Manual {
        rooms: rooms(names),
    };
    let good = plan(&[&["ada", "cy"], &["bob", "dee"]]);
    assert_eq!(
        assign_rooms(&good, &present),
        Ok(rooms(&[&["ada", "cy"], &["bob", "dee"]]))
    );
    let missing = plan(&[&["ada", "cy"], &["bob"]]);
    assert_eq!(
        assign_rooms(&missing, &present),
        Err(LiveRefusal::LearnerMissing(user("dee")))
    );
    let twice = plan(&[&["ada", "cy"], &["bob", "dee", "ada"]]);
    assert_eq!(
        assign_rooms(&twice, &present),
        Err(LiveRefusal::LearnerTwice(user("ada")))
    );
    let stranger = plan(&[&["ada", "cy", "eve"], &["bob", "dee"]]);
    assert_eq!(
        assign_rooms(&stranger, &present),
        Err(LiveRefusal::NotALearner(user("eve")))
    );
    let empty = plan(&[&["ada", "cy", "bob", "dee"], &[]]);
    assert_eq!(
        assign_rooms(&empty, &present),
        Err(LiveRefusal::EmptyBreakoutRoom)
    );
}

#[test]
fn there_are_two_rooms_at_least_and_no_more_rooms_than_learners() {
    let present = learners(&["ada", "bob", "cy"]);
    for count in [0, 1, 4] {
        let plan = BreakoutPlan::Random {
            rooms: count,
            seed: 1,
        };
        assert_eq!(
            assign_rooms(&plan, &present),
            Err(LiveRefusal::BreakoutRoomCount {
                rooms: count,
                learners: 3
            })
        );
    }
    let plan = BreakoutPlan::Random { rooms: 3, seed: 1 };
    assert!(assign_rooms(&plan, &present).is_ok());
}

#[test]
fn the_same_seed_gives_the_same_rooms() {
    let present = learners(&["ada", "bob", "cy", "dee", "eve", "fay"]);
    assert_eq!(random_rooms(&present, 3, 42), random_rooms(&present, 3, 42));
    // Pinned: SplitMix64 and this dealing must never change under stored seeds.
    let names: Vec<Vec<String>> = random_rooms(&present, 2, 7)
        .into_iter()
        .map(|room| room.into_iter().map(String::from).collect())
        .collect();
    assert_eq!(names, [["fay", "bob", "ada"], ["eve", "dee", "cy"]]);
}

#[test]
fn a_late_joiner_goes_to_the_smallest_room() {
    let mut breakouts = Breakouts::default();
    let assignment = rooms(&[&["ada", "bob"], &["cy"], &["dee", "eve"]]);
    breakouts.open(assignment, at(0), at(600)).unwrap();
    assert_eq!(
        breakouts.place_late_joiner(&user("fay")),
        Some(BreakoutRoomId(2))
    );
    // All rooms have two now: the first of equals.
    assert_eq!(
        breakouts.place_late_joiner(&user("gus")),
        Some(BreakoutRoomId(1))
    );
    assert_eq!(breakouts.room_of(&user("gus")), Some(BreakoutRoomId(1)));
    assert!(breakouts.was_member(&user("fay"), BreakoutRoomId(2)));
}

#[test]
fn closing_returns_everyone_and_keeps_the_round() {
    let mut breakouts = Breakouts::default();
    breakouts
        .open(rooms(&[&["ada"], &["bob"]]), at(0), at(600))
        .unwrap();
    assert_eq!(
        breakouts
            .open(rooms(&[&["ada"], &["bob"]]), at(1), at(600))
            .err(),
        Some(LiveRefusal::BreakoutsOpen)
    );
    breakouts.visit(Some(BreakoutRoomId(2))).unwrap();
    assert_eq!(
        breakouts.visit(Some(BreakoutRoomId(9))),
        Err(LiveRefusal::NoSuchBreakoutRoom(BreakoutRoomId(9)))
    );
    assert!(breakouts.remove(&user("bob")));
    assert!(breakouts.close(at(300)));
    assert_eq!(breakouts.room_of(&user("ada")), None);
    assert_eq!(breakouts.closed_rounds()[0].closed_at, Some(at(300)));
    // Bob left, but his room's chat stays his to read.
    assert!(breakouts.was_member(&user("bob"), BreakoutRoomId(2)));
    assert!(!breakouts.was_member(&user("ada"), BreakoutRoomId(2)));
    assert_eq!(breakouts.visit(None), Err(LiveRefusal::NoBreakouts));
    // Room ids go on across rounds.
    let round = breakouts
        .open(rooms(&[&["ada"], &["bob"]]), at(400), at(600))
        .unwrap();
    assert_eq!(round.rooms[0].breakout_room_id, BreakoutRoomId(3));
}

proptest! {
    #[test]
    fn a_random_split_covers_every_learner_once_in_rooms_within_one_of_each_other(
        names in proptest::collection::btree_set("[a-z]{1,8}", 2..60),
        room_seed in any::<u64>(),
        seed in any::<u64>(),
    ) {
        let present: BTreeSet<UserId> = names.iter().map(|name| user(name)).collect();
        let room_count = 2 + usize::try_from(room_seed % u64::try_from(present.len() - 1).unwrap()).unwrap();
        let plan = BreakoutPlan::Random { rooms: room_count, seed };
        let assignment = assign_rooms(&plan, &present).unwrap();
        prop_assert_eq!(assignment.len(), room_count);
        let mut placed: Vec<&UserId> = assignment.iter().flatten().collect();
        placed.sort();
        let expected: Vec<&UserId> = present.iter().collect();
        prop_assert_eq!(placed, expected);
        let sizes: Vec<usize> = assignment.iter().map(Vec::len).collect();
        let (smallest, largest) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        prop_assert!(largest - smallest <= 1);
        prop_assert!(*smallest >= 1);
    }
}
