//! The lecture's chapters as a list of buttons that seek to each one, with the chapter
//! being played marked.

use crate::i18n::{I18nInjection, PlayerMsg};
use crate::state::player::PlayerInjection;
use lectern_core::playback::PlayerIntent;
use lectern_core::vtt::{chapter_index_at, format_timestamp, Chapter};
use leptos::prelude::*;

/// The chapter list; nothing when the lecture has no chapters.
#[component]
pub fn ChapterList() -> impl IntoView {
    let Some(player) = PlayerInjection::use_player() else {
        return ().into_any();
    };
    let i18n = I18nInjection::expect();
    let current = Memo::new(move |_| {
        let position_ms = player.position_ms.get();
        player
            .chapters
            .with(|chapters| chapter_index_at(chapters, position_ms))
    });
    let has_chapters = move || player.chapters.with(|chapters| !chapters.is_empty());
    view! {
        <Show when=has_chapters>
            <nav class="chapter-list" aria-label=move || i18n.p(PlayerMsg::Chapters)>
                <ol>
                    {move || {
                        player
                            .chapters
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(index, chapter)| chapter_item(player, current, index, chapter))
                            .collect_view()
                    }}
                </ol>
            </nav>
        </Show>
    }
    .into_any()
}

/// One chapter: a button that seeks to its start.
fn chapter_item(
    player: PlayerInjection,
    current: Memo<Option<usize>>,
    index: usize,
    chapter: Chapter,
) -> impl IntoView {
    let start_ms = chapter.start_ms;
    let is_current = move || current.get() == Some(index);
    view! {
        <li>
            <button
                type="button"
                class="chapter"
                class:is-current=is_current
                aria-current=move || is_current().then_some("true")
                data-start-ms=start_ms.to_string()
                on:click=move |_| player.dispatch(PlayerIntent::SeekTo { position_ms: start_ms })
            >
                <span class="chapter-time">{format_timestamp(start_ms)}</span>
                <span class="chapter-title">{chapter.title}</span>
            </button>
        </li>
    }
}
