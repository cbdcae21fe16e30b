//! The learner's player preferences: speed, captions language and caption style. Kept per
//! learner in `localStorage` as a versioned record, so a shared computer keeps each
//! learner's choices apart.

use crate::io::storage;
use leptos::logging::warn;
use serde::{Deserialize, Serialize};

/// Caption text sizes offered, in percent of the base size.
pub const CAPTION_SIZES: [u16; 4] = [75, 100, 150, 200];
/// Caption background opacities offered, in percent.
pub const CAPTION_BACKGROUNDS: [u8; 5] = [0, 25, 50, 75, 100];

/// Preferences as stored (version 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredPlayerPrefsV1 {
    pub rate: f64,
    /// The language of the chosen captions track; `None` when captions are off.
    pub caption_language: Option<String>,
    pub caption_size_percent: u16,
    pub caption_background_percent: u8,
}

impl Default for StoredPlayerPrefsV1 {
    fn default() -> Self {
        StoredPlayerPrefsV1 {
            rate: 1.0,
            caption_language: None,
            caption_size_percent: 100,
            caption_background_percent: 75,
        }
    }
}

impl StoredPlayerPrefsV1 {
    /// Replaces values no control could have set (a hand-edited or damaged record).
    fn sanitised(mut self) -> Self {
        if !lectern_core::playback::RATES.contains(&self.rate) {
            self.rate = 1.0;
        }
        if !CAPTION_SIZES.contains(&self.caption_size_percent) {
            self.caption_size_percent = 100;
        }
        if !CAPTION_BACKGROUNDS.contains(&self.caption_background_percent) {
            self.caption_background_percent = 75;
        }
        self
    }
}

fn key(user_id: &str) -> String {
    format!("lectern.player.v1.{user_id}")
}

/// The learner's stored preferences, or the defaults.
pub fn load_prefs(user_id: &str) -> StoredPlayerPrefsV1 {
    match storage::read(&key(user_id)) {
        Ok(Some(json)) => serde_json::from_str::<StoredPlayerPrefsV1>(&json)
            .map(StoredPlayerPrefsV1::sanitised)
            .unwrap_or_default(),
        Ok(None) => StoredPlayerPrefsV1::default(),
        Err(err) => {
            warn!("player preferences are not available: {err}");
            StoredPlayerPrefsV1::default()
        }
    }
}

/// Remembers the learner's preferences; a failure only means they will not survive a reload.
pub fn save_prefs(user_id: &str, prefs: &StoredPlayerPrefsV1) {
    let Ok(json) = serde_json::to_string(prefs) else {
        return;
    };
    if let Err(err) = storage::write(&key(user_id), &json) {
        warn!("player preferences will not survive a reload: {err}");
    }
}
