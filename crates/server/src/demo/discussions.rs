//! The demo's discussion and inbox: three threads in astronomy-101's `light-pollution`
//! discussion, with replies by learner2, learner3 and instructor1 (one thread pinned, one
//! with an answer marked), and one announcement by instructor1. Written through the db
//! functions, at fixed times, into a freshly seeded database only; a database that already
//! holds them gets nothing.

use super::SeedError;
use crate::db::announcements::{self, NewAnnouncement};
use crate::db::discussions::{posts, threads};
use jiff::Timestamp;
use lectern_api::v1::PostId;
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteConnection;

const COURSE: &str = "astronomy-101";
const LESSON: &str = "light-pollution";

/// One demo post: its id, author, thread, the post it answers (none: it opens the thread),
/// title, body and when it was written.
struct DemoPost {
    post_id: &'static str,
    author: &'static str,
    thread_id: &'static str,
    parent_post_id: Option<&'static str>,
    title: Option<&'static str>,
    body: &'static str,
    written_at: &'static str,
}

const COUNTING: &str = "5eed0000-0000-4000-8000-000000000001";
const STREET_LIGHTS: &str = "5eed0000-0000-4000-8000-000000000002";
const MILKY_WAY: &str = "5eed0000-0000-4000-8000-000000000003";
const SHIELDED_LAMPS: &str = "5eed0000-0000-4000-8000-000000000022";
const ANNOUNCEMENT: &str = "5eed0000-0000-4000-8000-00000000a001";

/// In the order they were written; replies come after what they answer.
const POSTS: [DemoPost; 9] = [
    DemoPost {
        post_id: COUNTING,
        author: "instructor1",
        thread_id: COUNTING,
        parent_post_id: None,
        title: Some("Start here: count the stars in a square"),
        body: "Make a square with your thumbs and index fingers, hold it at arm's length \
               towards the darkest part of your sky, and count the stars inside it. Post your \
               count, your town and the time.\n\nNo telescope needed.",
        written_at: "2026-11-16T18:00:00Z",
    },
    DemoPost {
        post_id: "5eed0000-0000-4000-8000-000000000011",
        author: "learner2",
        thread_id: COUNTING,
        parent_post_id: Some(COUNTING),
        title: None,
        body: "Seven stars at 21:00, from a balcony in the city centre.",
        written_at: "2026-11-16T21:10:00Z",
    },
    DemoPost {
        post_id: "5eed0000-0000-4000-8000-000000000012",
        author: "learner3",
        thread_id: COUNTING,
        parent_post_id: Some(COUNTING),
        title: None,
        body: "Twenty-three from my garden at the edge of town, after letting my eyes \
               adjust for **twenty minutes**.",
        written_at: "2026-11-17T20:30:00Z",
    },
    DemoPost {
        post_id: STREET_LIGHTS,
        author: "learner2",
        thread_id: STREET_LIGHTS,
        parent_post_id: None,
        title: Some("Which street lights are the worst?"),
        body: "The lamps on my road are white and shine sideways into every window. Are some \
               kinds of street light better for the sky than others?",
        written_at: "2026-11-18T19:00:00Z",
    },
    DemoPost {
        post_id: "5eed0000-0000-4000-8000-000000000021",
        author: "learner3",
        thread_id: STREET_LIGHTS,
        parent_post_id: Some(STREET_LIGHTS),
        title: None,
        body: "Ours were changed to orange ones last year and I think the sky got darker.",
        written_at: "2026-11-18T20:15:00Z",
    },
    DemoPost {
        post_id: SHIELDED_LAMPS,
        author: "instructor1",
        thread_id: STREET_LIGHTS,
        parent_post_id: Some(STREET_LIGHTS),
        title: None,
        body: "What matters most is *where* the light goes: a fully shielded lamp sends \
               nothing above the horizon. After that, warmer colours (below 3000 K) scatter \
               less in the air than blue-white ones.",
        written_at: "2026-11-19T09:00:00Z",
    },
    DemoPost {
        post_id: "5eed0000-0000-4000-8000-000000000023",
        author: "learner2",
        thread_id: STREET_LIGHTS,
        parent_post_id: Some(SHIELDED_LAMPS),
        title: None,
        body: "Thank you! I will ask the council whether ours can be shielded.",
        written_at: "2026-11-19T12:40:00Z",
    },
    DemoPost {
        post_id: MILKY_WAY,
        author: "learner3",
        thread_id: MILKY_WAY,
        parent_post_id: None,
        title: Some("Can I see the Milky Way from a suburb?"),
        body: "I have never seen it. Is it worth trying from home, or do I need to drive out?",
        written_at: "2026-11-20T18:30:00Z",
    },
    DemoPost {
        post_id: "5eed0000-0000-4000-8000-000000000031",
        author: "learner2",
        thread_id: MILKY_WAY,
        parent_post_id: Some(MILKY_WAY),
        title: None,
        body: "I could just make it out in August, looking south, away from the city glow.",
        written_at: "2026-11-20T22:05:00Z",
    },
];

/// Seeds the demo's threads and announcement, unless they are there already.
pub(super) async fn seed_discussions(conn: &mut SqliteConnection) -> Result<(), SeedError> {
    if posts::find(&mut *conn, &PostId::parse(COUNTING)?)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let course_id = CourseId::parse(COURSE)?;
    let lesson_id = LessonId::parse(LESSON)?;
    for demo in &POSTS {
        let post_id = PostId::parse(demo.post_id)?;
        let author_id = UserId::parse(demo.author)?;
        let written_at = time(demo.written_at)?;
        let thread_id = PostId::parse(demo.thread_id)?;
        let parent_post_id = demo.parent_post_id.map(PostId::parse).transpose()?;
        let new_post = posts::NewPost {
            post_id: &post_id,
            course_id: &course_id,
            lesson_id: &lesson_id,
            thread_id: &thread_id,
            parent_post_id: parent_post_id.as_ref(),
            author_id: &author_id,
            title: demo.title,
            body: demo.body,
            written_at,
        };
        posts::insert(conn, &new_post).await?;
        if parent_post_id.is_none() {
            threads::insert(&mut *conn, &post_id, &course_id, &lesson_id, written_at).await?;
        } else {
            threads::touch(&mut *conn, &thread_id, written_at).await?;
        }
    }
    threads::set_pinned(&mut *conn, &PostId::parse(COUNTING)?, true).await?;
    let answer = PostId::parse(SHIELDED_LAMPS)?;
    threads::set_answer(&mut *conn, &PostId::parse(STREET_LIGHTS)?, Some(&answer)).await?;
    seed_announcement(conn, &course_id).await
}

async fn seed_announcement(
    conn: &mut SqliteConnection,
    course_id: &CourseId,
) -> Result<(), SeedError> {
    if announcements::exists(&mut *conn, ANNOUNCEMENT).await? {
        return Ok(());
    }
    let author_id = UserId::parse("instructor1")?;
    let announcement = NewAnnouncement {
        announcement_id: ANNOUNCEMENT,
        course_id,
        author_id: &author_id,
        author_name: "Instructor One",
        title: "Live Q&A on 20 January",
        body: "Bring your star counts and your questions to the live Q&A on **20 January at \
               18:00 UTC**. The link appears in the course a little before it starts.",
        created_at: time("2026-11-21T09:00:00Z")?,
    };
    announcements::publish(conn, &announcement).await?;
    Ok(())
}

fn time(raw: &str) -> Result<Timestamp, SeedError> {
    Ok(raw.parse()?)
}
