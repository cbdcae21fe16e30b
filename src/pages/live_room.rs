//! `/courses/:course_id/lessons/:lesson_id/live`: a live lesson's room. Entered by the
//! learner, or by the switch at the session's start (`?from=` is where they were, and the
//! page says why they are here and offers the way back).

use crate::components::live::LiveRoomView;
use crate::components::{DocumentTitle, ErrorView, LiveSchedule, Loading, NotFoundView};
use crate::i18n::{I18nInjection, LiveMsg, Msg};
use crate::io::course_source::LoadedCourse;
use crate::paths;
use crate::state::{load_course, SessionInjection};
use lectern_core::course::LessonContent;
use lectern_core::live::LiveSessionId;
use lectern_core::LessonId;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The live room page.
#[component]
pub fn LiveRoomPage() -> impl IntoView {
    let session = SessionInjection::expect();
    let params = use_params_map();
    let query = use_query_map();
    let course_id = Memo::new(move |_| params.read().get("course_id").unwrap_or_default());
    let lesson_id = Memo::new(move |_| params.read().get("lesson_id").unwrap_or_default());
    let from = Memo::new(move |_| {
        query
            .read()
            .get("from")
            .filter(|from| paths::own_path(from).is_some())
    });
    let loaded = LocalResource::new(move || load_course(session, course_id.get()));
    view! {
        <Suspense fallback=Loading>
            {move || {
                let lesson_id = lesson_id.get();
                Suspend::new(async move {
                    match loaded.await {
                        Ok(loaded) => room_view(loaded, &lesson_id, from.get_untracked(), session),
                        Err(error) => view! { <ErrorView error is_page=true on_retry=move || loaded.refetch() /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn room_view(
    loaded: LoadedCourse,
    raw_lesson_id: &str,
    from: Option<String>,
    session: SessionInjection,
) -> AnyView {
    let i18n = I18nInjection::expect();
    let course = loaded.course;
    let found = LessonId::parse(raw_lesson_id).ok().and_then(|lesson_id| {
        let lesson = course.lesson(&lesson_id)?.clone();
        match lesson.content {
            LessonContent::Live(live) => Some((lesson.lesson_id, lesson.title, live)),
            _ => None,
        }
    });
    let Some((lesson_id, title, live)) = found else {
        return view! { <NotFoundView title=Msg::LessonNotFoundTitle body=Msg::LessonNotFoundBody /> }.into_any();
    };
    let session_id = LiveSessionId::new(course.course_id.clone(), lesson_id.clone());
    let session_id_text = session_id.to_string();
    let lesson_href = paths::lesson(&course.course_id, &lesson_id);
    let token = session.token_untracked().unwrap_or_default();
    let switched = from.map(|from| {
        view! {
            <div class="live-switched notice" role="status">
                <p>{move || i18n.live(LiveMsg::SwitchedNotice)}</p>
                <a href=from>{move || i18n.live(LiveMsg::BackToWhereYouWere)}</a>
            </div>
        }
    });
    view! {
        <article class="live-room" data-session-id=session_id_text lang=course.language.clone()>
            <DocumentTitle text=title.clone() />
            <h1>{title}</h1>
            <LiveSchedule session=live />
            {switched}
            <LiveRoomView session_id token lesson_href />
        </article>
    }
    .into_any()
}
