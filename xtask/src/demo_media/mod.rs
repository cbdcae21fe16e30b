//! The demo course's lecture media, generated rather than committed: a narrated slide
//! video, an audio lecture and a narrated slide deck for `astronomy-101`, made with
//! espeak-ng and ffmpeg from the scripts in `script/` and cached under
//! `data/media/astronomy-101/` behind a stamp of the script's fingerprint.
//!
//! A run builds into a private staging folder and renames it into place only when every
//! file is there, so an interrupted run never leaves a half-set that looks complete.

mod lessons;
mod narration;
mod render;
mod script;
mod slide;
mod vtt;
mod wav;
mod wrap;

pub use slide::{FONT_BOLD, FONT_REGULAR};

use crate::root;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Bump when the rendering changes in a way the script fingerprint cannot see.
const GENERATOR_VERSION: u32 = 2;
const COURSE_ID: &str = "astronomy-101";
const STAMP: &str = ".stamp";

/// Every file a complete set holds, relative to the course's media folder.
const OUTPUTS: &[&str] = &[
    "tour-of-the-sky.webm",
    "tour-of-the-sky.jpg",
    "tour-of-the-sky.en.vtt",
    "tour-of-the-sky.ar.vtt",
    "tour-of-the-sky.chapters.vtt",
    "planets-narrated.ogg",
    "planets-narrated.en.vtt",
    "planets-narrated.chapters.vtt",
    "planets-at-a-glance.ogg",
    "planets-at-a-glance.en.vtt",
    "slides/planets-1.png",
    "slides/planets-2.png",
    "slides/planets-3.png",
    "slides/planets-4.png",
];

/// The folder the server serves as `/media`: `<root>/data/media`.
pub fn media_root() -> PathBuf {
    root().join("data").join("media")
}

/// Makes sure the demo course's media exists and matches the scripts, generating it when
/// it does not (or always, when `is_forced`).
pub fn ensure(is_forced: bool) -> Result<()> {
    let media = media_root();
    let course_dir = media.join(COURSE_ID);
    let stamp = format!("{:016x}\n", script::fingerprint(GENERATOR_VERSION));
    remove_abandoned(&media);
    if !is_forced && is_current(&course_dir, &stamp) {
        println!("demo media: up to date");
        return Ok(());
    }
    println!(
        "demo media: generating {} with espeak-ng and ffmpeg (up to a minute or two)",
        course_dir.display()
    );
    let started = Instant::now();
    let id = std::process::id();
    let folders = lessons::Folders {
        out: media.join(format!(".{COURSE_ID}.staging-{id}")),
        work: media.join(format!(".{COURSE_ID}.work-{id}")),
    };
    let result = build(&folders, &stamp).and_then(|()| replace(&folders.out, &course_dir));
    let _ = std::fs::remove_dir_all(&folders.work);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&folders.out);
    }
    result?;
    println!(
        "demo media: done in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn is_current(course_dir: &Path, stamp: &str) -> bool {
    let stamped = std::fs::read_to_string(course_dir.join(STAMP)).unwrap_or_default();
    stamped == stamp && OUTPUTS.iter().all(|file| course_dir.join(file).is_file())
}

fn build(folders: &lessons::Folders, stamp: &str) -> Result<()> {
    for dir in [&folders.out, &folders.work] {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let lengths = [
        (
            script::TOUR_OF_THE_SKY.lesson_id,
            lessons::tour_of_the_sky(folders)?,
        ),
        (
            script::PLANETS_NARRATED.lesson_id,
            lessons::planets_narrated(folders)?,
        ),
        (
            script::PLANETS_AT_A_GLANCE.lesson_id,
            lessons::planets_at_a_glance(folders)?,
        ),
    ];
    let manifest_path = root()
        .join("crates/server/demo")
        .join(format!("{COURSE_ID}.json"));
    let manifest = std::fs::read_to_string(&manifest_path).unwrap_or_default();
    for (lesson_id, seconds) in lengths {
        let stated = stated_duration(&manifest, lesson_id);
        if stated != Some(seconds.round() as u64) {
            println!(
                "demo media: warning: {} states duration_seconds {stated:?} for {lesson_id}, \
                 but the generated lecture lasts {seconds:.1} s",
                manifest_path.display()
            );
        }
    }
    let missing: Vec<&str> = OUTPUTS
        .iter()
        .copied()
        .filter(|file| !folders.out.join(file).is_file())
        .collect();
    if !missing.is_empty() {
        bail!("the generator did not produce {}", missing.join(", "));
    }
    let stamp_path = folders.out.join(STAMP);
    std::fs::write(&stamp_path, stamp)
        .with_context(|| format!("cannot write {}", stamp_path.display()))
}

/// The `duration_seconds` the manifest text states for `lesson_id` (the first one after
/// its `lesson_id`), read without a JSON parser: xtask depends on anyhow alone.
fn stated_duration(manifest: &str, lesson_id: &str) -> Option<u64> {
    let lesson = manifest.find(&format!("\"lesson_id\": \"{lesson_id}\""))?;
    let key = "\"duration_seconds\":";
    let rest = &manifest[lesson..];
    let value = rest[rest.find(key)? + key.len()..].trim_start();
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Moves the finished `staging` folder to `course_dir`, replacing any older set.
fn replace(staging: &Path, course_dir: &Path) -> Result<()> {
    if course_dir.exists() {
        std::fs::remove_dir_all(course_dir)
            .with_context(|| format!("cannot remove the old {}", course_dir.display()))?;
    }
    std::fs::rename(staging, course_dir).with_context(|| {
        format!(
            "cannot move {} to {}",
            staging.display(),
            course_dir.display()
        )
    })
}

/// Removes staging and work folders left by runs that were killed (their process is gone).
fn remove_abandoned(media: &Path) {
    // Without /proc there is no telling whether the owner still runs: leave them.
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(media) else {
        return;
    };
    let prefixes = [
        format!(".{COURSE_ID}.staging-"),
        format!(".{COURSE_ID}.work-"),
    ];
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = prefixes
            .iter()
            .find_map(|prefix| name.strip_prefix(prefix.as_str()))
        else {
            continue;
        };
        let is_running = Path::new("/proc").join(pid).exists();
        if !is_running {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
