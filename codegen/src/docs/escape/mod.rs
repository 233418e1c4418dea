//! Spec text into Markdown that renders as that text and nothing else.
//!
//! Spec text is data: it may hold `|`, backticks, `*`, `_`, a leading `#`, `<script>`,
//! `{{ }}` and line breaks, and none of them may change the page's structure, inject HTML or be
//! evaluated by a site generator (Jekyll runs Liquid over Markdown pages, so `{{` and `{%` are
//! neutralised too). Two kinds of text exist:
//!
//! - **plain text** (titles, messages, codes, causes, debugging tips, ...): every character that
//!   Markdown could read as markup is escaped, so the text renders exactly as written
//!   ([`text`], [`code`]);
//! - **Markdown text** (every `description` and `when`, as the spec format defines them): the
//!   author's Markdown is kept, but raw HTML is shown as text and template syntax is
//!   neutralised ([`markdown`], [`markdown_line`]).
//!
//! All of it is pure string work, so the same input always gives the same bytes.

use std::borrow::Cow;
use std::fmt::Write as _;

mod html;
mod links;
#[cfg(test)]
mod tests;

pub use html::markdown_html;
pub use links::{anchor, json_block, mailto_href, web_href};

/// Characters that are markup somewhere in inline Markdown (CommonMark plus the GFM and
/// GitHub extensions: tables, strikethrough, math). Each is written with a backslash, which
/// CommonMark defines for every ASCII punctuation character.
const INLINE_SPECIALS: &[char] = &['\\', '`', '*', '_', '[', ']', '#', '~', '|', '$'];

/// Plain text as inline Markdown, safe anywhere inline: a paragraph, a list item, a heading, a
/// table cell or link text.
///
/// Surrounding whitespace is dropped (HTML collapses it anyway); line breaks become `<br>` so
/// the text stays on one line and cannot start a block; a leading `-`, `+`, `=` or `1.` is
/// escaped so it cannot start a list, a heading underline or a thematic break.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    text_into(text, &mut out);
    out
}

/// Bytes that [`text`] does not write as themselves (or may not: `{`). All are ASCII, so the
/// text between two of them is whole characters.
const TEXT_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < INLINE_SPECIALS.len() {
        table[INLINE_SPECIALS[i] as usize] = true;
        i += 1;
    }
    table[b'\r' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'&' as usize] = true;
    table[b'{' as usize] = true;
    table
};

/// [`text`], appended to `out`.
pub fn text_into(text: &str, out: &mut String) {
    let text = text.trim();
    let rest = escape_block_start(text, out);
    let bytes = rest.as_bytes();
    // Runs of bytes written as themselves are copied whole.
    let mut done = 0;
    while let Some(offset) = bytes[done..]
        .iter()
        .position(|&b| TEXT_SPECIAL[usize::from(b)])
    {
        let i = done + offset;
        out.push_str(&rest[done..i]);
        done = i + 1;
        match bytes[i] {
            b'\r' => {
                if bytes.get(done) == Some(&b'\n') {
                    done += 1;
                }
                out.push_str("<br>");
            }
            b'\n' => out.push_str("<br>"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            b'&' => out.push_str("&amp;"),
            b'{' if bytes
                .get(done)
                .is_some_and(|&n| opens_template_tag(char::from(n))) =>
            {
                out.push_str("&#123;");
            }
            b'{' => out.push('{'),
            b => {
                out.push('\\');
                out.push(char::from(b));
            }
        }
    }
    out.push_str(&rest[done..]);
}

/// Writes the escaped form of a leading list, heading-underline or thematic-break marker and
/// returns the text after it.
fn escape_block_start<'a>(text: &'a str, out: &mut String) -> &'a str {
    if let Some(rest) = text.strip_prefix(['-', '+', '=']) {
        out.push('\\');
        out.push_str(&text[..1]);
        return rest;
    }
    // An ordered-list marker is 1 to 9 digits followed by `.` or `)`.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits)
        && let Some(&marker @ (b'.' | b')')) = text.as_bytes().get(digits)
    {
        out.push_str(&text[..digits]);
        out.push('\\');
        out.push(char::from(marker));
        return &text[digits + 1..];
    }
    text
}

