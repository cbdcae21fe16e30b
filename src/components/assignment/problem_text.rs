//! What to tell a learner about work that cannot be handed in.

use crate::i18n::action_error_line;
use crate::i18n::{I18nInjection, WorkMsg};
use crate::io::document::format_bytes;
use crate::state::assignment::HandInFailure;
use lectern_core::assignment::{SubmissionProblem, MAX_SUBMISSION_TEXT_CHARS};

/// The sentence for `problem`, with its names and limits filled in (`file_name`: the file
/// being checked, for a name refused).
pub fn submission_problem_text(
    i18n: I18nInjection,
    problem: &SubmissionProblem,
    file_name: &str,
) -> String {
    let locale = i18n.locale();
    match problem {
        SubmissionProblem::Empty => i18n.w(WorkMsg::EmptySubmission).to_owned(),
        SubmissionProblem::TextNotTaken => i18n.w(WorkMsg::TextNotTaken).to_owned(),
        SubmissionProblem::FilesNotTaken => i18n.w(WorkMsg::FilesNotTaken).to_owned(),
        SubmissionProblem::DuplicateFile => i18n.w(WorkMsg::DuplicateFile).to_owned(),
        SubmissionProblem::TextTooLong(_) => i18n
            .w(WorkMsg::TextTooLong)
            .replace("{max}", &MAX_SUBMISSION_TEXT_CHARS.to_string()),
        SubmissionProblem::TooManyFiles { max, .. } => i18n
            .w(WorkMsg::TooManyFiles)
            .replace("{max}", &max.to_string()),
        SubmissionProblem::FileTooLarge { file_name, max, .. } => i18n
            .w(WorkMsg::FileTooLarge)
            .replace("{name}", file_name)
            .replace("{size}", &format_bytes(*max, locale.tag())),
        SubmissionProblem::TypeRefused { file_name, .. } => {
            i18n.w(WorkMsg::TypeRefused).replace("{name}", file_name)
        }
        SubmissionProblem::BadFileName => i18n.w(WorkMsg::BadFileName).replace("{name}", file_name),
    }
}

/// The sentence for a failed hand-in.
pub fn hand_in_failure_text(i18n: I18nInjection, failure: &HandInFailure) -> String {
    match failure {
        HandInFailure::Invalid(problem) => submission_problem_text(i18n, problem, ""),
        HandInFailure::NeedsNetwork => i18n.w(WorkMsg::FilesNeedNetwork).to_owned(),
        HandInFailure::Upload(err) => action_error_line(i18n.locale(), err),
        HandInFailure::Storage(_) | HandInFailure::SignedOut => {
            i18n.w(WorkMsg::SaveFailed).to_owned()
        }
    }
}
