//! The lines of a doc text, as doc attributes and `///` comments hold them.

/// The lines of a doc text as doc attributes and `///` comments hold them.
pub(crate) fn doc_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim_end)
}
