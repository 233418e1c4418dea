//! Located problems in a spec file.
//!
//! Every stage of the pipeline reports problems as [`Diagnostic`]s that point at a line and
//! column of the spec file, so the CLI and the build script can print them the way rustc prints
//! compile errors: `path:line:col: error: message`, the source line, and a `help:` where a fix is
//! known.
//!
//! Every diagnostic breaks one [`rules::Rule`] of the registry, which holds its message and
//! help: a diagnostic is made from the rule with its holes filled, never from free text.

mod render;
pub mod rules;
mod source;

#[cfg(feature = "cli")]
pub(crate) use render::clean;
pub(crate) use source::too_large;
pub use source::{MAX_FILE_BYTES, Source, normalize_line_breaks};

use rules::{Message, Rule};
use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in a spec file, plus the length of the offending text in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line; 0 when the position is unknown.
    pub line: u32,
    /// 1-based column, counted in characters; 0 when unknown.
    pub column: u32,
    /// Length of the offending text in characters (at least 1 when known).
    pub len: u32,
}

impl Position {
    /// A position at `line:column` covering `len` characters.
    pub const fn new(line: u32, column: u32, len: u32) -> Self {
        Self { line, column, len }
    }

    /// Whether the position names a real place in the file.
    pub const fn is_known(&self) -> bool {
        self.line > 0
    }
}

impl From<serde_saphyr::Location> for Position {
    fn from(location: serde_saphyr::Location) -> Self {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let len = clamp(location.span().len());
        Self::new(clamp(location.line()), clamp(location.column()), len.max(1))
    }
}

/// A secondary place that explains a diagnostic, such as the first of two duplicates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Where the note points.
    pub position: Position,
    /// What is there.
    pub message: String,
}

/// What kind of problem a diagnostic reports; the CLI's exit status depends on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The spec is invalid (exit status 1).
    #[default]
    Spec,
    /// A file or folder could not be read or written (exit status 2).
    Io,
}

/// One problem found in a spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule broken.
    pub rule: &'static Rule,
    /// The file the problem is in.
    pub path: PathBuf,
    /// Where in the file.
    pub position: Position,
    /// What is wrong.
    pub message: String,
    /// Other places that explain the problem.
    pub notes: Vec<Note>,
    /// How to fix it, when known.
    pub help: Option<String>,
    /// Whether the spec is wrong or the file system failed.
    pub kind: Kind,
}

impl Diagnostic {
    /// A problem at `position` in `path`: a rule broken, with its holes filled.
    pub fn new(path: &Path, position: Position, message: impl Into<Message>) -> Self {
        let message = message.into();
        let (text, help) = message.texts();
        Self {
            rule: message.rule(),
            path: path.to_path_buf(),
            position,
            message: text,
            notes: Vec::new(),
            help,
            kind: Kind::Spec,
        }
    }

    /// A file or folder that could not be read or written; it has no position.
    pub fn io(path: &Path, message: impl Into<Message>) -> Self {
        Self {
            kind: Kind::Io,
            ..Self::new(path, Position::default(), message)
        }
    }

    /// Adds a secondary place.
    #[must_use]
    pub fn with_note(mut self, position: Position, message: impl Into<String>) -> Self {
        self.add_note(position, message);
        self
    }

    /// Adds a secondary place to a diagnostic already recorded.
    pub fn add_note(&mut self, position: Position, message: impl Into<String>) -> &mut Self {
        self.notes.push(Note {
            position,
            message: message.into(),
        });
        self
    }
}

/// The `path:line:col: error: message` headline, as rustc and editors expect it
/// (`path: error: message` when there is no position, as for I/O problems).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.position;
        if p.is_known() {
            write!(
                f,
                "{}:{}:{}: error: {}",
                self.path.display(),
                p.line,
                p.column,
                self.message
            )
        } else {
            write!(f, "{}: error: {}", self.path.display(), self.message)
        }
    }
}

/// Every problem found in one run; the error type of the whole pipeline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// The problems, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Sorts the problems by file and position so output is stable.
    pub fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
    }

    /// Whether any problem is an I/O failure rather than an invalid spec.
    pub fn has_io_errors(&self) -> bool {
        self.0.iter().any(|d| d.kind == Kind::Io)
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
