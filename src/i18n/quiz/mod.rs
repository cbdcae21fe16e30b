//! The quiz strings: taking, reviewing and grading quizzes. Kept apart from the app's own
//! catalog so each stays readable; a missing translation is a compile error.

mod ar;
mod en;

use lectern_core::locale::Locale;

/// A string of the quiz views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuizMsg {
    /// Contains `{n}` and `{total}`.
    QuestionOf,
    OnePoint,
    /// Contains `{points}`.
    Points,
    SelectAll,
    True,
    False,
    /// Contains `{count}` and `{max}`.
    WordsOfMax,
    /// Contains `{count}`.
    Words,
    NumberHintComma,
    NumberHintPoint,
    /// Contains `{n}`.
    BlankN,
    ChooseMatch,
    /// Contains `{item}`.
    MoveUp,
    /// Contains `{item}`.
    MoveDown,
    KeepOrder,
    CheckAnswer,
    /// Contains `{awarded}` and `{possible}`.
    PointsOf,
    TimeUp,
    OneMinuteLeft,
    FiveMinutesLeft,
    TimeLeft,
    /// Contains `{n}`.
    GoToAnsweredQuestion,
    /// Contains `{n}`.
    GoToQuestion,
    Questions,
    /// Contains `{n}`.
    AttemptN,
    PreviousQuestion,
    NextQuestion,
    SubmitAttempt,
    SaveAndLeave,
    ConfirmSubmitAll,
    /// Contains `{count}`.
    ConfirmSubmitUnanswered,
    SubmitNow,
    KeepWorking,
    NotSavedOnDevice,
    SavedOnDevice,
    SendFailed,
    Saving,
    SavedEverywhere,
    SubmissionWaiting,
    ScoreHidden,
    Passed,
    NotPassed,
    /// Contains `{score}`.
    YourScore,
    AwaitingReview,
    SubmittedLate,
    LateAnswersIgnored,
    LateCopy,
    LateCopyExplained,
    /// Contains `{n}`.
    ReviewOfAttempt,
    BackToQuiz,
    InstructorFeedback,
    /// Contains `{count}`.
    QuestionCount,
    Graded,
    Practice,
    /// Contains `{minutes}`.
    TimeLimit,
    /// Contains `{count}`.
    AttemptsAllowed,
    /// Contains `{time}`.
    DueAt,
    /// Contains `{percent}`.
    PassMark,
    ResumeAttempt,
    StartAttempt,
    AttemptsFromDevice,
    NoAttemptsLeft,
    /// Contains `{count}`.
    AttemptsLeft,
    YourAttempts,
    SeeSubmissions,
    Late,
    Review,
    AboutQuiz,
    Correct,
    PartlyCorrect,
    Incorrect,
    Unanswered,
    NeedsReview,
    StatusSubmitted,
    StatusWaitingToSend,
    StatusInProgress,
    NeedsConnection,
    SignInAgainToSend,
    SomethingWentWrong,
    SubmissionsTitle,
    NoSubmissions,
    /// Contains `{name}` and `{n}`.
    LearnerAttempt,
    /// Contains `{max}`.
    ReviewPoints,
    ReviewFeedback,
    SaveReview,
    ReviewSaved,
    ReviewPointsInvalid,
    NeedsReviewBadge,
    BackToLesson,
    NotTeaching,
}

/// The text of `msg` in `locale`.
pub fn quiz_text(locale: Locale, msg: QuizMsg) -> &'static str {
    match locale {
        Locale::En => en::text(msg),
        Locale::Ar => ar::text(msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const TEMPLATES: &[(QuizMsg, &[&str])] = &[
        (QuizMsg::QuestionOf, &["n", "total"]),
        (QuizMsg::Points, &["points"]),
        (QuizMsg::WordsOfMax, &["count", "max"]),
        (QuizMsg::Words, &["count"]),
        (QuizMsg::BlankN, &["n"]),
        (QuizMsg::MoveUp, &["item"]),
        (QuizMsg::MoveDown, &["item"]),
        (QuizMsg::PointsOf, &["awarded", "possible"]),
        (QuizMsg::GoToAnsweredQuestion, &["n"]),
        (QuizMsg::GoToQuestion, &["n"]),
        (QuizMsg::AttemptN, &["n"]),
        (QuizMsg::ConfirmSubmitUnanswered, &["count"]),
        (QuizMsg::YourScore, &["score"]),
        (QuizMsg::ReviewOfAttempt, &["n"]),
        (QuizMsg::QuestionCount, &["count"]),
        (QuizMsg::TimeLimit, &["minutes"]),
        (QuizMsg::AttemptsAllowed, &["count"]),
        (QuizMsg::DueAt, &["time"]),
        (QuizMsg::PassMark, &["percent"]),
        (QuizMsg::AttemptsLeft, &["count"]),
        (QuizMsg::LearnerAttempt, &["name", "n"]),
        (QuizMsg::ReviewPoints, &["max"]),
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn every_template_keeps_its_placeholders_in_every_locale() {
        crate::i18n::assert_placeholders_kept(quiz_text, TEMPLATES);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_is_written_in_arabic() {
        let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        for msg in [
            QuizMsg::StartAttempt,
            QuizMsg::SubmitNow,
            QuizMsg::TimeLeft,
            QuizMsg::Correct,
        ] {
            assert!(arabic(quiz_text(Locale::Ar, msg)), "{msg:?}");
        }
    }
}
