//! The demo seed behind `--demo`: two courses and three accounts, written only into an
//! empty database so restarts never duplicate or overwrite anything. These accounts exist
//! nowhere else; a real deployment never runs this.

mod discussions;
mod learner_activity;

use crate::auth::password::{self, PasswordError};
use crate::db;
use crate::import::{store_course, ImportError};
use lectern_core::{parse_manifest, user::Role, Course, CourseId, ManifestProblems, UserId};
use sqlx::SqlitePool;

const ASTRONOMY_101: &str = include_str!("../demo/astronomy-101.json");
const NIGHT_SKY_LAB: &str = include_str!("../demo/night-sky-lab.json");

/// A demo account. The password equals the username.
struct DemoAccount {
    username: &'static str,
    display_name: &'static str,
    role: Role,
}

const ACCOUNTS: [DemoAccount; 4] = [
    DemoAccount {
        username: "learner1",
        display_name: "Learner One",
        role: Role::Learner,
    },
    DemoAccount {
        username: "learner2",
        display_name: "Learner Two",
        role: Role::Learner,
    },
    DemoAccount {
        username: "learner3",
        display_name: "Learner Three",
        role: Role::Learner,
    },
    DemoAccount {
        username: "instructor1",
        display_name: "Instructor One",
        role: Role::Instructor,
    },
];

/// Who is enrolled where, and as what.
const ENROLMENTS: [(&str, &str, Role); 6] = [
    ("learner1", "astronomy-101", Role::Learner),
    ("learner2", "astronomy-101", Role::Learner),
    ("learner3", "astronomy-101", Role::Learner),
    ("instructor1", "astronomy-101", Role::Instructor),
    ("learner1", "night-sky-lab", Role::Learner),
    ("instructor1", "night-sky-lab", Role::Instructor),
];

/// What seeding did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    Seeded,
    /// The database already had users or courses; nothing was written.
    AlreadyPopulated,
    /// The database was seeded by an older version: its demo courses were brought up to date
    /// (this many), with accounts, enrolments and everything else left alone.
    DemoCoursesUpdated(usize),
}

