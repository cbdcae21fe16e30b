//! A slides lesson: one slide at a time on a stage, previous and next buttons, and a strip
//! of thumbnails to jump with. With a narration playing in a [`PlayerInjection`] above it,
//! the deck follows the narration and choosing a slide seeks the narration to it; without
//! one it is a plain deck the learner steps through.

use crate::components::MarkdownView;
use crate::i18n::{content_direction, fill, I18nInjection, PlayerMsg};
use crate::io::scroll::{keep_in_view, ScrollAxis};
use crate::state::player::PlayerInjection;
use lectern_core::course::{SlideDeck, SlideFace};
use lectern_core::markdown::{self, plain_text, Block};
use lectern_core::playback::PlayerIntent;
use leptos::html;
use leptos::prelude::*;

/// The longest Markdown summary a thumbnail shows, in characters.
const SUMMARY_CHARS: usize = 40;

/// A slide deck, narrated or not.
#[component]
pub fn SlideDeckView(
    /// The slides, and the narration they follow, if any.
    deck: SlideDeck,
    /// The course's language (a BCP 47 tag), for the slides' text.
    language: String,
    /// The lesson, for element ids.
    lesson_id: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let total = deck.slides.len();
    let Some(last_index) = total.checked_sub(1) else {
        return ().into_any();
    };
    // A player above the deck is playing its narration (the lesson view provides it).
    let narration = PlayerInjection::use_player().filter(|_| is_fully_timed(&deck));
    let deck = StoredValue::new(deck);
    let chosen = RwSignal::new(0_usize);
    let shown = Memo::new(move |_| match narration {
        Some(player) => {
            let position_seconds = player.position_ms.get() as f64 / 1000.0;
            deck.with_value(|deck| deck.slide_at(position_seconds))
        }
        None => chosen.get(),
    });
    let go_to = move |index: usize| {
        let index = index.min(last_index);
        let Some(player) = narration else {
            chosen.set(index);
            return;
        };
        let start = deck.with_value(|deck| {
            deck.slides
                .get(index)
                .and_then(|slide| slide.starts_at_seconds)
        });
        if let Some(start) = start {
            player.dispatch(PlayerIntent::SeekTo {
                position_ms: slide_start_ms(start),
            });
        }
    };
    let on_key = move |event: web_sys::KeyboardEvent| {
        let index = shown.get_untracked();
        let target = match event.key().as_str() {
            "PageUp" => index.saturating_sub(1),
            "PageDown" => index.saturating_add(1).min(last_index),
            _ => return,
        };
        event.prevent_default();
        go_to(target);
    };
    let is_first = move || shown.get() == 0;
    let is_last = move || shown.get() >= last_index;
    let stage_id = format!("slides-{lesson_id}");
    let direction = content_direction(&language).as_attr();
    let strip = NodeRef::<html::Ol>::new();
    Effect::new(move || {
        let index = shown.get();
        let Some(strip) = strip.get() else {
            return;
        };
        if let Ok(Some(thumb)) = strip.query_selector(&format!("li[data-slide-index=\"{index}\"]"))
        {
            keep_in_view(&strip, &thumb, ScrollAxis::Inline);
        }
    });
    let stage_face = {
        let language = language.clone();
        move || {
            let index = shown.get();
            deck.with_value(|deck| {
                deck.slides
                    .get(index)
                    .map(|slide| face_view(&slide.face, &language, direction))
            })
        }
    };
    let position = move || {
        let text = fill(
            i18n.p(PlayerMsg::SlideOf),
            "n",
            &(shown.get() + 1).to_string(),
        );
        fill(&text, "total", &total.to_string())
    };
    let thumbs = deck.with_value(|deck| {
        deck.slides
            .iter()
            .enumerate()
            .map(|(index, slide)| {
                let number = (index + 1).to_string();
                let is_current = move || shown.get() == index;
                view! {
                    <li data-slide-index=index.to_string()>
                        <button
                            type="button"
                            class="slide-thumb"
                            class:is-current=is_current
                            aria-label=move || fill(i18n.p(PlayerMsg::GoToSlide), "n", &number)
                            aria-current=move || is_current().then_some("true")
                            on:click=move |_| go_to(index)
                        >
                            <span class="slide-thumb-number" aria-hidden="true">{index + 1}</span>
                            {thumb_view(&slide.face, &language, direction)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <div class="slide-deck" on:keydown=on_key>
            <figure class="slide-stage" id=stage_id.clone() tabindex="0">
                <div class="slide-face">{stage_face}</div>
                <figcaption class="slide-position" aria-live="polite">{position}</figcaption>
            </figure>
            <div class="slide-nav">
                <button
                    type="button"
                    class="button button-quiet slide-previous"
                    aria-controls=stage_id.clone()
                    disabled=is_first
                    on:click=move |_| go_to(shown.get_untracked().saturating_sub(1))
                >
                    {move || i18n.p(PlayerMsg::PreviousSlide)}
                </button>
                <button
                    type="button"
                    class="button button-quiet slide-next"
                    aria-controls=stage_id
                    disabled=is_last
                    on:click=move |_| go_to(shown.get_untracked().saturating_add(1))
                >
                    {move || i18n.p(PlayerMsg::NextSlide)}
                </button>
            </div>
            <ol class="slide-strip" node_ref=strip aria-label=move || i18n.p(PlayerMsg::Slides)>
                {thumbs}
            </ol>
        </div>
    }
    .into_any()
}

/// Whether the deck can follow a narration: every slide says when it starts in it.
fn is_fully_timed(deck: &SlideDeck) -> bool {
    deck.slides
        .iter()
        .all(|slide| slide.starts_at_seconds.is_some())
}

/// Where to seek the narration to show a slide starting at `start_seconds`: rounded up to
/// the millisecond, so the slide at that position is this slide and not the one before.
fn slide_start_ms(start_seconds: f64) -> u64 {
    (start_seconds.max(0.0) * 1000.0).ceil() as u64
}

/// A slide on the stage: its image with the manifest's text alternative, or its Markdown.
fn face_view(face: &SlideFace, language: &str, direction: &'static str) -> AnyView {
    match face {
        SlideFace::Image { image_url, alt } => view! {
            <img class="slide-image" src=image_url.to_string() alt=alt.clone() lang=language.to_owned() dir=direction />
        }
        .into_any(),
        SlideFace::Markdown { body } => view! {
            <div class="slide-markdown" lang=language.to_owned() dir=direction>
                <MarkdownView source=body.clone() />
            </div>
        }
        .into_any(),
    }
}

/// A thumbnail: the image, decorative because the button is labelled, or the Markdown's
/// first line.
fn thumb_view(face: &SlideFace, language: &str, direction: &'static str) -> AnyView {
    match face {
        SlideFace::Image { image_url, .. } => view! {
            <img class="slide-thumb-image" src=image_url.to_string() alt="" loading="lazy" />
        }
        .into_any(),
        SlideFace::Markdown { body } => view! {
            <span class="slide-thumb-text" lang=language.to_owned() dir=direction aria-hidden="true">
                {slide_summary(body)}
            </span>
        }
        .into_any(),
    }
}

/// The first heading or paragraph of a Markdown slide as plain text, shortened to
/// [`SUMMARY_CHARS`] characters with an ellipsis.
pub fn slide_summary(body: &str) -> String {
    let blocks = markdown::parse(body);
    let text = first_text(&blocks).unwrap_or_default();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= SUMMARY_CHARS {
        return words;
    }
    let cut: String = words.chars().take(SUMMARY_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The plain text of the first heading or paragraph, looking inside lists and quotes.
fn first_text(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|block| match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => {
            Some(plain_text(content)).filter(|text| !text.trim().is_empty())
        }
        Block::List { items, .. } => items.iter().find_map(|item| first_text(item)),
        Block::Quote(blocks) => first_text(blocks),
        Block::Code { text, .. } => text
            .lines()
            .find(|line| !line.trim().is_empty())
            .map(str::to_owned),
        Block::Rule => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::course::Slide;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn slide(starts_at_seconds: Option<f64>) -> Slide {
        Slide {
            face: SlideFace::Markdown {
                body: "# A".to_owned(),
            },
            starts_at_seconds,
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_summary_is_the_first_text_without_markup() {
        assert_eq!(
            slide_summary("# The *Moon*\n\nPhases and tides."),
            "The Moon"
        );
        assert_eq!(slide_summary("---\n\n- **Tides**\n- Phases"), "Tides");
        assert_eq!(slide_summary("> القمر\n> يدور"), "القمر يدور");
        assert_eq!(slide_summary(""), "");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_long_summary_is_cut_with_an_ellipsis() {
        let summary = slide_summary(&"word ".repeat(20));
        assert_eq!(summary, format!("{}word…", "word ".repeat(7)));
        assert_eq!(summary.chars().count(), SUMMARY_CHARS);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn seeking_to_a_slide_lands_on_that_slide() {
        let starts = [0.0, 4.35, 20.1, 33.333];
        let deck = SlideDeck {
            slides: starts.iter().map(|start| slide(Some(*start))).collect(),
            narration: None,
        };
        for (index, start) in starts.iter().enumerate() {
            let position_seconds = slide_start_ms(*start) as f64 / 1000.0;
            assert_eq!(
                deck.slide_at(position_seconds),
                index,
                "slide {index} at {start}"
            );
        }
        assert_eq!(slide_start_ms(-1.0), 0);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn only_a_fully_timed_deck_can_follow_a_narration() {
        let timed = SlideDeck {
            slides: vec![slide(Some(0.0)), slide(Some(10.0))],
            narration: None,
        };
        assert!(is_fully_timed(&timed));
        let untimed = SlideDeck {
            slides: vec![slide(Some(0.0)), slide(None)],
            narration: None,
        };
        assert!(!is_fully_timed(&untimed));
    }
}
