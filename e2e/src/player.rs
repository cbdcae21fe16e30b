//! The lecture player as a learner uses it: open a lecture, play, pause, seek, scrub the
//! seek bar, choose a speed, captions and their style, move between chapters, open and
//! download the transcript, read what the media element reports and wait for it, and check
//! what was saved on this device. Also a small WebVTT reader, so tests can compare what the
//! player shows with the files the server serves.

use crate::browser::PATIENCE;
use crate::{Browser, Locator};
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::time::Duration;

/// The lecture's `<video>` element (one element for video and audio lectures).
const MEDIA: &str = "video.media-element";
/// The captions the player draws over the picture.
const CAPTION_CUES: &str = ".caption-overlay .caption-cue";
/// The buttons of the chapter list.
const CHAPTERS: &str = "nav.chapter-list button.chapter";

/// One entry of the player's chapter list, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterButton {
    /// Where the button seeks to (`data-start-ms`).
    pub start_ms: u64,
    pub title: String,
    /// Whether it is marked as the chapter being played (`aria-current="true"`).
    pub is_current: bool,
}

/// What the lecture's media element reports at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaState {
    /// `currentTime`, in seconds.
    pub current_time: f64,
    /// `duration`, in seconds, once the metadata is known.
    pub duration: Option<f64>,
    pub is_paused: bool,
    pub has_ended: bool,
    pub is_seeking: bool,
    pub playback_rate: f64,
    pub volume: f64,
    pub is_muted: bool,
    /// `readyState`: 1 once the metadata is loaded.
    pub ready_state: u64,
}

impl MediaState {
    fn from_json(value: &Value) -> Result<MediaState> {
        let number = |name: &str| {
            value[name]
                .as_f64()
                .with_context(|| format!("the media state has no number {name}: {value}"))
        };
        let flag = |name: &str| {
            value[name]
                .as_bool()
                .with_context(|| format!("the media state has no flag {name}: {value}"))
        };
        Ok(MediaState {
            current_time: number("current_time")?,
            duration: value["duration"].as_f64(),
            is_paused: flag("is_paused")?,
            has_ended: flag("has_ended")?,
            is_seeking: flag("is_seeking")?,
            playback_rate: number("playback_rate")?,
            volume: number("volume")?,
            is_muted: flag("is_muted")?,
            ready_state: value["ready_state"].as_u64().unwrap_or_default(),
        })
    }

    /// Whether the media is at `seconds`, give or take `tolerance` seconds.
    pub fn is_near(&self, seconds: f64, tolerance: f64) -> bool {
        (self.current_time - seconds).abs() <= tolerance
    }
}

/// One cue of a WebVTT file: when it shows and its text without markup, on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct VttCue {
    pub start_ms: u64,
    pub end_ms: u64,
    pub text: String,
}

impl VttCue {
    /// The middle of the cue, in seconds.
    pub fn middle_seconds(&self) -> f64 {
        (self.start_ms + self.end_ms) as f64 / 2_000.0
    }
}

/// The cues of a WebVTT document, simply read: every block with a `-->` timing line.
/// Markup tags are dropped and the common character references decoded.
pub fn parse_vtt(document: &str) -> Vec<VttCue> {
    let normalised = document.replace("\r\n", "\n");
    normalised
        .split("\n\n")
        .filter_map(|block| {
            let mut lines = block.lines().skip_while(|line| !line.contains("-->"));
            let timing = lines.next()?;
            let (start, rest) = timing.split_once("-->")?;
            let end = rest.split_whitespace().next()?;
            let text = lines.collect::<Vec<_>>().join(" ");
            Some(VttCue {
                start_ms: vtt_time_ms(start.trim())?,
                end_ms: vtt_time_ms(end)?,
                text: one_line(&strip_tags(&text)),
            })
        })
        .collect()
}

/// `hh:mm:ss.ttt` or `mm:ss.ttt` in milliseconds.
fn vtt_time_ms(stamp: &str) -> Option<u64> {
    let (clock, millis) = stamp.split_once('.')?;
    let mut seconds = 0u64;
    for part in clock.split(':') {
        seconds = seconds * 60 + part.parse::<u64>().ok()?;
    }
    Some(seconds * 1_000 + millis.parse::<u64>().ok()?)
}

