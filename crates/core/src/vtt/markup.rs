//! Cue text to a [`CueNode`] tree, after the spec's cue text tokenizer and tree builder.
//!
//! Known tags are `b i u c v lang ruby rt` and timestamp tags; tag names are
//! case-sensitive. Any other tag (`<script>`, `<img onerror=…>`) is dropped with a warning
//! and its text kept as text, so nothing from a file ever becomes markup. As in the spec,
//! an end tag only closes the innermost open tag (`</ruby>` also closes an open `<rt>`);
//! other end tags are ignored, and tags still open at the end of the cue are closed there.
//! The tree is built with an explicit stack and at most [`MAX_CUE_NESTING`] tags deep.

use super::cue::CueNode;
use super::entities::decode_entities;
use super::timing::parse_timestamp;
use super::warning::{quoted, VttWarningKind, Warnings};

/// Deepest tag nesting kept in a cue; tags opened deeper are dropped as unknown.
pub const MAX_CUE_NESTING: usize = 32;

/// Parses cue text whose first line is file line `first_line`.
pub(crate) fn parse_cue_text(
    text: &str,
    first_line: usize,
    warnings: &mut Warnings,
) -> Vec<CueNode> {
    let mut tree = TreeBuilder {
        root: Vec::new(),
        open: Vec::new(),
        warnings,
    };
    let mut line = first_line;
    for token in (Tokens { rest: text }) {
        match token {
            Token::Text(raw) => tree.text(&decode_entities(raw)),
            Token::Tag(body) => tree.tag(body, line),
        }
        let (Token::Text(raw) | Token::Tag(raw)) = token;
        line = line.saturating_add(raw.matches('\n').count());
    }
    tree.finish()
}

/// A run of text, or the inside of a `<…>` tag (a tag cut off by the end of the text ends
/// there, as in the spec).
#[derive(Debug, Clone, Copy)]
enum Token<'a> {
    Text(&'a str),
    Tag(&'a str),
}

struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        if let Some(tag) = self.rest.strip_prefix('<') {
            let (body, rest) = tag.split_once('>').unwrap_or((tag, ""));
            self.rest = rest;
            return Some(Token::Tag(body));
        }
        let end = self.rest.find('<').unwrap_or(self.rest.len());
        let (text, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(Token::Text(text))
    }
}

/// What the inside of a tag says.
enum Tag<'a> {
    Start {
        name: &'a str,
        classes: Vec<&'a str>,
        annotation: &'a str,
    },
    End(&'a str),
    Timestamp(&'a str),
}

fn read_tag(body: &str) -> Tag<'_> {
    if let Some(name) = body.strip_prefix('/') {
        return Tag::End(name);
    }
    if body.starts_with(|c: char| c.is_ascii_digit()) {
        return Tag::Timestamp(body);
    }
    let head_end = body.find(is_tag_whitespace).unwrap_or(body.len());
    let (head, annotation) = body.split_at(head_end);
    let (name, classes) = match head.split_once('.') {
        Some((name, classes)) => (name, classes.split('.').collect()),
        None => (head, Vec::new()),
    };
    Tag::Start {
        name,
        classes,
        annotation,
    }
}

fn is_tag_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0C')
}

/// A tag that is open while building the tree.
enum OpenTag {
    Bold,
    Italic,
    Underline,
    Class(Vec<String>),
    Voice {
        speaker: String,
        classes: Vec<String>,
    },
    Language(String),
    Ruby,
    RubyText,
}

impl OpenTag {
    fn name(&self) -> &'static str {
        match self {
            OpenTag::Bold => "b",
            OpenTag::Italic => "i",
            OpenTag::Underline => "u",
            OpenTag::Class(_) => "c",
            OpenTag::Voice { .. } => "v",
            OpenTag::Language(_) => "lang",
            OpenTag::Ruby => "ruby",
            OpenTag::RubyText => "rt",
        }
    }

    /// Whether the spec lets the end tag be left out (`</v>`, and `</rt>` before `</ruby>`).
    fn is_end_tag_optional(&self) -> bool {
        matches!(self, OpenTag::Voice { .. } | OpenTag::RubyText)
    }

    fn into_node(self, children: Vec<CueNode>) -> CueNode {
        match self {
            OpenTag::Bold => CueNode::Bold(children),
            OpenTag::Italic => CueNode::Italic(children),
            OpenTag::Underline => CueNode::Underline(children),
            OpenTag::Class(classes) => CueNode::Class { classes, children },
            OpenTag::Voice { speaker, classes } => CueNode::Voice {
                speaker,
                classes,
                children,
            },
            OpenTag::Language(language) => CueNode::Language { language, children },
            OpenTag::Ruby => CueNode::Ruby { children },
            OpenTag::RubyText => CueNode::RubyText(children),
        }
    }
}

const KNOWN_TAGS: [&str; 8] = ["b", "i", "u", "c", "v", "lang", "ruby", "rt"];

struct OpenElement {
    tag: OpenTag,
    children: Vec<CueNode>,
    /// File line of the start tag, for the unclosed-tag warning.
    line: usize,
}

