//! The lecture player's views: the player shell and its controls, captions, transcript,
//! chapters, overlays, slides and the lesson views that put them together.

mod caption_overlay;
mod caption_style_menu;
mod chapter_list;
mod cue_text;
mod icon;
mod lecture_view;
mod media_controls;
mod media_failure_notice;
mod media_player;
mod resume_notice;
mod seek_bar;
mod shortcuts_help;
mod slide_deck_view;
mod timed_question_view;
mod transcript_lines;
mod transcript_panel;

pub use caption_overlay::CaptionOverlay;
pub use caption_style_menu::CaptionStyleMenu;
pub use chapter_list::ChapterList;
pub use cue_text::CueText;
pub use lecture_view::{LectureBody, LectureView};
pub use media_controls::MediaControls;
pub use media_failure_notice::MediaFailureNotice;
pub use media_player::MediaPlayer;
pub use resume_notice::ResumeNotice;
pub use seek_bar::SeekBar;
pub use shortcuts_help::ShortcutsHelp;
pub use slide_deck_view::SlideDeckView;
pub use timed_question_view::TimedQuestionView;
pub use transcript_panel::TranscriptPanel;
