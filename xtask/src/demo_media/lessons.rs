//! Builds each media lesson of the demo course from its script: narrate, render slides,
//! encode, and write the caption, subtitle and chapter files.

use super::narration::{self, Narration, Pacing};
use super::render::{self, VideoSlide, VIDEO_FPS};
use super::script::{Lecture, PLANETS_AT_A_GLANCE, PLANETS_NARRATED, TOUR_OF_THE_SKY};
use super::slide::{Canvas, SlideFace};
use super::vtt::{self, Cue};
use super::wav;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// Each slide's fixed narration slot in "The planets at a glance".
pub const SLIDE_SLOT_SECONDS: f64 = 20.0;

/// Where a build reads and writes: `out` is the course's media folder being assembled,
/// `work` holds intermediate files.
pub struct Folders {
    pub out: PathBuf,
    pub work: PathBuf,
}

/// The video lecture: slides, narration, captions, Arabic subtitles, chapters, poster.
/// Returns its length in seconds, as do the other lessons.
pub fn tour_of_the_sky(folders: &Folders) -> Result<f64> {
    let lecture = &TOUR_OF_THE_SKY;
    let work = lesson_work(folders, lecture)?;
    let narration = narrate(lecture, Pacing::Continuous, &work)?;
    let total = narration.pcm.seconds();
    let canvas = Canvas {
        width: 640,
        height: 360,
    };
    let images = slide_images(lecture, canvas, &work, &work, "slide")?;
    let mut slides = Vec::with_capacity(images.len());
    let total_frames = (total * f64::from(VIDEO_FPS)).ceil() as u32;
    for (index, image) in images.iter().enumerate() {
        let frame_at = |chapter: usize| {
            narration
                .chapters
                .get(chapter)
                .map_or(total_frames, |timing| {
                    (timing.start * f64::from(VIDEO_FPS)).round() as u32
                })
        };
        slides.push(VideoSlide {
            image: image.clone(),
            frames: frame_at(index + 1) - frame_at(index),
        });
    }
    let first_slide = images.first().context("the tour has no slides")?;
    let out = |suffix: &str| folders.out.join(format!("{}{suffix}", lecture.lesson_id));
    render::poster(first_slide, &out(".jpg"))?;
    println!(
        "demo media: encoding {}.webm ({total:.1} s of video)",
        lecture.lesson_id
    );
    render::lecture_video(
        &slides,
        &work.join("narration.wav"),
        total,
        &work,
        &out(".webm"),
    )?;

    let (english, arabic) = captions(lecture, &narration);
    write(&out(".en.vtt"), &vtt::document(&english))?;
    write(&out(".ar.vtt"), &vtt::document(&arabic))?;
    write(&out(".chapters.vtt"), &chapters(lecture, &narration))?;
    Ok(total)
}

/// The audio lecture: narration, captions and chapters.
pub fn planets_narrated(folders: &Folders) -> Result<f64> {
    let lecture = &PLANETS_NARRATED;
    let work = lesson_work(folders, lecture)?;
    let narration = narrate(lecture, Pacing::Continuous, &work)?;
    let out = |suffix: &str| folders.out.join(format!("{}{suffix}", lecture.lesson_id));
    encode_audio(lecture, &narration, &work, &out(".ogg"))?;
    let (english, _) = captions(lecture, &narration);
    write(&out(".en.vtt"), &vtt::document(&english))?;
    write(&out(".chapters.vtt"), &chapters(lecture, &narration))?;
    Ok(narration.pcm.seconds())
}

/// The narrated slide deck: four 1280×720 slides, narration with one fixed slot per
/// slide, captions.
pub fn planets_at_a_glance(folders: &Folders) -> Result<f64> {
    let lecture = &PLANETS_AT_A_GLANCE;
    let work = lesson_work(folders, lecture)?;
    let pacing = Pacing::Slots {
        slot_seconds: SLIDE_SLOT_SECONDS,
    };
    let narration = narrate(lecture, pacing, &work)?;
    let slides_dir = folders.out.join("slides");
    create_dir(&slides_dir)?;
    let canvas = Canvas {
        width: 1280,
        height: 720,
    };
    slide_images(lecture, canvas, &work, &slides_dir, "planets")?;
    let out = |suffix: &str| folders.out.join(format!("{}{suffix}", lecture.lesson_id));
    encode_audio(lecture, &narration, &work, &out(".ogg"))?;
    let (english, _) = captions(lecture, &narration);
    write(&out(".en.vtt"), &vtt::document(&english))?;
    Ok(narration.pcm.seconds())
}

