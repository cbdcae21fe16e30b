use super::*;

fn event(body: EventBody) -> LearnerEvent {
    LearnerEvent {
        event_id: EventId::parse("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap(),
        device_id: DeviceId::parse("7c9e6679-7425-40de-944b-e07fc1f90ae7").unwrap(),
        sequence: 1,
        occurred_at: "2026-05-01T10:00:00Z".parse().unwrap(),
        course_id: CourseId::parse("astronomy-101").unwrap(),
        lesson_id: LessonId::parse("tour-of-the-sky").unwrap(),
        body,
    }
}

#[test]
fn events_travel_as_flat_json_with_a_kind() {
    let progressed = event(EventBody::Progressed {
        position_ms: 61_000,
        duration_ms: Some(154_000),
        watched: vec![(0, 61_000)],
    });
    let json = serde_json::to_value(&progressed).unwrap();
    assert_eq!(json["kind"], "progressed");
    assert_eq!(json["watched"][0][1], 61_000);
    assert_eq!(json["sequence"], 1);
    let back: LearnerEvent = serde_json::from_value(json).unwrap();
    assert_eq!(back, progressed);
    let unknown = r#"{"event_id":"0f8fad5b-d9cb-469f-a165-70867728950e","device_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","sequence":1,"occurred_at":"2026-05-01T10:00:00Z","course_id":"a","lesson_id":"b","kind":"teleported"}"#;
    assert!(serde_json::from_str::<LearnerEvent>(unknown).is_err());
}

#[test]
fn a_started_attempt_carries_its_seed_as_a_string_and_submissions_their_answers() {
    let started = event(EventBody::AttemptStarted {
        attempt_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        seed: u64::MAX,
    });
    let json = serde_json::to_value(&started).unwrap();
    assert_eq!(json["kind"], "attempt_started");
    assert_eq!(json["seed"], "18446744073709551615");
    assert_eq!(
        serde_json::from_value::<LearnerEvent>(json).unwrap(),
        started
    );
    let mut numeric = serde_json::to_value(&started).unwrap();
    numeric["seed"] = serde_json::json!(7);
    assert!(serde_json::from_value::<LearnerEvent>(numeric).is_err());
    // A submission recorded before answers travelled with it still reads.
    let bare = r#"{"event_id":"0f8fad5b-d9cb-469f-a165-70867728950e","device_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","sequence":1,"occurred_at":"2026-05-01T10:00:00Z","course_id":"a","lesson_id":"b","kind":"attempt_submitted","attempt_id":"0f8fad5b-d9cb-469f-a165-70867728950e"}"#;
    let read: LearnerEvent = serde_json::from_str(bare).unwrap();
    assert!(
        matches!(read.body, EventBody::AttemptSubmitted { ref answers, .. } if answers.is_empty())
    );
}

#[test]
fn checks_say_what_is_wrong() {
    let mut zero = event(EventBody::Completed);
    zero.sequence = 0;
    assert_eq!(zero.check(), Err(EventProblem::ZeroSequence));
    let inverted = event(EventBody::Progressed {
        position_ms: 0,
        duration_ms: None,
        watched: vec![(5, 2)],
    });
    assert_eq!(inverted.check(), Err(EventProblem::InvertedRange(5, 2)));
    let huge = event(EventBody::Progressed {
        position_ms: u64::MAX,
        duration_ms: None,
        watched: vec![],
    });
    assert_eq!(huge.check(), Err(EventProblem::TimeOutOfRange));
    let bad_attempt = event(EventBody::AttemptSubmitted {
        attempt_id: "../x".into(),
        answers: BTreeMap::new(),
    });
    assert_eq!(bad_attempt.check(), Err(EventProblem::BadAttemptId));
    assert_eq!(event(EventBody::Completed).check(), Ok(()));
    let bad_question = event(EventBody::AttemptSubmitted {
        attempt_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        answers: BTreeMap::from([("no spaces".into(), Answer::TrueFalse(true))]),
    });
    assert_eq!(bad_question.check(), Err(EventProblem::BadQuestionId));
    assert!(EventId::parse("0F8FAD5B-D9CB-469F-A165-70867728950E").is_err());
}

#[test]
fn uuids_from_random_bytes_are_lowercase_version_4() {
    let uuid = uuid_v4_from_bytes([0xff; 16]);
    assert_eq!(uuid, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    assert!(is_uuid(&uuid));
    assert_eq!(
        uuid_v4_from_bytes([0; 16]),
        "00000000-0000-4000-8000-000000000000"
    );
}
