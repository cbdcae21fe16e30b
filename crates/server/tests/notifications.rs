//! The inbox over real HTTP on a real SQLite file: reply notifications for the authors of
//! the thread and of the post replied to, announcements for every learner enrolled, live
//! sessions soon by the server's clock, and marking read only what is the caller's.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::discussions::{post, reply_body, thread_body};
use common::events::events_server;
use common::expect_problem;
use jiff::Timestamp;
use lectern_api::v1::{
    AnnouncementList, AnnouncementView, NotificationKind, NotificationList, ProblemType,
    MAX_ANNOUNCEMENT_TITLE_CHARS,
};
use reqwest::StatusCode;
use serde_json::json;

/// The kinds in an inbox, newest first.
fn kinds(inbox: &NotificationList) -> Vec<NotificationKind> {
    inbox.notifications.iter().map(|n| n.kind).collect()
}

#[tokio::test]
async fn a_reply_notifies_the_thread_author_and_the_replied_to_author_but_not_the_replier() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let learner3 = server.sign_in("learner3", "learner3").await;
    server
        .send_posts(
            &learner1,
            1,
            vec![thread_body(1, "Meteor shower", "Tonight?")],
        )
        .await;
    server
        .send_posts(
            &learner2,
            2,
            vec![reply_body(2, 1, None, "Yes, after midnight.")],
        )
        .await;
    server
        .send_posts(
            &learner3,
            3,
            vec![reply_body(3, 1, Some(2), "Which direction?")],
        )
        .await;
    // learner1 replies in their own thread, to learner2: only learner2 hears of it.
    server
        .send_posts(&learner1, 4, vec![reply_body(4, 1, Some(2), "North-east.")])
        .await;

    let inbox1 = server.inbox(&learner1).await;
    let replies1: Vec<_> = inbox1
        .notifications
        .iter()
        .filter(|n| n.kind == NotificationKind::Reply)
        .map(|n| (n.post_id.clone().unwrap(), n.actor.clone().unwrap()))
        .collect();
    assert_eq!(
        replies1,
        [
            (post(3), "Learner Three".to_owned()),
            (post(2), "Learner Two".to_owned())
        ]
    );
    let reply = &inbox1.notifications[0];
    assert_eq!(reply.title, "Meteor shower");
    assert_eq!(reply.thread_id, Some(post(1)));
    assert_eq!(
        reply.lesson_id.as_ref().unwrap().as_str(),
        "light-pollution"
    );
    assert!(!reply.read);

    let inbox2 = server.inbox(&learner2).await;
    let replies2: Vec<_> = inbox2
        .notifications
        .iter()
        .filter(|n| n.kind == NotificationKind::Reply)
        .map(|n| n.post_id.clone().unwrap())
        .collect();
    assert_eq!(replies2, [post(4), post(3)]);
    let inbox3 = server.inbox(&learner3).await;
    assert_eq!(
        kinds(&inbox3),
        [NotificationKind::Announcement],
        "only the demo's"
    );
}

#[tokio::test]
async fn an_announcement_reaches_every_learner_enrolled_and_no_one_else() {
    let server = events_server().await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    // learner1 is the only learner of night-sky-lab.
    let body = json!({"title": "Clouds on Friday", "body": "We meet <b>indoors</b>."});
    let response = server.announce(&instructor, "night-sky-lab", body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let made: AnnouncementView = response.json().await.unwrap();
    assert_eq!(made.author, "Instructor One");
    assert_eq!(made.body, "We meet <b>indoors</b>.");
    assert_eq!(made.created_at, server.clock.now());

    let inbox1 = server.inbox(&learner1).await;
    let newest = &inbox1.notifications[0];
    assert_eq!(newest.kind, NotificationKind::Announcement);
    assert_eq!(
        newest.announcement_id.as_deref(),
        Some(made.announcement_id.as_str())
    );
    assert_eq!(newest.title, "Clouds on Friday");
    assert_eq!(newest.course_id.as_str(), "night-sky-lab");
    assert_eq!(inbox1.unread_count, 2);
    for (username, expected) in [("learner2", 1), ("learner3", 1), ("instructor1", 0)] {
        let token = server.sign_in(username, username).await;
        let inbox = server.inbox(&token).await;
        assert_eq!(
            inbox.notifications.len(),
            expected,
            "{username}: only the demo's"
        );
    }
    let response = server.announcements(&learner1, "night-sky-lab").await;
    let list: AnnouncementList = response.json().await.unwrap();
    assert_eq!(list.announcements, [made]);
    let demo = server.announcements(&learner1, "astronomy-101").await;
    let demo: AnnouncementList = demo.json().await.unwrap();
    assert_eq!(demo.announcements[0].title, "Live Q&A on 20 January");
}

#[tokio::test]
async fn only_instructors_announce_and_what_they_send_must_fit() {
    let server = events_server().await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let body = json!({"title": "Party", "body": "At mine."});
    let learner = server
        .announce(&learner2, "astronomy-101", body.clone())
        .await;
    expect_problem(learner, StatusCode::FORBIDDEN).await;
    let outside = server.announce(&learner2, "night-sky-lab", body).await;
    expect_problem(outside, StatusCode::NOT_FOUND).await;
    let listed = server.announcements(&learner2, "night-sky-lab").await;
    expect_problem(listed, StatusCode::NOT_FOUND).await;

    let long_title = "t".repeat(MAX_ANNOUNCEMENT_TITLE_CHARS + 1);
    let response = server
        .announce(
            &instructor,
            "astronomy-101",
            json!({"title": long_title, "body": "  "}),
        )
        .await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem.kind(), Some(ProblemType::InvalidAnnouncement));
    let paths: Vec<_> = problem.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["$.title", "$.body"]);
    assert_eq!(
        server.count_rows("announcements").await,
        1,
        "the demo's only"
    );
    let inbox = server.inbox(&learner2).await;
    assert_eq!(inbox.notifications.len(), 1);
}

