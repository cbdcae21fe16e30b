//! What a learner does in a quiz, and what an instructor does with its submissions, as page
//! objects: open a quiz, start or resume, answer by keyboard or by pointer, move between
//! questions, submit, review; and read what the quiz shows.

use crate::Browser;
use anyhow::{bail, Context, Result};
use fantoccini::key::Key;
use serde_json::{json, Value};

/// The question on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownQuestion {
    pub question_id: String,
    pub kind: String,
}

impl Browser {
    /// Goes to a quiz lesson and waits for its overview.
    pub async fn open_quiz(&self, course_id: &str, lesson_id: &str) -> Result<()> {
        self.visit(&format!("/courses/{course_id}/lessons/{lesson_id}"))
            .await?;
        self.find(".quiz-overview").await.map(drop)
    }

    /// Starts (or resumes) an attempt with the overview's button and waits for a question.
    pub async fn start_attempt(&self) -> Result<()> {
        self.click(".quiz-start").await?;
        self.find(".quiz-attempt .quiz-question").await.map(drop)
    }

    /// The question shown now.
    pub async fn shown_question(&self) -> Result<ShownQuestion> {
        let question = self.find(".quiz-attempt .quiz-question").await?;
        Ok(ShownQuestion {
            question_id: question
                .attr("data-question-id")
                .await?
                .context("a question without data-question-id")?,
            kind: question.attr("data-kind").await?.unwrap_or_default(),
        })
    }

    /// Waits until the question with this id is the one shown.
    pub async fn wait_for_question(&self, question_id: &str) -> Result<()> {
        self.find(&format!(
            ".quiz-attempt .quiz-question[data-question-id='{question_id}']"
        ))
        .await
        .map(drop)
    }

    /// The ids of the attempt's questions in the attempt's order, read from the jump list.
    pub async fn question_count(&self) -> Result<usize> {
        self.find(".question-nav").await?;
        self.count(".question-nav-item").await
    }

    /// Presses Tab until the focused element matches `css`, then Enter or Space on it.
    pub async fn tab_and_press(&self, css: &str, key: Key) -> Result<()> {
        self.tab_to(css, 60).await?;
        self.press(key).await
    }

    /// The choice ids of the shown question, in the order shown.
    pub async fn shown_choice_ids(&self) -> Result<Vec<String>> {
        let ids = self
            .script(
                "return [...document.querySelectorAll('.quiz-attempt .quiz-question input[data-choice-id]')]
                    .map(input => input.dataset.choiceId);",
            )
            .await?;
        strings(ids)
    }

    /// The ordering items of the shown question, first to last.
    pub async fn shown_order(&self) -> Result<Vec<String>> {
        let ids = self
            .script(
                "return [...document.querySelectorAll('.quiz-attempt .order-item')]
                    .map(item => item.dataset.itemId);",
            )
            .await?;
        strings(ids)
    }

    /// The response options of one matching premise, in the order the select lists them
    /// (the first, empty, option excluded).
    pub async fn match_options(&self, premise_id: &str) -> Result<Vec<String>> {
        let script = format!(
            "return [...document.querySelectorAll(\"select.answer-match[data-premise-id='{premise_id}'] option\")]
                .map(option => option.value).filter(value => value !== '');"
        );
        strings(self.script(&script).await?)
    }

    /// Checks the shown practice question with the keyboard and returns the outcome shown.
    pub async fn check_answer_by_keyboard(&self) -> Result<String> {
        self.tab_and_press("button.check-answer", Key::Enter)
            .await?;
        let feedback = self.find(".question-feedback[data-outcome]").await?;
        feedback
            .attr("data-outcome")
            .await?
            .context("feedback without an outcome")
    }

    /// Goes to the next question with the keyboard.
    pub async fn next_question_by_keyboard(&self) -> Result<()> {
        self.tab_and_press("button.question-next", Key::Enter).await
    }

    /// Submits the attempt with the keyboard (the button, then the confirmation) and waits
    /// for the review.
    pub async fn submit_attempt_by_keyboard(&self) -> Result<()> {
        self.tab_and_press("button.quiz-submit", Key::Enter).await?;
        self.find(".submit-confirm .confirm-submit").await?;
        self.wait_for_focus(".confirm-submit").await?;
        self.press(Key::Enter).await?;
        self.find(".attempt-review").await.map(drop)
    }

    /// Submits the attempt with the pointer and waits for the review.
    pub async fn submit_attempt(&self) -> Result<()> {
        self.click("button.quiz-submit").await?;
        self.click(".submit-confirm .confirm-submit").await?;
        self.find(".attempt-review").await.map(drop)
    }

    /// Seconds left on the attempt's timer.
    pub async fn seconds_left(&self) -> Result<u64> {
        let raw = self
            .attribute_of(".quiz-timer", "data-seconds-left")
            .await?
            .context("a timer without data-seconds-left")?;
        raw.parse().with_context(|| format!("seconds left {raw:?}"))
    }

    /// Waits until focus is on an element matching `css`.
    pub async fn wait_for_focus(&self, css: &str) -> Result<()> {
        let script = format!(
            "return document.activeElement !== null && document.activeElement.matches({});",
            json!(css)
        );
        self.wait_for_script(&format!("focus on {css}"), &script)
            .await
            .map(drop)
    }

    /// The caller's attempts at a quiz, as the API answers them.
    pub async fn api_attempts(&self, quiz_id: &str) -> Result<Value> {
        self.api_get(&format!("/api/v1/quizzes/{quiz_id}/attempts"))
            .await
    }
}

fn strings(value: Value) -> Result<Vec<String>> {
    let Value::Array(items) = value else {
        bail!("expected a list, got {value}");
    };
    Ok(items
        .into_iter()
        .filter_map(|item| item.as_str().map(str::to_owned))
        .collect())
}
