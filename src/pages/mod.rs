//! One view per route.

mod announcements;
mod calendar;
mod catalog;
mod course;
mod course_discussions;
mod downloads;
mod gradebook;
mod grading;
mod inbox;
mod launch;
mod lesson;
mod live_room;
mod not_found;
mod quiz_submissions;
mod signin;
mod sync_page;
mod thread;

pub use announcements::AnnouncementsPage;
pub use calendar::CalendarPage;
pub use catalog::CatalogPage;
pub use course::CoursePage;
pub use course_discussions::CourseDiscussionsPage;
pub use downloads::DownloadsPage;
pub use gradebook::GradebookPage;
pub use grading::GradingPage;
pub use inbox::InboxPage;
pub use launch::LaunchPage;
pub use lesson::LessonPage;
pub use live_room::LiveRoomPage;
pub use not_found::NotFoundPage;
pub use quiz_submissions::QuizSubmissionsPage;
pub use signin::SignInPage;
pub use sync_page::SyncPage;
pub use thread::ThreadPage;
