//! A live class in real Chromium windows (fake camera and microphone), on a course of its
//! own whose session starts a few seconds after the test begins. learner1 waits on a
//! reading and learner2 on the course's outline; both are taken into the room by
//! themselves at the start (by the server's clock), learner1 with a notice and the way
//! back, and both see the instructor's video, frames advancing. instructor1 runs the
//! room: chat reaches the others; a poll's votes tally and its results reach the learners
//! when it closes; a raised hand is admitted and the instructor receives that learner's
//! audio; questions are upvoted and answered. learner3 joins late and gets the chat
//! history and the poll's results; then three learners go into two breakout rooms, where
//! only members connect and chat stays inside, the broadcast reaches every room, and
//! closing brings everyone back. learner1 reaches the server through a link the test cuts:
//! the socket drops for real, comes back by itself and the chat shows nothing twice. When
//! the instructor ends the class everyone leaves the room, and the instructor's recording,
//! uploaded while the class ran, becomes a video lesson that plays, with the chat and the
//! poll's results in its transcript.

use anyhow::{ensure, Context, Result};
use lectern_e2e::{Browser, CuttableLink, Env, LiveCourse};
use std::collections::BTreeSet;
use std::time::Duration;

/// How long the test waits for the session to start by itself.
const START_PATIENCE: Duration = Duration::from_secs(90);

fn unique_course(label: &str) -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    format!("{label}-{:x}", millis % 0xff_ffff)
}

async fn signed_in(env: &Env, username: &str) -> Result<Browser> {
    let browser = Browser::open(env).await?;
    browser.sign_in_to_catalog(username, username).await?;
    Ok(browser)
}

