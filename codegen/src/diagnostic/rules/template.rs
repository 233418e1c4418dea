//! Templates with named holes, and a rule's message with its holes filled.

use super::Rule;
use std::fmt::{self, Display, Write as _};

/// A piece of a template: text to copy, or a hole to fill.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'t> {
    Text(&'t str),
    /// `{{` or `}}`: one brace.
    Brace(char),
    Hole(&'t str),
}

/// The pieces of `template`; an unclosed `{` ends it as text.
fn pieces(template: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = template;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        for brace in ["{{", "}}"] {
            if let Some(after) = rest.strip_prefix(brace) {
                rest = after;
                return Some(Piece::Brace(brace.as_bytes()[0] as char));
            }
        }
        if let Some(after) = rest.strip_prefix('{')
            && let Some(end) = after.find('}')
        {
            rest = &after[end + 1..];
            return Some(Piece::Hole(&after[..end]));
        }
        // Text runs to the next brace, past a first character that may be a lone one.
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let end = rest[first..]
            .find(['{', '}'])
            .map_or(rest.len(), |i| i + first);
        let (text, after) = rest.split_at(end);
        rest = after;
        Some(Piece::Text(text))
    })
}

/// The holes of `template`, in order.
pub(super) fn holes(template: &str) -> impl Iterator<Item = &str> {
    pieces(template).filter_map(|piece| match piece {
        Piece::Hole(name) => Some(name),
        _ => None,
    })
}

/// Whether every brace of `template` is doubled or opens a hole named in snake_case.
#[cfg(test)]
pub(super) fn is_well_formed(template: &str) -> bool {
    pieces(template).all(|piece| match piece {
        Piece::Text(text) => !text.contains(['{', '}']),
        Piece::Brace(_) => true,
        Piece::Hole(name) => {
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        }
    })
}

/// `template` as the reference shows it: braces single, holes as `{name}`.
pub(super) fn shown(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Brace(brace) => out.push(brace),
            Piece::Hole(name) => {
                let _ = write!(out, "{{{name}}}");
            }
        }
    }
    out
}

/// A rule's message with its holes filled: what a diagnostic says and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    rule: &'static Rule,
    /// The values of the holes filled so far.
    values: Vec<(&'static str, String)>,
}

impl From<&'static Rule> for Message {
    fn from(rule: &'static Rule) -> Self {
        Self {
            rule,
            values: Vec::new(),
        }
    }
}

impl Message {
    /// Fills `hole` with `value`. The rule must have that hole.
    #[must_use]
    pub fn with(mut self, hole: &'static str, value: impl Display) -> Self {
        debug_assert!(
            self.rule.holes().contains(&hole),
            "rule {} has no hole {{{hole}}}",
            self.rule.id
        );
        self.values.push((hole, value.to_string()));
        self
    }

    /// Fills `hole` when there is a value; variants that need it are used only then.
    #[must_use]
    pub fn with_some(self, hole: &'static str, value: Option<impl Display>) -> Self {
        match value {
            Some(value) => self.with(hole, value),
            None => self,
        }
    }

    /// The rule broken.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// The value `hole` is filled with.
    pub fn value(&self, hole: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(name, _)| *name == hole)
            .map(|(_, value)| value.as_str())
    }

    /// The first of `variants` whose holes are all filled.
    fn variant(&self, variants: &[&'static str]) -> Option<&'static str> {
        variants
            .iter()
            .copied()
            .find(|variant| holes(variant).all(|hole| self.value(hole).is_some()))
    }

    fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        for piece in pieces(template) {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Brace(brace) => out.push(brace),
                Piece::Hole(name) => match self.value(name) {
                    Some(value) => out.push_str(value),
                    None => {
                        let _ = write!(out, "{{{name}}}");
                    }
                },
            }
        }
        out
    }

    /// The message and the help, filled. Every value filled must show in one of them.
    pub fn texts(&self) -> (String, Option<String>) {
        let message = self.variant(self.rule.message);
        debug_assert!(
            message.is_some(),
            "rule {}: no message variant has all its holes filled ({:?})",
            self.rule.id,
            self.values
        );
        let message = message.unwrap_or(self.rule.message[0]);
        let help = self.variant(self.rule.help);
        debug_assert!(
            self.values.iter().all(|(hole, _)| {
                holes(message)
                    .chain(help.into_iter().flat_map(holes))
                    .any(|h| h == *hole)
            }),
            "rule {}: a value filled is shown neither in `{message}` nor in its help {help:?}",
            self.rule.id
        );
        (self.fill(message), help.map(|h| self.fill(h)))
    }
}

impl Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.texts().0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SAMPLE: Rule = Rule {
        id: "sample",
        applies_to: "tests",
        message: &["status {status} is not declared"],
        help: &[
            "did you mean `{best}`? declared: {declared}",
            "declare it, e.g. `{status}: {{ title: ... }}`",
        ],
    };

    #[test]
    fn holes_are_filled_and_braces_kept() {
        let (message, help) = SAMPLE.with("status", 404).texts();
        assert_eq!(message, "status 404 is not declared");
        assert_eq!(help.unwrap(), "declare it, e.g. `404: { title: ... }`");
    }

    #[test]
    fn the_most_specific_variant_whose_holes_are_filled_is_used() {
        let filled = SAMPLE
            .with("status", 404)
            .with("best", 400)
            .with("declared", "400, 500");
        assert_eq!(
            filled.texts().1.unwrap(),
            "did you mean `400`? declared: 400, 500"
        );
    }

    #[test]
    fn templates_show_their_holes() {
        assert_eq!(
            shown(SAMPLE.help[1]),
            "declare it, e.g. `{status}: { title: ... }`"
        );
        assert_eq!(SAMPLE.holes(), ["status", "best", "declared"]);
        assert!(is_well_formed(SAMPLE.help[1]));
        assert!(!is_well_formed("a { b"));
        assert!(!is_well_formed("a {B}"));
    }

    #[test]
    #[should_panic(expected = "has no hole")]
    fn a_hole_the_rule_lacks_cannot_be_filled() {
        let _ = SAMPLE.with("code", "X");
    }
}