fn strip_tags(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut is_in_tag = false;
    for character in text.chars() {
        match character {
            '<' => is_in_tag = true,
            '>' if is_in_tag => is_in_tag = false,
            _ if !is_in_tag => plain.push(character),
            _ => {}
        }
    }
    plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&lrm;", "\u{200e}")
        .replace("&rlm;", "\u{200f}")
        .replace("&amp;", "&")
}

/// `text` with every run of white space made one space, trimmed.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Browser {
    /// Goes straight to a lesson with a player and waits until its media knows its length.
    pub async fn open_lecture(&self, course_id: &str, lesson_id: &str) -> Result<MediaState> {
        self.visit(&format!("/courses/{course_id}/lessons/{lesson_id}"))
            .await?;
        self.wait_for_lecture().await
    }

    /// Waits for the player of the lesson on screen and for its media to know its length.
    pub async fn wait_for_lecture(&self) -> Result<MediaState> {
        self.find("section.media-player").await?;
        self.wait_until("the lecture's metadata to load", |state| {
            state.ready_state >= 1 && state.duration.is_some_and(|d| d > 0.0)
        })
        .await
    }

    /// What the lecture's media element reports right now.
    pub async fn media_state(&self) -> Result<MediaState> {
        let script = format!(
            "const v = document.querySelector('{MEDIA}'); if (!v) return null; \
             return {{ current_time: v.currentTime, \
               duration: Number.isFinite(v.duration) ? v.duration : null, \
               is_paused: v.paused, has_ended: v.ended, is_seeking: v.seeking, \
               playback_rate: v.playbackRate, volume: v.volume, is_muted: v.muted, \
               ready_state: v.readyState }};"
        );
        let value = self.script(&script).await?;
        if value.is_null() {
            bail!("there is no {MEDIA} on the page");
        }
        MediaState::from_json(&value)
    }

    /// Polls the media element until `is_done` holds (for up to the usual patience) and
    /// returns the state that satisfied it; `what` names the condition in the error.
    pub async fn wait_until(
        &self,
        what: &str,
        is_done: impl Fn(&MediaState) -> bool,
    ) -> Result<MediaState> {
        self.wait_until_within(what, PATIENCE, is_done).await
    }

    /// [`Browser::wait_until`] with its own patience, for long waits such as playing to
    /// the end.
    pub async fn wait_until_within(
        &self,
        what: &str,
        patience: Duration,
        is_done: impl Fn(&MediaState) -> bool,
    ) -> Result<MediaState> {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            let state = self.media_state().await;
            if let Ok(state) = &state {
                if is_done(state) {
                    return Ok(state.clone());
                }
            }
            if tokio::time::Instant::now() > deadline {
                bail!("waited {patience:?} for {what}; the media last reported {state:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses the player's play button and waits until the media really plays.
    pub async fn play_lecture(&self) -> Result<MediaState> {
        self.click("button.play-toggle").await?;
        self.wait_until("playback to start", |state| !state.is_paused)
            .await
    }

    /// Presses the player's pause button and waits until the media is paused.
    pub async fn pause_lecture(&self) -> Result<MediaState> {
        self.click("button.play-toggle").await?;
        self.wait_until("playback to pause", |state| state.is_paused)
            .await
    }

    /// Moves the media to `position_ms` directly (as another program would) and waits until
    /// the seek has finished.
    pub async fn seek_to_ms(&self, position_ms: u64) -> Result<MediaState> {
        let seconds = position_ms as f64 / 1_000.0;
        let script = format!(
            "const done = arguments[arguments.length - 1]; \
             const v = document.querySelector('{MEDIA}'); \
             v.addEventListener('seeked', () => done(true), {{ once: true }}); \
             v.currentTime = arguments[0];"
        );
        self.script_async(&script, vec![json!(seconds)]).await?;
        self.wait_until(&format!("the media to settle at {seconds} s"), |state| {
            !state.is_seeking
        })
        .await
    }

    /// Drags the seek bar to `position_ms`, as a learner scrubbing through the lecture does,
    /// and waits until the media has moved there.
    pub async fn scrub_to_ms(&self, position_ms: u64) -> Result<MediaState> {
        let script = "const bar = document.querySelector('input.seek-bar'); \
            bar.value = String(arguments[0]); \
            bar.dispatchEvent(new Event('input', { bubbles: true })); \
            bar.dispatchEvent(new Event('change', { bubbles: true })); return null;";
        self.client()
            .execute(script, vec![json!(position_ms)])
            .await
            .context("could not move the seek bar")?;
        let seconds = position_ms as f64 / 1_000.0;
        self.wait_until(
            &format!("the seek bar to move the media to {seconds} s"),
            |state| !state.is_seeking && state.is_near(seconds, 0.5),
        )
        .await
    }

    /// Chooses a speed in the speed menu (`rate` as the menu writes it, like 1.5).
    pub async fn choose_speed(&self, rate: f64) -> Result<()> {
        self.find("select.speed-select")
            .await?
            .select_by_value(&rate.to_string())
            .await
            .with_context(|| format!("the speed menu has no {rate}"))?;
        Ok(())
    }

    /// Chooses captions in the captions menu: `"off"`, or a track's index (`"0"`, `"1"`).
    pub async fn choose_captions(&self, choice: &str) -> Result<()> {
        self.find("select.captions-select")
            .await?
            .select_by_value(choice)
            .await
            .with_context(|| format!("the captions menu has no {choice:?}"))?;
        Ok(())
    }

    /// Opens the caption settings and chooses the captions' text size and background
    /// opacity, in percent.
    pub async fn choose_caption_style(
        &self,
        size_percent: u16,
        background_percent: u8,
    ) -> Result<()> {
        let toggle = "button.caption-style-toggle";
        if self.attribute_of(toggle, "aria-expanded").await?.as_deref() != Some("true") {
            self.click(toggle).await?;
            self.wait_for_attribute(toggle, "aria-expanded", "true")
                .await?;
        }
        self.find("select.caption-size-select")
            .await?
            .select_by_value(&size_percent.to_string())
            .await?;
        self.find("select.caption-background-select")
            .await?
            .select_by_value(&background_percent.to_string())
            .await?;
        Ok(())
    }

    /// The captions over the picture right now, on one line (empty when none show).
    pub async fn shown_captions(&self) -> Result<String> {
        let script = format!(
            "return [...document.querySelectorAll('{CAPTION_CUES}')] \
               .map(cue => cue.innerText).join(' ');"
        );
        let shown = self.script(&script).await?;
        Ok(one_line(shown.as_str().unwrap_or_default()))
    }

    /// Waits until the captions over the picture read exactly `expected` (white space
    /// aside).
    pub async fn wait_for_captions(&self, expected: &str) -> Result<()> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let shown = self.shown_captions().await?;
            if shown == one_line(expected) {
                return Ok(());
            }
            if tokio::time::Instant::now() > deadline {
                bail!("the captions never read {expected:?}; they last read {shown:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The chapter list as shown, in order.
    pub async fn chapter_list(&self) -> Result<Vec<ChapterButton>> {
        let script = format!(
            "return [...document.querySelectorAll('{CHAPTERS}')].map(chapter => ({{ \
               start_ms: Number(chapter.dataset.startMs), \
               title: (chapter.querySelector('.chapter-title') || {{}}).textContent || '', \
               is_current: chapter.getAttribute('aria-current') === 'true' }}));"
        );
        let listed = self.script(&script).await?;
        listed
            .as_array()
            .context("the chapter list is a list")?
            .iter()
            .map(|chapter| {
                Ok(ChapterButton {
                    start_ms: chapter["start_ms"]
                        .as_f64()
                        .with_context(|| format!("a chapter without data-start-ms: {chapter}"))?
                        as u64,
                    title: one_line(chapter["title"].as_str().unwrap_or_default()),
                    is_current: chapter["is_current"] == true,
                })
            })
            .collect()
    }

    /// Clicks the chapter at `index` (0 for the first) in the chapter list.
    pub async fn choose_chapter(&self, index: usize) -> Result<()> {
        self.find(CHAPTERS).await?;
        let chapters = self.client().find_all(Locator::Css(CHAPTERS)).await?;
        let Some(chapter) = chapters.get(index) else {
            bail!(
                "there is no chapter {index}: the list has {}",
                chapters.len()
            );
        };
        chapter.click().await?;
        Ok(())
    }

    /// Presses the "next chapter" button.
    pub async fn go_to_next_chapter(&self) -> Result<()> {
        self.click("button.chapter-next").await
    }

    /// Presses the "previous chapter" button.
    pub async fn go_to_previous_chapter(&self) -> Result<()> {
        self.click("button.chapter-previous").await
    }

    /// Opens the transcript beside the player and waits until it lists its lines.
    pub async fn open_transcript(&self) -> Result<()> {
        let toggle = "button.transcript-toggle";
        if self.attribute_of(toggle, "aria-expanded").await?.as_deref() != Some("true") {
            self.click(toggle).await?;
        }
        self.wait_for_attribute(toggle, "aria-expanded", "true")
            .await?;
        self.find("#transcript-panel ol.transcript-cues button.transcript-cue")
            .await?;
        Ok(())
    }

    /// Opens the transcript and presses its download button.
    pub async fn download_transcript(&self) -> Result<()> {
        self.open_transcript().await?;
        self.click("button.transcript-download").await
    }

    /// The player's idea of the lecture's length, from the seek bar's `max`, in ms.
    pub async fn seek_bar_max_ms(&self) -> Result<u64> {
        let max = self.attribute_of("input.seek-bar", "max").await?;
        let max = max.as_deref().unwrap_or_default();
        max.parse::<f64>()
            .map(|ms| ms.max(0.0) as u64)
            .with_context(|| format!("the seek bar's max is not a number: {max:?}"))
    }

    /// The progress saved on this device for `lesson_id` (the record in IndexedDB database
    /// `lectern`, store `progress`), or `null` when there is none yet.
    pub async fn saved_progress(&self, lesson_id: &str) -> Result<Value> {
        let script =
            "const done = arguments[arguments.length - 1]; const lessonId = arguments[0]; \
            (async () => { \
              const known = await indexedDB.databases(); \
              if (!known.some(db => db.name === 'lectern')) return null; \
              const db = await new Promise((ok, fail) => { \
                const open = indexedDB.open('lectern'); \
                open.onsuccess = () => ok(open.result); open.onerror = () => fail(open.error); }); \
              try { \
                if (!db.objectStoreNames.contains('progress')) return null; \
                const all = await new Promise((ok, fail) => { \
                  const get = db.transaction('progress').objectStore('progress').getAll(); \
                  get.onsuccess = () => ok(get.result); get.onerror = () => fail(get.error); }); \
                return all.find(record => record.lesson_id === lessonId) || null; \
              } finally { db.close(); } \
            })().then(record => done({ record }), err => done({ error: String(err) }));";
        let answer = self.script_async(script, vec![json!(lesson_id)]).await?;
        if let Some(error) = answer.get("error") {
            bail!("reading the saved progress failed: {error}");
        }
        Ok(answer["record"].clone())
    }

    /// Waits until the progress saved for `lesson_id` satisfies `is_done`, and returns it.
    pub async fn wait_for_saved_progress(
        &self,
        lesson_id: &str,
        what: &str,
        is_done: impl Fn(&Value) -> bool,
    ) -> Result<Value> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let record = self.saved_progress(lesson_id).await?;
            if !record.is_null() && is_done(&record) {
                return Ok(record);
            }
            if tokio::time::Instant::now() > deadline {
                bail!("waited {PATIENCE:?} for saved progress where {what}; last saved: {record}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_read_with_their_times_and_plain_text() {
        let document = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.669\n<v Narrator>Welcome to a tour, with\nnothing &amp; more.</v>\n\n2\n01:05.069 --> 01:10.293 align:start\nSecond\n";
        let cues = parse_vtt(document);
        assert_eq!(
            cues,
            vec![
                VttCue {
                    start_ms: 0,
                    end_ms: 4_669,
                    text: "Welcome to a tour, with nothing & more.".into(),
                },
                VttCue {
                    start_ms: 65_069,
                    end_ms: 70_293,
                    text: "Second".into(),
                },
            ]
        );
        assert!((cues[0].middle_seconds() - 2.3345).abs() < 1e-9);
    }

    #[test]
    fn blocks_without_timing_are_not_cues() {
        assert!(parse_vtt("WEBVTT\n\nNOTE a comment\n\nSTYLE\n::cue {}\n").is_empty());
    }
}
