//! Assignments on screen: the lesson (instructions, due date, state, hand-in form and past
//! submissions with their grades) and an instructor's grading form.

mod assignment_view;
mod grade_form;
mod problem_text;
mod submission_form;
mod submission_item;

pub use assignment_view::AssignmentView;
pub use grade_form::GradeForm;
pub use submission_form::SubmissionForm;
pub use submission_item::SubmissionItem;
