//! YAML syntax mistakes, found in the source text. The parser stops where the text stops making
//! sense, which is often a line or more after the mistake (an unclosed `{` is noticed at the
//! next key, an unclosed quote at the next quote), and says so in its own terms (`mapping values
//! are not allowed in this context`). These functions find the mistake itself (a tab, an
//! unclosed quote or bracket, a key indented out of line, a missing colon), point at it, and say
//! how to fix it.

use crate::diagnostic::rules::{Message, Rule, files::*};
use crate::diagnostic::{Diagnostic, Position};
use std::path::Path;

/// A line that holds more than a comment: its number, its indentation in spaces, and its text
/// after the indentation.
#[derive(Clone, Copy)]
struct Line<'a> {
    number: u32,
    indent: usize,
    content: &'a str,
}

impl<'a> Line<'a> {
    fn of(lines: &[&'a str], number: u32) -> Option<Self> {
        let raw = *lines.get(number.checked_sub(1)? as usize)?;
        let content = raw.trim_start_matches(' ');
        (!content.trim().is_empty() && !content.starts_with('#')).then_some(Self {
            number,
            indent: raw.len() - content.len(),
            content,
        })
    }

    /// The key this line starts with, and its column: `title` for `    title: Bad Request`,
    /// `400` for `  - 400:`.
    fn key(&self) -> Option<(u32, &'a str)> {
        let mut rest = self.content;
        let mut column = self.indent;
        while let Some(after) = rest.strip_prefix("- ") {
            let trimmed = after.trim_start_matches(' ');
            column += rest.len() - trimmed.len();
            rest = trimmed;
        }
        let key = match rest.chars().next()? {
            q @ ('"' | '\'') => {
                let end = rest[1..].find(q)? + 2;
                rest[end..].starts_with(':').then(|| &rest[..end])?
            }
            '[' | '{' | '#' | '-' | '|' | '>' => return None,
            _ => {
                let end = key_colon(rest)?;
                rest[..end].trim_end()
            }
        };
        (!key.is_empty()).then(|| (column as u32 + 1, key))
    }

    /// The text after the key's colon, when the line has a key.
    fn value(&self) -> Option<&'a str> {
        let (column, key) = self.key()?;
        let start = column as usize - 1 - self.indent + key.len() + 1;
        Some(self.content.get(start..)?.trim())
    }
}

/// Where a plain key ends: its first `:` followed by a space or the end of the line.
fn key_colon(text: &str) -> Option<usize> {
    text.char_indices()
        .find(|&(i, c)| c == ':' && text[i + 1..].chars().next().is_none_or(|n| n == ' '))
        .map(|(i, _)| i)
        .filter(|&i| !text[..i].contains(" #"))
}

/// What the text holds up to a place: the quote and the flow collections (`[`, `{`) open there,
/// and the last quoted text closed before it.
#[derive(Default)]
struct Scan {
    /// The open quote and where it opened.
    quote: Option<(char, Position)>,
    /// The open flow collections, outermost first, and where each opened.
    flows: Vec<(char, Position)>,
    /// The last quoted text closed: its quote, where it opened, and the line it closed on.
    quoted: Option<(char, Position, u32)>,
}

/// Reads `text` up to `stop` (excluded), as far as quotes, brackets and comments go.
fn scan(text: &str, stop: Position) -> Scan {
    let mut s = Scan::default();
    // Whether the next character starts a value, where a quote or a bracket opens one.
    let mut starts_value = true;
    for (index, line) in text.lines().enumerate() {
        let number = index as u32 + 1;
        if number > stop.line {
            break;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let column = i as u32 + 1;
            if number == stop.line && column >= stop.column {
                return s;
            }
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            if let Some((q, open)) = s.quote {
                if q == '"' && c == '\\' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if q == '\'' && next == Some('\'') {
                        i += 2;
                        continue;
                    }
                    s.quote = None;
                    s.quoted = Some((q, open, number));
                    starts_value = false;
                }
                i += 1;
                continue;
            }
            let in_flow = !s.flows.is_empty();
            match c {
                ' ' | '\t' => {}
                '#' if i == 0 || matches!(chars[i - 1], ' ' | '\t') => break,
                '"' | '\'' if starts_value => s.quote = Some((c, Position::new(number, column, 1))),
                '[' | '{' if starts_value => {
                    s.flows.push((c, Position::new(number, column, 1)));
                }
                ']' | '}' if in_flow => {
                    s.flows.pop();
                    starts_value = false;
                }
                ',' if in_flow => starts_value = true,
                ':' | '-' | '?' if in_flow || next.is_none_or(|n| n == ' ') => starts_value = true,
                _ => starts_value = false,
            }
            i += 1;
        }
        if s.flows.is_empty() && s.quote.is_none() {
            starts_value = true;
        }
    }
    s
}

/// `rule`, about the quoted text that `quote` starts: how a quote is written inside it.
fn quote_message(rule: &'static Rule, quote: char) -> Message {
    let escaped = if quote == '"' { "\\\"" } else { "''" };
    rule.with("quote", quote).with("escaped", escaped)
}