/// Why the demo could not be seeded.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("a demo course is invalid: {0}")]
    InvalidCourse(ManifestProblems),
    #[error("a demo id is invalid: {0}")]
    InvalidId(#[from] lectern_core::IdError),
    #[error("a demo post or announcement id is invalid: {0}")]
    InvalidUuid(#[from] lectern_core::sync::NotAUuid),
    #[error("a demo time is invalid: {0}")]
    InvalidTime(#[from] jiff::Error),
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("a demo event could not be written: {0}")]
    Event(#[from] serde_json::Error),
}

/// The demo courses, validated.
pub fn courses() -> Result<Vec<Course>, SeedError> {
    [ASTRONOMY_101, NIGHT_SKY_LAB]
        .into_iter()
        .map(|json| parse_manifest(json).map_err(SeedError::InvalidCourse))
        .collect()
}

async fn is_empty(
    db: impl sqlx::Acquire<'_, Database = sqlx::Sqlite>,
) -> Result<bool, sqlx::Error> {
    let mut conn = db.acquire().await?;
    Ok(db::users::count(&mut *conn).await? == 0 && db::courses::count(&mut *conn).await? == 0)
}

/// Seeds the demo into `db` if it has no users and no courses, all in one transaction.
pub async fn seed(db: &SqlitePool) -> Result<SeedOutcome, SeedError> {
    let courses = courses()?;
    if !is_empty(db).await? {
        return refresh_demo_courses(db, &courses).await;
    }
    let mut hashed = Vec::with_capacity(ACCOUNTS.len());
    for account in &ACCOUNTS {
        let user_id = UserId::parse(account.username)?;
        hashed.push((
            account,
            user_id,
            password::hash_off_thread(account.username.to_owned()).await?,
        ));
    }
    let mut transaction = db.begin().await?;
    if !is_empty(&mut *transaction).await? {
        return Ok(SeedOutcome::AlreadyPopulated);
    }
    for course in &courses {
        store_course(&mut transaction, course).await?;
    }
    for (account, user_id, password_hash) in &hashed {
        let user = db::users::NewUser {
            user_id,
            display_name: account.display_name,
            role: account.role,
            password_hash,
        };
        db::users::insert(&mut *transaction, &user).await?;
    }
    for (username, course_id, role) in ENROLMENTS {
        db::enrolments::upsert(
            &mut *transaction,
            &UserId::parse(username)?,
            &CourseId::parse(course_id)?,
            role,
        )
        .await?;
    }
    discussions::seed_discussions(&mut transaction).await?;
    transaction.commit().await?;
    Ok(SeedOutcome::Seeded)
}

/// Adds learner2's activity in astronomy-101 (two readings completed, the star journal
/// handed in and graded) to a database [`seed`] has just seeded, so the gradebook shows
/// something; `--demo` runs it on [`SeedOutcome::Seeded`]. It is apart from `seed` because
/// the test servers seed the demo and need every learner to start with nothing. A database
/// that holds the journal already gets nothing.
pub async fn seed_learner_activity(db: &SqlitePool) -> Result<(), SeedError> {
    let courses = courses()?;
    let Some(astronomy) = courses
        .iter()
        .find(|course| course.course_id.as_str() == "astronomy-101")
    else {
        return Ok(());
    };
    let mut transaction = db.begin().await?;
    learner_activity::seed_learner_activity(&mut transaction, astronomy).await?;
    transaction.commit().await?;
    Ok(())
}

/// Replaces stored demo courses whose manifest differs from this version's, so a demo
/// database made by an older version shows the current demo content. Only courses with a
/// demo id that are already stored are touched.
async fn refresh_demo_courses(
    db: &SqlitePool,
    courses: &[Course],
) -> Result<SeedOutcome, SeedError> {
    let mut transaction = db.begin().await?;
    let mut updated = 0;
    for course in courses {
        let stored: Option<String> =
            sqlx::query_scalar("SELECT manifest_json FROM courses WHERE course_id = ?")
                .bind(course.course_id.as_str())
                .fetch_optional(&mut *transaction)
                .await?;
        let Some(stored) = stored else {
            continue;
        };
        let current = serde_json::to_string(course).map_err(ImportError::from)?;
        if stored != current {
            store_course(&mut transaction, course).await?;
            updated += 1;
        }
    }
    transaction.commit().await?;
    Ok(if updated == 0 {
        SeedOutcome::AlreadyPopulated
    } else {
        SeedOutcome::DemoCoursesUpdated(updated)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::course::LessonKind;
    use std::collections::HashSet;

    #[test]
    fn demo_courses_are_valid_and_show_every_lesson_kind() {
        let courses = courses().unwrap();
        let astronomy = &courses[0];
        assert_eq!(astronomy.course_id.as_str(), "astronomy-101");
        let first = astronomy.lessons().next().unwrap();
        assert_eq!(
            (first.lesson_id.as_str(), first.title.as_str()),
            ("welcome", "Welcome to Astronomy 101")
        );
        let kinds: HashSet<LessonKind> = astronomy
            .lessons()
            .map(|lesson| lesson.content.kind())
            .collect();
        assert_eq!(kinds, LessonKind::ALL.into_iter().collect());
        assert_eq!(courses[1].course_id.as_str(), "night-sky-lab");
    }

    fn quiz<'a>(course: &'a Course, lesson_id: &str) -> &'a lectern_core::quiz::Quiz {
        let lesson = course
            .lessons()
            .find(|lesson| lesson.lesson_id.as_str() == lesson_id)
            .unwrap();
        match &lesson.content {
            lectern_core::course::LessonContent::Quiz(quiz) => quiz,
            other => panic!("{lesson_id} is a {:?}", other.kind()),
        }
    }

    #[test]
    fn the_practice_quiz_asks_every_kind_of_question_and_explains_each() {
        let courses = courses().unwrap();
        let practice = quiz(&courses[0], "solar-system-check");
        assert!(!practice.settings.is_graded);
        let kinds: HashSet<&str> = practice.questions().map(|q| q.body.kind_name()).collect();
        assert_eq!(kinds.len(), 9, "{kinds:?}");
        assert!(practice.questions().all(|q| q.feedback.is_some()));
    }

    #[test]
    fn the_graded_quiz_draws_two_facts_from_its_pool() {
        use lectern_core::quiz::{draw, LatePolicy};
        let courses = courses().unwrap();
        let graded = quiz(&courses[0], "planets-graded-quiz");
        let settings = &graded.settings;
        assert!(settings.is_graded && settings.shuffle_choices);
        assert_eq!(settings.attempt_limit, Some(3));
        assert_eq!(settings.time_limit_seconds, Some(1_200));
        assert_eq!(settings.late_policy, LatePolicy::AcceptAndFlag);
        let drawn = draw(graded, 7).question_ids;
        assert_eq!(drawn.len(), 5);
        assert_eq!(
            drawn[..3],
            ["graded-hottest", "graded-moons", "graded-essay"]
        );
        assert!(drawn[3..].iter().all(|id| id.starts_with("fact-")));
        assert!(graded.questions().all(|q| q.feedback.is_some()));
    }

    #[test]
    fn enrolments_name_demo_accounts_and_courses() {
        let course_ids: HashSet<String> = courses()
            .unwrap()
            .iter()
            .map(|c| c.course_id.to_string())
            .collect();
        for (username, course_id, _) in ENROLMENTS {
            assert!(
                ACCOUNTS.iter().any(|a| a.username == username),
                "{username}"
            );
            assert!(course_ids.contains(course_id), "{course_id}");
        }
    }
}
