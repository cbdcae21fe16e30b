//! The gradebook's order: by any column, either way, with learners who have nothing in that
//! column last whichever way it goes, and ties kept in name order.

use lectern_api::v1::GradebookRow;
use std::cmp::Ordering;

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Learner,
    LessonsCompleted,
    LastActivity,
    /// The quiz column at this index (best score).
    Quiz(usize),
    /// The assignment column at this index (final score).
    Assignment(usize),
}

/// Sorts `rows` by `key`, ascending or not. Rows with no value for the key go last.
pub fn sort_rows(rows: &mut [GradebookRow], key: SortKey, ascending: bool) {
    rows.sort_by(|a, b| {
        let by_name = a.learner.display_name.cmp(&b.learner.display_name);
        let ordered = match key {
            SortKey::Learner => Some(by_name),
            SortKey::LessonsCompleted => Some(a.lessons_completed.cmp(&b.lessons_completed)),
            SortKey::LastActivity => compare_present(a.last_activity_at, b.last_activity_at),
            SortKey::Quiz(index) => {
                let best = |row: &GradebookRow| {
                    row.quizzes
                        .get(index)
                        .and_then(|cell| cell.best_score_millipoints)
                        .map(|score| score.millipoints())
                };
                compare_present(best(a), best(b))
            }
            SortKey::Assignment(index) => {
                let score = |row: &GradebookRow| {
                    row.assignments
                        .get(index)
                        .and_then(|cell| cell.final_score_millipoints)
                };
                compare_present(score(a), score(b))
            }
        };
        match ordered {
            Some(order) if ascending => order.then(by_name),
            Some(order) => order.reverse().then(by_name),
            None => missing_last(key, a, b).then(by_name),
        }
    });
}

/// Both present: their order; otherwise `None` (the caller puts the missing one last).
fn compare_present<T: Ord>(a: Option<T>, b: Option<T>) -> Option<Ordering> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => None,
    }
}

fn missing_last(key: SortKey, a: &GradebookRow, b: &GradebookRow) -> Ordering {
    let has = |row: &GradebookRow| match key {
        SortKey::Learner | SortKey::LessonsCompleted => true,
        SortKey::LastActivity => row.last_activity_at.is_some(),
        SortKey::Quiz(index) => row
            .quizzes
            .get(index)
            .is_some_and(|cell| cell.best_score_millipoints.is_some()),
        SortKey::Assignment(index) => row
            .assignments
            .get(index)
            .is_some_and(|cell| cell.final_score_millipoints.is_some()),
    };
    has(b).cmp(&has(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_api::v1::{AssignmentCell, AssignmentState, LearnerRef};
    use lectern_core::{LessonId, UserId};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn row(name: &str, lessons: u32, score: Option<u32>) -> GradebookRow {
        GradebookRow {
            learner: LearnerRef {
                user_id: UserId::parse(&name.to_lowercase()).unwrap(),
                display_name: name.into(),
            },
            lessons_completed: lessons,
            last_activity_at: score.map(|s| jiff::Timestamp::from_second(i64::from(s)).unwrap()),
            quizzes: vec![],
            assignments: vec![AssignmentCell {
                lesson_id: LessonId::parse("star-journal").unwrap(),
                state: AssignmentState::Graded,
                submission_id: None,
                score: score.map(|s| s / 1_000),
                final_score_millipoints: score,
                days_late: 0,
                penalty_percent: 0,
            }],
        }
    }

    fn names(rows: &[GradebookRow]) -> Vec<&str> {
        rows.iter()
            .map(|r| r.learner.display_name.as_str())
            .collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn any_column_sorts_both_ways_with_missing_values_last() {
        let mut rows = vec![
            row("Cleo", 3, None),
            row("Ada", 1, Some(15_000)),
            row("Bo", 5, Some(18_000)),
        ];
        sort_rows(&mut rows, SortKey::Learner, true);
        assert_eq!(names(&rows), ["Ada", "Bo", "Cleo"]);
        sort_rows(&mut rows, SortKey::LessonsCompleted, false);
        assert_eq!(names(&rows), ["Bo", "Cleo", "Ada"]);
        sort_rows(&mut rows, SortKey::Assignment(0), true);
        assert_eq!(names(&rows), ["Ada", "Bo", "Cleo"]);
        sort_rows(&mut rows, SortKey::Assignment(0), false);
        assert_eq!(names(&rows), ["Bo", "Ada", "Cleo"]);
        sort_rows(&mut rows, SortKey::LastActivity, false);
        assert_eq!(names(&rows), ["Bo", "Ada", "Cleo"]);
        // A column the rows do not have: all missing, in name order.
        sort_rows(&mut rows, SortKey::Quiz(4), true);
        assert_eq!(names(&rows), ["Ada", "Bo", "Cleo"]);
    }
}
