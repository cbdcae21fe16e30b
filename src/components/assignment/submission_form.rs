//! The hand-in form: a written answer and files, as the assignment takes them, each file
//! checked against its type and size limits the moment it is picked, then uploaded with
//! its progress shown, and the submission recorded.

use super::problem_text::{hand_in_failure_text, submission_problem_text};
use crate::i18n::{I18nInjection, WorkMsg};
use crate::io::document::format_bytes;
use crate::io::event_recorder::EventRecorder;
use crate::state::assignment::{check_chosen, ChosenFile, HandIn};
use crate::state::{SessionInjection, SyncInjection};
use lectern_core::assignment::{AssignmentRules, MAX_SUBMISSION_TEXT_CHARS};
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The form.
#[component]
pub fn SubmissionForm(
    course_id: CourseId,
    lesson_id: LessonId,
    rules: AssignmentRules,
    /// Called once the submission is recorded.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let hand_in = HandIn {
        session: SessionInjection::expect(),
        sync: SyncInjection::expect(),
    };
    let text = RwSignal::new(String::new());
    let files = RwSignal::new_local(Vec::<ChosenFile>::new());
    let problem = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let rules = StoredValue::new(rules);
    let recorder = StoredValue::new_local(EventRecorder::new());
    let place = StoredValue::new((course_id, lesson_id));
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let picked = input.files();
        let count = picked.as_ref().map_or(0, web_sys::FileList::length);
        for index in 0..count {
            let Some(file) = picked.as_ref().and_then(|list| list.get(index)) else {
                continue;
            };
            match ChosenFile::new(file) {
                Ok(chosen) => match check_chosen(&rules.get_value(), &chosen) {
                    Ok(()) => files.update(|files| files.push(chosen)),
                    Err(refused) => {
                        let line = submission_problem_text(i18n, &refused, &chosen.name());
                        problem.set(Some(line));
                    }
                },
                Err(_) => problem.set(Some(i18n.w(WorkMsg::SaveFailed).to_owned())),
            }
        }
        // Picking the same file again after removing it must fire `change` again.
        input.set_value("");
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let (course_id, lesson_id) = place.get_value();
            let chosen = files.get_untracked();
            let report = |name: &str, percent: u8| {
                let line = i18n
                    .w(WorkMsg::Uploading)
                    .replace("{name}", name)
                    .replace("{percent}", &percent.to_string());
                progress.set(Some(line));
            };
            let outcome = hand_in
                .hand_in(
                    &recorder.get_value(),
                    (&course_id, &lesson_id),
                    &rules.get_value(),
                    text.get_untracked(),
                    &chosen,
                    report,
                )
                .await;
            busy.set(false);
            progress.set(None);
            match outcome {
                Ok(_) => {
                    text.set(String::new());
                    files.set(Vec::new());
                    on_done.run(());
                }
                Err(failure) => problem.set(Some(hand_in_failure_text(i18n, &failure))),
            }
        });
    };
    let rules_now = rules.get_value();
    let file_rules = rules_now.files.clone();
    view! {
        <form class="submission-form" id="submission-form" on:submit=submit novalidate>
            {rules_now.text.then(|| view! {
                <label for="submission-text">{move || i18n.w(WorkMsg::YourAnswer)}</label>
                <textarea id="submission-text" name="text" rows="8" maxlength=MAX_SUBMISSION_TEXT_CHARS.to_string()
                    aria-describedby="submission-error" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            })}
            {file_rules.map(|file_rules| {
                let accept = file_rules.accepted_types.join(",");
                let hint = move || i18n.w(WorkMsg::FilesHint)
                    .replace("{types}", &file_rules.accepted_types.join(", "))
                    .replace("{count}", &file_rules.max_files.to_string())
                    .replace("{size}", &format_bytes(file_rules.max_file_bytes, i18n.locale().tag()));
                view! {
                    <label for="submission-files">{move || i18n.w(WorkMsg::AddFiles)}</label>
                    <input id="submission-files" name="files" type="file" multiple accept=accept
                        aria-describedby="submission-files-hint submission-error" on:change=pick />
                    <p class="field-hint" id="submission-files-hint">{hint}</p>
                }
            })}
            <ul class="chosen-files">
                <For each=move || files.get() key=|chosen| chosen.upload_id.clone() let:chosen>
                    {
                        let upload_id = chosen.upload_id.clone();
                        let name = chosen.name();
                        let size = chosen.size_bytes();
                        let label = i18n.w(WorkMsg::RemoveFile).replace("{name}", &name);
                        view! {
                            <li class="chosen-file">
                                <span class="chosen-name">{name.clone()}</span> " · "
                                <span>{move || format_bytes(size, i18n.locale().tag())}</span>
                                <button type="button" class="button button-quiet" aria-label=label
                                    on:click=move |_| files.update(|files| files.retain(|f| f.upload_id != upload_id))>"×"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <p class="upload-progress" role="status">{move || progress.get()}</p>
            <p class="form-error" id="submission-error" role="alert">{move || problem.get()}</p>
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { i18n.w(WorkMsg::HandingIn) } else { i18n.w(WorkMsg::HandIn) }}
            </button>
        </form>
    }
}
