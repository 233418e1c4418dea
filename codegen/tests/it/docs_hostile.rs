//! Hostile spec text: `|`, backticks, `*`, `_`, a leading `#`, `<script>`, `{{ }}` and line
//! breaks in titles, messages, causes and descriptions. Rendered with a CommonMark parser, the
//! page keeps one table row per entry, holds no raw HTML but its own anchors and line breaks,
//! and shows every plain text exactly as written.

use crate::common;

use common::{html, is_own_html, raw_html, squash, table, tables, visible_text};
use errspec_codegen::__internals::docs::{self, Templates};
use errspec_codegen::__internals::{Api, Source};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

const HOSTILE: &str = r##"
api:
  name: "Evil | <script>alert('name')</script> *API* {{ name }}"
  summary: "# not a heading | `tick` _under_ <b>bold</b> {% raw %} $x$"
  description: "<script>alert(1)</script>\n\n# Heading in description\n\n{{ description }}\n\n```\n<unclosed fence>"
  support: { email: "a|b<script>@evil.test", url: "javascript:alert(1)" }
  docs:
    front_matter:
      title: "Evil: \"quoted\" | <script>"
      yes_value: "yes"
      multi: "line one\nline two"
      hash: "# comment?"
      braces: "{{ page.title }}"
      number: 3
body:
  fields:
    "err|or": code
    "message<script>": message
    status: status
statuses:
  400:
    title: "Bad | Request <script>alert(1)</script>"
    description: "A *desc* with | pipe and <img src=x onerror=alert(1)>"
    when: "when `a|b` <script>\nnew line | cell"
    debugging: ["- starts like a list", "1. starts like a numbered list", "# starts like a heading", "{{ tip }}"]
    message: "msg\nwith newline | and pipe"
  429:
    title: "Too Many ``` Requests"
    description: "~~~\n<script>alert(2)</script>"
errors:
  "CODE|PIPE":
    status: 400
    message: "Pipe | in message <script>alert(1)</script>"
    description: "a ` b\n`<script>`alert(3)"
    causes: ["cause with `backtick", "*star* and _under_", "<script>alert('cause')</script>", "{{ evil }} {% evil %}", "line\nbreak"]
    resolution: ["step | one", "# step two"]
    deprecated: "use <b>OTHER</b> | instead"
  "<script>alert(1)</script>":
    rust_name: ScriptCode
    status: 400
    message: "`code` span"
  "#HEADING":
    rust_name: HeadingCode
    status: 429
    message: "{{ message }}"
  "MULTI":
    status: 400
    message: "first line\nsecond line\n\n- list?"
rate_limits:
  - name: per_minute
    requests: 10
    window: 1m
    scope: ip
    status: 429
    error: "#HEADING"
    description: "rate | limit <script>"
limits:
  max_size: { value: 1000, header: "X-Size", error: "CODE|PIPE", description: "size|limit\n| --- |\n`<script>`" }
headers:
  limit: { name: X-Limit, description: "limit | <script>" }
  reset: { name: X-Reset, format: delta_seconds }
"##;

fn hostile_api() -> Api {
    errspec_codegen::__internals::compile_source(&Source::new("spec/evil.yaml", HOSTILE))
        .unwrap_or_else(|e| panic!("the hostile spec is valid:\n{e}"))
}

fn page(api: &Api) -> String {
    let templates = Templates::builtin().expect("built-in templates parse");
    docs::api_page(&templates, api).expect("hostile page renders")
}

/// The text after the front matter (Jekyll evaluates Liquid there, not in the front matter).
fn body_of(page: &str) -> &str {
    page.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(page, |(_, body)| body)
}

fn assert_no_foreign_html(markdown: &str) {
    for fragment in raw_html(markdown) {
        assert!(
            is_own_html(&fragment),
            "raw HTML from spec text: {fragment:?}"
        );
    }
    let rendered = html(markdown).to_ascii_lowercase();
    for tag in ["<script", "<img", "<b>", "<unclosed"] {
        assert!(!rendered.contains(tag), "rendered HTML holds {tag}");
    }
    assert!(!rendered.contains("href=\"javascript"), "javascript: link");
}

