//! The calendar items of one course for one caller, at the server's time: each quiz's due
//! and closing times, each assignment's due date, each live session; and the same items as
//! iCalendar events. Pure, so the JSON and the `.ics` answers hold the same items.
//!
//! An item shows while it is ahead (a session until it ends); a deadline that has passed
//! stays, as overdue, while a learner has not handed in or completed the lesson. Those who
//! teach the course see what is ahead only.

use jiff::Timestamp;
use lectern_api::v1::{CalendarItem, CalendarItemKind};
use lectern_core::calendar::IcsEvent;
use lectern_core::course::LessonContent;
use lectern_core::{Course, LessonId};
use std::collections::HashSet;

/// Where the caller stands in one course.
pub(super) struct CourseStanding<'a> {
    pub course: &'a Course,
    /// Learners see their overdue deadlines; those who teach do not.
    pub is_learner: bool,
    /// Lessons the caller has handed in: an assignment submission, a submitted quiz attempt.
    pub submitted: &'a HashSet<LessonId>,
    /// Lessons the caller has completed.
    pub completed: &'a HashSet<LessonId>,
}

/// The items of `standing`'s course to show at `now`, in outline order.
pub(super) fn course_items(standing: &CourseStanding<'_>, now: Timestamp) -> Vec<CalendarItem> {
    let course = standing.course;
    let mut items = Vec::new();
    for lesson in course.lessons() {
        let times: Vec<(CalendarItemKind, Timestamp, Option<Timestamp>)> = match &lesson.content {
            LessonContent::Quiz(quiz) => [
                (CalendarItemKind::QuizDue, quiz.settings.due_at),
                (CalendarItemKind::QuizCloses, quiz.settings.closes_at),
            ]
            .into_iter()
            .filter_map(|(kind, at)| Some((kind, at?, None)))
            .collect(),
            LessonContent::Assignment(assignment) => assignment
                .due_at
                .map(|due_at| (CalendarItemKind::AssignmentDue, due_at, None))
                .into_iter()
                .collect(),
            LessonContent::Live(session) => vec![(
                CalendarItemKind::LiveSession,
                session.starts_at,
                Some(session.ends_at),
            )],
            _ => Vec::new(),
        };
        for (kind, at, ends_at) in times {
            let submitted = kind != CalendarItemKind::LiveSession
                && standing.submitted.contains(&lesson.lesson_id);
            let done = match kind {
                CalendarItemKind::LiveSession => ends_at.is_some_and(|ends_at| ends_at < now),
                CalendarItemKind::AssignmentDue => submitted,
                CalendarItemKind::QuizDue | CalendarItemKind::QuizCloses => {
                    submitted || standing.completed.contains(&lesson.lesson_id)
                }
            };
            let is_ahead = ends_at.unwrap_or(at) >= now;
            let is_overdue = !is_ahead && !done && kind != CalendarItemKind::LiveSession;
            let is_shown = is_ahead || (is_overdue && standing.is_learner);
            if !is_shown {
                continue;
            }
            items.push(CalendarItem {
                item_id: format!(
                    "{}.{}.{}",
                    course.course_id,
                    lesson.lesson_id,
                    uid_suffix(kind)
                ),
                kind,
                course_id: course.course_id.clone(),
                course_title: course.title.clone(),
                lesson_id: lesson.lesson_id.clone(),
                lesson_title: lesson.title.clone(),
                at,
                ends_at,
                submitted,
                done,
                is_overdue,
            });
        }
    }
    items
}

/// The last part of an item's id: what of the lesson it is.
fn uid_suffix(kind: CalendarItemKind) -> &'static str {
    match kind {
        CalendarItemKind::QuizDue | CalendarItemKind::AssignmentDue => "due",
        CalendarItemKind::QuizCloses => "closes",
        CalendarItemKind::LiveSession => "live",
    }
}

