//! The `live_*` tables: what a live room exposes for keeping ([`LiveRoom::chat_messages`],
//! [`LiveRoom::closed_polls`], [`LiveRoom::questions`], [`LiveRoom::attendance`]), written
//! after every input the room takes. [`Saved`] remembers what is stored already, so each
//! save writes only what changed.

use lectern_core::live::{
    AttendanceInterval, AttendanceRecord, BreakoutRoomId, ChatMessage, ClientMessageId, KeptRoom,
    LiveRole, LiveRoom, LiveSessionId, Question,
};
use lectern_core::UserId;
use sqlx::{SqliteConnection, SqliteExecutor};

/// What of one room is stored already.
#[derive(Debug, Default)]
pub struct Saved {
    last_chat_sequence: u64,
    closed_polls: usize,
    questions: Vec<Question>,
    attendance: Vec<AttendanceRecord>,
}

impl Saved {
    /// What is stored already of a room opened again from `kept`.
    pub fn of_kept(kept: &KeptRoom) -> Saved {
        Saved {
            last_chat_sequence: kept.chat.last().map_or(0, |message| message.sequence),
            closed_polls: kept.closed_polls.len(),
            questions: kept.questions.clone(),
            attendance: Vec::new(),
        }
    }
}

/// What is stored of `session_id`'s room: its chat, closed polls and questions, in order.
pub async fn kept_room(
    conn: &mut SqliteConnection,
    session_id: &LiveSessionId,
) -> Result<KeptRoom, sqlx::Error> {
    let session = session_id.to_string();
    let chat = chat_messages(&mut *conn, session_id).await?;
    let polls: Vec<String> = sqlx::query_scalar(
        "SELECT poll_json FROM live_polls WHERE session_id = ? ORDER BY poll_id",
    )
    .bind(&session)
    .fetch_all(&mut *conn)
    .await?;
    let questions: Vec<String> = sqlx::query_scalar(
        "SELECT question_json FROM live_questions WHERE session_id = ? ORDER BY question_id",
    )
    .bind(&session)
    .fetch_all(&mut *conn)
    .await?;
    Ok(KeptRoom {
        chat,
        closed_polls: polls
            .iter()
            .map(|raw| from_json(raw))
            .collect::<Result<_, _>>()?,
        questions: questions
            .iter()
            .map(|raw| from_json(raw))
            .collect::<Result<_, _>>()?,
    })
}

/// The results of `session_id`'s closed polls, in the order they were made.
pub async fn closed_poll_results(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
) -> Result<Vec<lectern_core::live::PollResults>, sqlx::Error> {
    let polls: Vec<String> = sqlx::query_scalar(
        "SELECT poll_json FROM live_polls WHERE session_id = ? ORDER BY poll_id",
    )
    .bind(session_id.to_string())
    .fetch_all(db)
    .await?;
    let polls = polls
        .iter()
        .map(|raw| from_json::<lectern_core::live::Poll>(raw))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(polls
        .iter()
        .filter_map(lectern_core::live::Poll::results)
        .collect())
}

fn from_json<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(raw).map_err(super::decode_error)
}

/// The stored chat of `session_id`, every room's, in sequence order.
pub async fn chat_messages(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
) -> Result<Vec<ChatMessage>, sqlx::Error> {
    type ChatRow = (i64, String, String, String, i64, Option<i64>);
    let rows: Vec<ChatRow> = sqlx::query_as(
        "SELECT sequence, sender_id, client_message_id, text, sent_at, breakout_room_id \
         FROM live_chat_messages WHERE session_id = ? ORDER BY sequence",
    )
    .bind(session_id.to_string())
    .fetch_all(db)
    .await?;
    let mut chat = Vec::with_capacity(rows.len());
    for (sequence, sender, client_message_id, text, sent_at, breakout_room_id) in rows {
        chat.push(ChatMessage {
            sequence: u64::try_from(sequence).map_err(super::decode_error)?,
            sender: UserId::parse(&sender).map_err(super::decode_error)?,
            client_message_id: ClientMessageId::parse(&client_message_id)
                .map_err(super::decode_error)?,
            text,
            sent_at: jiff::Timestamp::from_millisecond(sent_at).map_err(super::decode_error)?,
            breakout_room_id: breakout_room_id
                .map(|id| u32::try_from(id).map(BreakoutRoomId))
                .transpose()
                .map_err(super::decode_error)?,
        });
    }
    Ok(chat)
}

/// The display names of everyone who wrote in `session_id`'s chat, by user (from the
/// users table, enrolled in the course still or not).
pub async fn chat_sender_names(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
) -> Result<std::collections::BTreeMap<UserId, String>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT user_id, display_name FROM users WHERE user_id IN \
         (SELECT sender_id FROM live_chat_messages WHERE session_id = ?)",
    )
    .bind(session_id.to_string())
    .fetch_all(db)
    .await?;
    names_by_user(rows)
}

