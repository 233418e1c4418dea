//! Escaping against a CommonMark renderer and by the bytes, for hostile spec text.

use super::*;

#[test]
fn text_escapes_markup_and_html() {
    assert_eq!(text("a|b"), "a\\|b");
    assert_eq!(text("*x* _y_ `z`"), "\\*x\\* \\_y\\_ \\`z\\`");
    assert_eq!(text("<script>"), "&lt;script&gt;");
    assert_eq!(text("# title"), "\\# title");
    assert_eq!(text("AT&T &lt;"), "AT&amp;T &amp;lt;");
    assert_eq!(
        text("{{ x }} {% if %} {a}"),
        "&#123;{ x }} &#123;% if %} {a}"
    );
    assert_eq!(text("a\nb\r\nc"), "a<br>b<br>c");
}

#[test]
fn text_escapes_block_starts() {
    assert_eq!(text("- item"), "\\- item");
    assert_eq!(text("+ item"), "\\+ item");
    assert_eq!(text("==="), "\\===");
    assert_eq!(text("12. item"), "12\\. item");
    assert_eq!(text("3) item"), "3\\) item");
    assert_eq!(text("1.5 seconds"), "1\\.5 seconds");
    assert_eq!(text("2024 was"), "2024 was");
}

#[test]
fn code_spans_use_a_longer_fence() {
    assert_eq!(code("X-RateLimit-Limit"), "`X-RateLimit-Limit`");
    assert_eq!(code("a`b"), "``a`b``");
    assert_eq!(code("`x`"), "`` `x` ``");
    assert_eq!(code("a````````b"), "`````````a````````b`````````");
    assert_eq!(code("a|b"), "a\\|b");
    assert_eq!(code("{{x}}"), "&#123;{x}}");
    assert_eq!(code(""), "");
}

#[test]
fn markdown_keeps_markdown_and_escapes_html() {
    assert_eq!(
        markdown("Use `X-Timestamp` and *care*.\n\n<script>alert(1)</script>"),
        "Use `X-Timestamp` and *care*.\n\n&lt;script>alert(1)&lt;/script>"
    );
    assert_eq!(markdown("`<b>` is code"), "`<b>` is code");
    // The unmatched backtick is escaped, so CommonMark cannot pair it with the next line's.
    assert_eq!(markdown("a ` b\n`<script>`"), "a \\` b\n`<script>`");
    assert_eq!(markdown("a ` b\n<script>`"), "a \\` b\n&lt;script>\\`");
    assert_eq!(markdown("\\`<b>\\`"), "\\`&lt;b>\\`");
    assert_eq!(markdown("{{ x }}"), "&#123;{ x }}");
}

#[test]
fn markdown_closes_an_open_fence() {
    assert_eq!(markdown("```\n<script>"), "```\n<script>\n```");
    assert_eq!(markdown("~~~~ x\na\n~~~~\n<b>"), "~~~~ x\na\n~~~~\n&lt;b>");
}

#[test]
fn markdown_with_a_table_escapes_inside_code_too() {
    assert_eq!(
        markdown("| a | b |\n| - | - |\n| `x | <b>` | y |"),
        "| a | b |\n| - | - |\n| `x | &lt;b>` | y |"
    );
}

#[test]
fn markdown_line_stays_on_one_line() {
    assert_eq!(markdown_line("a | b\n\nc"), "a \\| b<br><br>c");
    assert_eq!(markdown_line("`a|b`"), "`a\\|b`");
    assert_eq!(markdown_line("<i>"), "&lt;i>");
}

#[test]
fn anchors_are_injective_and_safe() {
    assert_eq!(
        anchor("code", "INVOICE_NOT_EXIST"),
        "code-INVOICE_NOT_EXIST"
    );
    assert_eq!(anchor("code", "a.b"), "code-a.2Eb");
    assert_eq!(anchor("code", "a b\"<"), "code-a.20b.22.3C");
    assert_ne!(anchor("code", "a.2E"), anchor("code", "a."));
}

#[test]
fn hrefs_are_web_or_mail_only() {
    assert_eq!(web_href("javascript:alert(1)"), None);
    assert_eq!(
        web_href("https://x.test/a b)").as_deref(),
        Some("https://x.test/a%20b%29")
    );
    assert_eq!(mailto_href("a@b.test"), "mailto:a@b.test");
}

#[test]
fn json_blocks_hide_template_tags() {
    let value = serde_json::json!({ "m": "{{ x }} {% y %}" });
    assert_eq!(
        json_block(&value),
        "{\n  \"m\": \"{\\u007b x }} {\\u0025 y %}\"\n}"
    );
    let back: serde_json::Value = serde_json::from_str(&json_block(&value)).unwrap();
    assert_eq!(back, value);
}
