//! JSON snapshots of the assignment, gradebook and calendar wire format. A change to any of
//! these is a change to the API contract: it must stay backwards compatible or move to v2.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used)]

use lectern_api::v1::*;
use lectern_core::calendar::SubmissionLatePolicy;
use lectern_core::quiz::Score;
use lectern_core::{CourseId, LessonId, UserId};

fn at(text: &str) -> jiff::Timestamp {
    text.parse().unwrap()
}

fn journal() -> AssignmentId {
    AssignmentId::parse("astronomy-101.star-journal").unwrap()
}

fn upload_id() -> UploadId {
    UploadId::parse("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap()
}

fn graded_submission() -> SubmissionView {
    SubmissionView {
        submission_id: SubmissionId::parse("5eed0000-0000-4000-8000-00000000f001").unwrap(),
        assignment_id: journal(),
        text: "Orion rose earlier each night.".into(),
        files: vec![SubmittedFileView {
            upload_id: upload_id(),
            file_name: "sketch.png".into(),
            media_type: "image/png".into(),
            size_bytes: 48_213,
            download_url: routes::upload_content(&upload_id()),
        }],
        submitted_at: at("2027-01-16T18:00:00Z"),
        client_submitted_at: at("2027-01-14T21:30:00Z"),
        is_late: true,
        days_late: 2,
        penalty_percent: 20,
        grade: Some(GradeView {
            score: 17,
            max_points: 20,
            final_score_millipoints: final_score_millipoints(17, 20),
            feedback: "A careful journal. **Well done.**".into(),
            graded_at: at("2027-01-18T10:00:00Z"),
            grader: "Instructor One".into(),
            grade_version: 1,
        }),
    }
}

#[test]
fn assignment_view() {
    let view = AssignmentView {
        assignment_id: journal(),
        title: "Keep a star journal for one week".into(),
        due_at: Some(at("2027-01-15T17:00:00Z")),
        late_policy: SubmissionLatePolicy::Penalty {
            percent_per_day: 10,
            max_percent: 50,
        },
        resubmit: true,
        max_points: 20,
        state: AssignmentState::Graded,
        can_submit: false,
        cannot_submit_reason: Some(
            "handing in again was possible until the due date, 2027-01-15T17:00:00Z".into(),
        ),
        submissions: vec![graded_submission()],
        server_time: at("2027-01-20T09:00:00Z"),
    };
    insta::assert_json_snapshot!(view);
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(
        serde_json::from_value::<AssignmentView>(json).unwrap(),
        view
    );
}

#[test]
fn upload_status_and_grading() {
    let status = UploadStatus {
        upload_id: upload_id(),
        course_id: CourseId::parse("astronomy-101").unwrap(),
        lesson_id: LessonId::parse("star-journal").unwrap(),
        file_name: "sketch.png".into(),
        media_type: "image/png".into(),
        size_bytes: 48_213,
        received_bytes: 48_213,
        is_complete: true,
        sha256: Some("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into()),
    };
    let queue = GradingQueue {
        assignment_id: journal(),
        max_points: 20,
        submissions: vec![QueuedSubmission {
            learner: LearnerRef {
                user_id: UserId::parse("learner2").unwrap(),
                display_name: "Learner Two".into(),
            },
            submission_count: 2,
            submission: graded_submission(),
        }],
    };
    let request = GradeRequest {
        score: 17,
        feedback: "A careful journal.".into(),
    };
    insta::assert_json_snapshot!((status, queue, request));
    let bare: GradeRequest = serde_json::from_str(r#"{"score": 3, "extra": 1}"#).unwrap();
    assert_eq!(bare.feedback, "");
}

#[test]
fn gradebook() {
    let gradebook = Gradebook {
        course_id: CourseId::parse("astronomy-101").unwrap(),
        course_title: "Astronomy 101".into(),
        lesson_count: 10,
        quiz_columns: vec![GradebookColumn {
            lesson_id: LessonId::parse("planets-graded-quiz").unwrap(),
            title: "Planets quiz".into(),
        }],
        assignment_columns: vec![AssignmentColumn {
            lesson_id: LessonId::parse("star-journal").unwrap(),
            title: "Star journal".into(),
            max_points: 20,
        }],
        learners: vec![GradebookRow {
            learner: LearnerRef {
                user_id: UserId::parse("learner2").unwrap(),
                display_name: "Learner Two".into(),
            },
            lessons_completed: 2,
            last_activity_at: Some(at("2027-01-16T18:00:00Z")),
            quizzes: vec![QuizCell {
                lesson_id: LessonId::parse("planets-graded-quiz").unwrap(),
                attempts_submitted: 2,
                best_score_millipoints: Some(Score::from_millipoints(8_000)),
                latest_score_millipoints: Some(Score::from_millipoints(6_500)),
                possible_millipoints: Some(Score::from_millipoints(10_000)),
                needs_review: false,
            }],
            assignments: vec![AssignmentCell {
                lesson_id: LessonId::parse("star-journal").unwrap(),
                state: AssignmentState::Graded,
                submission_id: Some(graded_submission().submission_id),
                score: Some(17),
                final_score_millipoints: Some(13_600),
                days_late: 2,
                penalty_percent: 20,
            }],
        }],
        generated_at: at("2027-01-20T09:00:00Z"),
    };
    insta::assert_json_snapshot!(gradebook);
}

#[test]
fn calendar() {
    let calendar = CalendarView {
        items: vec![
            CalendarItem {
                item_id: "astronomy-101.star-journal.due".into(),
                kind: CalendarItemKind::AssignmentDue,
                course_id: CourseId::parse("astronomy-101").unwrap(),
                course_title: "Astronomy 101".into(),
                lesson_id: LessonId::parse("star-journal").unwrap(),
                lesson_title: "Keep a star journal for one week".into(),
                at: at("2027-01-15T17:00:00Z"),
                ends_at: None,
                submitted: false,
                done: false,
                is_overdue: true,
            },
            CalendarItem {
                item_id: "astronomy-101.live-q-and-a.live".into(),
                kind: CalendarItemKind::LiveSession,
                course_id: CourseId::parse("astronomy-101").unwrap(),
                course_title: "Astronomy 101".into(),
                lesson_id: LessonId::parse("live-q-and-a").unwrap(),
                lesson_title: "Live Q&A".into(),
                at: at("2027-01-20T18:00:00Z"),
                ends_at: Some(at("2027-01-20T19:00:00Z")),
                submitted: false,
                done: false,
                is_overdue: false,
            },
        ],
        server_time: at("2027-01-16T09:00:00Z"),
    };
    insta::assert_json_snapshot!(calendar);
}

#[test]
fn assignment_problems_have_their_statuses() {
    let statuses: Vec<(&str, u16)> = [
        ProblemType::InvalidUpload,
        ProblemType::UploadOffsetMismatch,
        ProblemType::SubmissionClosed,
        ProblemType::InvalidGrade,
    ]
    .into_iter()
    .map(|kind| (kind.uri(), kind.status()))
    .collect();
    insta::assert_json_snapshot!(statuses);
}
