//! Adding a recording lesson to a manifest: where it goes, what it holds, that adding it
//! again changes nothing, and what cannot be added.

use super::*;
use crate::course::{parse_manifest, LessonContent, TrackKind};

fn manifest() -> Value {
    json!({
        "schema_version": 1,
        "course_id": "astro",
        "title": "Astronomy",
        "language": "fr",
        "x_publisher": "kept as it is",
        "modules": [
            {"module_id": "intro", "title": "Intro", "lessons": [
                {"lesson_id": "welcome", "title": "Welcome", "kind": "text", "body": "Hi"}
            ]},
            {"module_id": "nights", "title": "Nights", "lessons": [
                {"lesson_id": "class", "title": "Live class", "kind": "live",
                 "starts_at": "2027-01-20T18:00:00Z", "ends_at": "2027-01-20T19:00:00Z",
                 "instructor": "prof"},
                {"lesson_id": "journal", "title": "Journal", "kind": "text", "body": "Write"}
            ]}
        ]
    })
}

fn lesson_id(raw: &str) -> LessonId {
    LessonId::parse(raw).unwrap()
}

fn url(raw: &str) -> MediaUrl {
    MediaUrl::parse(raw).unwrap()
}

fn recording(duration_seconds: u32) -> RecordingLesson {
    RecordingLesson {
        is_audio_only: false,
        media_url: url("/media/astro/recordings/class.webm"),
        chat_track_url: url("/media/astro/recordings/class-chat.vtt"),
        duration_seconds,
    }
}

fn lesson_ids(manifest: &Value, module: usize) -> Vec<String> {
    manifest["modules"][module]["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|lesson| lesson["lesson_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_recording_follows_its_live_lesson_with_the_chat_as_subtitles() {
    let added = with_recording_lesson(&manifest(), &lesson_id("class"), &recording(3_540)).unwrap();
    assert_eq!(
        lesson_ids(&added, 1),
        ["class", "class-recording", "journal"]
    );
    assert_eq!(added["x_publisher"], "kept as it is");
    let course = parse_manifest(&added.to_string()).unwrap();
    let lesson = course.lesson(&lesson_id("class-recording")).unwrap();
    assert_eq!(lesson.title, "Live class (recording)");
    let LessonContent::Video(media) = &lesson.content else {
        panic!("not a video: {:?}", lesson.content);
    };
    assert_eq!(
        media.media_url.as_str(),
        "/media/astro/recordings/class.webm"
    );
    assert_eq!(media.duration_seconds, Some(3_540));
    let [track] = media.tracks.as_slice() else {
        panic!("{:?}", media.tracks);
    };
    assert_eq!(track.kind, TrackKind::Subtitles);
    assert_eq!(
        (track.language.as_str(), track.label.as_str()),
        ("fr", "Class chat")
    );
    assert_eq!(track.url.as_str(), "/media/astro/recordings/class-chat.vtt");
}

#[test]
fn adding_again_replaces_the_recording() {
    let live = lesson_id("class");
    let once = with_recording_lesson(&manifest(), &live, &recording(60)).unwrap();
    let twice = with_recording_lesson(&once, &live, &recording(60)).unwrap();
    assert_eq!(once, twice);
    let corrected = with_recording_lesson(&twice, &live, &recording(90)).unwrap();
    assert_eq!(lesson_ids(&corrected, 1), lesson_ids(&once, 1));
    assert_eq!(
        corrected["modules"][1]["lessons"][1]["duration_seconds"],
        90
    );
}

#[test]
fn sound_alone_is_an_audio_lesson() {
    let audio = RecordingLesson {
        is_audio_only: true,
        ..recording(60)
    };
    let added = with_recording_lesson(&manifest(), &lesson_id("class"), &audio).unwrap();
    let course = parse_manifest(&added.to_string()).unwrap();
    let lesson = course.lesson(&lesson_id("class-recording")).unwrap();
    assert!(matches!(lesson.content, LessonContent::Audio(_)));
}

#[test]
fn a_long_live_title_is_shortened_to_fit() {
    let mut long = manifest();
    long["modules"][1]["lessons"][0]["title"] = json!("é".repeat(200));
    let added = with_recording_lesson(&long, &lesson_id("class"), &recording(60)).unwrap();
    let title = added["modules"][1]["lessons"][1]["title"].as_str().unwrap();
    assert_eq!(title.chars().count(), 200);
    assert!(title.ends_with("é… (recording)"), "{title}");
    assert!(parse_manifest(&added.to_string()).is_ok());
}

#[test]
fn a_recording_needs_a_live_lesson_and_an_id_that_fits() {
    let add = |manifest: &Value, live: &str| {
        with_recording_lesson(manifest, &lesson_id(live), &recording(60))
    };
    assert_eq!(
        add(&manifest(), "nope"),
        Err(RecordingLessonError::NoSuchLesson(lesson_id("nope")))
    );
    assert_eq!(
        add(&manifest(), "journal"),
        Err(RecordingLessonError::NotLive(lesson_id("journal")))
    );
    assert_eq!(
        add(&json!({"modules": "none"}), "class"),
        Err(RecordingLessonError::NotACourse)
    );
    let long_id = "l".repeat(MAX_ID_LEN - RECORDING_LESSON_SUFFIX.len() + 1);
    let mut long = manifest();
    long["modules"][1]["lessons"][0]["lesson_id"] = json!(long_id);
    let refused = add(&long, &long_id).unwrap_err();
    assert_eq!(
        refused,
        RecordingLessonError::LessonIdTooLong {
            live_lesson_id: lesson_id(&long_id)
        }
    );
    assert!(refused.to_string().contains("longer than 64"), "{refused}");
    let fits = "l".repeat(MAX_ID_LEN - RECORDING_LESSON_SUFFIX.len());
    assert_eq!(
        recording_lesson_id(&lesson_id(&fits))
            .unwrap()
            .as_str()
            .len(),
        MAX_ID_LEN
    );
}

#[test]
fn a_manifest_that_does_not_validate_is_refused() {
    let mut broken = manifest();
    broken["modules"][0]["lessons"][0]["kind"] = json!("hologram");
    let refused = with_recording_lesson(&broken, &lesson_id("class"), &recording(60));
    assert!(
        matches!(refused, Err(RecordingLessonError::Invalid(_))),
        "{refused:?}"
    );
}
