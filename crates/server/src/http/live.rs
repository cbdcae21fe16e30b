//! A live session's WebSocket and its attendance. Opening the socket is checked before the
//! upgrade: the token (the `bearer.<token>` subprotocol beside `lectern.v1`, since browsers
//! cannot set headers on a WebSocket, or `Authorization: Bearer`) else 401; an `Origin`
//! other than the server's own else 403; a session the caller's courses lack else 404; a
//! course member with no place in the room (an admin, another instructor) else 403. Then
//! each socket is one task: frames in become room inputs (`crate::live`), frames out come
//! from its channel. A frame over `MAX_MESSAGE_BYTES` closes it with 1009, a flood with
//! 1008; a malformed frame or a refused command is answered to the sender alone.

use super::live_access::instructed_session;
use super::{ApiError, AuthUser};
use crate::auth::token;
use crate::db::live::Saved;
use crate::db::{courses, live as live_db, sessions};
use crate::live::{FloodGuard, Frame, RoomHandle};
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::header::{AUTHORIZATION, HOST, ORIGIN, SEC_WEBSOCKET_PROTOCOL};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use lectern_api::v1::live::{
    parse_client_message, ClientMessage, JoinQuery, LiveAttendance, ServerMessage,
    BEARER_SUBPROTOCOL_PREFIX, LIVE_SUBPROTOCOL, MAX_MESSAGE_BYTES,
};
use lectern_api::v1::{live::encode_server_message, routes, UserProfile};
use lectern_core::live::{ConnectionId, LiveRoom, LiveSessionId, RoomConfig, RoomInput};
use lectern_core::{parse_manifest, UserId};
use std::sync::Arc;

/// Closing codes (RFC 6455): policy violation (a flood), message too big.
const CLOSE_POLICY: u16 = 1008;
const CLOSE_TOO_BIG: u16 = 1009;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::LIVE_SOCKET, get(socket))
        .route(routes::LIVE_ATTENDANCE, get(attendance))
}

async fn socket(
    State(state): State<AppState>,
    Path(raw_session_id): Path<String>,
    query: Result<Query<JoinQuery>, QueryRejection>,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, ApiError> {
    let profile = caller(&state, &headers).await?;
    if !is_own_origin(&state, &headers) {
        return Err(ApiError::Forbidden(
            "live rooms open only from the server's own pages".to_owned(),
        ));
    }
    let session_id = LiveSessionId::parse(&raw_session_id).map_err(|_| ApiError::NotFound)?;
    let room = room_for(&state, &profile, &session_id).await?;
    let upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(rejection) => return Ok(rejection.into_response()),
    };
    let since_sequence = query.ok().and_then(|Query(query)| query.since_sequence);
    let user_id = profile.user_id;
    Ok(upgrade
        .protocols([LIVE_SUBPROTOCOL])
        .max_message_size(4 * MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| async move {
            let connection_id = state.live_rooms.next_connection_id();
            let joined = RoomInput::Joined {
                user_id: user_id.clone(),
                connection_id,
                since_sequence,
            };
            run(socket, &state, room, (&user_id, connection_id), joined).await;
        }))
}

/// The caller of the token in the `bearer.` subprotocol, or else the `Authorization` header.
async fn caller(state: &AppState, headers: &HeaderMap) -> Result<UserProfile, ApiError> {
    let offered = headers
        .get_all(SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|protocol| protocol.trim().strip_prefix(BEARER_SUBPROTOCOL_PREFIX))
        .map(str::to_owned);
    let from_header = || {
        let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
        let (scheme, bearer) = value.split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| bearer.trim().to_owned())
    };
    let Some(bearer) = offered.or_else(from_header).filter(|b| !b.is_empty()) else {
        return Err(ApiError::Unauthorized);
    };
    sessions::find_user(&state.db, &token::digest(&bearer))
        .await?
        .ok_or(ApiError::Unauthorized)
}

/// No `Origin` (not a browser), or the public URL's origin, or the `Host` asked for.
fn is_own_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let public = state.public_url.as_str();
    let authority_start = public.find("://").map_or(0, |at| at + 3);
    let public_origin = match public[authority_start..].find('/') {
        Some(slash) => &public[..authority_start + slash],
        None => public,
    };
    if origin.eq_ignore_ascii_case(public_origin) {
        return true;
    }
    let host = headers.get(HOST).and_then(|host| host.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    matches!((host, origin_host), (Some(host), Some(origin_host)) if host.eq_ignore_ascii_case(origin_host))
}

