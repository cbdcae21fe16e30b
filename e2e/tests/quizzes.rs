//! Quizzes in real Chromium: the demo practice quiz taken by keyboard alone with feedback
//! after each question; the graded quiz resumed after a reload with its answers and a timer
//! that kept counting, submitted, and graded by an instructor whose feedback the learner
//! then sees; a practice submission made offline that reaches the server exactly once.
//!
//! Each test uses its own learner for each quiz, so tests running side by side never share
//! an attempt.

mod common;

use anyhow::{bail, ensure, Context, Result};
use common::as_learner;
use fantoccini::key::Key;
use lectern_e2e::{Browser, Env, ShownQuestion};
use std::time::Duration;

const COURSE: &str = "astronomy-101";
const PRACTICE: &str = "solar-system-check";
const GRADED: &str = "planets-graded-quiz";

/// Answers the shown practice question correctly, by keyboard only.
async fn answer_correctly_by_keyboard(browser: &Browser, shown: &ShownQuestion) -> Result<()> {
    match shown.question_id.as_str() {
        "closest-planet" => choose_radio_by_keyboard(browser, "mercury").await,
        "pluto-planet" => choose_radio_by_keyboard(browser, "false").await,
        "gas-giants" => {
            let shown_ids = browser.shown_choice_ids().await?;
            for choice in shown_ids
                .iter()
                .filter(|id| *id == "jupiter" || *id == "saturn")
            {
                browser
                    .tab_to(&format!("input[data-choice-id='{choice}']"), 20)
                    .await?;
                browser.press(Key::Space).await?;
            }
            Ok(())
        }
        "fastest-winds" => type_into(browser, "input.answer-text", "Neptune").await,
        "planet-count" => type_into(browser, "input.answer-text", "8").await,
        "giants-blanks" => {
            type_into(browser, "input[data-blank-id='largest']", "Jupiter").await?;
            type_into(browser, "input[data-blank-id='ringed']", "Saturn").await
        }
        "planet-features" => {
            for (premise, response) in [
                ("mars", "red-dust"),
                ("jupiter", "great-red-spot"),
                ("venus", "hottest-surface"),
            ] {
                let options = browser.match_options(premise).await?;
                let position = options
                    .iter()
                    .position(|o| o == response)
                    .context("a response is missing")?;
                browser
                    .tab_to(&format!("select[data-premise-id='{premise}']"), 20)
                    .await?;
                for _ in 0..=position {
                    browser.press(Key::Down).await?;
                }
            }
            Ok(())
        }
        "order-from-sun" => {
            order_by_keyboard(browser, &["mercury", "venus", "earth", "mars"]).await
        }
        "visit-essay" => {
            type_into(
                browser,
                "textarea.answer-essay",
                "Saturn, to see its rings from close by.",
            )
            .await
        }
        other => bail!("the practice quiz has an unexpected question {other}"),
    }
}

async fn choose_radio_by_keyboard(browser: &Browser, choice_id: &str) -> Result<()> {
    let shown_ids = browser.shown_choice_ids().await?;
    let position = shown_ids
        .iter()
        .position(|id| id == choice_id)
        .context("the choice is missing")?;
    browser.tab_to("input[data-choice-id]", 20).await?;
    browser.press(Key::Space).await?;
    for _ in 0..position {
        browser.press(Key::Down).await?;
    }
    browser
        .wait_for_script(
            "the choice to be selected",
            &format!(
                "return document.querySelector(\"input[data-choice-id='{choice_id}']\").checked;"
            ),
        )
        .await
        .map(drop)
}

async fn type_into(browser: &Browser, css: &str, text: &str) -> Result<()> {
    browser.tab_to(css, 20).await?;
    browser.type_text(text).await
}

/// Puts the ordering items in `target` order with the move-up buttons, by keyboard.
async fn order_by_keyboard(browser: &Browser, target: &[&str]) -> Result<()> {
    if browser.shown_order().await? == target {
        browser.tab_to("button.keep-order", 20).await?;
        return browser.press(Key::Enter).await;
    }
    for (wanted_at, item) in target.iter().enumerate() {
        let order = browser.shown_order().await?;
        let mut at = order
            .iter()
            .position(|id| id == item)
            .context("an item is missing")?;
        if at == wanted_at {
            continue;
        }
        browser
            .tab_to(
                &format!(".order-item[data-item-id='{item}'] button.move-up"),
                40,
            )
            .await?;
        while at > wanted_at {
            browser
                .wait_for_focus(&format!(
                    ".order-item[data-item-id='{item}'] button.move-up"
                ))
                .await?;
            browser.press(Key::Enter).await?;
            at -= 1;
            let moved = format!("return document.querySelectorAll('.order-item')[{at}].dataset.itemId === '{item}';");
            browser
                .wait_for_script("the item to move up", &moved)
                .await?;
        }
    }
    let order = browser.shown_order().await?;
    ensure!(order == target, "the items ended in the order {order:?}");
    Ok(())
}

