//! `/courses/:course_id/lessons/:lesson_id/submissions`: an instructor's view of every
//! learner's attempts at a quiz, those waiting for review first, with a form to grade each
//! answer that needs a person.

use crate::components::quiz::SubmissionCard;
use crate::components::{DocumentTitle, ErrorView, Loading};
use crate::i18n::{I18nInjection, QuizMsg};
use crate::io::http::HttpError;
use crate::io::quiz_api;
use crate::paths;
use crate::state::{load_course, SessionInjection};
use lectern_api::v1::QuizId;
use lectern_core::course::LessonContent;
use lectern_core::LessonId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The submissions page.
#[component]
pub fn QuizSubmissionsPage() -> impl IntoView {
    let session = SessionInjection::expect();
    let i18n = I18nInjection::expect();
    let params = use_params_map();
    let course_id = Memo::new(move |_| params.read().get("course_id").unwrap_or_default());
    let lesson_id = Memo::new(move |_| params.read().get("lesson_id").unwrap_or_default());
    let loaded = LocalResource::new(move || {
        let (raw_course_id, raw_lesson_id) = (course_id.get(), lesson_id.get());
        async move {
            let loaded = load_course(session, raw_course_id).await?;
            let course = loaded.course;
            let lesson_id = LessonId::parse(&raw_lesson_id).map_err(|_| HttpError::NotFound)?;
            let lesson = course
                .lesson(&lesson_id)
                .cloned()
                .ok_or(HttpError::NotFound)?;
            let LessonContent::Quiz(quiz) = lesson.content else {
                return Err(HttpError::NotFound);
            };
            let token = session.token_untracked().ok_or(HttpError::SignedOut)?;
            let quiz_id = QuizId::new(course.course_id.clone(), lesson_id.clone());
            let list = session.observe(quiz_api::list_submissions(&token, &quiz_id).await)?;
            Ok((
                course.course_id,
                lesson_id,
                lesson.title,
                quiz,
                list.submissions,
                course.language,
            ))
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((course_id, lesson_id, title, quiz, submissions, language)) => {
                        let quiz = StoredValue::new(quiz);
                        let heading = format!("{} · {}", title, i18n.q(QuizMsg::SubmissionsTitle));
                        let is_empty = submissions.is_empty();
                        view! {
                            <DocumentTitle text=heading.clone() />
                            <p><a class="submissions-back" href=paths::lesson(&course_id, &lesson_id)>{move || i18n.q(QuizMsg::BackToLesson)}</a></p>
                            <h1>{heading}</h1>
                            {is_empty.then(|| view! { <p class="submissions-empty">{move || i18n.q(QuizMsg::NoSubmissions)}</p> })}
                            <ul class="submissions">
                                {submissions.into_iter().map(|submission| view! { <li><SubmissionCard submission quiz=quiz.get_value() language=language.clone() /></li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(HttpError::NotFound) => view! { <p class="submissions-forbidden" role="alert">{move || i18n.q(QuizMsg::NotTeaching)}</p> }.into_any(),
                    Err(error) => view! { <ErrorView error is_page=true on_retry=move || loaded.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