#[test]
fn one_table_row_per_code_and_status_with_text_intact() {
    let api = hostile_api();
    let page = page(&api);
    let tables = tables(&page);

    let codes = table(&tables, "Code");
    assert_eq!(codes.rows.len(), api.errors.len());
    for (row, error) in codes.rows.iter().zip(&api.errors) {
        assert_eq!(row.len(), 3, "a `|` split the row of {}", error.code);
        let deprecated = if error.deprecated.is_some() {
            " (deprecated)"
        } else {
            ""
        };
        assert_eq!(row[0], format!("{}{deprecated}", error.code));
        let status = &api.statuses[error.status];
        assert_eq!(row[1], format!("{} {}", status.key, status.title));
        assert_eq!(row[2], error.message);
    }

    let statuses = table(&tables, "Status");
    assert_eq!(statuses.rows.len(), api.statuses.len());
    for row in &statuses.rows {
        assert_eq!(row.len(), 3);
    }
    assert_eq!(statuses.rows[0][1], api.statuses[0].title);
    assert_eq!(statuses.rows[0][2], "when a|b <script>\nnew line | cell");

    for first in ["Limit", "Header", "Field"] {
        for t in tables.iter().filter(|t| t.header[0] == first) {
            for row in &t.rows {
                assert_eq!(row.len(), t.header.len(), "row split in the {first} table");
            }
        }
    }
    let other_limits = tables
        .iter()
        .find(|t| t.header.get(1).map(String::as_str) == Some("Value"))
        .expect("other limits table");
    assert_eq!(other_limits.rows.len(), 1);
    assert_eq!(other_limits.rows[0][4], "size|limit\n| --- |\n<script>");
}

#[test]
fn no_html_from_the_spec_reaches_the_page() {
    let api = hostile_api();
    let page = page(&api);
    assert_no_foreign_html(&page);
    let templates = Templates::builtin().expect("parse");
    assert_no_foreign_html(&docs::index_page(&templates, &[api]).expect("index renders"));
}

#[test]
fn template_syntax_is_printed_never_evaluated() {
    let api = hostile_api();
    let page = page(&api);
    let visible = visible_text(&page);
    for text in [
        "{{ name }}",
        "{{ tip }}",
        "{{ evil }} {% evil %}",
        "{{ message }}",
        "{% raw %}",
    ] {
        assert!(visible.contains(text), "`{text}` is not shown as written");
    }
    // A site generator (Jekyll's Liquid) must find no tag to evaluate either.
    let body = body_of(&page);
    assert!(
        !body.contains("{{") && !body.contains("{%"),
        "template tag left in the page"
    );
}

#[test]
fn every_plain_text_renders_as_itself() {
    let api = hostile_api();
    let visible = squash(&visible_text(&page(&api)));
    let mut texts = vec![api.name.clone(), api.summary.clone().unwrap_or_default()];
    for status in &api.statuses {
        texts.push(status.title.clone());
        texts.push(status.message.clone());
        texts.extend(status.debugging.iter().cloned());
    }
    for error in &api.errors {
        texts.push(error.code.clone());
        texts.push(error.message.clone());
        texts.extend(error.causes.iter().cloned());
        texts.extend(error.resolution.iter().cloned());
        texts.extend(error.deprecated.clone());
    }
    texts.push("a|b<script>@evil.test".to_owned());
    texts.push("javascript:alert(1)".to_owned());
    for text in texts {
        assert!(
            visible.contains(&squash(&text)),
            "`{text}` does not render as itself"
        );
    }
}