/// Waits until `browser` is on a path starting with `prefix`.
async fn wait_for_path(browser: &Browser, prefix: &str, patience: Duration) -> Result<String> {
    let deadline = tokio::time::Instant::now() + patience;
    loop {
        let path = browser.path().await?;
        if path.starts_with(prefix) {
            return Ok(path);
        }
        ensure!(
            tokio::time::Instant::now() < deadline,
            "never reached {prefix} (still at {path})"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test]
async fn a_scheduled_class_takes_learners_in_and_its_room_works() -> Result<()> {
    let env = Env::from_env()?;
    let course = LiveCourse::schedule(
        &unique_course("live-room"),
        Duration::from_secs(40),
        Duration::from_secs(900),
    )?;
    let upstream = env
        .base_url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let link = CuttableLink::start(&upstream).await?;
    let instructor = signed_in(&env, "instructor1").await?;
    let learner = signed_in(&env.with_base_url(link.base_url()), "learner1").await?;
    let late = signed_in(&env, "learner2").await?;
    let outcome = run_class(&env, &course, &link, &instructor, &learner, &late).await;
    for browser in [&instructor, &learner, &late] {
        if outcome.is_err() {
            let shot = std::env::temp_dir().join(format!(
                "lectern-e2e-live-{}-{}.png",
                std::process::id(),
                browser.path().await.unwrap_or_default().len()
            ));
            if browser.screenshot(&shot).await.is_ok() {
                eprintln!("screenshot: {}", shot.display());
            }
        }
    }
    for browser in [instructor, learner, late] {
        browser.close().await?;
    }
    outcome
}

async fn run_class(
    env: &Env,
    course: &LiveCourse,
    link: &CuttableLink,
    instructor: &Browser,
    learner: &Browser,
    late: &Browser,
) -> Result<()> {
    // Before the start: the instructor waits in the room, learner1 on a reading, learner2
    // on the course's outline.
    instructor.visit(&course.room_path()).await?;
    instructor.wait_for_session_status("scheduled").await?;
    learner.visit(&course.reading_path()).await?;
    learner.find(".lesson-title").await?;
    late.visit(&course.course_path()).await?;
    late.find(".next-session").await?;

    // The start: learner1 is taken in by itself, told why, and offered the way back.
    let switched = wait_for_path(learner, &course.room_path(), START_PATIENCE).await?;
    ensure!(switched == course.room_path(), "switched to {switched}");
    learner.find(".live-switched").await?;
    let back = learner
        .attribute_of(".live-switched a", "href")
        .await?
        .context("a way back")?;
    ensure!(
        back == course.reading_path(),
        "the way back leads to {back}"
    );
    let switched = wait_for_path(late, &course.room_path(), START_PATIENCE).await?;
    ensure!(
        switched == course.room_path(),
        "learner2 switched to {switched}"
    );
    instructor.wait_for_session_status("live").await?;
    for browser in [learner, late] {
        browser.wait_for_session_status("live").await?;
        browser.wait_for_video_from("instructor1").await?;
    }

    // Chat, and the history a late joiner gets.
    learner
        .send_chat("Hello from learner one <b>bold?</b>")
        .await?;
    instructor
        .wait_for_chat("Hello from learner one <b>bold?</b>")
        .await?;
    ensure!(
        !instructor.is_present(".chat-text b").await?,
        "chat text must be inert"
    );
    instructor
        .open_poll("Which planet is largest?", &["Mars", "Jupiter", "Venus"])
        .await?;
    learner.find(".poll-ballot").await?;
    learner.vote(1).await?;
    instructor.wait_for_tally(".poll-open", 1, 1).await?;

    late.vote(1).await?;
    instructor.wait_for_tally(".poll-open", 1, 2).await?;
    instructor.wait_for_tally(".poll-open", 0, 0).await?;
    instructor.click(".poll-open button").await?;
    for browser in [learner, late] {
        browser.wait_for_tally(".poll-results", 1, 2).await?;
        browser.wait_for_tally(".poll-results", 2, 0).await?;
    }

    // A raised hand, admitted.
    learner.click(".hand-toggle").await?;
    instructor
        .click(".hand-queue li[data-user-id='learner1'] .admit")
        .await?;
    learner
        .wait_for_text(".you-may-speak", "You may speak")
        .await?;
    instructor.wait_for_audio_from("learner1").await?;
    ensure!(
        !late.stage_users().await?.contains(&"learner1".to_owned()),
        "a speaker's media goes to the instructor, not straight to other learners"
    );

    // Questions: asked, upvoted by another learner, answered.
    late.find("#live-question-input")
        .await?
        .send_keys("Why is Mars red?")
        .await?;
    late.click(".question-form button[type='submit']").await?;
    learner.click(".question .upvote").await?;
    instructor
        .wait_for_text(".question .question-upvotes", "1 upvotes")
        .await?;
    instructor.click(".question .mark-answered").await?;
    late.wait_for_attribute(".question", "data-answered", "true")
        .await?;

    breakouts(env, course, instructor, learner, late).await?;
    reconnects(link, learner, late).await?;

    // The end: everyone leaves the room and is offered the way back to the lesson.
    instructor.click(".end-session").await?;
    for browser in [learner, late] {
        browser.wait_for_session_status("ended").await?;
        browser.find(".live-ended a.back-to-lesson").await?;
        browser.wait_for_link("stopped").await?;
    }
    instructor
        .wait_for_attribute(".recording-status", "data-recording", "saved")
        .await?;

    // The recording is a lesson now: it plays, with the class chat in its transcript.
    learner.click(".live-ended a.watch-recording").await?;
    let path = wait_for_path(learner, &course.recording_path(), START_PATIENCE).await?;
    ensure!(
        path == course.recording_path(),
        "the recording is at {path}"
    );
    learner.find("video").await?;
    learner.play_lecture().await?;
    learner
        .wait_until("the recording to play on", |state| state.current_time > 1.0)
        .await?;
    learner.open_transcript().await?;
    learner
        .wait_for_text("#transcript-panel", "Learner One: Hello from learner one")
        .await?;
    learner
        .wait_for_text("#transcript-panel", "Which planet is largest?")
        .await?;
    learner
        .wait_for_text("#transcript-panel", "Jupiter: 2")
        .await?;
    Ok(())
}

/// Three learners in two rooms, split at random: the two who share a room hear each other,
/// the third hears neither (and the instructor, not visiting, is with no one); chat stays
/// inside each room, the broadcast reaches every room, and closing brings everyone back to
/// the instructor's video.
async fn breakouts(
    env: &Env,
    course: &LiveCourse,
    instructor: &Browser,
    learner: &Browser,
    late: &Browser,
) -> Result<()> {
    let third = signed_in(env, "learner3").await?;
    let outcome = async {
        // A late joiner: the chat so far, and the results of the closed poll.
        third.visit(&course.room_path()).await?;
        third
            .wait_for_chat("Hello from learner one <b>bold?</b>")
            .await?;
        third.wait_for_tally(".poll-results", 1, 2).await?;
        third.wait_for_video_from("instructor1").await?;
        instructor
            .wait_for_attribute(
                ".people li[data-user-id='learner3']",
                "data-connected",
                "true",
            )
            .await?;
        instructor
            .click(".breakout-planner button[type='submit']")
            .await?;
        let learners = [
            ("learner1", learner),
            ("learner2", late),
            ("learner3", &third),
        ];
        let mut rooms = Vec::new();
        for (user_id, browser) in learners {
            let room = browser
                .attribute_of(".your-room", "data-breakout-room-id")
                .await?
                .context("a breakout room")?;
            rooms.push((room, user_id, browser));
        }
        let distinct: BTreeSet<&String> = rooms.iter().map(|(room, _, _)| room).collect();
        ensure!(
            distinct.len() == 2,
            "three learners in two rooms: {distinct:?}"
        );
        let shares = |index: usize| {
            rooms
                .iter()
                .filter(|(room, _, _)| *room == rooms[index].0)
                .count()
                == 2
        };
        let (pair, single): (Vec<_>, Vec<_>) = (0..3).partition(|&index| shares(index));
        let (first, second, alone) = (&rooms[pair[0]], &rooms[pair[1]], &rooms[single[0]]);
        first.2.wait_for_audio_from(second.1).await?;
        second.2.wait_for_audio_from(first.1).await?;
        let alone_sees = alone.2.stage_users().await?;
        ensure!(
            alone_sees.is_empty(),
            "{} is alone in a room, yet has media from {alone_sees:?}",
            alone.1
        );
        for (_, user_id, browser) in [first, second] {
            let sees = browser.stage_users().await?;
            ensure!(
                !sees.contains(&alone.1.to_owned()) && !sees.contains(&"instructor1".to_owned()),
                "{user_id} has media from outside their room: {sees:?}"
            );
        }
        first.2.send_chat("Only our room hears this").await?;
        instructor.wait_for_chat("Only our room hears this").await?;
        second.2.wait_for_chat("Only our room hears this").await?;
        // Sent to the room and the instructor at once: had the other room been told, it
        // would show by now.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let seen = alone.2.chat_lines().await?;
        ensure!(
            !seen
                .iter()
                .any(|(_, text)| text == "Only our room hears this"),
            "a learner read another breakout room's chat: {seen:?}"
        );
        instructor
            .find("#live-broadcast-input")
            .await?
            .send_keys("Two minutes left")
            .await?;
        instructor
            .click(".broadcast-form button[type='submit']")
            .await?;
        for (_, _, browser) in &rooms {
            browser
                .wait_for_text(".broadcasts", "Two minutes left")
                .await?;
        }
        instructor.click(".close-rooms").await?;
        for (_, _, browser) in &rooms {
            browser
                .wait_for_text(".breakouts-returned", "back in the main room")
                .await?;
            browser.wait_for_video_from("instructor1").await?;
        }
        Ok(())
    }
    .await;
    third.close().await?;
    outcome
}

/// learner1's connection is cut; the room comes back by itself and nothing shows twice.
async fn reconnects(link: &CuttableLink, learner: &Browser, late: &Browser) -> Result<()> {
    let before = learner.chat_lines().await?;
    let cut = link.cut();
    ensure!(
        cut >= 1,
        "the room's socket was open through the link ({cut} cut)"
    );
    late.send_chat("Sent while learner one was away").await?;
    learner
        .wait_for_chat("Sent while learner one was away")
        .await?;
    learner.wait_for_link("open").await?;
    let after = learner.chat_lines().await?;
    let sequences: BTreeSet<u64> = after.iter().map(|(sequence, _)| *sequence).collect();
    ensure!(
        sequences.len() == after.len(),
        "a chat line shown twice: {after:?}"
    );
    for line in &before {
        ensure!(after.contains(line), "{line:?} was lost in the reconnect");
    }
    Ok(())
}
