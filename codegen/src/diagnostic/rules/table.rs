//! The reference's table of rules, generated from the registry so that it is never retyped.

use super::{all, template::shown};

/// The line before the generated table in `docs/spec-format.md`.
pub const TABLE_START: &str =
    "<!-- rules: generated from codegen/src/diagnostic/rules; do not edit by hand -->";
/// The line after it.
pub const TABLE_END: &str = "<!-- end of rules -->";

/// Every rule as a Markdown table: where it applies, its id, its message and its help, the
/// variants of each separated by "or".
pub fn markdown_table() -> String {
    let mut out = String::from("| where | id | message | help |\n| --- | --- | --- | --- |\n");
    for rule in all() {
        let cells = [
            rule.applies_to.to_owned(),
            format!("`{}`", rule.id),
            variants(rule.message),
            variants(rule.help),
        ];
        out.push_str("| ");
        out.push_str(&cells.join(" | "));
        out.push_str(" |\n");
    }
    out
}

fn variants(templates: &[&str]) -> String {
    templates
        .iter()
        .map(|t| code(&shown(t)))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// `text` as a Markdown code span inside a table cell: fenced with more backticks than it
/// holds in a row, padded when it starts or ends with one, its pipes escaped.
fn code(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    let text = text.replace('|', "\\|");
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::code;

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("api.name is empty"), "`api.name is empty`");
        assert_eq!(code("key `x` twice"), "``key `x` twice``");
        assert_eq!(code("`x` is empty"), "`` `x` is empty ``");
        assert_eq!(code("a | b"), "`a \\| b`");
    }
}
