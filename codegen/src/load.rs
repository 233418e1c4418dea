//! Stage 1: read spec files and parse the YAML into [`SpecFile`]s.
//!
//! The YAML parser runs with explicit budgets so that no file, however hostile (alias bombs,
//! 50,000-deep nesting, huge scalars), can exhaust memory or time. A spec is a page of text:
//! the limits below are far above any real catalog and far below what could hurt.

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::spec::SpecFile;
use std::path::{Path, PathBuf};

/// Largest spec file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A spec file's text, read from disk or given in memory.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path used in messages and to derive the module name.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

impl Source {
    /// A source held in memory (tests, benchmarks, editors).
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }

    /// Reads `path`, refusing files over [`MAX_FILE_BYTES`] and text that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
        let at_start = Position::new(1, 1, 1);
        let size = std::fs::metadata(path)
            .map_err(|e| Diagnostic::new(path, Position::default(), format!("cannot read: {e}")))?
            .len();
        if size > MAX_FILE_BYTES {
            return Err(Diagnostic::new(
                path,
                at_start,
                format!("file is {size} bytes; a spec may be at most {MAX_FILE_BYTES} bytes"),
            ));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::new(path, Position::default(), format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_column(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
            Diagnostic::new(
                path,
                Position::new(line, column, 1),
                "file is not valid UTF-8",
            )
            .with_help("spec files are UTF-8 text")
        })?;
        Ok(Self::new(path, text))
    }
}

/// Lists the `*.yaml` and `*.yml` files of `dir`, sorted by name so output never depends on
/// the order the file system returns them in.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if is_yaml && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The parser's budgets. A real spec uses a tiny fraction of each.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_events = 2_000_000;
    budget.max_nodes = 1_000_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES as usize;
    budget.max_documents = 1;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Parses one source into the syntax model.
pub fn parse(source: &Source) -> Result<SpecFile, Diagnostics> {
    let path = &source.path;
    if source.text.trim().is_empty() || is_only_comments(&source.text) {
        return Err(
            Diagnostic::new(path, Position::new(1, 1, 1), "spec file is empty")
                .with_help("a spec needs at least `api: { name: ... }`")
                .into(),
        );
    }
    serde_saphyr::from_str_with_options::<SpecFile>(&source.text, options())
        .map_err(|e| parse_error(path, &e).into())
}

fn is_only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    })
}

/// Turns a YAML or shape error into a located diagnostic with a "did you mean" where it fits.
fn parse_error(path: &Path, error: &serde_saphyr::Error) -> Diagnostic {
    let position = error
        .location()
        .map(Position::from)
        .unwrap_or(Position::new(1, 1, 1));
    let message = plain_message(error);
    let mut diagnostic = Diagnostic::new(path, position, message.clone());
    if let Some(help) = unknown_field_help(&message) {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// The message without the parser's own location prefix and source snippet.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let text = error.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // "line 4 column 5: unknown field ..." → "unknown field ..."
    let rest = match first.strip_prefix("line ") {
        Some(rest) => rest.split_once(": ").map_or(first, |(_, m)| m),
        None => first,
    };
    rest.to_owned()
}

/// For serde's "unknown field `mesage`, expected one of ..." message, the closest known key.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest
        .split_once("expected one of ")
        .map(|(_, list)| list)
        .or_else(|| rest.split_once("expected ").map(|(_, list)| list))?;
    let candidates: Vec<&str> = expected
        .split(',')
        .map(|c| c.trim().trim_matches('`'))
        .filter(|c| !c.is_empty())
        .collect();
    match crate::naming::did_you_mean(field, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("known keys here: {}", candidates.join(", "))),
    }
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
