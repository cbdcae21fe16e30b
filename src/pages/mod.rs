//! One view per route.

mod catalog;
mod course;
mod downloads;
mod launch;
mod lesson;
mod not_found;
mod quiz_submissions;
mod signin;
mod sync_page;

pub use catalog::CatalogPage;
pub use course::CoursePage;
pub use downloads::DownloadsPage;
pub use launch::LaunchPage;
pub use lesson::LessonPage;
pub use not_found::NotFoundPage;
pub use quiz_submissions::QuizSubmissionsPage;
pub use signin::SignInPage;
pub use sync_page::SyncPage;
