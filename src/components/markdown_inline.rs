//! Inline Markdown (text, emphasis, code, links, images) as elements, for `MarkdownView`.
//! Links carry `rel="noopener noreferrer"`; links that leave the app open in a new tab.

use crate::paths::is_external;
use lectern_core::markdown::Inline;
use leptos::prelude::*;

/// Renders a run of inlines.
pub(super) fn inlines_view(inlines: Vec<Inline>) -> AnyView {
    inlines
        .into_iter()
        .map(inline_view)
        .collect_view()
        .into_any()
}

fn inline_view(inline: Inline) -> AnyView {
    match inline {
        Inline::Text(text) => text.into_any(),
        Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
        Inline::Emphasis(content) => view! { <em>{inlines_view(content)}</em> }.into_any(),
        Inline::Strong(content) => view! { <strong>{inlines_view(content)}</strong> }.into_any(),
        Inline::Strikethrough(content) => view! { <del>{inlines_view(content)}</del> }.into_any(),
        Inline::Link {
            href: Some(href),
            content,
        } => {
            let target = is_external(&href).then_some("_blank");
            view! {
                <a href=href target=target rel="noopener noreferrer">
                    {inlines_view(content)}
                </a>
            }
            .into_any()
        }
        // An unsafe URL was dropped by core: keep the words, without a link.
        Inline::Link {
            href: None,
            content,
        } => view! { <span class="link-removed">{inlines_view(content)}</span> }.into_any(),
        Inline::Image {
            src: Some(src),
            alt,
        } => view! { <img src=src alt=alt loading="lazy" /> }.into_any(),
        Inline::Image { src: None, alt } => {
            view! { <span class="image-removed">{alt}</span> }.into_any()
        }
        Inline::LineBreak => view! { <br /> }.into_any(),
    }
}
