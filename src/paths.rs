//! The player's own URLs: one function per route, and the rule for where to go back to
//! after signing in. Pure, so the links every page builds are tested in one place.

use lectern_core::{CourseId, LessonId};

/// The catalog.
pub const HOME: &str = "/";
/// The sign-in page.
pub const SIGN_IN: &str = "/signin";
/// The query parameter that carries the page to return to after signing in.
pub const NEXT_PARAM: &str = "next";

/// What waits to sync, and what the server would not keep.
pub const SYNC: &str = "/sync";

/// What this device keeps for offline use.
pub const DOWNLOADS: &str = "/downloads";

/// Where a learning platform sends its learner, with `#token=…`.
pub const LAUNCH: &str = "/launch";

/// The launch token in a launch URL's fragment (`#token=…`, given with or without the `#`),
/// if it has a usable one. Tokens are URL-safe, so no decoding is needed; anything else in
/// the fragment is ignored.
pub fn launch_token_in(fragment: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .filter(|token| {
            !token.is_empty()
                && token.len() <= 256
                && token
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
        })
        .map(str::to_owned)
}

/// Where the embedded player's pages live: `/embed/courses/…`, which LMS pages may frame.
pub const EMBED_PREFIX: &str = "/embed";

thread_local! {
    static IS_EMBEDDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes course and lesson links the embedded player's (`/embed/courses/…`), for the rest
/// of the page, so a reload inside the LMS's frame stays on a page it may frame.
pub fn set_embedded(is_embedded: bool) {
    IS_EMBEDDED.with(|flag| flag.set(is_embedded));
}

/// Whether links are the embedded player's.
pub fn is_embedded() -> bool {
    IS_EMBEDDED.with(std::cell::Cell::get)
}

fn course_root() -> &'static str {
    if is_embedded() {
        "/embed/courses"
    } else {
        "/courses"
    }
}

/// A course's outline.
pub fn course(course_id: &CourseId) -> String {
    format!("{}/{course_id}", course_root())
}

/// One lesson of a course.
pub fn lesson(course_id: &CourseId, lesson_id: &LessonId) -> String {
    format!("{}/{course_id}/lessons/{lesson_id}", course_root())
}

/// The course and lesson a player path names (`/courses/c/lessons/l`, or the same under
/// `/embed`), if it names any.
pub fn course_and_lesson_in(path: &str) -> (Option<CourseId>, Option<LessonId>) {
    let path = path.strip_prefix(EMBED_PREFIX).unwrap_or(path);
    let mut parts = path.trim_start_matches('/').split('/');
    if parts.next() != Some("courses") {
        return (None, None);
    }
    let course_id = parts.next().and_then(|raw| CourseId::parse(raw).ok());
    let lesson_id = match (parts.next(), parts.next()) {
        (Some("lessons"), Some(raw)) => LessonId::parse(raw).ok(),
        _ => None,
    };
    let lesson_id = lesson_id.filter(|_| course_id.is_some());
    (course_id, lesson_id)
}

/// One discussion thread of a lesson.
pub fn thread(
    course_id: &CourseId,
    lesson_id: &LessonId,
    thread_id: &lectern_api::v1::PostId,
) -> String {
    format!("{}/threads/{thread_id}", lesson(course_id, lesson_id))
}

/// Every discussion thread of a course.
pub fn course_discussions(course_id: &CourseId) -> String {
    format!("{}/discussions", course(course_id))
}

/// A course's announcements (and, for instructors, the composer).
pub fn announcements(course_id: &CourseId) -> String {
    format!("{}/announcements", course(course_id))
}

/// An assignment's grading queue (instructors).
pub fn grading(course_id: &CourseId, lesson_id: &LessonId) -> String {
    format!("/courses/{course_id}/lessons/{lesson_id}/grading")
}

/// A live lesson's room (never embedded: the room needs the player's own origin).
pub fn live_room(course_id: &CourseId, lesson_id: &LessonId) -> String {
    format!("/courses/{course_id}/lessons/{lesson_id}/live")
}

/// The room, entered by the switch at the start time from `from` (a path of this player).
pub fn live_room_from(course_id: &CourseId, lesson_id: &LessonId, from: &str) -> String {
    let from = String::from(js_sys::encode_uri_component(from));
    format!("{}?from={from}", live_room(course_id, lesson_id))
}

/// `from` if it is a path of this player (so "back" never leads to another site).
pub fn own_path(from: &str) -> Option<&str> {
    let is_own = from.starts_with('/') && !from.starts_with("//") && !from.contains('\\');
    is_own.then_some(from)
}

/// A course's gradebook (instructors).
pub fn gradebook(course_id: &CourseId) -> String {
    format!("/courses/{course_id}/gradebook")
}

/// Deadlines and sessions across the signed-in user's courses.
pub const CALENDAR: &str = "/calendar";

/// The signed-in user's notifications.
pub const INBOX: &str = "/inbox";

/// Every learner's submissions to a quiz lesson (instructors).
pub fn quiz_submissions(course_id: &CourseId, lesson_id: &LessonId) -> String {
    format!("/courses/{course_id}/lessons/{lesson_id}/submissions")
}

