//! One view per route.

mod catalog;
mod course;
mod lesson;
mod not_found;
mod signin;

pub use catalog::CatalogPage;
pub use course::CoursePage;
pub use lesson::LessonPage;
pub use not_found::NotFoundPage;
pub use signin::SignInPage;
