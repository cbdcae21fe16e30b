//! Deadlines and calendars, with no clock and no time-zone database of their own: every
//! function takes the instant ("now", by the server's clock as the player estimates it)
//! and the zone rules as parameters, so the rules are tested across DST changes and at the
//! ends of the world's offsets (UTC−12, UTC+14).
//! - [`due`]: "due in 2 days" / "overdue by 3 hours", and a deadline given as a wall-clock
//!   time in a zone;
//! - [`late`]: what a late policy decides for a submission, with late days counted in the
//!   course's calendar;
//! - [`ics`]: an iCalendar (RFC 5545) export calendar apps import as is.

pub mod due;
pub mod ics;
pub mod late;

pub use due::{local_deadline, relative_due, DueDirection, DueUnit, RelativeDue};
pub use ics::{calendar_ics, IcsEvent};
pub use late::{late_decision, LateDecision, SubmissionLatePolicy};