#[tokio::test]
async fn the_practice_quiz_is_taken_by_keyboard_alone_with_feedback_after_each_question(
) -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner1", "learner1").await?;
            browser.open_quiz(COURSE, PRACTICE).await?;
            browser.tab_and_press("button.quiz-start", Key::Enter).await?;
            browser.find(".quiz-attempt .quiz-question").await?;
            browser.wait_for_focus(".attempt-question").await?;
            let count = browser.question_count().await?;
            ensure!(count == 9, "the practice quiz has one question of each of the nine kinds, got {count}");
            let mut seen = Vec::new();
            for index in 0..count {
                let shown = browser.shown_question().await?;
                answer_correctly_by_keyboard(browser, &shown)
                    .await
                    .with_context(|| format!("answering {}", shown.question_id))?;
                let outcome = browser
                    .check_answer_by_keyboard()
                    .await
                    .with_context(|| format!("checking {}", shown.question_id))?;
                let expected = if shown.kind == "essay" { "needs_review" } else { "correct" };
                ensure!(outcome == expected, "{} ({}) checked as {outcome}", shown.question_id, shown.kind);
                ensure!(browser.is_present(".question-feedback .explanation").await?, "{} shows its explanation", shown.question_id);
                browser.wait_for_focus(".question-feedback").await?;
                seen.push(shown.kind.clone());
                if index + 1 < count {
                    browser.next_question_by_keyboard().await?;
                    browser.wait_for_script("the next question", &format!(
                        "return document.querySelector('.quiz-question').dataset.questionId !== '{}';", shown.question_id)).await?;
                }
            }
            seen.sort();
            seen.dedup();
            ensure!(seen.len() == 9, "every kind was shown: {seen:?}");
            browser.submit_attempt_by_keyboard().await?;
            let score = browser.wait_for_text(".attempt-score", "8 / 9").await?;
            ensure!(browser.is_present(".attempt-needs-review").await?, "the essay waits for review ({score})");
            let attempts = browser.api_attempts(&format!("{COURSE}.{PRACTICE}")).await?;
            let submitted: Vec<_> = attempts["attempts"].as_array().context("attempts")?.iter()
                .filter(|a| a["status"] == "submitted").collect();
            ensure!(submitted.len() == 1, "the server holds the one submission: {attempts}");
            ensure!(submitted[0]["result"]["score_millipoints"] == 8000, "the server graded it the same: {attempts}");
            Ok(())
        })
    })
    .await
}

/// Answers the shown graded question with something (not necessarily right) by pointer,
/// and returns a script that is true when that answer is on screen.
async fn answer_something(browser: &Browser, shown: &ShownQuestion) -> Result<String> {
    let question = format!(".quiz-question[data-question-id='{}']", shown.question_id);
    match shown.kind.as_str() {
        "single_choice" | "multiple_response" | "true_false" => {
            let first = browser
                .shown_choice_ids()
                .await?
                .into_iter()
                .next()
                .context("no choices")?;
            let input = format!("{question} input[data-choice-id='{first}']");
            browser.click(&input).await?;
            Ok(format!(
                "return document.querySelector(\"{input}\").checked;"
            ))
        }
        "numeric" | "short_text" => {
            let input = format!("{question} input.answer-text");
            browser.click(&input).await?;
            browser.type_text("2").await?;
            Ok(format!(
                "return document.querySelector(\"{input}\").value === '2';"
            ))
        }
        "essay" => {
            let input = format!("{question} textarea.answer-essay");
            browser.click(&input).await?;
            browser.type_text("Pluto shares its orbit.").await?;
            Ok(format!(
                "return document.querySelector(\"{input}\").value === 'Pluto shares its orbit.';"
            ))
        }
        other => bail!("the graded quiz has an unexpected kind {other}"),
    }
}

/// Shows the question with this id through the jump list.
async fn go_to_question(browser: &Browser, question_id: &str) -> Result<()> {
    for index in 0..browser.question_count().await? {
        browser
            .click(&format!(".question-nav-item[data-index='{index}']"))
            .await?;
        tokio::time::sleep(Duration::from_millis(150)).await;
        if browser.shown_question().await?.question_id == question_id {
            return Ok(());
        }
    }
    bail!("the attempt has no question {question_id}")
}

