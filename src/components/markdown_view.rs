//! Course text on screen. Renders core's safe Markdown tree as ordinary elements, never as an
//! HTML string, so nothing in a course can add markup or run script. Headings move down one
//! level so the lesson title stays the page's only `h1`.

use super::markdown_inline::inlines_view;
use lectern_core::markdown::{self, Block};
use leptos::prelude::*;

/// A Markdown document, rendered.
#[component]
pub fn MarkdownView(
    /// The Markdown source.
    source: String,
) -> impl IntoView {
    blocks_view(markdown::parse(&source))
}

/// Short Markdown (a choice, a blank's surrounding text) inside a line: a lone paragraph
/// renders as its inlines, anything longer as blocks.
#[component]
pub fn MarkdownText(
    /// The Markdown source.
    source: String,
) -> impl IntoView {
    let mut blocks = markdown::parse(&source);
    match (blocks.len(), blocks.pop()) {
        (1, Some(Block::Paragraph(content))) => inlines_view(content),
        (_, Some(last)) => {
            blocks.push(last);
            blocks_view(blocks)
        }
        (_, None) => ().into_any(),
    }
}

/// The heading level a Markdown heading gets under the page's `h1`.
pub fn shifted_heading_level(level: u8) -> u8 {
    level.saturating_add(1).clamp(2, 6)
}

fn blocks_view(blocks: Vec<Block>) -> AnyView {
    blocks.into_iter().map(block_view).collect_view().into_any()
}

fn block_view(block: Block) -> AnyView {
    match block {
        Block::Heading { level, content } => heading_view(level, content),
        Block::Paragraph(content) => view! { <p>{inlines_view(content)}</p> }.into_any(),
        Block::List {
            start: Some(start),
            items,
        } => view! { <ol start=start.to_string()>{list_items_view(items)}</ol> }.into_any(),
        Block::List { start: None, items } => {
            view! { <ul>{list_items_view(items)}</ul> }.into_any()
        }
        Block::Quote(blocks) => view! { <blockquote>{blocks_view(blocks)}</blockquote> }.into_any(),
        Block::Code { language, text } => {
            let class = language.map(|language| format!("language-{language}"));
            view! {
                <pre dir="ltr">
                    <code class=class>{text}</code>
                </pre>
            }
            .into_any()
        }
        Block::Rule => view! { <hr /> }.into_any(),
    }
}

fn heading_view(level: u8, content: Vec<lectern_core::markdown::Inline>) -> AnyView {
    let content = inlines_view(content);
    match shifted_heading_level(level) {
        2 => view! { <h2>{content}</h2> }.into_any(),
        3 => view! { <h3>{content}</h3> }.into_any(),
        4 => view! { <h4>{content}</h4> }.into_any(),
        5 => view! { <h5>{content}</h5> }.into_any(),
        _ => view! { <h6>{content}</h6> }.into_any(),
    }
}

fn list_items_view(items: Vec<Vec<Block>>) -> impl IntoView {
    items
        .into_iter()
        .map(|item| view! { <li>{blocks_view(item)}</li> })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn headings_move_down_one_level() {
        assert_eq!(shifted_heading_level(1), 2);
        assert_eq!(shifted_heading_level(2), 3);
        assert_eq!(shifted_heading_level(5), 6);
        assert_eq!(shifted_heading_level(6), 6);
        assert_eq!(shifted_heading_level(0), 2);
    }
}
