//! Views shared by the pages, one public component per file.

mod app_header;
mod course_card;
mod course_outline;
mod document_title;
mod error_view;
mod lesson_content_view;
mod lesson_kind_icon;
mod lesson_pager;
mod loading;
mod locale_switch;
mod markdown_inline;
mod markdown_view;
pub mod media;
mod not_found_view;
mod offline_notice;
mod progress_ring;
pub mod quiz;
mod require_session;
mod skip_link;

pub use app_header::AppHeader;
pub use course_card::CourseCard;
pub use course_outline::CourseOutline;
pub use document_title::DocumentTitle;
pub use error_view::ErrorView;
pub use lesson_content_view::LessonContentView;
pub use lesson_kind_icon::LessonKindIcon;
pub use lesson_pager::LessonPager;
pub use loading::Loading;
pub use locale_switch::LocaleSwitch;
pub use markdown_view::{MarkdownText, MarkdownView};
pub use not_found_view::NotFoundView;
pub use offline_notice::OfflineNotice;
pub use progress_ring::ProgressRing;
pub use require_session::RequireSession;
pub use skip_link::SkipLink;
