//! Prints [`Diagnostics`] for people: the pinned `path:line:col: error: message` headline, then
//! the source line with a caret under the offending text, then notes and `help:`.

use crate::diagnostic::{Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Renders every diagnostic; source lines are read from the files the diagnostics name.
pub fn render(diagnostics: &Diagnostics, color: bool) -> String {
    let mut sources: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in diagnostics.iter() {
        let source = sources
            .entry(d.path.clone())
            .or_insert_with(|| std::fs::read_to_string(&d.path).ok());
        render_one(&mut out, d, source.as_deref(), color);
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, source: Option<&str>, color: bool) {
    let (red, blue, bold, reset) = if color {
        ("\x1b[1;31m", "\x1b[1;34m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let p = d.position;
    let _ = writeln!(
        out,
        "{bold}{}:{}:{}:{reset} {red}error{reset}{bold}: {}{reset}",
        d.path.display(),
        p.line,
        p.column,
        d.message
    );
    if let Some(line) = source.and_then(|s| source_line(s, p.line)) {
        let gutter = p.line.to_string();
        let pad = " ".repeat(gutter.len());
        let _ = writeln!(out, "{blue}{pad} |{reset}");
        let _ = writeln!(out, "{blue}{gutter} |{reset} {line}");
        let indent: String = line
            .chars()
            .take(p.column.saturating_sub(1) as usize)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let carets = "^".repeat(p.len.clamp(1, 200) as usize);
        let _ = writeln!(out, "{blue}{pad} |{reset} {indent}{red}{carets}{reset}");
    }
    for note in &d.notes {
        let _ = writeln!(
            out,
            "{blue}note{reset}: {}:{}:{}: {}",
            d.path.display(),
            note.position.line,
            note.position.column,
            note.message
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{blue}help{reset}: {help}");
    }
}

/// The text of 1-based line `line`, without its line break.
fn source_line(source: &str, line: u32) -> Option<&str> {
    if line == 0 {
        return None;
    }
    source
        .lines()
        .nth(line as usize - 1)
        .map(|l| l.trim_end_matches('\r'))
}
