//! One question: its prompt and the answer control for its kind. The control reports every
//! change at once; read-only (in a review) it shows the answer given.

use super::{BlanksAnswer, ChoiceAnswer, MatchingAnswer, OrderingAnswer, TextAnswer};
use crate::components::MarkdownView;
use crate::i18n::{content_direction, I18nInjection, QuizMsg};
use lectern_core::quiz::{shown_choices, Answer, Choice, DrawnQuiz, Question, QuestionBody};
use leptos::prelude::*;

/// A question with its answer control.
#[component]
pub fn QuestionView(
    question: Question,
    /// The attempt's draw (for the order choices are shown in).
    drawn: DrawnQuiz,
    /// The answer saved so far.
    #[prop(into)]
    answer: Signal<Option<Answer>>,
    /// Called with every change.
    on_answer: Callback<Answer>,
    /// A review: nothing can change.
    #[prop(default = false)]
    is_read_only: bool,
    /// Where in the attempt: "Question 2 of 8".
    #[prop(optional)]
    position: Option<(usize, usize)>,
    /// The course's language, for `lang` and `dir` on the question's own text.
    language: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let prompt_id = format!("prompt-{}", question.question_id);
    let shown: Vec<Choice> = shown_choices(&question, &drawn)
        .into_iter()
        .cloned()
        .collect();
    let points = question.points;
    let control = answer_control(
        &question,
        shown,
        answer,
        on_answer,
        is_read_only,
        &prompt_id,
    );
    view! {
        <div class="quiz-question" data-question-id=question.question_id.clone() data-kind=question.body.kind_name()>
            <p class="question-meta">
                {position.map(|(n, total)| view! {
                    <span class="question-position">
                        {move || i18n.q(QuizMsg::QuestionOf).replace("{n}", &n.to_string()).replace("{total}", &total.to_string())}
                    </span>
                })}
                <span class="question-points">
                    {move || i18n.q(if points == 1 { QuizMsg::OnePoint } else { QuizMsg::Points }).replace("{points}", &points.to_string())}
                </span>
            </p>
            <div class="question-content" lang=language.clone() dir=content_direction(&language).as_attr()>
                <div class="question-prompt" id=prompt_id>
                    <MarkdownView source=question.prompt.clone() />
                </div>
                {control}
            </div>
        </div>
    }
}

fn answer_control(
    question: &Question,
    shown: Vec<Choice>,
    answer: Signal<Option<Answer>>,
    on_answer: Callback<Answer>,
    is_read_only: bool,
    prompt_id: &str,
) -> AnyView {
    let question_id = question.question_id.clone();
    let labelled_by = prompt_id.to_owned();
    match &question.body {
        QuestionBody::SingleChoice { .. } | QuestionBody::MultipleResponse { .. } | QuestionBody::TrueFalse { .. } => view! {
            <ChoiceAnswer question_id body=question.body.clone() shown answer on_answer is_read_only labelled_by />
        }
        .into_any(),
        QuestionBody::FillBlanks { text_with_blanks, .. } => view! {
            <BlanksAnswer question_id text=text_with_blanks.clone() answer on_answer is_read_only />
        }
        .into_any(),
        QuestionBody::Matching { premises, .. } => view! {
            <MatchingAnswer question_id premises=premises.clone() responses=shown answer on_answer is_read_only />
        }
        .into_any(),
        QuestionBody::Ordering { .. } => view! {
            <OrderingAnswer question_id items=shown answer on_answer is_read_only labelled_by />
        }
        .into_any(),
        QuestionBody::Numeric { .. } | QuestionBody::ShortText { .. } | QuestionBody::Essay { .. } => view! {
            <TextAnswer question_id body=question.body.clone() answer on_answer is_read_only labelled_by />
        }
        .into_any(),
    }
}
