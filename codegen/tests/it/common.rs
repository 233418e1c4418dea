//! Helpers shared by the docs tests: the specs of a folder of the repository, and generated
//! Markdown rendered with a CommonMark parser (pulldown-cmark, with the GFM extensions GitHub
//! and Jekyll sites use) to inspect the result. The `tools` tests use it too.

#![allow(dead_code)] // Each test file uses its own subset.

use errspec_codegen::__internals::compile_paths;
use errspec_codegen::__internals::model::Api;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::PathBuf;

/// The repository root (the parent of this crate).
pub fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The APIs of the repository's folder `folder` (`spec`, `tests/hostile`), which must be valid.
pub fn apis(folder: &str) -> Vec<Api> {
    compile_paths(&[repo_root().join(folder)])
        .unwrap_or_else(|e| panic!("{folder} holds valid specs:\n{e}"))
}

/// Every API of the repository: the seeds, the catalogs crate's (GitHub, Stripe, Google), and
/// the hostile specs.
pub fn every_api() -> Vec<Api> {
    let mut all = apis("spec");
    all.extend(apis("catalogs/spec"));
    all.extend(apis("tests/hostile"));
    all
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// The page as HTML.
pub fn html(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, Parser::new_ext(markdown, options()));
    out
}

/// What a reader sees: the text of every text and code node; line breaks (soft, hard and the
/// page's own `<br>`) as `\n`. Front matter is left out.
pub fn visible_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_metadata = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) | Event::Code(t) if !in_metadata => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::InlineHtml(h) if &*h == "<br>" => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push_str(" | "),
            _ => {}
        }
    }
    out
}

/// Text with every run of whitespace made one space, for containment checks that do not
/// depend on where lines break.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The front matter block's YAML, when the page has one.
pub fn front_matter(markdown: &str) -> Option<String> {
    let mut inside = false;
    let mut yaml = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => inside = true,
            Event::End(TagEnd::MetadataBlock(_)) => return Some(yaml),
            Event::Text(t) if inside => yaml.push_str(&t),
            _ => {}
        }
    }
    None
}

/// One rendered table: header cells and body rows, each cell as its visible text (`<br>` as
/// `\n`).
#[derive(Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every table of the page, in order.
pub fn tables(markdown: &str) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut current: Option<Table> = None;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Table(_)) => current = Some(Table::default()),
            Event::End(TagEnd::Table) => tables.extend(current.take()),
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = current.as_mut() {
                    t.header = std::mem::take(&mut row);
                }
            }
            Event::Start(Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = current.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.extend(cell.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::InlineHtml(h) if &*h == "<br>" => {
                if let Some(c) = cell.as_mut() {
                    c.push('\n');
                }
            }
            _ => {}
        }
    }
    tables
}

/// The table whose first header cell is `first_header`.
pub fn table<'a>(tables: &'a [Table], first_header: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.header.first().map(String::as_str) == Some(first_header))
        .unwrap_or_else(|| panic!("no table with first column `{first_header}`"))
}

/// Every piece of raw HTML in the page, block or inline.
pub fn raw_html(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Html(h) | Event::InlineHtml(h) => Some(h.to_string()),
            _ => None,
        })
        .collect()
}

/// Whether a piece of raw HTML is one the templates write on purpose: a section anchor, a
/// line break inside a cell, or the "generated" comment.
pub fn is_own_html(fragment: &str) -> bool {
    let fragment = fragment.trim_end_matches('\n');
    if fragment == "<br>" || fragment == "</a>" {
        return true;
    }
    if fragment.starts_with("<!-- Generated by `cargo errspec generate`")
        && fragment.ends_with("-->")
    {
        return fragment.matches("-->").count() == 1;
    }
    let anchor = fragment.strip_prefix("<a id=\"").and_then(|rest| {
        rest.strip_suffix("\"></a>")
            .or_else(|| rest.strip_suffix("\">"))
    });
    anchor.is_some_and(|id| {
        !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    })
}
