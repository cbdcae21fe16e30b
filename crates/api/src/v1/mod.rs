//! JSON API v1. Routes are listed in [`routes`]; `docs/openapi.yaml` describes them in full.

mod assignments;
mod calendar;
mod courses;
mod discussions;
mod events;
mod gradebook;
mod launches;
pub mod live;
mod notifications;
mod problem;
mod quizzes;
mod session;

pub use assignments::{
    final_score_millipoints, AssignmentId, AssignmentIdError, AssignmentState, AssignmentView,
    GradeRequest, GradeView, GradingQueue, QueuedSubmission, SubmissionId, SubmissionView,
    SubmittedFileView, UploadId, UploadStatus, UploadTarget, MAX_UPLOAD_CHUNK_BYTES,
};
pub use calendar::{CalendarItem, CalendarItemKind, CalendarView};
pub use courses::{CourseList, CourseSummary};
pub use discussions::{
    PostAuthor, PostId, PostModeration, PostVersion, PostVersionList, PostView, ReplyView,
    ThreadList, ThreadSummary, ThreadView,
};
pub use events::{
    CourseProgressView, DeviceSequences, EventBatchRequest, EventBatchResponse, EventResult,
    EventStatus, LearnerEvent, LessonProgressEntry, UnreadableEvent, MAX_EVENTS_PER_BATCH,
};
pub use gradebook::{
    AssignmentCell, AssignmentColumn, Gradebook, GradebookColumn, GradebookRow, QuizCell,
};
pub use launches::{
    LaunchExchangeRequest, LaunchExchangeResponse, LaunchRequest, LaunchResponse, LaunchRole,
    MAX_DISPLAY_NAME_CHARS, MAX_LMS_LEARNER_ID_CHARS,
};
pub use notifications::{
    AnnouncementList, AnnouncementView, MarkNotificationsRead, NewAnnouncement, NotificationKind,
    NotificationList, NotificationView, LIVE_SOON_MINUTES, MAX_ANNOUNCEMENT_BODY_CHARS,
    MAX_ANNOUNCEMENT_TITLE_CHARS, MAX_NOTIFICATIONS,
};
pub use problem::{FieldProblem, ProblemDetails, ProblemType, PROBLEM_JSON};
pub use quizzes::{
    AttemptId, AttemptList, AttemptResult, AttemptStatus, AttemptView, LearnerRef, QuestionResult,
    QuizId, ReviewRequest, SaveAnswersRequest, Seed, StartAttemptRequest, Submission,
    SubmissionList, SubmitAttemptRequest, WireIdError, MAX_FEEDBACK_CHARS,
};
pub use session::{SessionResponse, SignInRequest, UserProfile};

/// The prefix every v1 route lives under.
pub const PREFIX: &str = "/api/v1";

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Paths of the v1 routes, in OpenAPI template form.
pub mod routes {
    pub const SESSION: &str = "/api/v1/session";
    pub const COURSES: &str = "/api/v1/courses";
    pub const COURSE: &str = "/api/v1/courses/{course_id}";
    pub const EVENTS: &str = "/api/v1/events";
    pub const COURSE_PROGRESS: &str = "/api/v1/courses/{course_id}/progress";
    pub const QUIZ_ATTEMPTS: &str = "/api/v1/quizzes/{quiz_id}/attempts";
    pub const QUIZ_SUBMISSIONS: &str = "/api/v1/quizzes/{quiz_id}/submissions";
    pub const ATTEMPT_ANSWERS: &str = "/api/v1/attempts/{attempt_id}/answers";
    pub const ATTEMPT_SUBMIT: &str = "/api/v1/attempts/{attempt_id}/submit";
    pub const ATTEMPT_REVIEW: &str = "/api/v1/attempts/{attempt_id}/reviews/{question_id}";
    /// An LMS asks for a launch link (authorised by its API key).
    pub const LAUNCHES: &str = "/api/v1/launches";
    /// A launch token is traded for a session (no authorisation: the token is the proof).
    pub const LAUNCH_EXCHANGE: &str = "/api/v1/launches/exchange";
    /// A course's discussion threads (`?lesson_id=` for one discussion lesson's).
    pub const COURSE_THREADS: &str = "/api/v1/courses/{course_id}/threads";
    pub const THREAD: &str = "/api/v1/threads/{thread_id}";
    /// The caller opened the thread: replies before now are no longer new.
    pub const THREAD_READ: &str = "/api/v1/threads/{thread_id}/read";
    pub const POST_VERSIONS: &str = "/api/v1/posts/{post_id}/versions";
    pub const POST_MODERATION: &str = "/api/v1/posts/{post_id}/moderation";
    pub const NOTIFICATIONS: &str = "/api/v1/notifications";
    pub const NOTIFICATIONS_READ: &str = "/api/v1/notifications/read";
    pub const COURSE_ANNOUNCEMENTS: &str = "/api/v1/courses/{course_id}/announcements";

