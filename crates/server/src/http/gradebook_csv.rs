//! A gradebook as CSV (RFC 4180): a header row, then one row per learner; fields separated by
//! commas, records ended by CRLF, and a field quoted (with its quotes doubled) when it holds a
//! comma, a quote or a line break. Points are decimal (`15.3`), times RFC 3339 in UTC.
//!
//! Names and titles come from learners and course authors, so a cell that a spreadsheet
//! would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
//! is prefixed with `'`, which shows it as the text it is.

use lectern_api::v1::{AssignmentState, Gradebook};

/// The gradebook as a CSV file.
pub(super) fn gradebook_csv(gradebook: &Gradebook) -> String {
    let mut header = vec![
        "learner_id".to_owned(),
        "learner".to_owned(),
        format!("lessons_completed (of {})", gradebook.lesson_count),
        "last_activity_at".to_owned(),
    ];
    for column in &gradebook.quiz_columns {
        header.push(format!("{}: best score", column.title));
        header.push(format!("{}: points possible", column.title));
        header.push(format!("{}: attempts", column.title));
    }
    for column in &gradebook.assignment_columns {
        header.push(format!(
            "{}: points of {}, late penalty applied",
            column.title, column.max_points
        ));
        header.push(format!("{}: state", column.title));
        header.push(format!("{}: late penalty %", column.title));
    }
    let mut csv = record(&header);
    for row in &gradebook.learners {
        let mut cells = vec![
            row.learner.user_id.to_string(),
            row.learner.display_name.clone(),
            row.lessons_completed.to_string(),
            row.last_activity_at
                .map(|at| at.to_string())
                .unwrap_or_default(),
        ];
        for quiz in &row.quizzes {
            let score = |millipoints: Option<lectern_core::quiz::Score>| {
                millipoints
                    .map(|score| points(score.millipoints()))
                    .unwrap_or_default()
            };
            cells.push(score(quiz.best_score_millipoints));
            cells.push(score(quiz.possible_millipoints));
            cells.push(quiz.attempts_submitted.to_string());
        }
        for assignment in &row.assignments {
            cells.push(
                assignment
                    .final_score_millipoints
                    .map(points)
                    .unwrap_or_default(),
            );
            cells.push(state_name(assignment.state).to_owned());
            cells.push(assignment.penalty_percent.to_string());
        }
        csv.push_str(&record(&cells));
    }
    csv
}

fn state_name(state: AssignmentState) -> &'static str {
    match state {
        AssignmentState::NotSubmitted => "not_submitted",
        AssignmentState::Submitted => "submitted",
        AssignmentState::Late => "late",
        AssignmentState::Graded => "graded",
    }
}

/// Milli-points as a decimal number of points, without trailing zeros: `15300` is `15.3`.
fn points(millipoints: u32) -> String {
    let (whole, fraction) = (millipoints / 1000, millipoints % 1000);
    if fraction == 0 {
        return whole.to_string();
    }
    let decimals = format!("{fraction:03}");
    format!("{whole}.{}", decimals.trim_end_matches('0'))
}

/// One CSV record, ended by CRLF.
fn record(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|text| field(text))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// One field: made inert for spreadsheets, then quoted if it must be.
fn field(text: &str) -> String {
    let inert = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if inert.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("Ada Lovelace"), "Ada Lovelace");
        assert_eq!(field("Lovelace, Ada"), "\"Lovelace, Ada\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_text() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-2"), "'-2");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tcmd"), "'\tcmd");
        assert_eq!(field("\rcmd"), "\"'\rcmd\"");
        assert_eq!(field("a=b"), "a=b");
    }

    #[test]
    fn points_are_decimals_without_trailing_zeros() {
        assert_eq!(points(15_300), "15.3");
        assert_eq!(points(20_000), "20");
        assert_eq!(points(125), "0.125");
        assert_eq!(points(0), "0");
    }

    #[test]
    fn records_end_with_crlf() {
        assert_eq!(record(&["a".into(), "b,c".into()]), "a,\"b,c\"\r\n");
    }
}