#[tokio::test]
async fn a_graded_attempt_survives_a_reload_and_the_instructors_feedback_reaches_the_learner(
) -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner2", "learner2").await?;
            browser.open_quiz(COURSE, GRADED).await?;
            browser.start_attempt().await?;
            let at_start = browser.seconds_left().await?;
            ensure!((1_100..=1_200).contains(&at_start), "a 20-minute attempt starts near 1200 s, got {at_start}");
            let first = browser.shown_question().await?;
            let first_shown = answer_something(browser, &first).await?;
            browser.click("button.question-next").await?;
            browser.wait_for_script("the second question", &format!(
                "return document.querySelector('.quiz-question').dataset.questionId !== '{}';", first.question_id)).await?;
            let second = browser.shown_question().await?;
            let second_shown = answer_something(browser, &second).await?;
            browser.wait_for_attribute(".attempt-sync", "data-sync", "saved").await?;
            let before_reload = browser.seconds_left().await?;
            tokio::time::sleep(Duration::from_secs(3)).await;

            browser.reload().await?;
            browser.wait_for_text("button.quiz-start", "Resume").await?;
            browser.start_attempt().await?;
            browser.wait_for_question(&second.question_id).await?;
            browser.wait_for_script("the second answer after the reload", &second_shown).await?;
            let after_reload = browser.seconds_left().await?;
            ensure!(
                after_reload + 2 <= before_reload && before_reload - after_reload < 60,
                "the timer kept counting across the reload: {before_reload} s, then {after_reload} s"
            );
            go_to_question(browser, &first.question_id).await?;
            browser.wait_for_script("the first answer after the reload", &first_shown).await?;

            go_to_question(browser, "graded-essay").await?;
            browser.click("textarea.answer-essay").await?;
            browser.type_text(" It has not cleared its orbit of other bodies.").await?;
            browser.submit_attempt().await?;
            browser.find(".attempt-score").await?;
            ensure!(browser.is_present(".attempt-needs-review").await?, "the essay waits for the instructor");

            let feedback = "A clear answer: clearing the orbit is the key.";
            instructor_grades_the_essay(feedback).await?;

            browser.reload().await?;
            browser.find(".quiz-overview").await?;
            browser.click(".attempt-item[data-attempt-number='1'] .attempt-review-open").await?;
            browser.wait_for_text(".review-question[data-question-id='graded-essay'] .instructor-feedback-text", feedback).await?;
            ensure!(!browser.is_present(".attempt-needs-review").await?, "nothing waits for review any more");
            Ok(())
        })
    })
    .await
}

/// instructor1, in a browser of their own, gives learner2's essay full marks and feedback.
async fn instructor_grades_the_essay(feedback: &str) -> Result<()> {
    let env = Env::from_env()?;
    let instructor = Browser::open(&env).await?;
    let outcome = async {
        instructor.sign_in_to_catalog("instructor1", "instructor1").await?;
        instructor.visit(&format!("/courses/{COURSE}/lessons/{GRADED}/submissions")).await?;
        let form = ".submission[data-learner-id='learner2'] .review-form[data-question-id='graded-essay']";
        let essay = instructor
            .wait_for_script("the learner's essay", "return document.querySelector(\".submission[data-learner-id='learner2'] textarea.answer-essay\")?.value;")
            .await?;
        ensure!(essay.as_str().is_some_and(|text| text.contains("cleared its orbit")), "the instructor reads the essay: {essay}");
        instructor.click(&format!("{form} input.review-points")).await?;
        instructor.type_text("1").await?;
        instructor.click(&format!("{form} textarea.review-feedback")).await?;
        instructor.type_text(feedback).await?;
        instructor.click(&format!("{form} button.review-save")).await?;
        instructor.find(&format!("{form} .review-saved")).await.map(drop)
    }
    .await;
    instructor.close().await?;
    outcome
}

