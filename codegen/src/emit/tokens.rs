//! The small token helpers every emitter shares: identifiers, literals, doc comments as
//! attributes, and the paths of errspec's runtime enums and durations.

use super::text::shapes::doc_lines;
use crate::model::{Retry, Scope};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// An identifier; `r#type` becomes a raw identifier.
pub(super) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub(super) fn lit(text: &str) -> Literal {
    Literal::string(text)
}

/// Spec text as a doc line: rustdoc reads markdown, and the text is the API's own prose.
/// A leading space keeps `///` comments readable.
pub(super) fn doc_line(text: &str) -> String {
    text.lines()
        .map(|l| format!(" {}", link_bare_urls(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `line` with each bare `http://` or `https://` URL outside code spans written as an
/// autolink (`<https://...>`), as rustdoc wants it (its `bare_urls` lint). A URL ends at
/// whitespace, and trailing punctuation is not part of it. URLs already in a link or an
/// autolink (after `(` or `<`) are left as they are.
pub(super) fn link_bare_urls(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        }
        let starts_url = rest.starts_with("https://") || rest.starts_with("http://");
        let after_plain = !matches!(out.chars().last(), Some('(' | '<' | '/' | '"' | '\''));
        if starts_url && !in_code && after_plain {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let mut url =
                rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '`', '\'', '"']);
            // A closing parenthesis ends the URL only when the URL opened none.
            while url.ends_with(')') && url.matches(')').count() > url.matches('(').count() {
                url = url[..url.len() - 1].trim_end_matches(['.', ',', ';', ':', '!', '?']);
            }
            let scheme_end = url.find("://").map_or(url.len(), |i| i + 3);
            if url.len() > scheme_end {
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[url.len()..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The doc text of `parts`, one paragraph each. Every line starts with a space or is empty.
pub(super) fn doc_text(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| doc_line(p))
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub(super) fn docs(parts: &[Option<&str>]) -> TokenStream {
    doc_attrs(&doc_text(parts))
}

/// One `#[doc]` attribute per line, so prettyplease prints `///` lines rather than a
/// `/** */` block for multi-line text.
pub(super) fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#[doc = #lines])* }
}

/// The name of a policy's variant of `::errspec::Retry`.
pub(super) const fn retry_variant(retry: Retry) -> &'static str {
    match retry {
        Retry::Never => "Never",
        Retry::Backoff => "Backoff",
        Retry::AfterReset => "AfterReset",
        Retry::AfterRefresh => "AfterRefresh",
    }
}

pub(super) fn scope_tokens(scope: Scope) -> TokenStream {
    match scope {
        Scope::ApiKey => quote!(::errspec::Scope::ApiKey),
        Scope::Account => quote!(::errspec::Scope::Account),
        Scope::Ip => quote!(::errspec::Scope::Ip),
        Scope::Total => quote!(::errspec::Scope::Total),
    }
}

pub(super) fn duration_tokens(d: std::time::Duration) -> TokenStream {
    let millis = d.as_millis();
    if millis.is_multiple_of(1000) {
        let secs = Literal::u64_unsuffixed(d.as_secs());
        quote!(::core::time::Duration::from_secs(#secs))
    } else {
        let millis = Literal::u64_unsuffixed(u64::try_from(millis).unwrap_or(u64::MAX));
        quote!(::core::time::Duration::from_millis(#millis))
    }
}

#[cfg(test)]
mod tests {
    use super::link_bare_urls;

    #[test]
    fn bare_urls_become_autolinks_and_others_stay() {
        assert_eq!(
            link_bare_urls("Reach out at https://support.stripe.com/contact/email and say so."),
            "Reach out at <https://support.stripe.com/contact/email> and say so."
        );
        assert_eq!(
            link_bare_urls("See https://example.com/a_(b)."),
            "See <https://example.com/a_(b)>."
        );
        assert_eq!(
            link_bare_urls("(details: https://example.com/x.)"),
            "(details: <https://example.com/x>.)"
        );
        for kept in [
            "[API key](https://cloud.google.com/docs/authentication/api-keys)",
            "<https://example.com>",
            "`curl https://api.github.com`",
            "https://",
            "no URL at all, é ü",
        ] {
            assert_eq!(link_bare_urls(kept), kept);
        }
        assert_eq!(link_bare_urls("http://x.io"), "<http://x.io>");
    }
}
