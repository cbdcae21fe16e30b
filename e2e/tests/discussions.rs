//! Discussions in real Chromium. learner1 starts a thread with no network at all (the
//! browser reaches the server through a relay the test cuts off): it shows at once,
//! marked pending, and waits in the outbox. Back online it is sent; the answer to the
//! first send is lost, so the device sends it again, and the server still holds one
//! thread. instructor1, in another browser, sees it once and replies; learner1 gets an
//! inbox notification and sees the reply marked new. Post text is inert, moderation shows
//! to learners, an empty post is refused on the spot, and an announcement reaches the
//! inbox.

mod common;

use anyhow::{ensure, Context, Result};
use common::as_learner;
use lectern_e2e::{behind_relay, Browser, Env};

const COURSE: &str = "astronomy-101";
const DISCUSSION: &str = "light-pollution";

fn unique(label: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("{label} {nanos:08x}")
}

async fn open_discussion(browser: &Browser) -> Result<()> {
    browser
        .visit(&format!("/courses/{COURSE}/lessons/{DISCUSSION}"))
        .await?;
    browser.find("#new-thread").await?;
    Ok(())
}

#[tokio::test]
async fn a_thread_written_offline_is_sent_once_answered_and_notified() -> Result<()> {
    let title = unique("Orion from my balcony");
    let (relay, learner) = behind_relay().await?;
    let outcome = async {
        learner.sign_in_to_catalog("learner1", "learner1").await?;
        learner.wait_for_service_worker().await?;
        open_discussion(&learner).await?;
        learner.find(".thread-list .threads").await?;

        relay.go_offline();
        learner
            .write_post(
                "#new-thread",
                Some(&title),
                "Only **three** stars of the belt.",
            )
            .await?;
        learner
            .find(".thread-item.is-pending .badge-pending")
            .await?;
        let listed = learner.threads_titled(&title).await?;
        ensure!(
            listed.len() == 1 && listed[0].1,
            "the new thread shows at once, pending: {listed:?}"
        );
        let waiting = learner.outbox_events().await?;
        let posted: Vec<_> = waiting.iter().filter(|e| e["kind"] == "posted").collect();
        ensure!(
            posted.len() == 1 && posted[0]["title"] == title.as_str(),
            "the post waits in the outbox as one `posted` event: {waiting:?}"
        );

        // Back online; the answer to the first send is lost, so the device sends again.
        relay.lose_next_response("POST", "/api/v1/events");
        relay.go_online();
        learner.visit("/sync").await?;
        learner.click(".sync-retry").await?;
        learner.wait_for_sync_state("synced").await?;
        ensure!(relay.has_lost_response(), "the first answer was lost");
        open_discussion(&learner).await?;
        let thread_id = learner.wait_for_stored_thread(&title).await?;

        let instructor = Browser::open(&Env::from_env()?).await?;
        let replied = async {
            instructor
                .sign_in_to_catalog("instructor1", "instructor1")
                .await?;
            open_discussion(&instructor).await?;
            let seen = instructor.wait_for_stored_thread(&title).await?;
            ensure!(
                seen == thread_id,
                "the instructor sees the same thread, once"
            );
            instructor
                .click(&format!(
                    ".thread-item[data-thread-id='{thread_id}'] a.thread-title"
                ))
                .await?;
            instructor.find(".thread .post").await?;
            instructor
                .write_post(
                    "#reply-thread",
                    None,
                    "Try again after midnight, when the mall lights go off.",
                )
                .await?;
            instructor
                .wait_for_text(".replies .post-body", "mall lights")
                .await?;
            instructor
                .wait_for_attribute(".replies .post", "data-state", "stored")
                .await?;
            Ok(())
        }
        .await;
        instructor.close_after(replied).await?;

        learner.visit("/inbox").await?;
        learner.find(".notifications").await?;
        let items = learner.inbox_items().await?;
        let reply = items
            .iter()
            .find(|item| {
                item["kind"] == "reply" && item["text"].as_str().is_some_and(|t| t.contains(&title))
            })
            .with_context(|| format!("a reply notification for the thread: {items:?}"))?;
        ensure!(reply["unread"] == true, "unread: {reply}");
        ensure!(
            reply["text"]
                .as_str()
                .is_some_and(|t| t.contains("Instructor One")),
            "it names who replied: {reply}"
        );
        let badge = learner.text_of(".inbox-link .inbox-unread").await?;
        ensure!(
            badge.trim().parse::<u32>().unwrap_or(0) >= 1,
            "the header counts it: {badge:?}"
        );
        learner.open_notification_with(&title).await?;
        learner
            .wait_for_text(".replies .post.is-new .post-body", "mall lights")
            .await?;
        ensure!(
            learner
                .text_of(".replies .post .post-byline")
                .await?
                .contains("Instructor"),
            "the reply is marked as the instructor's"
        );
        Ok(())
    }
    .await;
    learner.close_after(outcome).await
}