fn encode_audio(lecture: &Lecture, narration: &Narration, work: &Path, out: &Path) -> Result<()> {
    println!(
        "demo media: encoding {}.ogg ({:.1} s of audio)",
        lecture.lesson_id,
        narration.pcm.seconds()
    );
    render::opus_audio(&work.join("narration.wav"), "32k", lecture.title, out)
}

/// Speaks every sentence, joins them with `pacing` and writes `narration.wav` to `work`.
fn narrate(lecture: &Lecture, pacing: Pacing, work: &Path) -> Result<Narration> {
    let count = lecture.sentences().count();
    println!(
        "demo media: narrating {} ({count} sentences)",
        lecture.lesson_id
    );
    let mut number = 0;
    let mut clips = Vec::with_capacity(lecture.chapters.len());
    for chapter in lecture.chapters {
        let mut chapter_clips = Vec::with_capacity(chapter.sentences.len());
        for sentence in chapter.sentences {
            number += 1;
            let path = work.join(format!("sentence_{number:02}.wav"));
            chapter_clips.push(narration::speak(sentence.english, &path)?);
        }
        clips.push(chapter_clips);
    }
    let narration = narration::assemble(&clips, pacing)
        .with_context(|| format!("joining the narration of {}", lecture.lesson_id))?;
    let path = work.join("narration.wav");
    write_bytes(&path, &wav::encode(&narration.pcm)?)?;
    Ok(narration)
}

/// Renders one image per chapter, `<prefix>-N.png` in `out_dir`.
fn slide_images(
    lecture: &Lecture,
    canvas: Canvas,
    work: &Path,
    out_dir: &Path,
    prefix: &str,
) -> Result<Vec<PathBuf>> {
    println!(
        "demo media: drawing {} slides for {}",
        lecture.chapters.len(),
        lecture.lesson_id
    );
    let header = format!("Astronomy 101  ·  {}", lecture.title);
    let mut images = Vec::with_capacity(lecture.chapters.len());
    for (index, chapter) in lecture.chapters.iter().enumerate() {
        let face = SlideFace {
            header: &header,
            title: chapter.title,
            bullets: chapter.bullets,
            number: index + 1,
            count: lecture.chapters.len(),
        };
        let image = out_dir.join(format!("{prefix}-{}.png", index + 1));
        render::slide_png(&face, canvas, work, &image)?;
        images.push(image);
    }
    Ok(images)
}

/// English caption cues, one (or two) per sentence, with the narrator's voice on the first;
/// and Arabic cues at the same times for the sentences that have a translation.
fn captions(lecture: &Lecture, narration: &Narration) -> (Vec<Cue>, Vec<Cue>) {
    let mut english = Vec::new();
    let mut arabic = Vec::new();
    let timed = lecture.chapters.iter().zip(&narration.chapters);
    for (chapter, timing) in timed {
        for (sentence, span) in chapter.sentences.iter().zip(&timing.sentences) {
            let cues = vtt::caption_cues(*span, sentence.english);
            if let Some(translation) = sentence.arabic {
                arabic.extend(vtt::translated_cues(&cues, translation));
            }
            english.extend(cues);
        }
    }
    if let Some(first) = english.first_mut() {
        vtt::add_voice(first, "Narrator");
    }
    (english, arabic)
}

fn chapters(lecture: &Lecture, narration: &Narration) -> String {
    let starts: Vec<(f64, &str)> = lecture
        .chapters
        .iter()
        .zip(&narration.chapters)
        .map(|(chapter, timing)| (timing.start, chapter.title))
        .collect();
    vtt::document(&vtt::chapter_cues(&starts, narration.pcm.seconds()))
}

fn lesson_work(folders: &Folders, lecture: &Lecture) -> Result<PathBuf> {
    let dir = folders.work.join(lecture.lesson_id);
    create_dir(&dir)?;
    Ok(dir)
}

fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    write_bytes(path, text.as_bytes())
}

fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
