//! `/courses/:course_id/gradebook`: an instructor's table of every enrolled learner (lessons
//! completed, each graded quiz's best score, each assignment's grade after any late
//! penalty, and when they were last active), sortable by any column, and as CSV.

use crate::components::{DocumentTitle, ErrorView, Loading};
use crate::i18n::{action_error_line, I18nInjection, WorkMsg};
use crate::io::assignments_api;
use crate::io::document::format_local_datetime;
use crate::io::file_save::save_from_api;
use crate::io::http::HttpError;
use crate::state::gradebook_sort::{sort_rows, SortKey};
use crate::state::SessionInjection;
use lectern_api::v1::{routes, Gradebook, GradebookRow};
use lectern_core::CourseId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The gradebook page.
#[component]
pub fn GradebookPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let params = use_params_map();
    let raw_course_id = Memo::new(move |_| params.read().get("course_id").unwrap_or_default());
    let loaded = LocalResource::new(move || {
        let raw = raw_course_id.get();
        async move {
            let course_id = CourseId::parse(&raw).map_err(|_| HttpError::NotFound)?;
            let token = session.token_untracked().ok_or(HttpError::SignedOut)?;
            session.observe(assignments_api::gradebook(&token, &course_id).await)
        }
    });
    view! {
        <DocumentTitle text=i18n.w(WorkMsg::GradebookTitle).to_owned() />
        <h1>{move || i18n.w(WorkMsg::GradebookTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(gradebook) => view! { <GradebookTable gradebook /> }.into_any(),
                    Err(HttpError::NotFound) => view! { <p role="alert">{move || i18n.w(WorkMsg::NotTeaching)}</p> }.into_any(),
                    Err(error) => view! { <ErrorView error is_page=false on_retry=move || loaded.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GradebookTable(gradebook: Gradebook) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let order = RwSignal::new((SortKey::Learner, true));
    let rows = StoredValue::new(gradebook.learners.clone());
    let sorted = move || {
        let (key, ascending) = order.get();
        let mut rows = rows.get_value();
        sort_rows(&mut rows, key, ascending);
        rows
    };
    let export_error = RwSignal::new(None::<String>);
    let course_id = gradebook.course_id.clone();
    let export = move |_| {
        let Some(token) = session.token_untracked() else {
            return;
        };
        let (path, name) = (
            routes::course_gradebook_csv(&course_id),
            format!("{course_id}-gradebook.csv"),
        );
        leptos::task::spawn_local(async move {
            let saved = save_from_api(&token, &path, &name).await;
            export_error.set(
                session
                    .observe(saved)
                    .err()
                    .map(|err| action_error_line(i18n.locale(), &err)),
            );
        });
    };
    let header = move |label: String, key: SortKey| {
        let sort_state = move || match order.get() {
            (current, true) if current == key => "ascending",
            (current, false) if current == key => "descending",
            _ => "none",
        };
        let aria_label = i18n.w(WorkMsg::SortBy).replace("{column}", &label);
        view! {
            <th scope="col" aria-sort=sort_state>
                <button type="button" class="sort-button" aria-label=aria_label
                    on:click=move |_| order.update(|(current, ascending)| {
                        *ascending = if *current == key { !*ascending } else { true };
                        *current = key;
                    })>{label.clone()}</button>
            </th>
        }
    };
    let quiz_headers = gradebook
        .quiz_columns
        .iter()
        .enumerate()
        .map(|(index, column)| header(column.title.clone(), SortKey::Quiz(index)))
        .collect_view();
    let assignment_headers = gradebook
        .assignment_columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            header(
                format!("{} (/{})", column.title, column.max_points),
                SortKey::Assignment(index),
            )
        })
        .collect_view();
    let is_empty = gradebook.learners.is_empty();
    let course_href = crate::paths::course(&gradebook.course_id);
    view! {
        <p><a href=course_href>{gradebook.course_title.clone()}</a></p>
        <p>
            <button type="button" class="button gradebook-export" on:click=export>{move || i18n.w(WorkMsg::ExportCsv)}</button>
            <span class="form-error" role="alert">{move || export_error.get()}</span>
        </p>
        {is_empty.then(|| view! { <p>{move || i18n.w(WorkMsg::NoLearners)}</p> })}
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.w(WorkMsg::GradebookTitle)>
            <table class="gradebook">
                <thead><tr>
                    {header(i18n.w(WorkMsg::LearnerColumn).to_owned(), SortKey::Learner)}
                    {header(format!("{} (/{})", i18n.w(WorkMsg::LessonsColumn), gradebook.lesson_count), SortKey::LessonsCompleted)}
                    {quiz_headers}
                    {assignment_headers}
                    {header(i18n.w(WorkMsg::LastActivityColumn).to_owned(), SortKey::LastActivity)}
                </tr></thead>
                <tbody>{move || sorted().into_iter().map(gradebook_row).collect_view()}</tbody>
            </table>
        </div>
    }
}

fn gradebook_row(row: GradebookRow) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let points = |millipoints: u32| format!("{:.1}", f64::from(millipoints) / 1_000.0);
    let quiz_cells = row.quizzes.iter().map(|cell| {
        let text = match (cell.best_score_millipoints, cell.possible_millipoints) {
            (Some(best), Some(possible)) => format!("{} / {}", points(best.millipoints()), points(possible.millipoints())),
            (Some(best), None) => points(best.millipoints()),
            _ => "–".to_owned(),
        };
        let review = cell.needs_review;
        view! { <td>{text}{review.then(|| view! { " " <span class="badge">{move || i18n.w(WorkMsg::NeedsReview)}</span> })}</td> }
    }).collect_view();
    let assignment_cells = row
        .assignments
        .iter()
        .map(|cell| {
            let text = cell
                .final_score_millipoints
                .map(points)
                .unwrap_or_else(|| "–".to_owned());
            view! { <td data-state=format!("{:?}", cell.state).to_lowercase()>{text}</td> }
        })
        .collect_view();
    let last = row.last_activity_at;
    view! {
        <tr data-learner=row.learner.user_id.to_string()>
            <th scope="row">{row.learner.display_name.clone()}</th>
            <td>{row.lessons_completed}</td>
            {quiz_cells}
            {assignment_cells}
            <td>{move || last.map(|at| format_local_datetime(at, i18n.locale().tag())).unwrap_or_else(|| "–".to_owned())}</td>
        </tr>
    }
}