#[tokio::test]
async fn a_live_session_is_announced_from_thirty_minutes_before_until_it_ends() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let at = |raw: &str| -> Timestamp { raw.parse().unwrap() };
    let live_soon = |inbox: &NotificationList| {
        let soon = inbox.notifications.iter();
        soon.filter(|n| n.kind == NotificationKind::LiveSoon)
            .count()
    };
    // The demo's live Q&A runs 2027-01-20 18:00 to 19:00 UTC.
    server.clock.set(at("2027-01-20T17:29:59Z"));
    assert_eq!(live_soon(&server.inbox(&learner1).await), 0);
    server.clock.set(at("2027-01-20T17:30:00Z"));
    let inbox = server.inbox(&learner1).await;
    assert_eq!(live_soon(&inbox), 1);
    let soon = &inbox.notifications[0];
    assert_eq!(soon.title, "Live Q&A: your first nights of observing");
    assert_eq!(soon.lesson_id.as_ref().unwrap().as_str(), "live-q-and-a");
    assert_eq!(soon.created_at, at("2027-01-20T17:30:00Z"));
    server.clock.set(at("2027-01-20T18:30:00Z"));
    assert_eq!(live_soon(&server.inbox(&learner1).await), 1, "made once");
    // Someone who first looks after the session ended is not told.
    let learner2 = server.sign_in("learner2", "learner2").await;
    server.clock.set(at("2027-01-20T19:00:00Z"));
    assert_eq!(live_soon(&server.inbox(&learner2).await), 0);
}

#[tokio::test]
async fn marking_read_touches_only_the_callers_own_notifications() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    server
        .send_posts(&learner1, 1, vec![thread_body(1, "Aurora", "Green!")])
        .await;
    server
        .send_posts(&learner2, 2, vec![reply_body(2, 1, None, "Lucky you.")])
        .await;
    let inbox1 = server.inbox(&learner1).await;
    assert_eq!(inbox1.unread_count, 2);
    let reply_id = inbox1.notifications[0].notification_id.clone();
    let theirs = server.inbox(&learner2).await.notifications[0]
        .notification_id
        .clone();

    // learner2 cannot mark learner1's notification read, nor learner1 learner2's.
    let ids = json!({"notification_ids": [reply_id, "not-an-id"]});
    let response = server.mark_notifications_read(&learner2, ids).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(server.inbox(&learner1).await.unread_count, 2);
    let ids = json!({"notification_ids": [reply_id, theirs]});
    server.mark_notifications_read(&learner1, ids).await;
    let inbox1 = server.inbox(&learner1).await;
    assert_eq!(inbox1.unread_count, 1);
    assert!(inbox1.notifications[0].read && !inbox1.notifications[1].read);
    assert_eq!(server.inbox(&learner2).await.unread_count, 1);

    server
        .mark_notifications_read(&learner1, json!({"all": true}))
        .await;
    assert_eq!(server.inbox(&learner1).await.unread_count, 0);
    assert_eq!(server.inbox(&learner2).await.unread_count, 1);
}
