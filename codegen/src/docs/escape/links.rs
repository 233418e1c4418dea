//! Anchors, link targets and JSON blocks: the parts of a page built from spec text that are
//! not prose.
use super::*;

pub use errspec_vocab::anchor;

/// A link destination for a web page: `http` and `https` URLs only (a spec must not be able to
/// plant a `javascript:` link), with every character that could end or break a Markdown link
/// percent-encoded.
pub fn web_href(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| percent_encode(url))
}

/// A `mailto:` link destination for an e-mail address.
pub fn mailto_href(email: &str) -> String {
    format!("mailto:{}", percent_encode(email.trim()))
}

/// Percent-encodes bytes outside the printable ASCII that is safe in a Markdown link
/// destination and an HTML attribute.
pub(super) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        let keep = b.is_ascii_graphic()
            && !matches!(
                b,
                b'<' | b'>'
                    | b'('
                    | b')'
                    | b'"'
                    | b'\''
                    | b'\\'
                    | b'`'
                    | b'{'
                    | b'}'
                    | b'|'
                    | b'['
                    | b']'
                    | b'*'
                    | b'_'
                    | b'&'
            );
        if keep {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A JSON example, pretty-printed for a ```` ```json ```` block. Inside strings `{{`, `{%` and
/// `{#` are written with a `\u` escape, which is the same JSON but no template tag for a site
/// generator; a fence cannot close early, because every line of pretty JSON starts with a
/// space, a bracket or a quote, and line breaks in strings are escaped.
pub fn json_block(value: &serde_json::Value) -> String {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    let mut out = String::with_capacity(pretty.len());
    let mut previous = None;
    for c in pretty.chars() {
        // Outside strings pretty JSON never has `{` directly before `{`, `%` or `#`.
        if previous == Some('{') && opens_template_tag(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}