#[tokio::test]
async fn post_text_is_inert_an_empty_post_is_refused_and_moderation_shows() -> Result<()> {
    let title = unique("<b>bold?</b> <img src=x onerror=\"window.__pwned=1\">");
    as_learner(|learner| {
        Box::pin(async move {
            learner.sign_in_to_catalog("learner2", "learner2").await?;
            open_discussion(learner).await?;
            learner.write_post("#new-thread", Some("A title"), "   ").await?;
            learner
                .wait_for_text("#new-thread .form-error", "Write something")
                .await?;
            ensure!(
                !learner
                    .outbox_events()
                    .await?
                    .iter()
                    .any(|e| e["kind"] == "posted"),
                "nothing was recorded"
            );
            learner.find("#new-thread input[name='title']").await?.clear().await?;
            learner.find("#new-thread textarea[name='body']").await?.clear().await?;
            let body = "<script>window.__pwned=2</script>\n\n<img src=x onerror=\"window.__pwned=3\">";
            learner.write_post("#new-thread", Some(&title), body).await?;
            let thread_id = learner.wait_for_stored_thread(&title).await?;
            learner
                .click(&format!(".thread-item[data-thread-id='{thread_id}'] a.thread-title"))
                .await?;
            learner.wait_for_text(".thread-heading", "<b>bold?</b>").await?;
            let body_text = learner.text_of(".thread .post-body").await?;
            ensure!(body_text.contains("<script>"), "markup shows as text: {body_text:?}");
            let injected = learner
                .script("return [window.__pwned === undefined, document.querySelectorAll('.thread script, .thread img, .thread b, .thread-heading *').length];")
                .await?;
            ensure!(injected == serde_json::json!([true, 0]), "nothing ran or rendered: {injected}");

            // The author edits the post: the latest version shows, marked edited.
            learner
                .click(".thread .post[data-state='stored'] button.post-edit")
                .await?;
            let editor = format!("#edit-{thread_id}");
            let body_field = learner.find(&format!("{editor} textarea[name='body']")).await?;
            body_field.clear().await?;
            body_field.send_keys("Second thoughts: **four** stars.").await?;
            learner
                .click(&format!("{editor} button[type='submit']"))
                .await?;
            learner
                .wait_for_text(".thread .post-body strong", "four")
                .await?;
            learner.find(".thread .post-edited").await?;
            let versions = learner
                .api_get(&format!("/api/v1/posts/{thread_id}/versions"))
                .await?;
            ensure!(
                versions["versions"].as_array().map(Vec::len) == Some(2),
                "both versions are kept: {versions}"
            );

            let instructor = Browser::open(&Env::from_env()?).await?;
            let moderated = async {
                instructor.sign_in_to_catalog("instructor1", "instructor1").await?;
                instructor
                    .visit(&format!("/courses/{COURSE}/lessons/{DISCUSSION}/threads/{thread_id}"))
                    .await?;
                instructor.click(".thread .moderation-bar button[aria-pressed='false']").await?;
                instructor.find(".thread.is-pinned").await?;
                Ok(())
            }
            .await;
            instructor.close_after(moderated).await?;
            open_discussion(learner).await?;
            learner
                .find(&format!(".thread-item.is-pinned[data-thread-id='{thread_id}']"))
                .await?;
            Ok(())
        })
    })
    .await
}

#[tokio::test]
async fn an_announcement_reaches_every_learners_inbox() -> Result<()> {
    let title = unique("Clear skies forecast for Friday");
    let env = Env::from_env()?;
    let instructor = Browser::open(&env).await?;
    let sent = async {
        instructor
            .sign_in_to_catalog("instructor1", "instructor1")
            .await?;
        instructor
            .visit(&format!("/courses/{COURSE}/announcements"))
            .await?;
        instructor
            .find("#announcement-title")
            .await?
            .send_keys(&title)
            .await?;
        instructor
            .find("#announcement-body")
            .await?
            .send_keys("Meet at the field at 21:00.")
            .await?;
        instructor
            .click(".announcement-composer button[type='submit']")
            .await?;
        instructor.wait_for_text(".announcements", &title).await?;
        Ok(())
    }
    .await;
    instructor.close_after(sent).await?;
    as_learner(|learner| {
        let title = title.clone();
        Box::pin(async move {
            learner.sign_in_to_catalog("learner2", "learner2").await?;
            learner.visit("/inbox").await?;
            learner.wait_for_text(".notifications", &title).await?;
            learner.open_notification_with(&title).await?;
            learner
                .wait_for_text(".announcements", "Meet at the field")
                .await?;
            Ok(())
        })
    })
    .await
}