/// `items` as iCalendar events, each linking to its lesson in the player at `public_url`.
pub(super) fn ics_events(items: &[CalendarItem], public_url: &str) -> Vec<IcsEvent> {
    items
        .iter()
        .map(|item| {
            let what = match item.kind {
                CalendarItemKind::QuizDue | CalendarItemKind::AssignmentDue => "Due",
                CalendarItemKind::QuizCloses => "Quiz closes",
                CalendarItemKind::LiveSession => "Live",
            };
            IcsEvent {
                uid: format!("{}@lectern", item.item_id),
                starts_at: item.at,
                ends_at: item.ends_at,
                summary: format!("{what}: {}", item.lesson_title),
                description: Some(item.course_title.clone()),
                url: Some(format!(
                    "{public_url}/courses/{}/lessons/{}",
                    item.course_id, item.lesson_id
                )),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::parse_manifest;
    use serde_json::json;

    fn course() -> Course {
        let manifest = json!({
            "schema_version": 1, "course_id": "sky", "title": "Sky", "summary": "The sky.",
            "modules": [{"module_id": "m", "title": "M", "lessons": [
                {"lesson_id": "quiz", "title": "Quiz", "kind": "quiz",
                 "settings": {"is_graded": true, "due_at": "2030-01-05T00:00:00Z",
                              "closes_at": "2030-01-20T00:00:00Z"},
                 "questions": [{"question_id": "q", "kind": "true_false", "prompt": "?",
                                "correct": true}]},
                {"lesson_id": "essay", "title": "Essay", "kind": "assignment",
                 "instructions": "Write.", "due_at": "2030-01-08T00:00:00Z"},
                {"lesson_id": "talk", "title": "Talk", "kind": "live",
                 "starts_at": "2030-01-09T23:00:00Z", "ends_at": "2030-01-10T01:00:00Z",
                 "instructor": "instructor1"}
            ]}]
        });
        parse_manifest(&manifest.to_string()).unwrap()
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn ids(items: &[CalendarItem]) -> Vec<(&str, bool)> {
        items
            .iter()
            .map(|item| (item.item_id.as_str(), item.is_overdue))
            .collect()
    }

    #[test]
    fn learners_see_what_is_ahead_and_what_they_missed() {
        let course = course();
        let (nothing, none) = (HashSet::new(), HashSet::new());
        let standing = CourseStanding {
            course: &course,
            is_learner: true,
            submitted: &nothing,
            completed: &none,
        };
        // The session is under way: it shows until it ends.
        let items = course_items(&standing, at("2030-01-10T00:00:00Z"));
        assert_eq!(
            ids(&items),
            [
                ("sky.quiz.due", true),
                ("sky.quiz.closes", false),
                ("sky.essay.due", true),
                ("sky.talk.live", false)
            ]
        );
        let handed_in: HashSet<LessonId> = [LessonId::parse("essay").unwrap()].into();
        let done = CourseStanding {
            submitted: &handed_in,
            ..standing
        };
        let items = course_items(&done, at("2030-01-10T02:00:00Z"));
        assert_eq!(
            ids(&items),
            [("sky.quiz.due", true), ("sky.quiz.closes", false)]
        );
    }

    #[test]
    fn teachers_see_only_what_is_ahead() {
        let course = course();
        let (nothing, none) = (HashSet::new(), HashSet::new());
        let standing = CourseStanding {
            course: &course,
            is_learner: false,
            submitted: &nothing,
            completed: &none,
        };
        let items = course_items(&standing, at("2030-01-10T00:00:00Z"));
        assert_eq!(
            ids(&items),
            [("sky.quiz.closes", false), ("sky.talk.live", false)]
        );
    }

    #[test]
    fn events_have_stable_uids_and_link_to_their_lesson() {
        let course = course();
        let (nothing, none) = (HashSet::new(), HashSet::new());
        let standing = CourseStanding {
            course: &course,
            is_learner: true,
            submitted: &nothing,
            completed: &none,
        };
        let items = course_items(&standing, at("2030-01-01T00:00:00Z"));
        let events = ics_events(&items, "https://lectern.example.edu");
        assert_eq!(events[0].uid, "sky.quiz.due@lectern");
        assert_eq!(events[0].summary, "Due: Quiz");
        assert_eq!(
            events[3].url.as_deref(),
            Some("https://lectern.example.edu/courses/sky/lessons/talk")
        );
        assert_eq!(events[3].ends_at, Some(at("2030-01-10T01:00:00Z")));
    }
}
