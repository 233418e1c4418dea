//! The registry of rules: every problem the generator reports, each with a stable id, the part
//! of a spec it applies to, and its message and help written once, as templates.
//!
//! Like rustc's error codes, the registry is the one place a diagnostic's text is written:
//! the loader and the validator fill a rule's holes with values from the spec
//! (`STATUS_UNDECLARED.with("status", 404)`), the format reference's table of rules
//! (`docs/spec-format.md`) is generated from it, and the rules test checks that every rule has
//! a fixture that produces it.
//!
//! # Templates
//!
//! A template is text with named holes, `{status}`, filled by [`Rule::with`]; `{{` and `}}`
//! stand for braces. A rule whose wording depends on what is known lists its variants, most
//! specific first: the first variant whose holes are all filled is used (`did you mean
//! `{best}`? expected one of: {expected}` when there is a best guess, `expected one of:
//! {expected}` when there is none). A help whose variants all need a hole that was not filled
//! is left out. Filling a hole that no variant has, or leaving a hole of the chosen message
//! empty, is a mistake that debug builds (and so the tests) panic on.
//!
//! # Adding a rule
//!
//! 1. Add one entry to the group of its stage: [`files`] (files, YAML and the shape of the
//!    spec), [`catalog`] (the API, body, statuses and codes) or [`limits`] (examples, rate
//!    limits, limits and headers). Its id is kebab-case and never changes once released.
//! 2. Report it where it is found: `Diagnostic::new(path, position, RULE.with("hole", value))`.
//! 3. Add a fixture under `codegen/tests/fixtures/bad/` and its entry in
//!    `codegen/tests/it/rules.rs`, with the values its holes are filled with.
//! 4. Regenerate the table of `docs/spec-format.md`:
//!    `ERRSPEC_BLESS=1 cargo test -p errspec-codegen --test it rules::`.

pub mod catalog;
pub mod files;
pub mod limits;
mod table;
mod template;

pub use table::{TABLE_END, TABLE_START, markdown_table};
pub use template::Message;

/// One rule of the spec format and how breaking it is reported.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Stable kebab-case name, such as `status-undeclared`.
    pub id: &'static str,
    /// The part of a spec the rule applies to, as the reference's table says it (`statuses`,
    /// `any mapping`, `file`).
    pub applies_to: &'static str,
    /// The message's variants, most specific first; see the module doc.
    pub message: &'static [&'static str],
    /// The help's variants, most specific first; empty when there is no help.
    pub help: &'static [&'static str],
}

impl Rule {
    /// This rule's message with `hole` filled with `value`.
    pub fn with(&'static self, hole: &'static str, value: impl std::fmt::Display) -> Message {
        Message::from(self).with(hole, value)
    }

    /// This rule's message with `hole` filled when there is a value.
    pub fn with_some(
        &'static self,
        hole: &'static str,
        value: Option<impl std::fmt::Display>,
    ) -> Message {
        Message::from(self).with_some(hole, value)
    }

    /// Every hole of every variant of the message and the help, each once.
    pub fn holes(&self) -> Vec<&'static str> {
        let mut holes = Vec::new();
        for variant in self.message.iter().chain(self.help) {
            for hole in template::holes(variant) {
                if !holes.contains(&hole) {
                    holes.push(hole);
                }
            }
        }
        holes
    }
}

/// Declares a group of rules, each a `pub static`, and `GROUP`, the list of them in order.
macro_rules! rules {
    ($(
        $(#[$doc:meta])*
        $name:ident {
            id: $id:literal,
            applies_to: $where:literal,
            message: [$($message:expr),+ $(,)?],
            help: [$($help:expr),* $(,)?] $(,)?
        }
    )*) => {
        $(
            $(#[$doc])*
            pub static $name: Rule = Rule {
                id: $id,
                applies_to: $where,
                message: &[$($message),+],
                help: &[$($help),*],
            };
        )*
        /// The rules of this group, in the order the reference lists them.
        pub(super) static GROUP: &[&Rule] = &[$(&$name),*];
    };
}
pub(crate) use rules;

/// Every rule, in the order the reference lists them.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [files::GROUP, catalog::GROUP, limits::GROUP]
        .into_iter()
        .flatten()
        .copied()
}

/// The rule with id `id`.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for rule in all() {
            let kebab = !rule.id.is_empty()
                && rule.id.split('-').all(|word| {
                    !word.is_empty()
                        && word
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                });
            assert!(kebab, "rule id `{}` is not kebab-case", rule.id);
            assert!(seen.insert(rule.id), "rule id `{}` is used twice", rule.id);
        }
    }

    #[test]
    fn every_template_is_well_formed() {
        for rule in all() {
            assert!(
                !rule.applies_to.is_empty(),
                "{} applies to nothing",
                rule.id
            );
            for variant in rule.message.iter().chain(rule.help) {
                assert!(
                    template::is_well_formed(variant),
                    "{}: `{variant}` has an unclosed brace or a hole that is not a snake_case name",
                    rule.id
                );
            }
        }
    }
}
