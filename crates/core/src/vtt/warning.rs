//! What the WebVTT parser skipped or repaired: each warning names its 1-based line and says
//! in plain words what happened. The list is capped so a hostile file cannot make it huge.

use std::fmt;

/// Most warnings recorded for one file; past that a single
/// [`VttWarningKind::TooManyWarnings`] says the rest were dropped.
pub const MAX_VTT_WARNINGS: usize = 1000;

/// The category of a WebVTT warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VttWarningKind {
    /// A `-->` line whose timestamps cannot be read; its block is skipped. Also a timestamp
    /// tag (`<00:01.500>`) in cue text that is not a valid timestamp; the tag is dropped.
    BadTiming,
    /// A cue whose end is not after its start; the cue is skipped.
    EndBeforeStart,
    /// An unknown cue setting or an invalid value; the setting is ignored, the cue kept.
    BadSetting,
    /// A tag still open at the end of its cue; it is closed there.
    UnclosedTag,
    /// A tag that is not WebVTT markup, `<rt>` outside `<ruby>`, or a tag nested deeper
    /// than [`MAX_CUE_NESTING`](super::MAX_CUE_NESTING); the tag is dropped, its text kept.
    UnknownTag,
    /// An end tag that does not close the innermost open tag; it is ignored.
    StrayEndTag,
    /// A cue without any visible text; it is skipped.
    EmptyCue,
    /// A block with no `-->` timing line that is not a `NOTE` (nor a `STYLE` or `REGION`
    /// block before the first cue); it is skipped.
    MissingTiming,
    /// There were more than [`MAX_VTT_WARNINGS`] warnings; the rest were not recorded.
    TooManyWarnings,
}

/// One thing the parser skipped or repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VttWarning {
    /// 1-based line number in the file.
    pub line: usize,
    pub kind: VttWarningKind,
    /// A human sentence saying what was wrong and what the parser did.
    pub message: String,
}

impl fmt::Display for VttWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Collects warnings up to [`MAX_VTT_WARNINGS`].
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    list: Vec<VttWarning>,
}

impl Warnings {
    pub(crate) fn push(&mut self, line: usize, kind: VttWarningKind, message: fmt::Arguments<'_>) {
        if self.list.len() < MAX_VTT_WARNINGS {
            self.list.push(VttWarning {
                line,
                kind,
                message: message.to_string(),
            });
        } else if self.list.len() == MAX_VTT_WARNINGS {
            self.list.push(VttWarning {
                line,
                kind: VttWarningKind::TooManyWarnings,
                message: format!("more than {MAX_VTT_WARNINGS} warnings; the rest are not shown"),
            });
        }
    }

    pub(crate) fn into_vec(self) -> Vec<VttWarning> {
        self.list
    }
}

/// User text quoted in a warning, cut to a readable length.
pub(crate) fn quoted(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut chars = text.chars();
    let mut short: String = chars.by_ref().take(MAX_CHARS).collect();
    if chars.next().is_some() {
        short.push('…');
    }
    format!("{short:?}")
}
