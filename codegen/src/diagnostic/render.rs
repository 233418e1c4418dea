//! Prints [`Diagnostics`] for people, the way rustc prints compile errors:
//!
//! ```text
//! spec/acme.yaml:9:3: error: status 400 is declared twice
//!   |
//! 7 |   400:
//!   |   --- first declared here
//! 8 |     title: Bad Request
//! 9 |   "400":
//!   |   ^^^^^
//!   |
//!   = help: keep one of them
//! ```
//!
//! The first line is fixed, `path:line:col: error: message`, which editors and CI logs turn
//! into links. The snippet under it is drawn by `annotate-snippets`, with a caret under the
//! offending text, the places that explain it (the first of two duplicates) marked on their
//! own lines, and `help:` where a fix is known.

use super::Source;
use super::{Diagnostic, Diagnostics, Position};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

impl Diagnostics {
    /// Renders every problem with its source line, as the CLI and the build script print them;
    /// the source lines are read from the files the problems name.
    pub fn render(&self, color: bool) -> String {
        render_with_sources(self, &[], color)
    }

    /// Like [`Diagnostics::render`], taking the source lines from `sources` (for specs held in
    /// memory) before falling back to the files.
    #[doc(hidden)]
    pub fn render_with_sources(&self, sources: &[Source], color: bool) -> String {
        render_with_sources(self, sources, color)
    }
}

/// Renders every diagnostic, taking source lines from `sources` when a diagnostic's path is
/// there and from the file system otherwise. A file that cannot be read is shown without its
/// source line.
fn render_with_sources(diagnostics: &Diagnostics, sources: &[Source], color: bool) -> String {
    let mut from_disk: HashMap<&Path, Option<String>> = HashMap::new();
    for d in diagnostics.iter() {
        let in_memory = sources.iter().any(|s| s.path == d.path);
        if !in_memory && d.position.is_known() {
            from_disk
                .entry(d.path.as_path())
                .or_insert_with(|| read_text(&d.path));
        }
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics.iter() {
        let text = sources
            .iter()
            .find(|s| s.path == d.path)
            .map(|s| s.text.as_str())
            .or_else(|| from_disk.get(d.path.as_path()).and_then(|t| t.as_deref()));
        render_one(&mut out, &renderer, d, text, color);
    }
    out
}

/// A spec's text for display; files over the loader's limit or not UTF-8 are not shown.
fn read_text(path: &PathBuf) -> Option<String> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > super::MAX_FILE_BYTES {
        return None;
    }
    std::fs::read_to_string(path)
        .ok()
        .map(super::normalize_line_breaks)
}

fn render_one(
    out: &mut String,
    renderer: &Renderer,
    d: &Diagnostic,
    text: Option<&str>,
    color: bool,
) {
    let _ = writeln!(out, "{}", headline(d, color));
    let mut group = Group::with_level(Level::ERROR);
    let mut shown_notes = vec![false; d.notes.len()];
    let mut has_elements = false;
    if let Some(window) = text.and_then(|t| Window::new(t, d)) {
        let mut snippet = Snippet::source(window.text)
            .line_start(window.first_line)
            .fold(true);
        snippet = snippet.annotation(AnnotationKind::Primary.span(window.span(d.position)));
        for (note, shown) in d.notes.iter().zip(shown_notes.iter_mut()) {
            if note.position.is_known() && window.contains(note.position) {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(window.span(note.position))
                        .label(clean(&note.message)),
                );
                *shown = true;
            }
        }
        group = group.element(snippet);
        has_elements = true;
    }
    for (note, shown) in d.notes.iter().zip(&shown_notes) {
        if !shown {
            let text = if note.position.is_known() {
                format!(
                    "{}:{}:{}: {}",
                    d.path.display(),
                    note.position.line,
                    note.position.column,
                    clean(&note.message)
                )
            } else {
                clean(&note.message).into_owned()
            };
            group = group.element(Level::NOTE.message(text));
            has_elements = true;
        }
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(clean(help)));
        has_elements = true;
    }
    if has_elements {
        let _ = writeln!(out, "{}", renderer.render(&[group]));
    }
}

/// `path:line:col: error: message`, bold with a red `error` when in colour.
fn headline(d: &Diagnostic, color: bool) -> String {
    let message = clean(&d.message);
    let location = if d.position.is_known() {
        format!(
            "{}:{}:{}",
            d.path.display(),
            d.position.line,
            d.position.column
        )
    } else {
        d.path.display().to_string()
    };
    if !color {
        return format!("{location}: error: {message}");
    }
    let bold = Style::new().bold();
    let red = AnsiColor::BrightRed.on_default().bold();
    format!("{bold}{location}:{bold:#} {red}error{red:#}{bold}: {message}{bold:#}")
}

/// Text from a spec may hold control characters: show them escaped, never send them to the
/// terminal.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| c.is_control() && c != '\n') {
        Cow::Owned(
            text.chars()
                .map(|c| {
                    if c.is_control() && c != '\n' {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// The lines of the source a diagnostic points at, from its first to its last marked line.
struct Window<'t> {
    text: &'t str,
    first_line: usize,
    /// Byte offset in `text` where each line of the window starts, and the line's length.
    lines: Vec<(usize, usize)>,
}

impl<'t> Window<'t> {
    fn new(source: &'t str, d: &Diagnostic) -> Option<Self> {
        let marked = std::iter::once(d.position)
            .chain(d.notes.iter().map(|n| n.position))
            .filter(Position::is_known)
            .map(|p| p.line as usize);
        let (mut first, mut last) = (usize::MAX, 0);
        for line in marked {
            first = first.min(line);
            last = last.max(line);
        }
        if !d.position.is_known() {
            return None;
        }
        let mut start = 0;
        let mut lines = Vec::new();
        let mut window_start = None;
        for (index, line) in source.split_inclusive('\n').enumerate() {
            let number = index + 1;
            if number > last {
                break;
            }
            if number >= first {
                let begin = *window_start.get_or_insert(start);
                let content = line.trim_end_matches('\n').trim_end_matches('\r');
                lines.push((start - begin, content.len()));
            }
            start += line.len();
        }
        // A position past the end (the parser reports end of file on an empty last line).
        let begin = window_start.unwrap_or(source.len());
        while first + lines.len() <= last {
            lines.push((start - begin, 0));
        }
        let end = lines
            .last()
            .map_or(begin, |(offset, len)| begin + offset + len);
        Some(Self {
            text: source.get(begin..end)?,
            first_line: first,
            lines,
        })
    }

    fn contains(&self, position: Position) -> bool {
        let line = position.line as usize;
        line >= self.first_line && line < self.first_line + self.lines.len()
    }

    /// The byte range of `position` in the window: from its column, `len` characters, never
    /// past the end of its line.
    fn span(&self, position: Position) -> Range<usize> {
        let index = (position.line as usize).saturating_sub(self.first_line);
        let Some(&(offset, len)) = self.lines.get(index) else {
            return self.text.len()..self.text.len();
        };
        let line = &self.text[offset..offset + len];
        let byte_at = |chars: usize| {
            line.char_indices()
                .nth(chars)
                .map_or(line.len(), |(byte, _)| byte)
        };
        let column = (position.column as usize).saturating_sub(1);
        let start = byte_at(column);
        let end = byte_at(column + (position.len as usize).max(1));
        offset + start..offset + end
    }
}
