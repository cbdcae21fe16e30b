//! Loads a lecture's WebVTT files: the cues of the chosen captions track and the chapters
//! (from a chapters file, or from the manifest). A file that fails to load or parse leaves
//! the lecture playable and says so where the captions would be.

use super::PlayerInjection;
use crate::io::http::fetch_text;
use lectern_core::course::MediaLesson;
use lectern_core::vtt::{chapters_from_cues, parse_vtt, Chapter, Cue};
use leptos::logging::warn;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The cues of the chosen text track.
#[derive(Debug, Clone, PartialEq)]
pub enum TrackCues {
    /// The lecture has no text track.
    None,
    Loading,
    Loaded(Vec<Cue>),
    /// The file could not be fetched or is not WebVTT; the text says why.
    Failed(String),
}

/// Fetches and parses one WebVTT file.
async fn fetch_cues(url: &str) -> Result<Vec<Cue>, String> {
    let text = fetch_text(url).await.map_err(|err| err.to_string())?;
    let document = parse_vtt(&text).map_err(|err| err.to_string())?;
    for warning in &document.warnings {
        warn!("{url} line {}: {}", warning.line, warning.message);
    }
    Ok(document.cues)
}

/// Keeps `player.cues` in step with the chosen track, and loads the chapters once.
pub fn load_lecture_tracks(player: PlayerInjection) {
    Effect::new(move || {
        let Some(index) = player.track_index.get() else {
            player.cues.set(TrackCues::None);
            return;
        };
        let url = player
            .lecture
            .with_value(|lecture| lecture.tracks.get(index).map(|t| t.url.to_string()));
        let Some(url) = url else {
            player.cues.set(TrackCues::None);
            return;
        };
        player.cues.set(TrackCues::Loading);
        spawn_local(async move {
            let loaded = match fetch_cues(&url).await {
                Ok(cues) => TrackCues::Loaded(cues),
                Err(err) => TrackCues::Failed(err),
            };
            // The learner may have chosen another track meanwhile; keep only the latest.
            if player.track_index.get_untracked() == Some(index) {
                player.cues.set(loaded);
            }
        });
    });
    let lecture = player.lecture.get_value();
    spawn_local(async move {
        player.chapters.set(chapters_of(&lecture).await);
    });
}

/// The lecture's chapters: its chapters file, else the manifest's list.
async fn chapters_of(lecture: &MediaLesson) -> Vec<Chapter> {
    if let Some(url) = &lecture.chapters_url {
        match fetch_cues(url.as_str()).await {
            Ok(cues) => return chapters_from_cues(&cues),
            Err(err) => warn!("the chapters file could not be used: {err}"),
        }
    }
    let mut chapters: Vec<Chapter> = lecture
        .chapters
        .iter()
        .map(|chapter| Chapter {
            start_ms: (chapter.starts_at_seconds * 1000.0) as u64,
            end_ms: None,
            title: chapter.title.clone(),
        })
        .collect();
    chapters.sort_by_key(|chapter| chapter.start_ms);
    chapters
}
