//! Spec Markdown as HTML for the site: rendered with pulldown-cmark, with every piece of raw
//! HTML in it shown as text, links kept only to web pages, e-mail addresses and anchors, and
//! images shown as links (a page must request nothing).

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// `text` (Markdown) as HTML that shows exactly what it says and runs nothing.
pub fn markdown_html(text: &str) -> String {
    let events = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(
        |event| match event {
            // Raw HTML from the spec is text on the page.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_destination(dest_url),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: safe_destination(dest_url),
                title,
                id,
            }),
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            other => other,
        },
    );
    let mut out = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut out, events);
    out.trim_end().to_owned()
}

/// `http`, `https` and `mailto` URLs, anchors and relative paths; anything else (such as
/// `javascript:`) becomes an anchor that goes nowhere.
fn safe_destination(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => CowStr::Borrowed("#"),
    }
}

#[cfg(test)]
mod tests {
    use super::markdown_html;

    #[test]
    fn raw_html_is_text_and_links_are_safe() {
        assert_eq!(
            markdown_html("a <script>alert(1)</script> *b*"),
            "<p>a &lt;script&gt;alert(1)&lt;/script&gt; <em>b</em></p>"
        );
        assert_eq!(
            markdown_html("[x](javascript:alert(1))"),
            "<p><a href=\"#\">x</a></p>"
        );
        assert_eq!(
            markdown_html("[docs](https://acme.test/a?b=1) ![logo](https://acme.test/l.png)"),
            "<p><a href=\"https://acme.test/a?b=1\">docs</a> <a href=\"https://acme.test/l.png\">logo</a></p>"
        );
        // Quotes need no escaping in element text; `{{ }}` is plain text to a browser.
        assert_eq!(markdown_html("{{ x }} \"q\""), "<p>{{ x }} \"q\"</p>");
    }
}
