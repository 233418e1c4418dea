//! A spec file's text, read from disk or given in memory, with the line breaks the YAML
//! parser counts and a bound on its size. Loading parses it; diagnostics quote its lines.

use super::rules::files::{FILE_NOT_UTF8, FILE_TOO_LARGE, FILE_UNREADABLE};
use super::{Diagnostic, Position};
use std::path::{Path, PathBuf};

/// Largest spec file accepted, in bytes: 32 MiB, five times a catalog of 50,000 codes.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A spec file's text, read from disk or given in memory.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path used in messages and to derive the module name.
    pub path: PathBuf,
    /// The file's text; [`Source::new`] and [`Source::read`] turn lone `\r` line breaks into
    /// `\n` (see `normalize_line_breaks`).
    pub text: String,
}

impl Source {
    /// A source held in memory (tests, benchmarks, editors).
    ///
    /// A carriage return not followed by a line feed (old Mac line ends) becomes a line feed:
    /// YAML counts it as a line break, and so must every line number shown with the source.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: normalize_line_breaks(text.into()),
        }
    }

    /// Reads `path`, refusing files over [`MAX_FILE_BYTES`] and text that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
        let size = std::fs::metadata(path)
            .map_err(|e| Diagnostic::io(path, FILE_UNREADABLE.with("error", e)))?
            .len();
        if size > MAX_FILE_BYTES {
            return Err(too_large(path, size));
        }
        // Read at most one byte past the limit, in case the file grew since `metadata`.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| {
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
                    &mut bytes,
                )
            })
            .map_err(|e| Diagnostic::io(path, FILE_UNREADABLE.with("error", e)))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(path, bytes.len() as u64));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_column(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
            Diagnostic::new(path, Position::new(line, column, 1), &FILE_NOT_UTF8)
        })?;
        Ok(Self::new(path, text))
    }
}

/// Turns lone `\r` line breaks into `\n`, leaving `\r\n` alone, so that lines counted by `\n`
/// are the lines the YAML parser counts.
pub fn normalize_line_breaks(text: String) -> String {
    let bytes = text.as_bytes();
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone_cr) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn too_large(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::new(
        path,
        Position::new(1, 1, 1),
        FILE_TOO_LARGE
            .with("size", size)
            .with("max", MAX_FILE_BYTES),
    )
}

/// 1-based line and column just after `prefix`.
fn line_column(prefix: &[u8]) -> (u32, u32) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}
