//! The lecture player's pure logic: the intents controls and shortcuts send, the keyboard
//! table, playback-rate and volume steps, seeking arithmetic and clock text. The player's
//! components read state and dispatch intents; only its `io/` touches the media element.

mod clock;
mod intent;
mod keyboard;
mod rate;

pub use clock::{clock_parts, format_clock, percent_of, position_at_percent, ClockParts};
pub use intent::PlayerIntent;
pub use keyboard::{
    intent_for_key, is_typing_target, key_for_label, KeyPress, ShortcutAction, SHORTCUTS,
};
pub use rate::{faster, seek_target, slower, volume_by, RATES};
