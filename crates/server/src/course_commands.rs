//! `lectern-server import` and `enrol`: storing a course manifest and enrolling a user.

use anyhow::{Context, Result};
use lectern_core::{user::Role, CourseId, UserId};
use lectern_server::db;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Validates before touching the database, so a bad manifest writes nothing at all.
pub async fn import(db_location: &str, manifest: &PathBuf) -> Result<ExitCode> {
    let json = std::fs::read_to_string(manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let course = match lectern_core::parse_manifest(&json) {
        Ok(course) => course,
        Err(problems) => {
            let mut stderr = std::io::stderr();
            writeln!(
                stderr,
                "{} is not a valid course; nothing was imported:",
                manifest.display()
            )?;
            for problem in problems.problems() {
                writeln!(stderr, "{problem}")?;
            }
            return Ok(ExitCode::from(2));
        }
    };
    let pool = db::open(db_location)
        .await
        .with_context(|| format!("opening the database {db_location}"))?;
    lectern_server::import::import_course(&pool, &course).await?;
    println!(
        "imported {} \"{}\" ({} lessons)",
        course.course_id,
        course.title,
        course.lesson_count()
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn enrol(
    db_location: &str,
    username: &str,
    course_id: &str,
    role: &str,
) -> Result<ExitCode> {
    let user_id =
        UserId::parse(username).with_context(|| format!("{username:?} is not a username"))?;
    let course_id =
        CourseId::parse(course_id).with_context(|| format!("{course_id:?} is not a course id"))?;
    let Some(role) = Role::parse(role) else {
        anyhow::bail!("{role:?} is not a role; use learner or instructor");
    };
    let pool = db::open(db_location)
        .await
        .with_context(|| format!("opening the database {db_location}"))?;
    let mut conn = pool.acquire().await?;
    db::enrolments::enrol(&mut conn, &user_id, &course_id, role).await?;
    println!("enrolled {user_id} in {course_id} as {}", role.as_str());
    Ok(ExitCode::SUCCESS)
}