/// `rule`, about the list or mapping that `open` starts.
fn collection_message(rule: &'static Rule, open: char) -> Message {
    let (what, close) = if open == '[' {
        ("list", ']')
    } else {
        ("mapping", '}')
    };
    rule.with("collection", what).with("close", close)
}

/// The diagnostic for a YAML syntax error the parser reported as `message` at `at`, when the
/// source shows what the mistake is; `None` when it does not.
pub(super) fn syntax_error(
    path: &Path,
    text: &str,
    at: Position,
    message: &str,
) -> Option<Diagnostic> {
    // Too deep, and not text: `yaml_errors` says those in its own words.
    if [
        "recursion limit",
        "nesting",
        "control character",
        "invalid character",
    ]
    .iter()
    .any(|words| message.contains(words))
    {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let char_at = |p: Position| {
        lines
            .get(p.line.checked_sub(1)? as usize)?
            .chars()
            .nth(p.column.checked_sub(1)? as usize)
    };
    if message.contains("tab") {
        let line = lines.get(at.line.checked_sub(1)? as usize)?;
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let tab = indent.chars().position(|c| c == '\t')?;
        return Some(Diagnostic::new(
            path,
            Position::new(at.line, tab as u32 + 1, 1),
            &YAML_TAB_INDENT,
        ));
    }
    if message.starts_with("unclosed quote") {
        let quote = char_at(at).filter(|q| matches!(q, '"' | '\''))?;
        return Some(Diagnostic::new(
            path,
            at,
            quote_message(&YAML_QUOTE_UNCLOSED, quote),
        ));
    }
    if message.starts_with("unclosed bracket") || message.starts_with("mismatched bracket") {
        let open = char_at(at).filter(|c| matches!(c, '[' | '{'))?;
        let rule = if message.starts_with("unclosed") {
            &YAML_BRACKET_UNCLOSED
        } else {
            &YAML_BRACKET_MISMATCHED
        };
        return Some(Diagnostic::new(path, at, collection_message(rule, open)));
    }
    let scanned = scan(text, at);
    if let Some((quote, open, closed)) = scanned.quoted
        && open.line < closed
        && closed == at.line
    {
        return Some(
            Diagnostic::new(
                path,
                open,
                quote_message(&YAML_QUOTE_RUNS_ON, quote).with("line", closed),
            )
            .with_note(at, "the YAML parser stopped here"),
        );
    }
    if let Some(&(open, position)) = scanned.flows.last()
        && position.line < at.line
    {
        return Some(
            Diagnostic::new(
                path,
                position,
                collection_message(&YAML_BRACKET_RUNS_ON, open),
            )
            .with_note(at, "the YAML parser stopped here"),
        );
    }
    let line = Line::of(&lines, at.line)?;
    if message.starts_with("mapping values are not allowed") {
        return Some(value_colon(path, &lines, at, line));
    }
    misaligned(path, &lines, line)
}

/// `: ` where the parser reads no key: inside a value (`message: Invalid: bad`), or after a key
/// indented deeper than the key above it, so that it continues that key's value.
fn value_colon(path: &Path, lines: &[&str], at: Position, line: Line<'_>) -> Diagnostic {
    let first_colon = line
        .key()
        .map(|(column, key)| column + key.chars().count() as u32);
    match first_colon {
        Some(column) if column < at.column => {
            let (_, key) = line.key().expect("a key");
            let value = line.value().unwrap_or_default();
            let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
            Diagnostic::new(
                path,
                at,
                YAML_COLON_IN_VALUE.with("key", key).with("quoted", quoted),
            )
        }
        _ => {
            let above = (1..line.number)
                .rev()
                .find_map(|n| Line::of(lines, n))
                .filter(|above| above.indent < line.indent);
            let (column, key) = line
                .key()
                .unwrap_or((line.indent as u32 + 1, line.content.trim_end()));
            let here = Position::new(line.number, column, key.chars().count() as u32);
            match above.and_then(|a| a.key().map(|(_, k)| (a, k))) {
                Some((above, above_key)) => Diagnostic::new(
                    path,
                    here,
                    YAML_INDENT_DEEPER
                        .with("key", key)
                        .with("above", above_key)
                        .with("line", above.number)
                        .with("indent", above.indent),
                ),
                None => Diagnostic::new(path, at, &YAML_INDENT_TOO_FAR),
            }
        }
    }
}

/// A line indented like no line above it that it could belong to.
fn misaligned<'a>(path: &Path, lines: &[&'a str], line: Line<'a>) -> Option<Diagnostic> {
    // The indentation of each mapping open above the line, innermost first.
    let mut levels: Vec<Line<'a>> = Vec::new();
    for n in (1..line.number).rev() {
        // Keys and list items open levels; the text of a value continued over lines does not.
        let Some(above) =
            Line::of(lines, n).filter(|l| l.key().is_some() || l.content.starts_with('-'))
        else {
            continue;
        };
        if levels.last().is_none_or(|l| above.indent < l.indent) {
            levels.push(above);
        }
        if above.indent == 0 {
            break;
        }
    }
    // Deeper than the line above is its value, or a key of it; only a line that goes back
    // out to no level is out of line.
    let nearest = levels.first()?;
    if line.indent >= nearest.indent || levels.iter().any(|l| l.indent == line.indent) {
        return None;
    }
    let (column, key) = match line.key() {
        Some((column, key)) => (column, Some(key)),
        None => (line.indent as u32 + 1, None),
    };
    let len = line.content.trim_end().chars().count() as u32;
    let len = line.key().map_or(len, |(_, k)| k.chars().count() as u32);
    let deeper = levels.iter().rev().find(|l| l.indent > line.indent);
    let shallower = levels.iter().find(|l| l.indent < line.indent);
    let like = |l: &Line<'_>| match l.key() {
        Some((_, k)) => format!("by {} spaces, like `{k}:` on line {}", l.indent, l.number),
        None => format!("by {} spaces, like line {}", l.indent, l.number),
    };
    let choices: Vec<String> = deeper.into_iter().chain(shallower).map(like).collect();
    Some(Diagnostic::new(
        path,
        Position::new(line.number, column, len),
        YAML_INDENT_BETWEEN
            .with_some("key", key)
            .with("indent", line.indent)
            .with("choices", choices.join(", or ")),
    ))
}