struct TreeBuilder<'w> {
    root: Vec<CueNode>,
    open: Vec<OpenElement>,
    warnings: &'w mut Warnings,
}

impl TreeBuilder<'_> {
    fn children(&mut self) -> &mut Vec<CueNode> {
        match self.open.last_mut() {
            Some(element) => &mut element.children,
            None => &mut self.root,
        }
    }

    /// Appends text, turning newlines into [`CueNode::LineBreak`] and merging adjacent text.
    fn text(&mut self, text: &str) {
        for (index, part) in text.split('\n').enumerate() {
            if index > 0 {
                self.children().push(CueNode::LineBreak);
            }
            if part.is_empty() {
                continue;
            }
            let children = self.children();
            match children.last_mut() {
                Some(CueNode::Text(previous)) => previous.push_str(part),
                _ => children.push(CueNode::Text(part.to_owned())),
            }
        }
    }

    fn tag(&mut self, body: &str, line: usize) {
        match read_tag(body) {
            Tag::Start {
                name,
                classes,
                annotation,
            } => self.start(name, &classes, annotation, line),
            Tag::End(name) => self.end(name, line),
            Tag::Timestamp(text) => match parse_timestamp(text) {
                Some(ms) => self.children().push(CueNode::Timestamp(ms)),
                None => self.warnings.push(
                    line,
                    VttWarningKind::BadTiming,
                    format_args!(
                        "timestamp tag {} is not a valid time; dropped",
                        quoted(text)
                    ),
                ),
            },
        }
    }

    fn start(&mut self, name: &str, classes: &[&str], annotation: &str, line: usize) {
        let is_in_ruby = matches!(self.open.last(), Some(e) if matches!(e.tag, OpenTag::Ruby));
        let tag = match name {
            "b" => OpenTag::Bold,
            "i" => OpenTag::Italic,
            "u" => OpenTag::Underline,
            "c" => OpenTag::Class(valid_classes(classes)),
            "v" => OpenTag::Voice {
                speaker: clean_annotation(annotation),
                classes: valid_classes(classes),
            },
            "lang" => OpenTag::Language(clean_annotation(annotation)),
            "ruby" => OpenTag::Ruby,
            "rt" if is_in_ruby => OpenTag::RubyText,
            "rt" => return self.unknown(line, format_args!("<rt> outside <ruby> dropped")),
            _ => {
                return self.unknown(
                    line,
                    format_args!("unknown tag <{}> dropped; its text is kept", name_of(name)),
                )
            }
        };
        if self.open.len() >= MAX_CUE_NESTING {
            return self.unknown(
                line,
                format_args!("tags nested deeper than {MAX_CUE_NESTING} are dropped"),
            );
        }
        self.open.push(OpenElement {
            tag,
            children: Vec::new(),
            line,
        });
    }

    fn unknown(&mut self, line: usize, message: std::fmt::Arguments<'_>) {
        self.warnings
            .push(line, VttWarningKind::UnknownTag, message);
    }

    fn end(&mut self, name: &str, line: usize) {
        let current = self.open.last().map(|element| &element.tag);
        match current {
            Some(tag) if tag.name() == name => self.close(),
            Some(OpenTag::RubyText) if name == "ruby" => {
                self.close();
                self.close();
            }
            // The start tag of an unknown name was already reported.
            _ if !KNOWN_TAGS.contains(&name) => {}
            _ => self.warnings.push(
                line,
                VttWarningKind::StrayEndTag,
                format_args!("</{name}> does not close the innermost open tag; ignored"),
            ),
        }
    }

    /// Closes the innermost open tag into a node of its parent.
    fn close(&mut self) {
        if let Some(element) = self.open.pop() {
            let node = element.tag.into_node(element.children);
            self.children().push(node);
        }
    }

    fn finish(mut self) -> Vec<CueNode> {
        while let Some(element) = self.open.last() {
            if !element.tag.is_end_tag_optional() {
                let (line, name) = (element.line, element.tag.name());
                self.warnings.push(
                    line,
                    VttWarningKind::UnclosedTag,
                    format_args!("<{name}> is not closed; closed at the end of the cue"),
                );
            }
            self.close();
        }
        self.root
    }
}

/// Classes made only of `A-Z a-z 0-9 _ -`; others are dropped.
fn valid_classes(classes: &[&str]) -> Vec<String> {
    classes
        .iter()
        .filter(|class| {
            !class.is_empty()
                && class
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        })
        .map(|class| (*class).to_owned())
        .collect()
}

/// A voice or language annotation: references decoded, whitespace trimmed and collapsed.
fn clean_annotation(annotation: &str) -> String {
    decode_entities(annotation)
        .split(is_tag_whitespace)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A tag name for a warning, quoted only when it is long or odd.
fn name_of(name: &str) -> String {
    let is_plain = name.len() <= 20 && name.bytes().all(|b| b.is_ascii_alphanumeric());
    if is_plain {
        name.to_owned()
    } else {
        quoted(name)
    }
}
