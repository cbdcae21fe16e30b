//! Learner progress through a lecture: the media time really watched, the tracker that turns
//! media events into it, honest completion, merging two copies of a record, and where to
//! resume.

mod completion;
mod intervals;
mod resume;
mod tracker;

pub use completion::{module_share, CompletionThreshold, LessonProgress, ThresholdError};
pub use intervals::{IntervalError, WatchedIntervals, MAX_RANGES};
pub use resume::{
    resume_point, RESUME_END_MARGIN_MS, RESUME_FINISHED_PERCENT, RESUME_MIN_MS, RESUME_REWIND_MS,
};
pub use tracker::{
    PlaybackInput, PlaybackOutput, PlaybackTracker, ADVANCE_SLACK_MS, ADVANCE_TOLERANCE,
    MAX_CREDITED_RATE, SAVE_INTERVAL_MS,
};
