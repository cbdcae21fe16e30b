//! The interactive transcript: every line of the chosen captions track, searchable, each a
//! button that seeks to it, with the line being spoken marked and kept in view inside the
//! list (never by scrolling the page, and never while the learner is using the list), and
//! a plain-text download.
//!
//! The list is built once per track and per query; as playback moves, only the marker of
//! the current line changes (through a [`Selector`], so one update touches two lines, not
//! two thousand).

use super::transcript_lines::{
    highlight_segments, is_search_active, shown_lines, transcript_lines, ShownLine,
};
use crate::i18n::{content_direction, fill, I18nInjection, PlayerMsg};
use crate::io::document::monotonic_ms;
use crate::io::download::download_text;
use crate::io::scroll::{keep_in_view, ScrollAxis};
use crate::state::player::{PlayerInjection, TrackCues};
use lectern_core::playback::PlayerIntent;
use lectern_core::vtt::{cue_index_at, format_timestamp, transcript_txt};
use leptos::html;
use leptos::logging::warn;
use leptos::prelude::*;

/// How long after the learner last scrolled, touched or typed in the list it stays still.
const LEARNER_QUIET_MS: u64 = 4_000;

/// Where the track's cues are, without the cues themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CuesState {
    None,
    Loading,
    Failed,
    Loaded,
}

/// The transcript of the chosen captions track, shown while the transcript is open.
#[component]
pub fn TranscriptPanel(
    /// The lesson, for the downloaded file's name.
    lesson_id: String,
) -> impl IntoView {
    let Some(player) = PlayerInjection::use_player() else {
        return ().into_any();
    };
    let i18n = I18nInjection::expect();
    let query = RwSignal::new(String::new());
    let download_failed = RwSignal::new(false);
    let state = Memo::new(move |_| {
        player.cues.with(|cues| match cues {
            TrackCues::None => CuesState::None,
            TrackCues::Loading => CuesState::Loading,
            TrackCues::Failed(_) => CuesState::Failed,
            TrackCues::Loaded(_) => CuesState::Loaded,
        })
    });
    let lines = Memo::new(move |_| {
        player.cues.with(|cues| match cues {
            TrackCues::Loaded(cues) => transcript_lines(cues),
            _ => Vec::new(),
        })
    });
    let file_name = StoredValue::new(format!("{lesson_id}-transcript.txt"));
    let download = move |_| {
        let text = player.cues.with_untracked(|cues| match cues {
            TrackCues::Loaded(cues) => Some(transcript_txt(cues)),
            _ => None,
        });
        let Some(text) = text else {
            return;
        };
        let result = file_name.with_value(|name| download_text(name, &text));
        if let Err(err) = &result {
            warn!("the transcript could not be downloaded: {err}");
        }
        download_failed.set(result.is_err());
    };
    let body = move || {
        match state.get() {
        CuesState::None => {
            view! { <p class="transcript-note">{move || i18n.p(PlayerMsg::NoTranscript)}</p> }.into_any()
        }
        CuesState::Loading => view! {
            <p class="transcript-note" role="status">{move || i18n.p(PlayerMsg::TracksLoading)}</p>
        }
        .into_any(),
        CuesState::Failed => view! {
            <p class="transcript-error" role="status">{move || i18n.p(PlayerMsg::CaptionsFailed)}</p>
        }
        .into_any(),
        CuesState::Loaded if lines.with(Vec::is_empty) => {
            view! { <p class="transcript-note">{move || i18n.p(PlayerMsg::NoTranscript)}</p> }.into_any()
        }
        CuesState::Loaded => view! {
            <div class="transcript-tools">
                <label class="transcript-search-label">
                    <span class="visually-hidden">{move || i18n.p(PlayerMsg::SearchTranscript)}</span>
                    <input
                        type="search"
                        class="transcript-search"
                        autocomplete="off"
                        dir="auto"
                        placeholder=move || i18n.p(PlayerMsg::SearchTranscript)
                        prop:value=move || query.get()
                        on:input=move |event| query.set(event_target_value(&event))
                    />
                </label>
                <button type="button" class="button button-quiet transcript-download" on:click=download>
                    {move || i18n.p(PlayerMsg::DownloadTranscript)}
                </button>
            </div>
            <Show when=move || download_failed.get()>
                <p class="transcript-error" role="status">{move || i18n.p(PlayerMsg::DownloadFailed)}</p>
            </Show>
            <TranscriptCues query lines />
        }
        .into_any(),
    }
    };
    view! {
        <section
            id="transcript-panel"
            class="transcript-panel"
            aria-labelledby="transcript-heading"
            hidden=move || !player.is_transcript_open.get()
        >
            <h2 id="transcript-heading" class="transcript-heading">{move || i18n.p(PlayerMsg::Transcript)}</h2>
            <Show when=move || player.is_transcript_open.get()>{body}</Show>
        </section>
    }
    .into_any()
}

