//! The course catalog. A single course is served as its validated manifest: the canonical
//! JSON of [`lectern_core::Course`], which the player decodes with
//! [`lectern_core::parse_manifest`] so that every client validates what it renders.

use lectern_core::{Course, CourseId};
use serde::{Deserialize, Serialize};

/// `GET /api/v1/courses` answer: the caller's courses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseList {
    pub courses: Vec<CourseSummary>,
}

/// One catalog entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseSummary {
    pub course_id: CourseId,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub module_count: u32,
    pub lesson_count: u32,
}

impl From<&Course> for CourseSummary {
    fn from(course: &Course) -> Self {
        CourseSummary {
            course_id: course.course_id.clone(),
            title: course.title.clone(),
            summary: course.summary.clone(),
            language: course.language.clone(),
            module_count: u32::try_from(course.modules.len()).unwrap_or(u32::MAX),
            lesson_count: u32::try_from(course.lesson_count()).unwrap_or(u32::MAX),
        }
    }
}