/// Whether `{` followed by `next` opens a template tag in Liquid, Jinja or Tera.
fn opens_template_tag(next: char) -> bool {
    matches!(next, '{' | '%' | '#')
}

/// Plain text as an inline code span (for wire codes, field and header names), safe anywhere
/// inline. Text that a code span cannot carry exactly everywhere (line breaks, `|`, which
/// table cells would split on, template syntax, which site generators evaluate even inside
/// code) is written with [`text`] instead, so it still renders as itself.
pub fn code(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 4);
    code_into(raw, &mut out);
    out
}

/// [`code`], appended to `out`.
pub fn code_into(raw: &str, out: &mut String) {
    let trimmed = raw.trim();
    let bytes = trimmed.as_bytes();
    // One pass finds what a code span cannot carry and the longest run of backticks.
    let (mut longest, mut run) = (0, 0);
    let mut unsafe_in_code = trimmed.is_empty();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'`' {
            run += 1;
            longest = longest.max(run);
            continue;
        }
        run = 0;
        unsafe_in_code |= match b {
            b'\n' | b'\r' | b'|' => true,
            b'{' => bytes
                .get(i + 1)
                .is_some_and(|&n| matches!(n, b'{' | b'%' | b'#')),
            _ => false,
        };
    }
    if unsafe_in_code {
        return text_into(trimmed, out);
    }
    // The fence is one backtick longer than the longest run inside, so nothing closes it early.
    let long_fence;
    let fence = match "````````".get(..=longest) {
        Some(fence) => fence,
        None => {
            long_fence = "`".repeat(longest + 1);
            &long_fence
        }
    };
    // CommonMark strips one space from each side when both are present: pad so a leading or
    // trailing backtick is not read as part of the fence.
    let pad = if trimmed.starts_with('`') || trimmed.ends_with('`') {
        " "
    } else {
        ""
    };
    for part in [fence, pad, trimmed, pad, fence] {
        out.push_str(part);
    }
}

/// Markdown text (a `description`) as Markdown blocks: the author's emphasis, lists, links and
/// code stay; raw HTML is shown as text; template tags are neutralised; an unclosed code fence
/// is closed so it cannot swallow the rest of the page. Meant to stand as its own paragraphs.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    markdown_into(text, &mut out);
    out
}

/// [`markdown`], appended to `out`.
pub fn markdown_into(text: &str, out: &mut String) {
    let text = normalize_newlines(text);
    let text = text.trim_matches('\n');
    // A GFM table row splits at `|` before code spans are found, which would move text out of
    // a code span: when the text may hold a table, `<` is escaped inside code spans too.
    let strict = text.lines().any(is_table_delimiter_row);
    let start = out.len();
    let mut fence: Option<Fence> = None;
    for line in text.split('\n') {
        match &fence {
            Some(open) => {
                if open.is_closed_by(line) {
                    fence = None;
                }
                // Inside a fenced block everything is literal text already.
                out.push_str(line);
            }
            None => {
                if let Some(open) = Fence::opened_by(line) {
                    fence = Some(open);
                    out.push_str(line);
                } else {
                    escape_line(line, Mode::Block { strict }, out);
                }
            }
        }
        out.push('\n');
    }
    if let Some(open) = fence {
        out.extend(std::iter::repeat_n(open.marker, open.len));
        out.push('\n');
    }
    let end = start + out[start..].trim_end_matches('\n').len();
    out.truncate(end);
}

/// Markdown text (a `description` or `when`) for one table cell: line breaks become `<br>`,
/// every `|` is escaped so the row keeps its cells, raw HTML is shown as text.
pub fn markdown_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    markdown_line_into(text, &mut out);
    out
}

