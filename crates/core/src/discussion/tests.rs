use super::*;
use proptest::prelude::*;

fn at(raw: &str) -> Timestamp {
    raw.parse().unwrap()
}

#[test]
fn a_thread_needs_a_title_and_a_reply_has_none() {
    assert_eq!(check_post_text(true, Some("Orion"), "I saw it"), Ok(()));
    assert_eq!(check_post_text(false, None, "Me too"), Ok(()));
    assert_eq!(
        check_post_text(true, None, "body"),
        Err(PostProblem::EmptyTitle)
    );
    assert_eq!(
        check_post_text(true, Some("  \n"), "body"),
        Err(PostProblem::EmptyTitle)
    );
    assert_eq!(
        check_post_text(false, Some("Re"), "body"),
        Err(PostProblem::TitleOnReply)
    );
}

#[test]
fn blank_and_oversized_posts_are_refused_with_their_size() {
    assert_eq!(
        check_post_text(false, None, " \t\n "),
        Err(PostProblem::EmptyBody)
    );
    let long = "é".repeat(MAX_POST_BODY_CHARS + 1);
    assert_eq!(
        check_post_text(false, None, &long),
        Err(PostProblem::BodyTooLong(MAX_POST_BODY_CHARS + 1))
    );
    // Counted in characters, not bytes: the longest post in a two-byte script is taken.
    assert_eq!(
        check_post_text(false, None, &"é".repeat(MAX_POST_BODY_CHARS)),
        Ok(())
    );
    let title = "x".repeat(MAX_POST_TITLE_CHARS + 1);
    assert_eq!(
        check_post_text(true, Some(&title), "body"),
        Err(PostProblem::TitleTooLong(MAX_POST_TITLE_CHARS + 1))
    );
    assert!(PostId::parse("not-a-uuid").is_err());
}

#[test]
fn pinned_threads_come_first_then_the_most_recently_active() {
    let mut threads = vec![
        ("old", false, at("2026-01-01T00:00:00Z")),
        ("pinned-old", true, at("2025-01-01T00:00:00Z")),
        ("new", false, at("2026-03-01T00:00:00Z")),
        ("pinned-new", true, at("2026-02-01T00:00:00Z")),
    ];
    sort_threads(&mut threads, |t| ThreadRank {
        pinned: t.1,
        last_activity_at: t.2,
    });
    let order: Vec<&str> = threads.iter().map(|t| t.0).collect();
    assert_eq!(order, ["pinned-new", "pinned-old", "new", "old"]);
}

#[test]
fn a_post_is_new_when_someone_else_wrote_it_after_the_last_visit() {
    let visit = Some(at("2026-05-01T10:00:00Z"));
    assert!(is_new_to_reader(at("2026-05-01T10:00:01Z"), false, visit));
    assert!(!is_new_to_reader(at("2026-05-01T10:00:00Z"), false, visit));
    assert!(!is_new_to_reader(at("2026-05-02T00:00:00Z"), true, visit));
    assert!(is_new_to_reader(at("2020-01-01T00:00:00Z"), false, None));
}

proptest! {
    #[test]
    fn any_text_gets_a_decision_without_panicking(
        title in proptest::option::of(".{0,300}"),
        body in ".{0,300}",
        opens in any::<bool>(),
    ) {
        let decision = check_post_text(opens, title.as_deref(), &body);
        if decision.is_ok() {
            prop_assert!(!body.trim().is_empty());
            prop_assert_eq!(opens, title.is_some());
        }
    }
}