    pub fn course_threads(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}/threads")
    }

    pub fn thread(thread_id: &super::PostId) -> String {
        format!("/api/v1/threads/{thread_id}")
    }

    pub fn thread_read(thread_id: &super::PostId) -> String {
        format!("/api/v1/threads/{thread_id}/read")
    }

    pub fn post_versions(post_id: &super::PostId) -> String {
        format!("/api/v1/posts/{post_id}/versions")
    }

    pub fn post_moderation(post_id: &super::PostId) -> String {
        format!("/api/v1/posts/{post_id}/moderation")
    }

    pub fn course_announcements(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}/announcements")
    }

    /// One file of an assignment: `PUT` a chunk, `GET` (or `HEAD`) how much is stored.
    pub const UPLOAD: &str = "/api/v1/uploads/{upload_id}";
    /// A complete upload's bytes, for its owner and instructors of its course.
    pub const UPLOAD_CONTENT: &str = "/api/v1/uploads/{upload_id}/content";
    /// The caller's state and submissions for an assignment.
    pub const ASSIGNMENT: &str = "/api/v1/assignments/{assignment_id}";
    /// The grading queue of an assignment (instructors).
    pub const ASSIGNMENT_SUBMISSIONS: &str = "/api/v1/assignments/{assignment_id}/submissions";
    /// Grading one submission (instructors).
    pub const SUBMISSION_GRADE: &str = "/api/v1/submissions/{submission_id}/grade";
    pub const COURSE_GRADEBOOK: &str = "/api/v1/courses/{course_id}/gradebook";
    pub const COURSE_GRADEBOOK_CSV: &str = "/api/v1/courses/{course_id}/gradebook.csv";
    /// The caller's deadlines and live sessions, as JSON and as iCalendar.
    pub const CALENDAR: &str = "/api/v1/calendar";
    pub const CALENDAR_ICS: &str = "/api/v1/calendar.ics";
    /// A live session's WebSocket (`lectern_api::v1::live`).
    pub const LIVE_SOCKET: &str = super::live::LIVE_ROOM_SOCKET;
    /// A live session's attendance, for its instructor.
    pub const LIVE_ATTENDANCE: &str = "/api/v1/live/{session_id}/attendance";
    /// A live session's recording, for its instructor: `PUT` the next chunk, `GET` how much
    /// is stored (`lectern_api::v1::live::RecordingStatus`).
    pub const LIVE_RECORDING: &str = "/api/v1/live/{session_id}/recording";
    /// The recording is whole: it becomes a lesson of the course.
    pub const LIVE_RECORDING_COMPLETE: &str = "/api/v1/live/{session_id}/recording/complete";

    pub fn live_recording(session_id: &lectern_core::live::LiveSessionId) -> String {
        format!("/api/v1/live/{session_id}/recording")
    }

    pub fn live_recording_complete(session_id: &lectern_core::live::LiveSessionId) -> String {
        format!("/api/v1/live/{session_id}/recording/complete")
    }

    pub fn upload(upload_id: &super::UploadId) -> String {
        format!("/api/v1/uploads/{upload_id}")
    }

    pub fn upload_content(upload_id: &super::UploadId) -> String {
        format!("/api/v1/uploads/{upload_id}/content")
    }

    pub fn assignment(assignment_id: &super::AssignmentId) -> String {
        format!("/api/v1/assignments/{assignment_id}")
    }

    pub fn assignment_submissions(assignment_id: &super::AssignmentId) -> String {
        format!("/api/v1/assignments/{assignment_id}/submissions")
    }

    pub fn submission_grade(submission_id: &super::SubmissionId) -> String {
        format!("/api/v1/submissions/{submission_id}/grade")
    }

    pub fn course_gradebook(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}/gradebook")
    }

    pub fn course_gradebook_csv(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}/gradebook.csv")
    }

    /// The path of one course's manifest.
    pub fn course(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}")
    }

    /// The caller's merged progress through one course.
    pub fn course_progress(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}/progress")
    }

    /// Starting and listing the caller's attempts at a quiz.
    pub fn quiz_attempts(quiz_id: &super::QuizId) -> String {
        format!("/api/v1/quizzes/{quiz_id}/attempts")
    }

    /// Every learner's attempts at a quiz (instructors).
    pub fn quiz_submissions(quiz_id: &super::QuizId) -> String {
        format!("/api/v1/quizzes/{quiz_id}/submissions")
    }

    pub fn attempt_answers(attempt_id: &super::AttemptId) -> String {
        format!("/api/v1/attempts/{attempt_id}/answers")
    }

    pub fn attempt_submit(attempt_id: &super::AttemptId) -> String {
        format!("/api/v1/attempts/{attempt_id}/submit")
    }

    /// An instructor's review of one answer. Question ids are checked to be slugs
    /// before they get here, so they need no escaping.
    pub fn attempt_review(attempt_id: &super::AttemptId, question_id: &str) -> String {
        format!("/api/v1/attempts/{attempt_id}/reviews/{question_id}")
    }
}
