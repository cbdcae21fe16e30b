//! The instructor's gradebook and the learner's calendar file in real Chromium: the table
//! holds the seeded learner2's completed lessons and graded star journal, sorts by a
//! column both ways (and says so with `aria-sort`), and downloads as CSV; the calendar
//! downloads as an `.ics` file with UTC times and stable UIDs.

use anyhow::{ensure, Context, Result};
use lectern_e2e::{Browser, Env};

const COURSE: &str = "astronomy-101";

/// The lessons-completed numbers down the table, in the order shown.
async fn lessons_column(browser: &Browser) -> Result<Vec<u64>> {
    let values = browser
        .script("return Array.from(document.querySelectorAll('.gradebook tbody tr')).map(r => r.children[1].textContent.trim());")
        .await?;
    Ok(values
        .as_array()
        .context("rows")?
        .iter()
        .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()))
        .collect())
}

#[tokio::test]
async fn the_gradebook_shows_sorts_and_exports_the_course() -> Result<()> {
    let instructor = Browser::open_with_downloads(&Env::from_env()?).await?;
    let outcome = async {
        let browser = &instructor;
        browser
            .sign_in_to_catalog("instructor1", "instructor1")
            .await?;
        browser.visit(&format!("/courses/{COURSE}")).await?;
        browser.click("a.gradebook-link").await?;
        let learner2 = ".gradebook tr[data-learner='learner2']";
        browser.find(learner2).await?;
        let row = browser.text_of(learner2).await?;
        ensure!(
            row.contains("Learner Two"),
            "the seeded learner is listed: {row:?}"
        );
        ensure!(
            row.contains("17.0"),
            "with the graded star journal: {row:?}"
        );

        let header = ".gradebook th:nth-child(2)";
        browser.click(&format!("{header} .sort-button")).await?;
        browser
            .wait_for_attribute(header, "aria-sort", "ascending")
            .await?;
        let up = lessons_column(browser).await?;
        ensure!(up.windows(2).all(|w| w[0] <= w[1]), "ascending: {up:?}");
        browser.click(&format!("{header} .sort-button")).await?;
        browser
            .wait_for_attribute(header, "aria-sort", "descending")
            .await?;
        let down = lessons_column(browser).await?;
        ensure!(
            down.windows(2).all(|w| w[0] >= w[1]),
            "descending: {down:?}"
        );
        ensure!(
            up.len() == down.len() && up.len() >= 3,
            "every learner either way"
        );

        browser.click(".gradebook-export").await?;
        let csv = browser
            .wait_for_download(&format!("{COURSE}-gradebook.csv"))
            .await?;
        let first_line = csv.lines().next().unwrap_or_default();
        ensure!(
            first_line.starts_with("learner_id,learner"),
            "a header row: {first_line:?}"
        );
        ensure!(
            csv.lines()
                .any(|line| line.starts_with("learner2,Learner Two")),
            "a row per learner: {csv:?}"
        );
        Ok(())
    }
    .await;
    instructor.close_after(outcome).await
}

#[tokio::test]
async fn the_calendar_downloads_as_an_ics_file() -> Result<()> {
    let learner = Browser::open_with_downloads(&Env::from_env()?).await?;
    let outcome = async {
        learner.sign_in_to_catalog("learner3", "learner3").await?;
        learner.visit("/calendar").await?;
        learner.find(".calendar-items").await?;
        learner.click(".calendar-export").await?;
        let ics = learner.wait_for_download("lectern.ics").await?;
        ensure!(
            ics.starts_with("BEGIN:VCALENDAR\r\n"),
            "an iCalendar file with CRLF lines"
        );
        ensure!(
            ics.contains("UID:astronomy-101.star-journal.due@lectern\r\n"),
            "with a stable UID per deadline: {ics}"
        );
        ensure!(
            ics.contains("DTSTART:20270115T170000Z\r\n"),
            "in UTC: {ics}"
        );
        Ok(())
    }
    .await;
    learner.close_after(outcome).await
}
