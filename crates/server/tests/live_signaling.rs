//! The live room's WebSocket over a real loopback socket (tokio-tungstenite), on the demo's
//! live lesson `astronomy-101.live-q-and-a` with the clock set inside its hour: who may
//! open it, what each participant hears, the limits, and what is kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::live::{
    chat, chat_text, close_code, expect_quiet, join, live_server, next, open, refused_status, say,
    until, SESSION,
};
use futures_util::{SinkExt, StreamExt};
use lectern_api::v1::live::{
    encode_client_message, ClientMessage, ServerMessage, MAX_MESSAGE_BYTES,
};
use std::time::Duration;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn opening_needs_a_token_a_place_and_our_origin() {
    let server = live_server().await;
    assert_eq!(refused_status(open(&server, None, None, None).await), 401);
    assert_eq!(
        refused_status(open(&server, Some("nope"), None, None).await),
        401
    );
    // learner3 becomes a learner of the other course only.
    sqlx::query("UPDATE enrolments SET course_id = 'night-sky-lab' WHERE user_id = 'learner3'")
        .execute(&server.db)
        .await
        .unwrap();
    let outsider = server.sign_in("learner3", "learner3").await;
    assert_eq!(
        refused_status(open(&server, Some(&outsider), None, None).await),
        404
    );
    let learner = server.sign_in("learner1", "learner1").await;
    let evil = Some("https://evil.example");
    assert_eq!(
        refused_status(open(&server, Some(&learner), evil, None).await),
        403
    );
    let own = server.base_url.clone();
    assert!(open(&server, Some(&learner), Some(&own), None)
        .await
        .is_ok());
}

#[tokio::test]
async fn a_late_joiner_gets_the_chat_and_refusals_reach_only_the_sender() {
    let server = live_server().await;
    let mut instructor = join(&server, "instructor1").await;
    let mut learner = join(&server, "learner1").await;
    say(&mut learner, &chat("hello from learner1")).await;
    assert_eq!(chat_text(&mut instructor).await, "hello from learner1");
    assert_eq!(chat_text(&mut learner).await, "hello from learner1");

    let mut late = join(&server, "learner2").await;
    let history = until(&mut late, |message| match message {
        ServerMessage::ChatHistory { messages } => Some(messages),
        _ => None,
    })
    .await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].text, "hello from learner1");
    // Let the joins' notices settle before listening for silence.
    tokio::time::sleep(Duration::from_millis(200)).await;
    while tokio::time::timeout(Duration::from_millis(100), instructor.next())
        .await
        .is_ok()
    {}
    while tokio::time::timeout(Duration::from_millis(100), late.next())
        .await
        .is_ok()
    {}

    say(&mut learner, &ClientMessage::SessionEnd).await;
    let code = until(&mut learner, |message| match message {
        ServerMessage::Error { code, .. } => Some(code),
        _ => None,
    })
    .await;
    assert!(!code.is_empty());
    expect_quiet(&mut instructor).await;
    expect_quiet(&mut late).await;

    learner.send(Message::text("{not json")).await.unwrap();
    let code = until(&mut learner, |message| match message {
        ServerMessage::Error { code, .. } => Some(code),
        _ => None,
    })
    .await;
    assert_eq!(code, "not_json");
    expect_quiet(&mut late).await;
}

#[tokio::test]
async fn an_oversized_frame_closes_with_1009_and_a_flood_with_1008() {
    let server = live_server().await;
    let mut big = join(&server, "learner1").await;
    let mut other = join(&server, "learner2").await;
    let huge = format!(
        r#"{{"v":1,"type":"chat","text":"{}"}}"#,
        "x".repeat(MAX_MESSAGE_BYTES + 1)
    );
    big.send(Message::text(huge)).await.unwrap();
    assert_eq!(close_code(&mut big).await, Some(CloseCode::Size));

    let mut flooder = join(&server, "learner1").await;
    for index in 0..60 {
        let text = encode_client_message(&ClientMessage::RaiseHand).unwrap();
        if flooder.send(Message::text(text)).await.is_err() {
            break;
        }
        let _ = index;
    }
    assert_eq!(close_code(&mut flooder).await, Some(CloseCode::Policy));
    say(&mut other, &chat("still here")).await;
    assert_eq!(chat_text(&mut other).await, "still here");
}

