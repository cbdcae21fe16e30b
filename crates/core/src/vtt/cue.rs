//! A cue, its text as a tree of [`CueNode`]s, and which cues are showing at a playback
//! position.

use super::settings::CueSettings;

/// One caption, subtitle or chapter: a time span, layout settings and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    /// The identifier line above the timing line, if the file has one.
    pub cue_id: Option<String>,
    pub start_ms: u64,
    /// Always after `start_ms` in parsed cues.
    pub end_ms: u64,
    pub settings: CueSettings,
    /// The cue text as data; render it with text nodes, never as HTML.
    pub payload: Vec<CueNode>,
}

/// A piece of cue text. Nesting is at most [`MAX_CUE_NESTING`](super::MAX_CUE_NESTING)
/// deep in parsed cues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CueNode {
    Text(String),
    /// `<b>`
    Bold(Vec<CueNode>),
    /// `<i>`
    Italic(Vec<CueNode>),
    /// `<u>`
    Underline(Vec<CueNode>),
    /// `<c.class1.class2>`; classes contain only `A-Z a-z 0-9 _ -`.
    Class {
        classes: Vec<String>,
        children: Vec<CueNode>,
    },
    /// `<v.class Speaker name>`: a voice span; `speaker` may be empty.
    Voice {
        speaker: String,
        classes: Vec<String>,
        children: Vec<CueNode>,
    },
    /// `<lang en>`: text in another language (a BCP 47 tag, as written).
    Language {
        language: String,
        children: Vec<CueNode>,
    },
    /// `<ruby>`: base text with [`CueNode::RubyText`] annotations among its children.
    Ruby {
        children: Vec<CueNode>,
    },
    /// `<rt>`: the annotation of a ruby base; only ever a child of [`CueNode::Ruby`].
    RubyText(Vec<CueNode>),
    /// `<00:01.500>`: a karaoke-style time within the cue, in milliseconds.
    Timestamp(u64),
    /// A line break in the cue text.
    LineBreak,
}

impl CueNode {
    /// The nodes inside this one (empty for text, timestamps and line breaks).
    pub fn children(&self) -> &[CueNode] {
        match self {
            CueNode::Bold(children)
            | CueNode::Italic(children)
            | CueNode::Underline(children)
            | CueNode::RubyText(children)
            | CueNode::Class { children, .. }
            | CueNode::Voice { children, .. }
            | CueNode::Language { children, .. }
            | CueNode::Ruby { children } => children,
            CueNode::Text(_) | CueNode::Timestamp(_) | CueNode::LineBreak => &[],
        }
    }
}

impl Cue {
    /// All the text of the cue with the markup removed and lines joined with `'\n'`. Ruby
    /// text follows its base in parentheses (`<ruby>漢<rt>kan</rt></ruby>` → `漢(kan)`);
    /// timestamp tags and voice names are left out.
    pub fn plain_text(&self) -> String {
        plain_text_of(&self.payload)
    }

    /// Whether the cue is showing at `position_ms`: `start_ms <= position_ms < end_ms`.
    pub fn is_active_at(&self, position_ms: u64) -> bool {
        self.start_ms <= position_ms && position_ms < self.end_ms
    }
}

/// The plain text of a node list (see [`Cue::plain_text`]), walked without recursion.
pub(crate) fn plain_text_of(nodes: &[CueNode]) -> String {
    enum Step<'a> {
        Node(&'a CueNode),
        Literal(&'static str),
    }
    let mut text = String::new();
    let mut pending: Vec<Step<'_>> = nodes.iter().rev().map(Step::Node).collect();
    while let Some(step) = pending.pop() {
        match step {
            Step::Literal(literal) => text.push_str(literal),
            Step::Node(CueNode::Text(part)) => text.push_str(part),
            Step::Node(CueNode::LineBreak) => text.push('\n'),
            Step::Node(CueNode::RubyText(children)) => {
                pending.push(Step::Literal(")"));
                pending.extend(children.iter().rev().map(Step::Node));
                pending.push(Step::Literal("("));
            }
            Step::Node(node) => pending.extend(node.children().iter().rev().map(Step::Node)),
        }
    }
    text
}

/// The cues showing at `position_ms`, with their indices in `cues`, in slice order.
pub fn active_cues(cues: &[Cue], position_ms: u64) -> impl Iterator<Item = (usize, &Cue)> {
    cues.iter()
        .enumerate()
        .filter(move |(_, cue)| cue.is_active_at(position_ms))
}

/// The index of the cue to highlight in the transcript at `position_ms`: of the cues
/// showing, the one that started last (the later one in the slice on a tie).
pub fn cue_index_at(cues: &[Cue], position_ms: u64) -> Option<usize> {
    active_cues(cues, position_ms)
        .max_by_key(|(_, cue)| cue.start_ms)
        .map(|(index, _)| index)
}
