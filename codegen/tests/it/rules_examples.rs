//! The worked examples of `docs/spec-format.md` (the table of YAML syntax errors) are checked
//! against the registry: each row names its rule, and its message is that rule's template
//! filled, so an example cannot drift from what errspec says.

use errspec_codegen::__internals::rules;
use std::path::Path;

/// The content of the first code span in `cell`, without the padding a span starting or
/// ending with a backtick needs.
fn first_code_span(cell: &str) -> Option<&str> {
    let start = cell.find('`')?;
    let fence_len = cell[start..].chars().take_while(|c| *c == '`').count();
    let fence = "`".repeat(fence_len);
    let body_start = start + fence_len;
    let end = body_start + cell[body_start..].find(&fence)?;
    let body = &cell[body_start..end];
    Some(if fence_len > 1 {
        body.strip_prefix(' ')
            .unwrap_or(body)
            .strip_suffix(' ')
            .unwrap_or(body)
    } else {
        body
    })
}

/// The literal pieces of `template` between its holes, braces unescaped.
fn literal_pieces(template: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            pieces.last_mut().expect("a piece").push(c);
            rest = &rest[2..];
        } else if c == '{' {
            let end = rest.find('}').expect("a closed hole");
            pieces.push(String::new());
            rest = &rest[end + 1..];
        } else {
            pieces.last_mut().expect("a piece").push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    pieces
}

/// Whether `text` is `template` with some values in its holes.
fn fits(template: &str, text: &str) -> bool {
    let pieces = literal_pieces(template);
    let (first, last) = (&pieces[0], &pieces[pieces.len() - 1]);
    if pieces.len() == 1 {
        return text == first;
    }
    let Some(mut rest) = text.strip_prefix(first.as_str()) else {
        return false;
    };
    // Two holes side by side leave an empty piece between them, which anything fits.
    for middle in pieces[1..pieces.len() - 1].iter().filter(|m| !m.is_empty()) {
        let Some(at) = rest.find(middle.as_str()) else {
            return false;
        };
        rest = &rest[at + middle.len()..];
    }
    rest.ends_with(last.as_str())
}

#[test]
fn the_yaml_syntax_examples_are_their_rules_messages() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/spec-format.md");
    let text = std::fs::read_to_string(path).expect("reference");
    let table = text
        .split("| mistake | rule | reported as |\n")
        .nth(1)
        .expect("the table of YAML syntax errors");
    let mut rows = 0;
    for row in table.lines().skip(1).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let id = cells[1].trim_matches('`');
        let rule = rules::by_id(id).unwrap_or_else(|| panic!("no rule `{id}`: {row}"));
        let example = first_code_span(cells[2]).expect("an example in code");
        let message = example.split_once(": error: ").expect("a headline").1;
        assert!(
            rule.message.iter().any(|m| fits(m, message)),
            "`{message}` is not a message of {id}: {:?}",
            rule.message
        );
        rows += 1;
    }
    assert!(rows >= 8, "only {rows} rows");
}

#[test]
fn templates_are_matched_by_their_literal_text() {
    assert!(fits(
        "status {status} is not declared",
        "status 404 is not declared"
    ));
    assert!(!fits(
        "status {status} is not declared",
        "status 404 is declared"
    ));
    assert!(fits("`{key}: {{ a }}`", "`x: { a }`"));
}
