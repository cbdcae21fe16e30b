//! Arriving from a learning platform (LMS), in real Chromium: the tests act as the LMS,
//! asking the server for a launch URL with their API key, server to server. Opening the URL
//! signs the learner in with no password and lands on the lesson the LMS named, with the
//! token gone from the address bar; the same URL a second time, a URL cut short, and a
//! made-up token each say clearly what happened. An LMS learner is a new account, never a
//! local one of the same name.

use anyhow::{ensure, Result};
use lectern_e2e::{Browser, Env, LaunchFor, Lms};

const COURSE: &str = "astronomy-101";
const LESSON: &str = "tour-of-the-sky";

/// A learner id this run alone uses, so runs against one database never meet.
fn fresh_learner_id(name: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_nanos())
        .unwrap_or_default();
    format!("{name}-{nanos}")
}

#[tokio::test]
async fn a_launch_signs_the_learner_in_at_the_lesson_and_works_once() -> Result<()> {
    let env = Env::from_env()?;
    let lms = Lms::from_env(&env)?;
    let learner_id = fresh_learner_id("learner1");
    let launch_url = lms
        .launch_url(&LaunchFor {
            learner_id: &learner_id,
            display_name: "Ada Lovelace (LMS)",
            role: "learner",
            course_id: COURSE,
            lesson_id: Some(LESSON),
        })
        .await?;
    ensure!(
        launch_url.contains("/launch#token="),
        "the token travels in the fragment: {launch_url}"
    );
    let browser = Browser::open(&env).await?;
    let outcome = async {
        browser.visit_url(&launch_url).await?;
        browser.find(".lesson-title").await?;
        ensure!(
            browser.path().await? == format!("/courses/{COURSE}/lessons/{LESSON}"),
            "landed on the lesson the LMS named"
        );
        browser
            .wait_for_text(".user-name", "Ada Lovelace (LMS)")
            .await?;
        let url = browser.url().await?;
        ensure!(!url.contains("token"), "the token left the address: {url}");
        // The same link again, as a forwarded or bookmarked one would be.
        browser.sign_out().await?;
        browser.visit_url(&launch_url).await?;
        browser
            .wait_for_attribute(".launch-failed", "data-failure", "used")
            .await?;
        browser
            .wait_for_text(".launch-failed [role=alert]", "already used")
            .await?;
        ensure!(
            !browser.is_present(".launch-retry").await?,
            "a used link offers no retry"
        );
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn a_launch_link_cut_short_or_made_up_says_what_is_wrong() -> Result<()> {
    let env = Env::from_env()?;
    let browser = Browser::open(&env).await?;
    let outcome = async {
        browser.visit("/launch").await?;
        browser
            .wait_for_attribute(".launch-failed", "data-failure", "incomplete")
            .await?;
        browser
            .visit("/launch#token=this-token-was-never-issued")
            .await?;
        browser
            .wait_for_attribute(".launch-failed", "data-failure", "invalid")
            .await?;
        ensure!(
            browser
                .is_present(".launch-failed a[href='/signin']")
                .await?,
            "a way to sign in instead"
        );
        ensure!(
            !browser.is_present(".user-name").await?,
            "nobody is signed in"
        );
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn an_lms_learner_is_never_a_local_account_of_the_same_name() -> Result<()> {
    let env = Env::from_env()?;
    let lms = Lms::from_env(&env)?;
    let answer = lms
        .request_launch(&LaunchFor {
            learner_id: "learner1",
            display_name: "Not the demo learner",
            role: "learner",
            course_id: COURSE,
            lesson_id: None,
        })
        .await?;
    ensure!(answer.status == 201, "launched: {:?}", answer);
    let user_id = answer.body["user_id"].as_str().unwrap_or_default();
    ensure!(
        !user_id.is_empty() && user_id != "learner1",
        "the LMS's learner1 is its own account, not the demo learner1: {}",
        answer.body
    );
    let refused = lms
        .request_launch_with(
            "lk_not-a-key",
            &LaunchFor {
                learner_id: "someone",
                display_name: "Someone",
                role: "learner",
                course_id: COURSE,
                lesson_id: None,
            },
        )
        .await?;
    ensure!(
        refused.status == 401,
        "a wrong key is refused: {:?}",
        refused
    );
    Ok(())
}