/// For a mapping that lacks its required key `field`, the line below its key (`owner`, at
/// `at`) where `field:` is written but indented so that it belongs elsewhere: the diagnostic
/// at that key.
pub(super) fn misindented_key(
    path: &Path,
    text: &str,
    owner: &str,
    at: Position,
    field: &str,
) -> Option<Diagnostic> {
    let lines: Vec<&str> = text.lines().collect();
    let owner_line = Line::of(&lines, at.line)?;
    let children = (at.line + 1..=lines.len() as u32)
        .find_map(|n| Line::of(&lines, n))
        .filter(|l| l.indent > owner_line.indent)?;
    for n in children.number + 1..=lines.len() as u32 {
        let Some(line) = Line::of(&lines, n) else {
            continue;
        };
        if line.indent < owner_line.indent {
            break;
        }
        if line.indent >= children.indent {
            continue;
        }
        match line.key() {
            Some((column, key)) if key.trim_matches(['"', '\'']) == field => {
                let missing = KEY_MISSING.with("key", field).with("owner", owner);
                let mut message = YAML_INDENT_OUT_OF_MAPPING
                    .with("key", field)
                    .with("indent", line.indent)
                    .with("owner", owner)
                    .with("expected", children.indent);
                if let Some((_, sibling)) = children.key() {
                    message = message
                        .with("sibling", sibling)
                        .with("line", children.number);
                }
                return Some(
                    Diagnostic::new(
                        path,
                        Position::new(n, column, key.chars().count() as u32),
                        message,
                    )
                    .with_note(at, missing.texts().0),
                );
            }
            _ if line.indent <= owner_line.indent => break,
            _ => {}
        }
    }
    None
}

/// A key written without its colon: `status 400` for `status: 400` (with its value), or `400`
/// over indented keys for `400:` (without).
pub(super) struct ColonMissing {
    pub(super) key: String,
    pub(super) value: Option<String>,
}

/// For a scalar found where a mapping belongs, the key it is when a colon is missing from it.
pub(super) fn missing_colon(text: &str, at: Position) -> Option<ColonMissing> {
    let lines: Vec<&str> = text.lines().collect();
    let line = Line::of(&lines, at.line)?;
    let start = at.column.checked_sub(1)? as usize;
    let rest: String = lines[at.line as usize - 1].chars().skip(start).collect();
    let rest = rest.trim_end();
    if rest.contains(':') || rest.starts_with(['"', '\'', '[', '{', '-', '#']) {
        return None;
    }
    if let Some((key, value)) = rest.split_once(' ') {
        let value = value.trim_start();
        let word = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        return word(key).then(|| ColonMissing {
            key: key.to_owned(),
            value: Some(value.to_owned()),
        });
    }
    let next = (at.line + 1..=lines.len() as u32).find_map(|n| Line::of(&lines, n))?;
    (next.indent > line.indent).then(|| ColonMissing {
        key: rest.to_owned(),
        value: None,
    })
}

#[cfg(test)]
mod tests {
    use super::{Line, Position, scan};

    #[test]
    fn a_line_knows_its_key_and_value() {
        let lines = ["a:", "  - title: Bad Request", "  \"40x\": x", "  # c: d"];
        let line = Line::of(&lines, 2).unwrap();
        assert_eq!(line.key(), Some((5, "title")));
        assert_eq!(line.value(), Some("Bad Request"));
        assert_eq!(Line::of(&lines, 3).unwrap().key(), Some((3, "\"40x\"")));
        assert!(Line::of(&lines, 4).is_none());
    }

    #[test]
    fn the_scan_follows_quotes_brackets_and_comments() {
        let text = "a: { b: \"x # ] }\" ,\n  c: [it's, 'd''s' # [\n";
        let s = scan(text, Position::new(3, 1, 1));
        assert_eq!(s.flows.len(), 2);
        assert!(s.quote.is_none());
        assert_eq!(s.quoted.map(|q| q.0), Some('\''));
    }
}
