//! Markdown to a safe document tree. Course text is parsed here into typed blocks and
//! inlines that the player renders as ordinary elements; there is no HTML string anywhere,
//! so course text can never inject markup. Raw HTML in the source becomes literal text, and
//! link and image URLs must pass [`MediaUrl`] rules (or be `mailto:` / in-page anchors).

use crate::course::MediaUrl;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `level` is 1–6.
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    /// `start` is the first number of an ordered list; `None` for a bulleted list.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code {
        language: Option<String>,
        text: String,
    },
    Rule,
}

/// An inline element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    /// `href` is `None` when the source URL was unsafe; the text is kept.
    Link {
        href: Option<String>,
        content: Vec<Inline>,
    },
    /// `src` is `None` when the source URL was unsafe; the alt text is kept.
    Image {
        src: Option<String>,
        alt: String,
    },
    LineBreak,
}

/// Parses Markdown (CommonMark with tables off, strikethrough on) into safe blocks.
pub fn parse(source: &str) -> Vec<Block> {
    let mut builder = Builder::default();
    for event in Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH) {
        builder.event(event);
    }
    builder.finish()
}

/// A link target the player may put in `href`.
pub fn safe_href(raw: &str) -> Option<String> {
    let lower = raw.trim().to_ascii_lowercase();
    if raw.starts_with('#') || lower.starts_with("mailto:") {
        return (!raw.chars().any(char::is_control)).then(|| raw.to_owned());
    }
    MediaUrl::parse(raw).ok().map(String::from)
}

/// An open container while building the tree.
enum Frame {
    Root(Vec<Block>),
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>, Vec<Inline>),
    Quote(Vec<Block>),
    Code(Option<String>, String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link(Option<String>, Vec<Inline>),
    Image(Option<String>, String),
}

struct Builder {
    stack: Vec<Frame>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            stack: vec![Frame::Root(Vec::new())],
        }
    }
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.open(tag),
            Event::End(end) => self.close(end),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.inline(Inline::Code(code.into_string())),
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inline(Inline::LineBreak),
            Event::Rule => self.block(Block::Rule),
            Event::FootnoteReference(label) => self.text(&label),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.inline(Inline::Code(math.into_string()))
            }
        }
    }

    fn open(&mut self, tag: Tag<'_>) {
        let frame = match tag {
            Tag::Heading { level, .. } => Frame::Heading(heading_level(level), Vec::new()),
            Tag::List(start) => Frame::List(start, Vec::new()),
            Tag::Item => Frame::Item(Vec::new(), Vec::new()),
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_owned)
                    }
                    CodeBlockKind::Indented => None,
                };
                Frame::Code(language, String::new())
            }
            Tag::Emphasis => Frame::Emphasis(Vec::new()),
            Tag::Strong => Frame::Strong(Vec::new()),
            Tag::Strikethrough => Frame::Strikethrough(Vec::new()),
            Tag::Link { dest_url, .. } => Frame::Link(safe_href(&dest_url), Vec::new()),
            Tag::Image { dest_url, .. } => Frame::Image(
                MediaUrl::parse(&dest_url).ok().map(String::from),
                String::new(),
            ),
            // Paragraphs and anything this renderer does not model (tables, footnotes,
            // metadata, HTML blocks) collect their text as a paragraph.
            _ => Frame::Paragraph(Vec::new()),
        };
        self.stack.push(frame);
    }

    fn close(&mut self, _end: TagEnd) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Root(blocks) => self.stack.push(Frame::Root(blocks)),
            Frame::Heading(level, content) => self.block(Block::Heading { level, content }),
            Frame::Paragraph(content) => {
                if !content.is_empty() {
                    self.block(Block::Paragraph(content));
                }
            }
            Frame::List(start, items) => self.block(Block::List { start, items }),
            Frame::Item(mut blocks, loose) => {
                if !loose.is_empty() {
                    blocks.insert(0, Block::Paragraph(loose));
                }
                if let Some(Frame::List(_, items)) = self.stack.last_mut() {
                    items.push(blocks);
                } else {
                    blocks.into_iter().for_each(|b| self.block(b));
                }
            }
            Frame::Quote(blocks) => self.block(Block::Quote(blocks)),
            Frame::Code(language, text) => self.block(Block::Code { language, text }),
            Frame::Emphasis(content) => self.inline(Inline::Emphasis(content)),
            Frame::Strong(content) => self.inline(Inline::Strong(content)),
            Frame::Strikethrough(content) => self.inline(Inline::Strikethrough(content)),
            Frame::Link(href, content) => self.inline(Inline::Link { href, content }),
            Frame::Image(src, alt) => self.inline(Inline::Image { src, alt }),
        }
    }

    fn text(&mut self, text: &str) {
        match self.stack.last_mut() {
            Some(Frame::Code(_, code)) => code.push_str(text),
            Some(Frame::Image(_, alt)) => alt.push_str(text),
            _ => self.inline(Inline::Text(text.to_owned())),
        }
    }

    fn inline(&mut self, inline: Inline) {
        let target = match self.stack.last_mut() {
            Some(Frame::Heading(_, c) | Frame::Paragraph(c) | Frame::Item(_, c)) => c,
            Some(
                Frame::Emphasis(c) | Frame::Strong(c) | Frame::Strikethrough(c) | Frame::Link(_, c),
            ) => c,
            Some(Frame::Image(_, alt)) => {
                alt.push_str(&plain_text(std::slice::from_ref(&inline)));
                return;
            }
            Some(Frame::Code(_, code)) => {
                code.push_str(&plain_text(std::slice::from_ref(&inline)));
                return;
            }
            _ => {
                self.stack.push(Frame::Paragraph(vec![inline]));
                self.close(TagEnd::Paragraph);
                return;
            }
        };
        match (target.last_mut(), inline) {
            (Some(Inline::Text(previous)), Inline::Text(next)) => previous.push_str(&next),
            (_, inline) => target.push(inline),
        }
    }

    fn block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Root(blocks) | Frame::Quote(blocks)) => blocks.push(block),
            Some(Frame::Item(blocks, loose)) => {
                if !loose.is_empty() {
                    blocks.push(Block::Paragraph(std::mem::take(loose)));
                }
                blocks.push(block);
            }
            _ => {
                // A block inside an inline container cannot happen in CommonMark; keep its text.
                let text = plain_text_of_block(&block);
                self.inline(Inline::Text(text));
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        while self.stack.len() > 1 {
            self.close(TagEnd::Paragraph);
        }
        match self.stack.pop() {
            Some(Frame::Root(blocks)) => blocks,
            _ => Vec::new(),
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The text of inlines without formatting.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                out.push_str(&plain_text(c))
            }
            Inline::Link { content, .. } => out.push_str(&plain_text(content)),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::LineBreak => out.push(' '),
        }
    }
    out
}

fn plain_text_of_block(block: &Block) -> String {
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => plain_text(content),
        Block::List { items, .. } => items
            .iter()
            .flatten()
            .map(plain_text_of_block)
            .collect::<Vec<_>>()
            .join(" "),
        Block::Quote(blocks) => blocks
            .iter()
            .map(plain_text_of_block)
            .collect::<Vec<_>>()
            .join(" "),
        Block::Code { text, .. } => text.clone(),
        Block::Rule => String::new(),
    }
}

#[cfg(test)]
mod tests;