#[test]
fn leading_markers_stay_text() {
    let api = hostile_api();
    let page = page(&api);
    let mut headings = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    let mut nested_lists = 0;
    let mut depth = 0;
    for event in Parser::new_ext(&page, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::List(_)) => {
                depth += 1;
                if depth > 1 {
                    nested_lists += 1;
                }
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(nested_lists, 0, "a debugging tip or cause started a list");
    let h3: Vec<&str> = headings
        .iter()
        .filter(|(level, _)| *level == HeadingLevel::H3)
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(
        h3,
        [
            "400 Bad | Request <script>alert(1)</script>",
            "429 Too Many ``` Requests",
            "CODE|PIPE (deprecated)",
            "<script>alert(1)</script>",
            "#HEADING",
            "MULTI",
        ]
    );
    let visible = visible_text(&page);
    for tip in [
        "- starts like a list",
        "1. starts like a numbered list",
        "# starts like a heading",
        "# step two",
    ] {
        assert!(visible.contains(tip), "`{tip}` lost its marker");
    }
}

#[test]
fn front_matter_reads_back_exactly() {
    let api = hostile_api();
    let page = page(&api);
    let yaml = common::front_matter(&page).expect("front matter");
    let read: serde_json::Map<String, serde_json::Value> =
        serde_saphyr::from_str(&yaml).expect("front matter is valid YAML");
    let expected: serde_json::Map<String, serde_json::Value> =
        api.front_matter.iter().cloned().collect();
    assert_eq!(read, expected);
    assert_eq!(read["yes_value"], "yes", "`yes` stays a string");
}

/// Markdown punctuation and HTML, alone and in pairs, in messages: each message renders in its
/// own row, exactly, and never as HTML.
#[test]
fn every_fragment_round_trips_through_a_table_cell() {
    let fragments = [
        "|",
        "\\|",
        "`",
        "``",
        "\\",
        "*",
        "**",
        "_",
        "#",
        "<",
        ">",
        "&",
        "&amp;",
        "&#124;",
        "{{",
        "{%",
        "{#",
        "}}",
        "\n",
        "\r\n",
        "\n\n",
        "- ",
        "1. ",
        "[x](y)",
        "![i](j)",
        "<!--",
        "-->",
        "$",
        "~~",
        "***",
        "---",
        "===",
        ":",
        "\"",
        "'",
        "\t",
        "<br>",
        "é",
        "\u{2028}",
        "<script>",
        "</td>",
        "http://x.test/<a>",
    ];
    let mut messages = Vec::new();
    for a in fragments {
        messages.push(format!("a{a}b"));
        messages.push(format!("{a}x"));
        for b in ["|", "`", "<", "*", "\n", "{"] {
            messages.push(format!("x{a}y{b}z"));
        }
    }
    let mut yaml =
        String::from("api: { name: Fragments }\nstatuses: { 400: { title: Bad } }\nerrors:\n");
    for (i, message) in messages.iter().enumerate() {
        let quoted = serde_json::to_string(message).expect("a string serialises");
        yaml.push_str(&format!("  C{i}: {{ status: 400, message: {quoted} }}\n"));
    }
    let api =
        errspec_codegen::__internals::compile_source(&Source::new("spec/fragments.yaml", yaml))
            .unwrap_or_else(|e| panic!("{e}"));
    let page = page(&api);
    assert_no_foreign_html(&page);
    let tables = tables(&page);
    let codes = table(&tables, "Code");
    assert_eq!(codes.rows.len(), messages.len());
    for (row, error) in codes.rows.iter().zip(&api.errors) {
        assert_eq!(row.len(), 3, "{:?} split its row", error.message);
        let expected = error.message.replace("\r\n", "\n").trim().to_owned();
        assert_eq!(
            row[2], expected,
            "{:?} does not render as itself",
            error.message
        );
    }
}

/// Markdown text (descriptions) built from every triple of tricky pieces: as blocks in code
/// sections and as table cells in the limits table, no piece combination yields raw HTML or
/// splits a row.
#[test]
fn markdown_text_never_yields_html_or_splits_rows() {
    let pieces = [
        "`",
        "``",
        "```",
        "~~~",
        "\n",
        "\n\n",
        "|",
        "\n| --- |\n",
        "<script>",
        "\\",
        "- ",
        "    ",
    ];
    let mut descriptions = Vec::new();
    for a in pieces {
        for b in pieces {
            for c in pieces {
                descriptions.push(format!("x{a}{b}<script>{c}y"));
            }
        }
    }
    let mut yaml =
        String::from("api: { name: Markdown }\nstatuses: { 400: { title: Bad } }\nerrors:\n");
    for (i, description) in descriptions.iter().enumerate() {
        let quoted = serde_json::to_string(description).expect("serialises");
        yaml.push_str(&format!(
            "  C{i}: {{ status: 400, message: M, description: {quoted} }}\n"
        ));
    }
    yaml.push_str("limits:\n");
    for (i, description) in descriptions.iter().enumerate() {
        let quoted = serde_json::to_string(description).expect("serialises");
        yaml.push_str(&format!("  l{i}: {{ value: 1, description: {quoted} }}\n"));
    }
    let api =
        errspec_codegen::__internals::compile_source(&Source::new("spec/markdown.yaml", yaml))
            .unwrap_or_else(|e| panic!("{e}"));
    let page = page(&api);
    assert_no_foreign_html(&page);
    let tables = tables(&page);
    assert_eq!(table(&tables, "Code").rows.len(), descriptions.len());
    let limits = tables
        .iter()
        .find(|t| t.header.get(1).map(String::as_str) == Some("Value"))
        .expect("limits table");
    assert_eq!(limits.rows.len(), descriptions.len());
    for row in &limits.rows {
        assert_eq!(row.len(), 5, "a description split its row: {row:?}");
    }
    // Every code section is still there: no description swallowed the page after it.
    for error in &api.errors {
        assert!(page.contains(&format!(
            "<a id=\"code-{}\"></a>\n\n### `{}`",
            error.code, error.code
        )));
    }
    let h3 = html(&page).matches("<h3>").count();
    assert_eq!(
        h3,
        api.statuses.len() + api.errors.len(),
        "a description swallowed a heading"
    );
}
