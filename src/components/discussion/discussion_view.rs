//! A `discussion` lesson: its prompt, the form to start a thread, and its threads.

use super::{ComposerTarget, PostComposer, ThreadListView};
use crate::components::MarkdownView;
use crate::i18n::{CollabMsg, I18nInjection};
use crate::paths;
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// The body of a discussion lesson.
#[component]
pub fn DiscussionView(course_id: CourseId, lesson_id: LessonId, prompt: String) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let all_href = paths::course_discussions(&course_id);
    view! {
        <div class="discussion">
            <div class="lesson-body discussion-prompt"><MarkdownView source=prompt /></div>
            <section class="new-thread" aria-labelledby="new-thread-heading">
                <h2 id="new-thread-heading">{move || i18n.c(CollabMsg::NewThreadHeading)}</h2>
                <PostComposer course_id=course_id.clone() lesson_id=lesson_id.clone()
                    target=ComposerTarget::NewThread form_id="new-thread".to_owned() on_done=|| () />
            </section>
            <ThreadListView course_id lesson_id />
            <p><a href=all_href>{move || i18n.c(CollabMsg::CourseThreadsLink)}</a></p>
        </div>
    }
}