/// [`markdown_line`], appended to `out`.
pub fn markdown_line_into(text: &str, out: &mut String) {
    let text = normalize_newlines(text);
    for (i, line) in text.trim().split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        escape_line(line.trim(), Mode::Cell, out);
    }
}

/// `text` with `\r\n` and lone `\r` as `\n`; borrowed when it has no `\r`.
fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A line of a GFM table's delimiter row, such as `| --- | :-: |`.
fn is_table_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Where an escaped line of Markdown text goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Among blocks; `strict` escapes `<` inside code spans as well.
    Block { strict: bool },
    /// In a table cell: every `|` is escaped, inside code spans too (GFM reads `\|` there).
    Cell,
}

/// Escapes one line of Markdown text outside fenced code.
///
/// Code spans are kept only when they close on the same line; an unmatched backtick is
/// escaped, so CommonMark, which would look for a closer on later lines, finds exactly the
/// code spans this function found, and every `<` outside them is escaped.
fn escape_line(line: &str, mode: Mode, out: &mut String) {
    // Most lines hold nothing this function changes: copy them whole.
    let plain = !line
        .bytes()
        .any(|b| matches!(b, b'\\' | b'`' | b'<' | b'{') || (b == b'|' && mode == Mode::Cell));
    if plain {
        out.push_str(line);
        return;
    }
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => match chars.get(i + 1) {
                // `\{{` is still a template tag for Liquid: write the brace as an entity.
                Some('{') if chars.get(i + 2).is_some_and(|&n| opens_template_tag(n)) => {
                    out.push_str("&#123;");
                    i += 2;
                }
                Some(&next) if next.is_ascii_punctuation() => {
                    // An author's backslash escape is literal text already.
                    out.push('\\');
                    out.push(next);
                    i += 2;
                }
                _ => {
                    out.push('\\');
                    i += 1;
                }
            },
            '`' => {
                let run = chars[i..].iter().take_while(|&&ch| ch == '`').count();
                match closing_run(&chars, i + run, run) {
                    Some(close) => {
                        for &ch in &chars[i..close + run] {
                            push_in_code(ch, mode, out);
                        }
                        i = close + run;
                    }
                    None => {
                        for _ in 0..run {
                            out.push_str("\\`");
                        }
                        i += run;
                    }
                }
            }
            '<' => {
                out.push_str("&lt;");
                i += 1;
            }
            '{' if chars.get(i + 1).is_some_and(|&n| opens_template_tag(n)) => {
                out.push_str("&#123;");
                i += 1;
            }
            '|' if mode == Mode::Cell => {
                out.push_str("\\|");
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
}

fn push_in_code(c: char, mode: Mode, out: &mut String) {
    match (c, mode) {
        ('|', Mode::Cell) => out.push_str("\\|"),
        ('<', Mode::Block { strict: true }) => out.push_str("&lt;"),
        (c, _) => out.push(c),
    }
}

/// The start of the first run of exactly `len` backticks at or after `from`.
fn closing_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// An open fenced code block.
struct Fence {
    marker: char,
    len: usize,
}

impl Fence {
    /// The fence a line opens: up to three spaces, then three or more backticks or tildes (a
    /// backtick fence's info string may not hold a backtick).
    fn opened_by(line: &str) -> Option<Self> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            return None;
        }
        let rest = &line[indent..];
        let marker = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let len = rest.chars().take_while(|&c| c == marker).count();
        let info = &rest[len..];
        (len >= 3 && !(marker == '`' && info.contains('`'))).then_some(Self { marker, len })
    }

    /// Whether `line` closes this fence: the same marker, at least as long, nothing after it.
    fn is_closed_by(&self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let len = rest.chars().take_while(|&c| c == self.marker).count();
        indent <= 3 && len >= self.len && rest[len..].trim().is_empty()
    }
}
