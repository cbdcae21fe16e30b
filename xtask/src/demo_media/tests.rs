use super::*;

/// A slide's text alternative as the manifest states it: the title, then each bullet, as
/// sentences.
fn alt_text(chapter: &script::Chapter) -> String {
    let mut text = chapter.title.to_owned();
    for bullet in chapter.bullets {
        if !text.ends_with(['.', '?', '!', ':']) {
            text.push('.');
        }
        text.push(' ');
        text.push_str(bullet);
    }
    if !text.ends_with(['.', '?', '!']) {
        text.push('.');
    }
    text
}

fn demo_manifest() -> String {
    let path = root().join("crates/server/demo/astronomy-101.json");
    std::fs::read_to_string(path).unwrap()
}

/// Every `/media/astronomy-101/...` path the manifest names.
fn referenced_media(manifest: &str) -> Vec<String> {
    let prefix = format!("\"/media/{COURSE_ID}/");
    manifest
        .split(prefix.as_str())
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_demo_manifest_names_exactly_the_generated_files() {
    let mut referenced = referenced_media(&demo_manifest());
    referenced.sort();
    referenced.dedup();
    let mut generated: Vec<String> = OUTPUTS.iter().map(|file| file.to_string()).collect();
    generated.sort();
    assert_eq!(referenced, generated);
}

#[test]
fn the_demo_manifest_states_each_slide_text_and_slot() {
    let manifest = demo_manifest();
    let deck = &script::PLANETS_AT_A_GLANCE;
    for (index, chapter) in deck.chapters.iter().enumerate() {
        let alt = format!("\"alt\": \"{}\"", alt_text(chapter));
        assert!(manifest.contains(&alt), "manifest lacks {alt}");
        let start = index as f64 * lessons::SLIDE_SLOT_SECONDS;
        let slide = format!(
            "\"image_url\": \"/media/{COURSE_ID}/slides/planets-{}.png\"",
            index + 1
        );
        let at = manifest.find(&slide).unwrap();
        let starts = format!("\"starts_at_seconds\": {start}");
        let next_starts = manifest[at..].find("starts_at_seconds").unwrap();
        assert!(
            manifest[at + next_starts - 1..].starts_with(&starts),
            "slide {} should start at {start}",
            index + 1
        );
    }
    let total = deck.chapters.len() as f64 * lessons::SLIDE_SLOT_SECONDS;
    assert!(manifest.contains(&format!("\"duration_seconds\": {total}")));
}

#[test]
fn stated_durations_are_read_per_lesson() {
    let manifest = r#"{"lessons": [
        {"lesson_id": "a", "duration_seconds": 154},
        {"lesson_id": "b", "kind": "slides", "duration_seconds":80}]}"#;
    assert_eq!(stated_duration(manifest, "a"), Some(154));
    assert_eq!(stated_duration(manifest, "b"), Some(80));
    assert_eq!(stated_duration(manifest, "c"), None);
    assert_eq!(
        stated_duration(&demo_manifest(), "planets-at-a-glance"),
        Some(80)
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-media-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for file in OUTPUTS {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"x").unwrap();
    }
    dir
}

#[test]
fn a_set_is_current_only_with_the_same_stamp_and_every_file() {
    let dir = scratch("current");
    assert!(!is_current(&dir, "abc\n"), "no stamp yet");
    std::fs::write(dir.join(STAMP), "abc\n").unwrap();
    assert!(is_current(&dir, "abc\n"));
    assert!(!is_current(&dir, "abd\n"), "another script");
    std::fs::remove_file(dir.join("slides/planets-3.png")).unwrap();
    assert!(!is_current(&dir, "abc\n"), "a file is missing");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn replace_swaps_the_staged_set_in_for_the_old_one() {
    let staging = scratch("staging");
    let course = scratch("course");
    std::fs::write(course.join("stale.txt"), b"old").unwrap();
    std::fs::write(staging.join(STAMP), "new\n").unwrap();
    replace(&staging, &course).unwrap();
    assert!(!staging.exists());
    assert!(!course.join("stale.txt").exists());
    assert!(is_current(&course, "new\n"));
    std::fs::remove_dir_all(course).unwrap();
}
