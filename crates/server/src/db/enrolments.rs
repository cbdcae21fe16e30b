//! The `enrolments` table: who takes or teaches which course. A user sees a course only
//! through an enrolment.

use super::unix_now;
use lectern_core::{user::Role, CourseId, UserId};
use sqlx::{SqliteConnection, SqliteExecutor};

/// Why an enrolment could not be made.
#[derive(Debug, thiserror::Error)]
pub enum EnrolError {
    #[error("there is no user {0:?}")]
    UnknownUser(UserId),
    #[error("there is no course {0:?}")]
    UnknownCourse(CourseId),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Enrols `user_id` in `course_id` with `role`, or changes the role of an existing enrolment.
pub async fn upsert(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
    role: Role,
) -> Result<(), sqlx::Error> {
    write_enrolment(db, user_id, course_id, role, RoleChange::Always).await
}

/// Enrols `user_id` in `course_id` with `role`, or gives an existing enrolment that role,
/// unless it is an admin's (which a launch never lowers).
pub async fn upsert_keeping_admin(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
    role: Role,
) -> Result<(), sqlx::Error> {
    write_enrolment(db, user_id, course_id, role, RoleChange::UnlessAdmin).await
}

/// When an existing enrolment takes the new role.
#[derive(Clone, Copy)]
enum RoleChange {
    Always,
    UnlessAdmin,
}

async fn write_enrolment(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
    role: Role,
    change: RoleChange,
) -> Result<(), sqlx::Error> {
    let query = match change {
        RoleChange::Always => {
            "INSERT INTO enrolments (user_id, course_id, role, enrolled_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (user_id, course_id) DO UPDATE SET role = excluded.role"
        }
        RoleChange::UnlessAdmin => {
            "INSERT INTO enrolments (user_id, course_id, role, enrolled_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT (user_id, course_id) DO UPDATE SET role = excluded.role \
             WHERE enrolments.role <> 'admin'"
        }
    };
    sqlx::query(query)
        .bind(user_id.as_str())
        .bind(course_id.as_str())
        .bind(role.as_str())
        .bind(unix_now())
        .execute(db)
        .await?;
    Ok(())
}

/// Like [`upsert`], but first checks that the user and the course exist, to say which is missing.
pub async fn enrol(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    course_id: &CourseId,
    role: Role,
) -> Result<(), EnrolError> {
    if super::users::find(&mut *conn, user_id).await?.is_none() {
        return Err(EnrolError::UnknownUser(user_id.clone()));
    }
    if !super::courses::exists(&mut *conn, course_id).await? {
        return Err(EnrolError::UnknownCourse(course_id.clone()));
    }
    upsert(&mut *conn, user_id, course_id, role).await?;
    Ok(())
}

/// Whether `user_id` is enrolled in `course_id`, in any role.
pub async fn is_enrolled(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM enrolments WHERE user_id = ? AND course_id = ?")
            .bind(user_id.as_str())
            .bind(course_id.as_str())
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}
