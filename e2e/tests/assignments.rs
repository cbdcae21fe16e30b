//! Assignments and the calendar in real Chromium. learner1 hands in the star journal (a
//! written answer and a 2.5 MB picture, uploaded in 1 MiB chunks through a relay that loses
//! the answer to the first chunk, so the upload resumes from what the server holds);
//! instructor1 finds it in the grading queue and grades it with feedback; learner1 sees the grade and the feedback, and an
//! inbox notification. A file of a type the assignment does not take is refused the moment
//! it is picked. The calendar shows the same deadline in two time zones (DevTools' time
//! zone override) at each zone's own wall-clock time and date.

mod common;

use anyhow::{ensure, Result};
use common::as_learner;
use lectern_e2e::{behind_relay, Browser, Env};
use std::io::Write;

const COURSE: &str = "astronomy-101";
const ASSIGNMENT: &str = "star-journal";
/// Three chunks of the player's 1 MiB.
const PICTURE_BYTES: u64 = 2_500_000;

/// A small file in the temp directory, named `name`, holding `bytes`.
fn temp_file(name: &str, bytes: &[u8]) -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("lectern-e2e-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    std::fs::File::create(&path)?.write_all(bytes)?;
    Ok(path)
}

async fn open_assignment(browser: &Browser) -> Result<()> {
    browser
        .visit(&format!("/courses/{COURSE}/lessons/{ASSIGNMENT}"))
        .await?;
    browser.find(".assignment .assignment-state").await?;
    Ok(())
}

#[tokio::test]
async fn learner1_hands_in_instructor1_grades_with_feedback_and_learner1_reads_it() -> Result<()> {
    let feedback = format!("Lovely sketches, **well done** ({})", std::process::id());
    let picture_bytes: Vec<u8> = (0..PICTURE_BYTES).map(|i| (i % 251) as u8).collect();
    let picture = temp_file("night-1.png", &picture_bytes)?;
    let refused = temp_file("telescope.exe", b"MZ not a picture")?;
    let (relay, browser) = behind_relay().await?;
    let outcome = async {
        let learner = &browser;
        learner.sign_in_to_catalog("learner1", "learner1").await?;
        open_assignment(learner).await?;
        learner.find("#submission-form").await?;
        learner
            .find("#submission-files")
            .await?
            .send_keys(&refused.to_string_lossy())
            .await?;
        learner
            .wait_for_text("#submission-error", "does not take")
            .await?;
        ensure!(
            learner.count(".chosen-file").await? == 0,
            "the refused file is not added"
        );

        learner
            .find("#submission-text")
            .await?
            .send_keys("Monday: clear, Orion rising at nine.")
            .await?;
        learner
            .find("#submission-files")
            .await?
            .send_keys(&picture.to_string_lossy())
            .await?;
        learner
            .wait_for_text(".chosen-file .chosen-name", "night-1.png")
            .await?;
        relay.lose_next_response("PUT", "/api/v1/uploads/*");
        learner
            .click("#submission-form button[type='submit']")
            .await?;
        learner
            .wait_for_attribute(".assignment-state", "data-state", "submitted")
            .await?;
        learner
            .wait_for_text(".submissions-mine .submission-text", "Orion rising")
            .await?;
        learner
            .wait_for_text(".submissions-mine .file-download", "night-1.png")
            .await?;
        let uploads: Vec<String> = relay
            .requests()
            .into_iter()
            .filter(|r| r.path.starts_with("/api/v1/uploads/"))
            .map(|r| format!("{} {}", r.method, r.status.unwrap_or(0)))
            .collect();
        ensure!(
            uploads.iter().filter(|m| m.starts_with("PUT")).count() == 3
                && uploads.iter().filter(|m| m.starts_with("GET")).count() >= 2,
            "three chunks, each sent once: after the lost answer the player asked what the \
             server holds, and went on from there: {uploads:?}"
        );
        ensure!(
            relay.has_lost_response(),
            "the answer to the first chunk was lost: {uploads:?}"
        );
        let view = learner
            .api_get(&format!("/api/v1/assignments/{COURSE}.{ASSIGNMENT}"))
            .await?;
        ensure!(
            view["submissions"][0]["files"][0]["size_bytes"] == PICTURE_BYTES,
            "the server holds the whole file: {view}"
        );

        let instructor = Browser::open(&Env::from_env()?).await?;
        let graded = async {
            instructor
                .sign_in_to_catalog("instructor1", "instructor1")
                .await?;
            instructor
                .visit(&format!("/courses/{COURSE}/lessons/{ASSIGNMENT}/grading"))
                .await?;
            let mine = ".queued-submission[data-learner='learner1']";
            instructor
                .wait_for_text(&format!("{mine} .submission-text"), "Orion rising")
                .await?;
            let score = instructor
                .find(&format!("{mine} input[name='score']"))
                .await?;
            score.clear().await?;
            score.send_keys("17").await?;
            instructor
                .find(&format!("{mine} textarea[name='feedback']"))
                .await?
                .send_keys(&feedback)
                .await?;
            instructor
                .click(&format!("{mine} .grade-form button[type='submit']"))
                .await?;
            instructor
                .wait_for_text(&format!("{mine} .grade-line"), "17")
                .await?;
            Ok(())
        }
        .await;
        instructor.close_after(graded).await?;

        open_assignment(learner).await?;
        learner
            .wait_for_attribute(".assignment-state", "data-state", "graded")
            .await?;
        learner
            .wait_for_text(".submissions-mine .grade-line", "17 / 20")
            .await?;
        learner
            .wait_for_text(".submissions-mine .feedback-body strong", "well done")
            .await?;
        learner.visit("/inbox").await?;
        learner
            .wait_for_text(".notification[data-kind='graded']", "Keep a star journal")
            .await?;
        Ok(())
    }
    .await;
    browser.close_after(outcome).await
}

#[tokio::test]
async fn the_calendar_shows_one_deadline_at_each_time_zones_own_time() -> Result<()> {
    // star-journal is due 2027-01-15T17:00:00Z: 09:00 on the 15th in Los Angeles (UTC−8),
    // 07:00 on the 16th on Kiritimati (UTC+14).
    let seen = [
        ("America/Los_Angeles", "Jan 15, 2027", "9:00"),
        ("Pacific/Kiritimati", "Jan 16, 2027", "7:00"),
    ];
    for (zone, date, time) in seen {
        as_learner(|learner| {
            Box::pin(async move {
                learner.visit("/").await?;
                learner.set_time_zone(zone).await?;
                // learner3 has not handed the journal in, so it shows how far the deadline is.
                learner.sign_in_to_catalog("learner3", "learner3").await?;
                learner.visit("/calendar").await?;
                learner
                    .wait_for_attribute(".calendar-zone", "data-zone", zone)
                    .await?;
                let item = format!(".calendar-item[data-item-id='{COURSE}.{ASSIGNMENT}.due']");
                let when = learner
                    .wait_for_text(&format!("{item} .calendar-when"), date)
                    .await?;
                ensure!(
                    when.contains(time),
                    "{zone}: the deadline reads {when:?}, not at {time}"
                );
                ensure!(
                    when.contains("due in") || when.contains("overdue by"),
                    "{zone}: with how far it is: {when:?}"
                );
                Ok(())
            })
        })
        .await?;
    }
    Ok(())
}
