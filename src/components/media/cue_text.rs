//! Cue text on screen. Renders core's [`CueNode`] tree as elements and text nodes, never as
//! an HTML string, so a captions file can only ever show text. Class names come from core
//! already restricted to `A-Z a-z 0-9 _ -`, and get a `cue-c-` prefix so a cue cannot reach
//! the app's own styles.

use lectern_core::vtt::CueNode;
use leptos::prelude::*;

/// The text of one cue, with its bold, italic, underline, class, voice, language and ruby
/// spans.
#[component]
pub fn CueText(
    /// The cue's payload.
    nodes: Vec<CueNode>,
) -> impl IntoView {
    cue_nodes_view(&nodes)
}

/// Renders a run of cue nodes.
pub fn cue_nodes_view(nodes: &[CueNode]) -> AnyView {
    nodes.iter().map(cue_node_view).collect_view().into_any()
}

/// The `class` attribute for a cue's class list: `cue-c-{class}` for each.
pub fn cue_class_attr(classes: &[String]) -> String {
    classes
        .iter()
        .map(|class| format!("cue-c-{class}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn cue_node_view(node: &CueNode) -> AnyView {
    match node {
        CueNode::Text(text) => text.clone().into_any(),
        CueNode::Bold(children) => view! { <b>{cue_nodes_view(children)}</b> }.into_any(),
        CueNode::Italic(children) => view! { <i>{cue_nodes_view(children)}</i> }.into_any(),
        CueNode::Underline(children) => view! { <u>{cue_nodes_view(children)}</u> }.into_any(),
        CueNode::Class { classes, children } => {
            view! { <span class=cue_class_attr(classes)>{cue_nodes_view(children)}</span> }
                .into_any()
        }
        CueNode::Voice {
            speaker,
            classes,
            children,
        } => {
            let class = format!("cue-voice {}", cue_class_attr(classes));
            let title = (!speaker.is_empty()).then(|| speaker.clone());
            view! { <span class=class.trim_end().to_owned() title=title>{cue_nodes_view(children)}</span> }
                .into_any()
        }
        CueNode::Language { language, children } => {
            view! { <span lang=language.clone()>{cue_nodes_view(children)}</span> }.into_any()
        }
        CueNode::Ruby { children } => view! { <ruby>{cue_nodes_view(children)}</ruby> }.into_any(),
        CueNode::RubyText(children) => view! { <rt>{cue_nodes_view(children)}</rt> }.into_any(),
        CueNode::Timestamp(_) => ().into_any(),
        CueNode::LineBreak => view! { <br /> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn every_cue_class_gets_the_prefix() {
        let classes = vec!["yellow".to_owned(), "loud-1".to_owned()];
        assert_eq!(cue_class_attr(&classes), "cue-c-yellow cue-c-loud-1");
        assert_eq!(cue_class_attr(&[]), "");
    }
}
