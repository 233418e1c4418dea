//! The three ways `errspec diff` prints changes: text for people (rustc-style, the old and the
//! new line under each change), JSON for tools, and GitHub workflow annotations.

use super::{Change, Level, Place};
use crate::diagnostic::clean;
use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Renderer, Snippet};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The spec texts a report quotes, by the path the changes name.
pub type Sources = HashMap<String, String>;

/// Every change for people: `path:line:col: level[rule]: message`, the old and the new line
/// marked, the two levels, then a count.
pub fn text(changes: &[Change], sources: &Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for change in changes {
        let place = change.new.as_ref().or(change.old.as_ref());
        let location = place.map_or(String::new(), |p| {
            format!("{}:{}:{}: ", p.path, p.position.line, p.position.column)
        });
        let _ = writeln!(
            out,
            "{location}{}[{}]: {}",
            change.level().as_str(),
            change.rule.id,
            clean(&change.message)
        );
        let mut group = Group::with_level(snippet_level(change.level()));
        for (place, label) in [(&change.old, "before"), (&change.new, "after")] {
            if let Some(snippet) = place.as_ref().and_then(|p| snippet(p, sources, label)) {
                group = group.element(snippet);
            }
        }
        group = group.element(SnippetLevel::NOTE.message(format!(
            "wire: {}, rust: {}",
            change.wire.as_str(),
            change.rust.as_str()
        )));
        let _ = writeln!(out, "{}\n", renderer.render(&[group]));
    }
    out.push_str(&summary(changes));
    out.push('\n');
    out
}

/// `3 changes: 1 breaking on the wire, 2 breaking in Rust`, or `no changes`.
pub fn summary(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no changes".to_owned();
    }
    let count = |f: fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
    let wire = count(|c| c.wire == Level::Breaking);
    let rust = count(|c| c.rust == Level::Breaking);
    format!(
        "{} change{}: {wire} breaking on the wire, {rust} breaking in Rust",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" }
    )
}

/// The changes as a JSON array: `rule`, `wire`, `rust`, `message`, and `old` and `new` as
/// `{path, line, column}` or null.
pub fn json(changes: &[Change]) -> String {
    let place = |p: &Option<Place>| match p {
        Some(p) => serde_json::json!({
            "path": p.path,
            "line": p.position.line,
            "column": p.position.column,
        }),
        None => serde_json::Value::Null,
    };
    let items: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "rule": c.rule.id,
                "wire": c.wire.as_str(),
                "rust": c.rust.as_str(),
                "message": c.message,
                "old": place(&c.old),
                "new": place(&c.new),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

/// The changes as GitHub workflow commands: `::error` for a change that breaks the wire,
/// `::warning` for one that breaks Rust code or needs review, `::notice` for the rest.
pub fn github(changes: &[Change]) -> String {
    let mut out = String::new();
    for c in changes {
        let command = match (c.wire, c.rust) {
            (Level::Breaking, _) => "error",
            (_, Level::Breaking) | (Level::Warning, _) | (_, Level::Warning) => "warning",
            _ => "notice",
        };
        let mut properties = Vec::new();
        if let Some(p) = c.new.as_ref().or(c.old.as_ref()) {
            properties.push(format!("file={}", property(&p.path)));
            if p.position.is_known() {
                properties.push(format!("line={}", p.position.line));
                properties.push(format!("col={}", p.position.column));
            }
        }
        properties.push(format!("title={}", property(c.rule.id)));
        let message = format!(
            "{} (wire: {}, rust: {})",
            c.message,
            c.wire.as_str(),
            c.rust.as_str()
        );
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            data(&message)
        );
    }
    out
}

/// Escapes a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

fn snippet_level(level: Level) -> SnippetLevel<'static> {
    match level {
        Level::Breaking => SnippetLevel::ERROR,
        Level::Warning => SnippetLevel::WARNING,
        Level::Info | Level::None => SnippetLevel::NOTE,
    }
}

/// The line `place` points at, marked from its column to the end of the key.
fn snippet<'s>(
    place: &'s Place,
    sources: &'s Sources,
    label: &'s str,
) -> Option<Snippet<'s, annotate_snippets::Annotation<'s>>> {
    let text = sources.get(&place.path)?;
    let line_number = place.position.line as usize;
    if line_number == 0 {
        return None;
    }
    let line = text.lines().nth(line_number - 1)?;
    let column = (place.position.column as usize).saturating_sub(1);
    let start = line
        .char_indices()
        .nth(column)
        .map_or(line.len(), |(b, _)| b);
    let rest = &line[start..];
    let len = rest
        .find(|c: char| c == ':' || c.is_whitespace())
        .unwrap_or(rest.len())
        .max(rest.chars().next().map_or(0, char::len_utf8));
    Some(
        Snippet::source(line)
            .line_start(line_number)
            .path(place.path.as_str())
            .annotation(
                AnnotationKind::Primary
                    .span(start..start + len)
                    .label(label),
            ),
    )
}
