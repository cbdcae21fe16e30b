//! The long-quiz figures: a practice quiz of many questions of every kind (made and
//! imported by `cargo xtask bench`), timed in the page, as the learner sees it:
//! - start: from clicking "Start attempt" until the first question and the whole jump list
//!   are shown;
//! - review: from confirming the submission of the (unanswered) attempt until the review
//!   shows every question and the attempt is submitted.
//!
//! Each is the median of [`RUNS`] attempts, each in a fresh profile.

use anyhow::{bail, Context, Result};
use lectern_e2e::{Browser, Env};
use serde_json::{json, Value};

const RUNS: usize = 5;

/// The quiz lesson to time, and how many questions its attempts draw.
pub struct LongQuiz {
    pub course_id: String,
    pub lesson_id: String,
    pub questions: usize,
}

/// Milliseconds from a click until what it leads to is in the page, and until it is drawn.
struct Shown {
    in_dom_ms: f64,
    shown_ms: f64,
}

pub async fn report(env: &Env, quiz: &LongQuiz) -> Result<()> {
    let mut starts = Vec::with_capacity(RUNS);
    let mut reviews = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let (start, review) = one_attempt(env, quiz).await?;
        starts.push(start);
        reviews.push(review);
    }
    let n = quiz.questions;
    report_shown(
        &format!("quiz start: clicking \"Start attempt\" on a practice quiz of {n} questions until its first question and {n}-item jump list are shown"),
        &starts,
    )?;
    report_shown(
        &format!("quiz review: confirming the submission of a {n}-question attempt until its review shows all {n} questions"),
        &reviews,
    )
}

fn report_shown(title: &str, timings: &[Shown]) -> Result<()> {
    crate::print_median(
        &format!("{title} (headless Chromium, loopback)"),
        timings.iter().map(|t| t.shown_ms).collect(),
    )?;
    let mut in_dom: Vec<f64> = timings.iter().map(|t| t.in_dom_ms).collect();
    in_dom.sort_by(f64::total_cmp);
    if let Some(median) = in_dom.get(in_dom.len() / 2) {
        println!(
            "  of which until in the DOM, before style, layout and paint: median {median:.0} ms"
        );
    }
    Ok(())
}

/// Opens the quiz as the bench learner in a fresh profile, starts an attempt and submits
/// it, timing both.
async fn one_attempt(env: &Env, quiz: &LongQuiz) -> Result<(Shown, Shown)> {
    let browser = Browser::open(env).await?;
    let outcome = async {
        crate::sign_in_without_the_app(&browser, crate::LEARNER).await?;
        browser.open_quiz(&quiz.course_id, &quiz.lesson_id).await?;
        browser.find("button.quiz-start").await?;
        let start = timed_click(
            &browser,
            "button.quiz-start",
            ".quiz-attempt .quiz-question",
            ".quiz-attempt .question-nav-item",
            quiz.questions,
        )
        .await
        .context("starting the attempt")?;
        browser.click("button.quiz-submit").await?;
        browser.find(".submit-confirm .confirm-submit").await?;
        let review = timed_click(
            &browser,
            ".submit-confirm .confirm-submit",
            ".attempt-review .attempt-score, .attempt-review .attempt-score-hidden",
            ".attempt-review .review-question",
            quiz.questions,
        )
        .await
        .context("submitting the attempt")?;
        Ok((start, review))
    }
    .await;
    browser.close().await?;
    outcome
}

/// Clicks `click_css` in the page and times it until `shown_css` and `count` of `item_css`
/// are shown.
async fn timed_click(
    browser: &Browser,
    click_css: &str,
    shown_css: &str,
    item_css: &str,
    count: usize,
) -> Result<Shown> {
    let answer = browser
        .script_async(
            include_str!("click_until_shown.js"),
            vec![
                json!(click_css),
                json!(shown_css),
                json!(item_css),
                json!(count),
            ],
        )
        .await?;
    let figure = |key: &str| answer.get(key).and_then(Value::as_f64);
    let (Some(in_dom_ms), Some(shown_ms)) = (figure("in_dom_ms"), figure("shown_ms")) else {
        bail!("{answer}");
    };
    Ok(Shown {
        in_dom_ms,
        shown_ms,
    })
}