#[tokio::test]
async fn a_practice_submission_made_offline_reaches_the_server_exactly_once() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            browser.sign_in_to_catalog("learner2", "learner2").await?;
            browser.open_quiz(COURSE, PRACTICE).await?;
            browser.start_attempt().await?;
            let first = browser.shown_question().await?;
            answer_correctly_by_keyboard(browser, &first).await?;
            browser
                .wait_for_attribute(".attempt-sync", "data-sync", "saved")
                .await?;

            browser.drop_requests_to("*/api/*").await?;
            browser.click("button.question-next").await?;
            let second = browser.shown_question().await?;
            answer_correctly_by_keyboard(browser, &second).await?;
            // The server cannot be reached (the browser still thinks it is online): the
            // answer waits on this device, and sending it is retried.
            browser
                .wait_for_attribute(".attempt-sync", "data-sync", "failed")
                .await?;
            browser.submit_attempt().await?;
            browser.find(".attempt-pending").await?;

            // A reload while offline: the submission is still waiting on this device.
            browser.reload().await?;
            browser.find(".quiz-overview").await?;
            browser
                .wait_for_text(".attempt-item .attempt-status", "waiting to be sent")
                .await?;

            browser.allow_all_requests().await?;
            browser.reload().await?;
            browser
                .wait_for_text(".attempt-item .attempt-status", "submitted")
                .await?;
            for _ in 0..2 {
                let attempts = browser
                    .api_attempts(&format!("{COURSE}.{PRACTICE}"))
                    .await?;
                let list = attempts["attempts"].as_array().context("attempts")?;
                ensure!(list.len() == 1, "one attempt, never two: {attempts}");
                ensure!(
                    list[0]["status"] == "submitted",
                    "it was submitted: {attempts}"
                );
                let answers = list[0]["answers"].as_object().context("answers")?;
                ensure!(
                    answers.contains_key(&first.question_id)
                        && answers.contains_key(&second.question_id),
                    "both answers arrived, the offline one too: {attempts}"
                );
                browser.reload().await?;
                browser.find(".quiz-overview").await?;
            }
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn the_quiz_fits_a_phone_and_its_controls_follow_the_arabic_interface() -> Result<()> {
    common::in_browser(lectern_e2e::Viewport::Phone, "ar", |browser| {
        Box::pin(async move {
            // instructor1 takes the practice quiz too, so no learner's attempt is shared.
            browser.sign_in_to_catalog("instructor1", "instructor1").await?;
            browser.open_quiz(COURSE, PRACTICE).await?;
            ensure!(browser.attribute_of(".quiz", "dir").await?.as_deref() == Some("rtl"), "the quiz's controls are right to left");
            browser.start_attempt().await?;
            for index in 0..browser.question_count().await? {
                browser.click(&format!(".question-nav-item[data-index='{index}']")).await?;
                browser.wait_for_attribute(&format!(".question-nav-item[data-index='{index}']"), "aria-current", "step").await?;
                let shown = browser.shown_question().await?;
                ensure!(
                    browser.attribute_of(".question-content", "dir").await?.as_deref() == Some("ltr")
                        && browser.attribute_of(".question-content", "lang").await?.as_deref() == Some("en"),
                    "{}: the English course text stays left to right", shown.question_id
                );
                ensure!(!browser.scrolls_sideways().await?, "{} ({}) fits 360 px", shown.question_id, shown.kind);
                let unnamed = browser
                    .script("return [...document.querySelectorAll('.quiz button, .quiz input, .quiz select, .quiz textarea')]
                        .filter(e => !(e.getAttribute('aria-label') || e.labels?.length || e.getAttribute('aria-labelledby') || e.textContent.trim()))
                        .map(e => e.outerHTML.slice(0, 80));")
                    .await?;
                ensure!(unnamed.as_array().is_some_and(Vec::is_empty), "{}: every control has a name: {unnamed}", shown.question_id);
            }
            browser.tab_to("button.question-prev", 60).await?;
            ensure!(browser.focus_is_visible().await?, "focus is visible on the quiz's buttons");
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn a_timed_attempt_submits_itself_when_its_time_runs_out() -> Result<()> {
    as_learner(|browser| {
        Box::pin(async move {
            // instructor1 takes the graded quiz here, so no learner's attempt limit is touched.
            browser.sign_in_to_catalog("instructor1", "instructor1").await?;
            browser.open_quiz(COURSE, GRADED).await?;
            browser.start_attempt().await?;
            let shown = browser.shown_question().await?;
            answer_something(browser, &shown).await?;
            browser.wait_for_attribute(".attempt-sync", "data-sync", "saved").await?;
            let left = browser.seconds_left().await?;
            // The device's clock jumps to three seconds before the deadline; the player's
            // estimate of the server's clock follows it, so the countdown reaches zero.
            browser
                .script(&format!(
                    "const real = Date.now.bind(Date); Date.now = () => real() + {} * 1000; return null;",
                    left.saturating_sub(3)
                ))
                .await?;
            browser.wait_for_script("the countdown to near zero",
                "const t = document.querySelector('.quiz-timer'); return t !== null && Number(t.dataset.secondsLeft) <= 5;").await?;
            browser.find(".attempt-review").await.context("the attempt was not submitted when time ran out")?;
            browser.find(".attempt-score").await?;
            let attempts = browser.api_attempts(&format!("{COURSE}.{GRADED}")).await?;
            let list = attempts["attempts"].as_array().context("attempts")?;
            ensure!(
                list.iter().any(|a| a["status"] == "submitted" && a["answers"].get(&shown.question_id).is_some()),
                "the server holds the submitted attempt with its answer: {attempts}"
            );
            Ok(())
        })
    })
    .await
}