#[tokio::test]
async fn leaving_writes_attendance_and_a_reconnect_gets_no_duplicate_chat() {
    let server = live_server().await;
    let mut instructor = join(&server, "instructor1").await;
    say(&mut instructor, &chat("welcome")).await;
    assert_eq!(chat_text(&mut instructor).await, "welcome");

    let mut learner = join(&server, "learner1").await;
    let history = until(&mut learner, |message| match message {
        ServerMessage::ChatHistory { messages } => Some(messages),
        _ => None,
    })
    .await;
    let newest = history.last().unwrap().sequence;
    say(&mut learner, &ClientMessage::Leave).await;
    assert_eq!(close_code(&mut learner).await, Some(CloseCode::Normal));

    let left: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT user_id, left_at FROM live_attendance WHERE session_id = ? ORDER BY user_id",
    )
    .bind(SESSION)
    .fetch_all(&server.db)
    .await
    .unwrap();
    assert!(left
        .iter()
        .any(|(user, at)| user == "learner1" && at.is_some()));
    assert!(left
        .iter()
        .any(|(user, at)| user == "instructor1" && at.is_none()));
    assert_eq!(server.count_rows("live_chat_messages").await, 1);

    let token = server.sign_in("learner1", "learner1").await;
    let mut back = open(&server, Some(&token), None, Some(newest))
        .await
        .unwrap();
    say(&mut back, &chat("I'm back")).await;
    let mut seen = Vec::new();
    loop {
        match next(&mut back).await.unwrap() {
            ServerMessage::ChatHistory { messages } => {
                seen.extend(messages.into_iter().map(|m| m.text))
            }
            ServerMessage::Chat(message) => {
                seen.push(message.text);
                break;
            }
            _ => {}
        }
    }
    assert_eq!(seen, ["I'm back"]);

    let instructor_token = server.sign_in("instructor1", "instructor1").await;
    let path = format!("/api/v1/live/{SESSION}/attendance");
    let response = server.get(&path, Some(&instructor_token)).await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["attendance"].as_array().unwrap().len() >= 2);
    let response = server.get(&path, Some(&token)).await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn a_room_opened_again_after_a_restart_goes_on_with_its_chat() {
    let server = live_server().await;
    let mut instructor = join(&server, "instructor1").await;
    say(&mut instructor, &chat("before the restart")).await;
    assert_eq!(chat_text(&mut instructor).await, "before the restart");
    drop(instructor);

    // A fresh server on the same database: its room starts from what was stored.
    let restarted = server.serve_again().await;
    let mut learner = join(&restarted, "learner1").await;
    let history = until(&mut learner, |message| match message {
        ServerMessage::ChatHistory { messages } => Some(messages),
        _ => None,
    })
    .await;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].text, "before the restart");
    say(&mut learner, &chat("after the restart")).await;
    let message = until(&mut learner, |message| match message {
        ServerMessage::Chat(message) => Some(message),
        _ => None,
    })
    .await;
    assert_eq!(message.sequence, 2, "the numbering goes on");
    assert_eq!(
        server.count_rows("live_chat_messages").await,
        2,
        "both are stored"
    );
}

#[tokio::test]
async fn a_joiner_hears_the_ice_servers_first_then_the_room_with_names() {
    let first = live_server().await;
    let server = first
        .serve_again_with_ice(lectern_server::IceConfig {
            stun_urls: vec!["stun:stun.example.org:3478".to_owned()],
            turn_urls: vec!["turn:turn.example.org:3478".to_owned()],
            turn_secret: Some("north-star".into()),
            turn_ttl: jiff::SignedDuration::from_mins(10),
        })
        .await;
    let mut instructor = join(&server, "instructor1").await;
    let Some(ServerMessage::IceServers { ice_servers }) = next(&mut instructor).await else {
        panic!("the ICE servers come first");
    };
    assert_eq!(ice_servers.len(), 2);
    let expires = server.clock.now().as_second() + 600;
    assert_eq!(
        ice_servers[1].username.as_deref(),
        Some(format!("{expires}:instructor1").as_str())
    );
    assert!(ice_servers[1].credential.is_some());
    let Some(ServerMessage::Snapshot(snapshot)) = next(&mut instructor).await else {
        panic!("then the room");
    };
    assert_eq!(snapshot.participants[0].display_name, "Instructor One");
    let _learner = join(&server, "learner1").await;
    let joined = until(&mut instructor, |message| match message {
        ServerMessage::ParticipantChanged(view) if view.user_id.as_str() == "learner1" => {
            Some(view)
        }
        _ => None,
    })
    .await;
    assert_eq!(
        (joined.user_id.as_str(), joined.display_name.as_str()),
        ("learner1", "Learner One")
    );
}
