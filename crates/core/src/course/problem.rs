//! Problems found while validating a manifest: each names the JSON path it concerns and says
//! in plain words what is wrong.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The category of a manifest problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    InvalidJson,
    TooLarge,
    WrongType,
    Missing,
    Empty,
    TooLong,
    BadId,
    DuplicateId,
    UnknownKind,
    BadUrl,
    BadTimestamp,
    EndBeforeStart,
    UnsupportedSchemaVersion,
    /// A number outside its allowed range (a percentage over 100, a negative time...).
    OutOfRange,
    /// A reference to something that does not exist (a correct choice past the last choice).
    BadReference,
}

/// One thing wrong with a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// JSONPath of the offending value, for example `$.modules[0].lessons[2].title`.
    pub path: String,
    pub kind: ProblemKind,
    /// A human sentence saying what is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem found in a manifest (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ManifestProblems(pub Vec<Problem>);

impl ManifestProblems {
    pub fn problems(&self) -> &[Problem] {
        &self.0
    }

    /// Whether any problem is of `kind` (handy in tests and tools).
    pub fn has(&self, kind: ProblemKind, path: &str) -> bool {
        self.0.iter().any(|p| p.kind == kind && p.path == path)
    }
}

impl fmt::Display for ManifestProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the course manifest has {} problem(s):", self.0.len())?;
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}