/// Writes what `room` has that `saved` says is not stored yet, then remembers it.
pub async fn save_room(
    conn: &mut SqliteConnection,
    room: &LiveRoom,
    saved: &mut Saved,
) -> Result<(), sqlx::Error> {
    let session_id = room.session_id();
    let session = session_id.to_string();
    let course = session_id.course_id().as_str();
    let since = saved.last_chat_sequence;
    for message in room
        .chat_messages()
        .iter()
        .filter(|message| message.sequence > since)
    {
        sqlx::query(
            "INSERT OR IGNORE INTO live_chat_messages (session_id, course_id, sequence, \
             sender_id, client_message_id, text, sent_at, breakout_room_id) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&session)
        .bind(course)
        .bind(i64::try_from(message.sequence).map_err(super::encode_error)?)
        .bind(message.sender.as_str())
        .bind(message.client_message_id.to_string())
        .bind(&message.text)
        .bind(message.sent_at.as_millisecond())
        .bind(message.breakout_room_id.map(|room| i64::from(room.0)))
        .execute(&mut *conn)
        .await?;
        saved.last_chat_sequence = message.sequence;
    }
    for poll in room.closed_polls().iter().skip(saved.closed_polls) {
        let poll_json = serde_json::to_string(poll).map_err(super::encode_error)?;
        sqlx::query(
            "INSERT OR REPLACE INTO live_polls (session_id, course_id, poll_id, poll_json) \
             VALUES (?, ?, ?, ?)",
        )
        .bind(&session)
        .bind(course)
        .bind(i64::from(poll.poll_id.0))
        .bind(poll_json)
        .execute(&mut *conn)
        .await?;
    }
    saved.closed_polls = room.closed_polls().len();
    if room.questions() != saved.questions.as_slice() {
        for question in room.questions() {
            if saved.questions.contains(question) {
                continue;
            }
            let question_json = serde_json::to_string(question).map_err(super::encode_error)?;
            sqlx::query(
                "INSERT OR REPLACE INTO live_questions \
                 (session_id, course_id, question_id, question_json) VALUES (?, ?, ?, ?)",
            )
            .bind(&session)
            .bind(course)
            .bind(i64::from(question.question_id.0))
            .bind(question_json)
            .execute(&mut *conn)
            .await?;
        }
        saved.questions = room.questions().to_vec();
    }
    let attendance: Vec<AttendanceRecord> = room.attendance().cloned().collect();
    if attendance != saved.attendance {
        for record in &attendance {
            if saved.attendance.contains(record) {
                continue;
            }
            for interval in &record.intervals {
                save_interval(&mut *conn, session_id, record, interval).await?;
            }
        }
        saved.attendance = attendance;
    }
    Ok(())
}

async fn save_interval(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
    record: &AttendanceRecord,
    interval: &AttendanceInterval,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO live_attendance (session_id, course_id, user_id, role, joined_at, left_at) \
         VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (session_id, user_id, joined_at) DO UPDATE SET left_at = excluded.left_at",
    )
    .bind(session_id.to_string())
    .bind(session_id.course_id().as_str())
    .bind(record.user_id.as_str())
    .bind(role_name(record.role))
    .bind(interval.joined_at.as_millisecond())
    .bind(interval.left_at.map(|at| at.as_millisecond()))
    .execute(db)
    .await?;
    Ok(())
}

fn role_name(role: LiveRole) -> &'static str {
    match role {
        LiveRole::Instructor => "instructor",
        LiveRole::Learner => "learner",
    }
}

/// The stored attendance of `session_id`, by user, each user's stays oldest first.
pub async fn attendance(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
) -> Result<Vec<AttendanceRecord>, sqlx::Error> {
    let rows: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT user_id, role, joined_at, left_at FROM live_attendance \
         WHERE session_id = ? ORDER BY user_id, joined_at",
    )
    .bind(session_id.to_string())
    .fetch_all(db)
    .await?;
    let mut records: Vec<AttendanceRecord> = Vec::new();
    for (user_id, role, joined_at, left_at) in rows {
        let user_id = UserId::parse(&user_id).map_err(super::decode_error)?;
        let role = match role.as_str() {
            "instructor" => LiveRole::Instructor,
            _ => LiveRole::Learner,
        };
        let interval = AttendanceInterval {
            joined_at: millis(joined_at)?,
            left_at: left_at.map(millis).transpose()?,
        };
        match records.last_mut() {
            Some(last) if last.user_id == user_id => last.intervals.push(interval),
            _ => records.push(AttendanceRecord {
                user_id,
                role,
                intervals: vec![interval],
            }),
        }
    }
    Ok(records)
}

fn millis(at: i64) -> Result<jiff::Timestamp, sqlx::Error> {
    jiff::Timestamp::from_millisecond(at).map_err(super::decode_error)
}

/// The learners enrolled in `course_id`.
pub async fn enrolled_learners(
    db: impl SqliteExecutor<'_>,
    course_id: &lectern_core::CourseId,
) -> Result<Vec<UserId>, sqlx::Error> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT user_id FROM enrolments WHERE course_id = ? AND role = 'learner' ORDER BY user_id",
    )
    .bind(course_id.as_str())
    .fetch_all(db)
    .await?;
    ids.iter()
        .map(|id| UserId::parse(id).map_err(super::decode_error))
        .collect()
}

/// The display names of a course's members (learners and instructors), by user.
pub async fn member_names(
    db: impl SqliteExecutor<'_>,
    course_id: &lectern_core::CourseId,
) -> Result<std::collections::BTreeMap<UserId, String>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT users.user_id, users.display_name FROM enrolments \
         JOIN users ON users.user_id = enrolments.user_id WHERE enrolments.course_id = ?",
    )
    .bind(course_id.as_str())
    .fetch_all(db)
    .await?;
    names_by_user(rows)
}

/// `(user_id, display_name)` rows as names by user; a stored id that is not a username
/// is a decode error.
fn names_by_user(
    rows: Vec<(String, String)>,
) -> Result<std::collections::BTreeMap<UserId, String>, sqlx::Error> {
    rows.into_iter()
        .map(|(user_id, display_name)| {
            let user_id = UserId::parse(&user_id).map_err(super::decode_error)?;
            Ok((user_id, display_name))
        })
        .collect()
}