/// The sign-in page, remembering `from` (a path with its query) to come back to.
pub fn sign_in_from(from: &str) -> String {
    match safe_next(from) {
        Some(next) if next != HOME => format!("{SIGN_IN}?{NEXT_PARAM}={}", encode_component(&next)),
        _ => SIGN_IN.to_owned(),
    }
}

/// Where to go after signing in: `next` if it is a path inside this app, else the catalog.
/// Anything that could leave the app (`//host`, `https:`, `/\host`) is refused.
pub fn safe_next(next: &str) -> Option<String> {
    let is_local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control);
    let is_sign_in =
        next == SIGN_IN || next.starts_with("/signin?") || next.starts_with("/signin/");
    (is_local && !is_sign_in).then(|| next.to_owned())
}

/// A path with its query string (given without the `?`), as the router reports them.
pub fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// Whether a (safe) link points away from the app, so it should open in a new tab.
pub fn is_external(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Percent-encodes a query component (the router decodes it again).
fn encode_component(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn ids() -> (CourseId, LessonId) {
        (
            CourseId::parse("astronomy-101").unwrap(),
            LessonId::parse("welcome").unwrap(),
        )
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_way_back_from_a_live_room_stays_on_this_player() {
        assert_eq!(
            own_path("/courses/astronomy-101"),
            Some("/courses/astronomy-101")
        );
        for foreign in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "",
        ] {
            assert_eq!(own_path(foreign), None, "{foreign}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn builds_course_and_lesson_paths() {
        let (course_id, lesson_id) = ids();
        assert_eq!(course(&course_id), "/courses/astronomy-101");
        assert_eq!(
            lesson(&course_id, &lesson_id),
            "/courses/astronomy-101/lessons/welcome"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sign_in_remembers_where_the_learner_was() {
        assert_eq!(sign_in_from("/courses/a"), "/signin?next=/courses/a");
        assert_eq!(
            sign_in_from("/courses/a?x=1&y=2"),
            "/signin?next=/courses/a%3Fx%3D1%26y%3D2"
        );
        assert_eq!(sign_in_from("/"), "/signin");
        assert_eq!(sign_in_from("/signin"), "/signin");
        assert_eq!(sign_in_from("https://evil.example/"), "/signin");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn finds_the_launch_token_in_the_fragment_only_when_it_is_whole() {
        assert_eq!(launch_token_in("#token=abc_-9").as_deref(), Some("abc_-9"));
        assert_eq!(launch_token_in("lang=ar&token=x1").as_deref(), Some("x1"));
        assert_eq!(launch_token_in("#token="), None);
        assert_eq!(launch_token_in(""), None);
        assert_eq!(launch_token_in("#tok=abc"), None);
        assert_eq!(launch_token_in("#token=a%20b"), None);
        assert_eq!(launch_token_in("#token=<script>"), None);
        assert_eq!(
            launch_token_in(&format!("#token={}", "a".repeat(257))),
            None
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn embedded_links_stay_under_embed_and_paths_name_their_lesson() {
        let course_id = CourseId::parse("astronomy-101").unwrap();
        let lesson_id = LessonId::parse("tour-of-the-sky").unwrap();
        set_embedded(true);
        assert_eq!(
            lesson(&course_id, &lesson_id),
            "/embed/courses/astronomy-101/lessons/tour-of-the-sky"
        );
        assert_eq!(course(&course_id), "/embed/courses/astronomy-101");
        set_embedded(false);
        assert_eq!(course(&course_id), "/courses/astronomy-101");
        for path in [
            "/courses/astronomy-101/lessons/tour-of-the-sky",
            "/embed/courses/astronomy-101/lessons/tour-of-the-sky/submissions",
        ] {
            assert_eq!(
                course_and_lesson_in(path),
                (Some(course_id.clone()), Some(lesson_id.clone())),
                "{path}"
            );
        }
        assert_eq!(
            course_and_lesson_in("/embed/courses/astronomy-101"),
            (Some(course_id.clone()), None)
        );
        assert_eq!(course_and_lesson_in("/sync"), (None, None));
        assert_eq!(course_and_lesson_in("/courses/../lessons/x"), (None, None));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn joins_path_and_query() {
        assert_eq!(with_query("/courses/a", ""), "/courses/a");
        assert_eq!(with_query("/courses/a", "x=1"), "/courses/a?x=1");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn tells_external_links_apart() {
        assert!(is_external("https://example.org/a"));
        assert!(is_external("HTTP://example.org"));
        assert!(!is_external("mailto:a@example.org"));
        assert!(!is_external("/courses/a"));
        assert!(!is_external("#section"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn next_never_leaves_the_app() {
        assert_eq!(safe_next("/courses/a").as_deref(), Some("/courses/a"));
        assert_eq!(safe_next("//evil.example"), None);
        assert_eq!(safe_next("/\\evil.example"), None);
        assert_eq!(safe_next("https://evil.example"), None);
        assert_eq!(safe_next("javascript:alert(1)"), None);
        assert_eq!(safe_next(""), None);
        assert_eq!(safe_next("/signin"), None);
        assert_eq!(safe_next("/signin?next=/x"), None);
        assert_eq!(safe_next("/a\nb"), None);
    }
}