/// The count of matching lines and the list itself.
#[component]
fn TranscriptCues(
    /// The search query.
    query: RwSignal<String>,
    /// Every line of the track.
    lines: Memo<Vec<super::transcript_lines::TranscriptLine>>,
) -> impl IntoView {
    let Some(player) = PlayerInjection::use_player() else {
        return ().into_any();
    };
    let i18n = I18nInjection::expect();
    let shown =
        Memo::new(move |_| query.with(|query| lines.with(|lines| shown_lines(lines, query))));
    let current = Memo::new(move |_| {
        let position_ms = player.position_ms.get();
        player.cues.with(|cues| match cues {
            TrackCues::Loaded(cues) => cue_index_at(cues, position_ms),
            _ => None,
        })
    });
    let is_current = Selector::new(move || current.get());
    let language = move || {
        let index = player.track_index.get()?;
        player.lecture.with_value(|lecture| {
            lecture
                .tracks
                .get(index)
                .map(|track| track.language.clone())
        })
    };
    let list = NodeRef::<html::Ol>::new();
    let is_pointer_inside = StoredValue::new(false);
    let last_used_ms = StoredValue::new(None::<u64>);
    let mark_used = move || last_used_ms.set_value(Some(monotonic_ms()));
    Effect::new(move || {
        let Some(cue_index) = current.get() else {
            return;
        };
        let Some(list) = list.get() else {
            return;
        };
        let is_recently_used = last_used_ms
            .get_value()
            .is_some_and(|used_ms| monotonic_ms().saturating_sub(used_ms) < LEARNER_QUIET_MS);
        if is_pointer_inside.get_value() || is_recently_used {
            return;
        }
        let selector = format!("li[data-cue-index=\"{cue_index}\"]");
        if let Ok(Some(item)) = list.query_selector(&selector) {
            keep_in_view(&list, &item, ScrollAxis::Block);
        }
    });
    let match_count = move || {
        let query_is_active = query.with(|query| is_search_active(query));
        query_is_active.then(|| {
            let count = shown.with(Vec::len).to_string();
            fill(i18n.p(PlayerMsg::TranscriptMatches), "count", &count)
        })
    };
    view! {
        <p class="transcript-match-count" aria-live="polite">{match_count}</p>
        <ol
            class="transcript-cues"
            node_ref=list
            lang=language
            dir=move || language().map(|language| content_direction(&language).as_attr())
            on:pointerenter=move |_| is_pointer_inside.set_value(true)
            on:pointerleave=move |_| is_pointer_inside.set_value(false)
            on:wheel=move |_| mark_used()
            on:touchmove=move |_| mark_used()
            on:keydown=move |_| mark_used()
            on:focusin=move |_| mark_used()
        >
            {move || {
                shown
                    .get()
                    .into_iter()
                    .map(|shown_line| cue_item(player, is_current.clone(), shown_line))
                    .collect_view()
            }}
        </ol>
    }
    .into_any()
}

/// One line: a button that seeks to the cue, marked while the cue is being spoken.
fn cue_item(
    player: PlayerInjection,
    is_current: Selector<Option<usize>>,
    shown: ShownLine,
) -> impl IntoView {
    let ShownLine { line, matches } = shown;
    let cue_index = line.cue_index;
    let start_ms = line.start_ms;
    let text = highlight_segments(&line.text, &matches)
        .into_iter()
        .map(|segment| {
            let text = segment.text.to_owned();
            if segment.is_match {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view();
    let is_current = move || is_current.selected(&Some(cue_index));
    view! {
        <li data-cue-index=cue_index.to_string()>
            <button
                type="button"
                class="transcript-cue"
                class:is-current=is_current.clone()
                aria-current=move || is_current().then_some("true")
                data-start-ms=start_ms.to_string()
                on:click=move |_| player.dispatch(PlayerIntent::SeekTo { position_ms: start_ms })
            >
                <span class="cue-time">{format_timestamp(start_ms)}</span>
                <span class="cue-text">{text}</span>
            </button>
        </li>
    }
}