/// The session's room if the caller has a place in it: 404 outside the course or for a
/// lesson that is not live, 403 for a member of the course with no role in the room.
async fn room_for(
    state: &AppState,
    profile: &UserProfile,
    session_id: &LiveSessionId,
) -> Result<Arc<RoomHandle>, ApiError> {
    let course_id = session_id.course_id();
    let Some((manifest_json, _role)) =
        courses::manifest_for_user(&state.db, &profile.user_id, course_id).await?
    else {
        return Err(ApiError::NotFound);
    };
    let course = parse_manifest(&manifest_json).map_err(|problems| {
        ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
    })?;
    let learners = live_db::enrolled_learners(&state.db, course_id).await?;
    let mut config = RoomConfig::for_lesson(
        &course,
        session_id.lesson_id(),
        learners.into_iter().collect(),
    )
    .map_err(|_| ApiError::NotFound)?;
    config.display_names = live_db::member_names(&state.db, course_id).await?;
    let is_invited =
        config.instructor == profile.user_id || config.learners.contains(&profile.user_id);
    if !is_invited {
        return Err(ApiError::Forbidden(
            "only the session's instructor and the course's learners join".to_owned(),
        ));
    }
    // A room opened again after a restart goes on from what was stored of it.
    let made = if state.live_rooms.is_open(session_id) {
        None
    } else {
        let mut conn = state.db.acquire().await?;
        let kept = live_db::kept_room(&mut conn, session_id).await?;
        let saved = Saved::of_kept(&kept);
        let room = LiveRoom::restored(config.clone(), kept).map_err(|err| {
            ApiError::Internal(format!(
                "the stored live room cannot be opened again: {err}"
            ))
        })?;
        Some((room, saved))
    };
    let make = move || made.unwrap_or_else(|| (LiveRoom::new(config), Saved::default()));
    Ok(state
        .live_rooms
        .room(session_id, make, &state.db, &state.clock))
}

/// One socket, from its join to its close.
async fn run(
    mut socket: WebSocket,
    state: &AppState,
    room: Arc<RoomHandle>,
    (user_id, connection_id): (&UserId, ConnectionId),
    joined: RoomInput,
) {
    let mut outbox = match room.join(connection_id, joined).await {
        Ok(outbox) => outbox,
        Err(refusal) => {
            send(&mut socket, &ServerMessage::from(&refusal)).await;
            close(&mut socket, CLOSE_POLICY).await;
            return;
        }
    };
    // Before the snapshot the room queued: how to reach the others' media.
    let ice_servers = state.ice.servers_for(user_id, state.clock.now());
    send(&mut socket, &ServerMessage::IceServers { ice_servers }).await;
    let mut flood = FloodGuard::new(state.clock.now());
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let text = match incoming {
                    Some(Ok(Message::Text(text))) => text.to_string(),
                    Some(Ok(Message::Binary(_))) => String::from("binary"),
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    Some(Err(_)) => {
                        // Most often a frame over the size limit.
                        close(&mut socket, CLOSE_TOO_BIG).await;
                        break;
                    }
                    Some(Ok(Message::Close(_))) | None => break,
                };
                if !flood.admit(state.clock.now()) {
                    close(&mut socket, CLOSE_POLICY).await;
                    break;
                }
                if text.len() > MAX_MESSAGE_BYTES {
                    close(&mut socket, CLOSE_TOO_BIG).await;
                    break;
                }
                match parse_client_message(&text) {
                    Err(error) => send(&mut socket, &ServerMessage::from(&error)).await,
                    Ok(message) => {
                        let is_leave = message == ClientMessage::Leave;
                        room.input(connection_id, message.into_input(connection_id)).await;
                        if is_leave {
                            close(&mut socket, crate::live::CLOSE_NORMAL).await;
                            return;
                        }
                    }
                }
            }
            outgoing = outbox.recv() => match outgoing {
                Some(Frame::Text(text)) => {
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        break;
                    }
                }
                Some(Frame::Close(code)) => {
                    close(&mut socket, code).await;
                    return;
                }
                None => {
                    close(&mut socket, CLOSE_POLICY).await;
                    break;
                }
            },
        }
    }
    room.input(connection_id, RoomInput::Disconnected { connection_id })
        .await;
}

/// Sends `message` on `socket`; a socket that is gone notices on its next receive.
async fn send(socket: &mut WebSocket, message: &ServerMessage) {
    if let Ok(text) = encode_server_message(message) {
        let _ = socket.send(Message::Text(text.into())).await;
    }
}

async fn close(socket: &mut WebSocket, code: u16) {
    let frame = CloseFrame {
        code,
        reason: "".into(),
    };
    let _ = socket.send(Message::Close(Some(frame))).await;
}

/// `GET /api/v1/live/{session_id}/attendance`: the session's instructor only (404 to others,
/// members of the course too).
async fn attendance(
    State(state): State<AppState>,
    caller: AuthUser,
    Path(raw_session_id): Path<String>,
) -> Result<Json<LiveAttendance>, ApiError> {
    let session_id =
        match instructed_session(&state.db, &caller.profile.user_id, &raw_session_id).await {
            Err(ApiError::Forbidden(_)) => return Err(ApiError::NotFound),
            found => found?,
        };
    let attendance = live_db::attendance(&state.db, &session_id).await?;
    Ok(Json(LiveAttendance {
        session_id,
        attendance,
    }))
}
