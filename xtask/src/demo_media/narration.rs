//! The narration track: each sentence spoken by espeak-ng into its own WAV, then joined
//! into one PCM track with a fixed pause between sentences (or with each chapter padded to
//! a fixed slot), keeping the exact time span of every sentence for the captions.

use super::wav::{self, Pcm};
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

/// The pause between two sentences.
pub const GAP_SECONDS: f64 = 0.4;

/// How chapters follow each other in the narration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pacing {
    /// Each chapter starts right after the previous one, one pause later.
    Continuous,
    /// Chapter k starts at exactly k × `slot_seconds`; silence fills each slot.
    Slots { slot_seconds: f64 },
}

/// A stretch of the narration, in seconds from its start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub start: f64,
    pub end: f64,
}

/// When a chapter starts and when each of its sentences is spoken.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterTiming {
    pub start: f64,
    pub sentences: Vec<Span>,
}

/// The joined narration and its timing.
#[derive(Debug, Clone, PartialEq)]
pub struct Narration {
    pub pcm: Pcm,
    pub chapters: Vec<ChapterTiming>,
}

/// Speaks `text` with espeak-ng (US English, 150 words a minute) into `wav_path`.
pub fn speak(text: &str, wav_path: &Path) -> Result<Pcm> {
    let output = Command::new("espeak-ng")
        .args(["-v", "en-us", "-s", "150", "-w"])
        .arg(wav_path)
        .arg(text)
        .output()
        .context("could not start espeak-ng (cargo xtask setup installs it)")?;
    if !output.status.success() {
        bail!(
            "espeak-ng failed writing {}: {}",
            wav_path.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let bytes = std::fs::read(wav_path)
        .with_context(|| format!("espeak-ng wrote no {}", wav_path.display()))?;
    wav::parse(&bytes).with_context(|| format!("reading {}", wav_path.display()))
}

/// Joins the spoken sentences of each chapter (`clips[chapter][sentence]`) into one track.
pub fn assemble(clips: &[Vec<Pcm>], pacing: Pacing) -> Result<Narration> {
    let Some(format) = clips.iter().flatten().next().map(|clip| clip.format) else {
        bail!("nothing to narrate");
    };
    if let Some(odd) = clips.iter().flatten().find(|clip| clip.format != format) {
        bail!(
            "sentence audio formats differ: {format:?} and {:?}",
            odd.format
        );
    }
    let gap = vec![0u8; format.bytes_for(GAP_SECONDS)];
    let mut data: Vec<u8> = Vec::new();
    let mut chapters = Vec::with_capacity(clips.len());
    for (index, chapter_clips) in clips.iter().enumerate() {
        let chapter_start = match pacing {
            Pacing::Continuous => {
                if !data.is_empty() {
                    data.extend_from_slice(&gap);
                }
                data.len()
            }
            Pacing::Slots { slot_seconds } => format.bytes_for(index as f64 * slot_seconds),
        };
        data.resize(chapter_start, 0);
        let mut sentences = Vec::with_capacity(chapter_clips.len());
        for (position, clip) in chapter_clips.iter().enumerate() {
            if position > 0 {
                data.extend_from_slice(&gap);
            }
            let start = data.len();
            data.extend_from_slice(&clip.data);
            sentences.push(Span {
                start: format.seconds_of(start),
                end: format.seconds_of(data.len()),
            });
        }
        if let Pacing::Slots { slot_seconds } = pacing {
            let slot_end = format.bytes_for((index + 1) as f64 * slot_seconds);
            if data.len() > slot_end {
                bail!(
                    "chapter {} takes {:.1} s to narrate, more than its {slot_seconds} s slot",
                    index + 1,
                    format.seconds_of(data.len() - chapter_start)
                );
            }
            data.resize(slot_end, 0);
        }
        chapters.push(ChapterTiming {
            start: format.seconds_of(chapter_start),
            sentences,
        });
    }
    Ok(Narration {
        pcm: Pcm { format, data },
        chapters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_media::wav::PcmFormat;

    /// 1000 frames a second, so one frame is a millisecond.
    const MILLIS: PcmFormat = PcmFormat {
        channels: 1,
        sample_rate: 1000,
        bits_per_sample: 16,
    };

    fn clip(millis: usize) -> Pcm {
        Pcm {
            format: MILLIS,
            data: vec![1; millis * 2],
        }
    }

    fn spans(narration: &Narration) -> Vec<(f64, f64)> {
        narration
            .chapters
            .iter()
            .flat_map(|chapter| chapter.sentences.iter().map(|span| (span.start, span.end)))
            .collect()
    }

    #[test]
    fn continuous_narration_pauses_between_every_sentence() {
        let clips = vec![vec![clip(1000), clip(500)], vec![clip(2000)]];
        let narration = assemble(&clips, Pacing::Continuous).unwrap();
        assert_eq!(spans(&narration), [(0.0, 1.0), (1.4, 1.9), (2.3, 4.3)]);
        assert_eq!(narration.chapters[0].start, 0.0);
        assert_eq!(narration.chapters[1].start, 2.3);
        assert!((narration.pcm.seconds() - 4.3).abs() < 1e-9);
        assert!(narration.pcm.data[2000..2800].iter().all(|byte| *byte == 0));
    }

    #[test]
    fn slots_start_each_chapter_on_the_slot_and_pad_the_last() {
        let clips = vec![vec![clip(1000), clip(1000)], vec![clip(3000)]];
        let narration = assemble(&clips, Pacing::Slots { slot_seconds: 5.0 }).unwrap();
        assert_eq!(spans(&narration), [(0.0, 1.0), (1.4, 2.4), (5.0, 8.0)]);
        assert_eq!(narration.chapters[1].start, 5.0);
        assert!((narration.pcm.seconds() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn a_chapter_longer_than_its_slot_is_an_error() {
        let clips = vec![vec![clip(3000), clip(2000)]];
        let error = assemble(&clips, Pacing::Slots { slot_seconds: 5.0 }).unwrap_err();
        assert!(error.to_string().contains("5.4 s"), "{error}");
    }

    #[test]
    fn mixed_formats_and_empty_scripts_are_errors() {
        let other = Pcm {
            format: PcmFormat {
                sample_rate: 2000,
                ..MILLIS
            },
            data: vec![0; 4],
        };
        assert!(assemble(&[vec![clip(10), other]], Pacing::Continuous).is_err());
        assert!(assemble(&[vec![]], Pacing::Continuous).is_err());
    }
}
