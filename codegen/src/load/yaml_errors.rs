//! YAML and shape errors in the spec's own terms: each serde-saphyr error becomes a located
//! diagnostic that names the key, what was expected and what was found, with a fix where one
//! is known. Syntax mistakes are located in the source text by `yaml_syntax`.

use super::spec::{OrderedMap, Spanned, Value};
use super::yaml_syntax::{misindented_key, missing_colon, syntax_error};
use super::{MAX_EVENTS, MAX_FILE_BYTES, MAX_NODES, options};
use crate::diagnostic::{Diagnostic, Position};
use serde_saphyr::Error as YamlError;
use std::path::Path;

/// Turns a YAML or shape error into a located diagnostic that says what is wrong in the spec's
/// own terms, with a fix where one is known.
pub(super) fn describe(path: &Path, text: &str, error: &YamlError) -> Diagnostic {
    let position = error
        .location()
        .map(Position::from)
        .filter(Position::is_known)
        .unwrap_or(Position::new(1, 1, 1));
    let at = |message: String| Diagnostic::new(path, position, message);
    match error {
        YamlError::WithSnippet { error, .. } => describe(path, text, error),
        YamlError::AliasError {
            error, locations, ..
        } => {
            let d = describe(path, text, error);
            aliased_from(d, Position::from(locations.defined_location))
        }
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => unknown_key(at(format!("unknown key `{field}`")), field, expected),
        YamlError::SerdeMissingField { field, .. } => missing_key(path, text, position, field),
        YamlError::Message { msg, .. } => match msg
            .strip_prefix("duplicate field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            Some(field) => duplicate_field(path, text, position, field),
            None => at(msg.clone()),
        },
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            duplicate_field(path, text, position, key)
        }
        YamlError::Unexpected { expected, .. } => {
            wrong_type(path, text, position, expected_shape(expected))
        }
        YamlError::InvalidScalar { ty, .. } => {
            wrong_type(path, text, position, expected_scalar(ty))
        }
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | YamlError::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => {
            let mut d = wrong_type(path, text, position, expected);
            d.message = format!("{}, found {unexpected}", d.message);
            d
        }
        YamlError::NullIntoString { .. } => wrong_type(path, text, position, "text"),
        YamlError::Budget { breach, .. } => budget(path, position, breach),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => at(
            "aliases expand to too much: a spec may copy at most 10,000 YAML events through aliases, 8 aliases deep"
                .into(),
        )
        .with_help("write the repeated values out, or share fewer of them through `&anchor`/`*alias`"),
        YamlError::UnknownAnchor { .. } => at("alias names an anchor that is not defined".into())
            .with_help("define the anchor with `&name` before using it as `*name`"),
        YamlError::MultipleDocuments { .. } => {
            at("a spec file holds one YAML document, but this file has more".into())
                .with_help("remove the `---` separator, or move the second API into a file of its own")
        }
        YamlError::Eof { .. } => at("the file ends in the middle of a value".into()),
        YamlError::InvalidUtf8Input => at("file is not valid UTF-8 text".into()),
        other => {
            let message = plain_message(other);
            syntax_error(path, text, position, &message).unwrap_or_else(|| parser_error(at(message)))
        }
    }
}

/// The parser's name of a YAML shape, in the spec's terms.
fn expected_shape(expected: &str) -> &str {
    match expected {
        "string scalar" | "string" | "scalar" => "text",
        "mapping start" | "map" => "a mapping of `key: value` entries",
        "sequence start" | "seq" => "a list",
        other => other,
    }
}

/// The Rust type a scalar failed to parse as, in the spec's terms.
fn expected_scalar(ty: &str) -> &str {
    match ty {
        "bool" => "true or false",
        t if t.starts_with('i') || t.starts_with('u') => "a whole number",
        t if t.starts_with('f') => "a number",
        other => other,
    }
}

/// Marks where an alias's value was defined, when that is somewhere else.
fn aliased_from(mut d: Diagnostic, defined: Position) -> Diagnostic {
    if defined.is_known() && defined != d.position {
        d.notes.push(crate::diagnostic::Note {
            position: defined,
            message: "the aliased value is defined here".into(),
        });
    }
    d
}

fn unknown_key(d: Diagnostic, field: &str, expected: &[&str]) -> Diagnostic {
    match crate::naming::did_you_mean(field, expected.iter().copied()) {
        Some(best) => d.with_help(format!(
            "did you mean `{best}`? keys allowed here: {}",
            expected.join(", ")
        )),
        None => d.with_help(format!("keys allowed here: {}", expected.join(", "))),
    }
}

/// A syntax error of the YAML itself, with the fix for the common ones.
fn parser_error(mut d: Diagnostic) -> Diagnostic {
    let message = d.message.clone();
    if message.contains("recursion limit") || message.contains("nesting") {
        d.message = "the file nests deeper than 32 levels".to_owned();
        d.with_help("a spec needs a handful of levels: check the indentation and the brackets")
    } else if message.contains("tab") {
        d.with_help("indent with spaces: YAML does not allow tabs in indentation")
    } else if message.contains("control character") || message.contains("invalid character") {
        d.with_help("a spec is a YAML text file: is this a binary file?")
    } else if message.contains("did not find expected key") {
        d.with_help(
            "check the indentation of this line and of the lines above it: the keys of one mapping start in the same column",
        )
    } else {
        d
    }
}

/// The message without the parser's " at line 3, column 5" suffix.
fn plain_message(error: &YamlError) -> String {
    let text = error.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let trimmed = match first.rfind(" at line ") {
        Some(i) if first[i..].contains(", column ") => &first[..i],
        _ => first,
    };
    trimmed.to_owned()
}

fn budget(
    path: &Path,
    position: Position,
    breach: &serde_saphyr::budget::BudgetBreach,
) -> Diagnostic {
    use serde_saphyr::budget::BudgetBreach as B;
    let (what, help) = match breach {
        B::Depth { .. } => (
            "the file nests deeper than 32 levels".to_owned(),
            "a spec needs a handful of levels: check the indentation and the brackets",
        ),
        B::Aliases { .. } | B::AliasAnchorRatio { .. } => (
            "the file uses more than 64 aliases".to_owned(),
            "write the repeated values out instead of `*alias`",
        ),
        B::Anchors { .. } => (
            "the file defines more than 1,000 anchors".to_owned(),
            "a spec needs few `&anchor`s, if any",
        ),
        B::Documents { .. } => (
            "a spec file holds one YAML document, but this file has more".to_owned(),
            "remove the `---` separator, or move the second API into a file of its own",
        ),
        B::MergeKeys { .. } => (
            "the file uses more than 64 merge keys (`<<`)".to_owned(),
            "write the shared keys out",
        ),
        B::Nodes { .. } => (
            format!(
                "the file has more than {MAX_NODES} YAML values; a spec may have at most that many"
            ),
            "a spec describes one API: split unrelated APIs into files of their own",
        ),
        B::Events { .. } => (
            format!(
                "the file has more than {MAX_EVENTS} YAML parser events; a spec may have at most that many"
            ),
            "a spec describes one API in a few pages of YAML: split unrelated APIs into files of their own",
        ),
        B::ScalarBytes { .. } | B::InputBytes { .. } => (
            format!("the file's text exceeds {MAX_FILE_BYTES} bytes"),
            "a spec describes one API in a few pages of YAML",
        ),
        _ => (
            "the file is too large or too complex to be a spec".to_owned(),
            "a spec describes one API in a few pages of YAML",
        ),
    };
    Diagnostic::new(path, position, what).with_help(help)
}

/// "expected X" for the value at `position`, naming its key and what was found when the
/// source shows them.
fn wrong_type(path: &Path, text: &str, position: Position, want: &str) -> Diagnostic {
    let mut message = match key_before(text, position) {
        Some(key) => format!("`{key}` must be {want}"),
        None => format!("expected {want} here"),
    };
    if let Some(found) = found_at(text, position) {
        message = format!("{message}, not {found}");
    }
    let d = Diagnostic::new(path, position, message);
    match missing_colon(text, position).filter(|_| want == expected_shape("map")) {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// What the source holds at `position`: a list, a mapping, or a scalar's text.
fn found_at(text: &str, position: Position) -> Option<String> {
    let line = text.lines().nth(position.line.checked_sub(1)? as usize)?;
    let rest: String = line
        .chars()
        .skip(position.column.saturating_sub(1) as usize)
        .collect();
    let rest = rest.trim_end();
    match rest.chars().next()? {
        '[' => Some("a list".into()),
        '{' => Some("a mapping".into()),
        '-' if rest.starts_with("- ") || rest == "-" => Some("a list".into()),
        _ => {
            let scalar: String = rest.chars().take(position.len.max(1) as usize).collect();
            (scalar.chars().count() <= 40 && !scalar.contains(": ")).then(|| format!("`{scalar}`"))
        }
    }
}

/// A mapping without a required key: pointed at the key that owns the mapping when the source
/// shows one (`400:` for a status without `title:`), else at the mapping.
fn missing_key(path: &Path, text: &str, position: Position, field: &str) -> Diagnostic {
    let (position, message) = match owner_key(text, position) {
        Some((owner, at)) => {
            // `field:` written below, but indented so that it belongs elsewhere.
            if let Some(d) = misindented_key(path, text, &owner, at, field) {
                return d;
            }
            (
                at,
                format!("`{owner}` is missing the required key `{field}`"),
            )
        }
        None => (position, format!("missing the required key `{field}`")),
    };
    Diagnostic::new(path, position, message).with_help(format!("add `{field}: ...`"))
}

/// The key written just before `position` on the same line (`title: [a]` → `title`).
fn key_before(text: &str, position: Position) -> Option<String> {
    let line = text.lines().nth(position.line.checked_sub(1)? as usize)?;
    let before: String = line
        .chars()
        .take(position.column.saturating_sub(1) as usize)
        .collect();
    let before = before.trim_end().strip_suffix(':')?;
    let key = before
        .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ',' || c == '-')
        .next()?
        .trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then(|| key.to_owned())
}

/// For a mapping starting at `position`, the key whose value it is and where that key is: on
/// the same line (`400: { ... }`) or on the nearest less-indented line above (`400:`).
fn owner_key(text: &str, position: Position) -> Option<(String, Position)> {
    let lines: Vec<&str> = text.lines().collect();
    let index = position.line.checked_sub(1)? as usize;
    let line = lines.get(index)?;
    if let Some(key) = key_before(text, position) {
        let column = line.find(key.as_str())?;
        let column = line[..column].chars().count() as u32 + 1;
        return Some((
            key.clone(),
            Position::new(position.line, column, key.chars().count() as u32),
        ));
    }
    let indent = position.column.saturating_sub(1) as usize;
    let above = (0..index).rev().find(|&i| {
        let l = lines[i];
        let content = l.trim_start();
        !content.is_empty() && !content.starts_with('#') && l.len() - content.len() < indent
    })?;
    let l = lines[above];
    let content = l.trim_start().trim_start_matches("- ").trim_end();
    let key = content
        .strip_suffix(':')?
        .trim_matches(|c| c == '"' || c == '\'');
    if key.is_empty() || key.contains(": ") {
        return None;
    }
    let column = l.find(key)?;
    let column = l[..column].chars().count() as u32 + 1;
    Some((
        key.to_owned(),
        Position::new(above as u32 + 1, column, key.chars().count() as u32),
    ))
}

/// A key given twice in a fixed section: serde reports it at the mapping, so the mapping is
/// read again as plain YAML to find both occurrences.
fn duplicate_field(path: &Path, text: &str, position: Position, field: &str) -> Diagnostic {
    let message = format!("key `{field}` is given twice in the same mapping");
    let found = serde_saphyr::from_str_with_options::<Spanned<Value>>(text, options())
        .ok()
        .and_then(|root| find_duplicate(&root, field, position));
    match found {
        Some((first, second)) => Diagnostic::new(path, second, message)
            .with_note(first, "first given here")
            .with_help("remove one of them"),
        None => Diagnostic::new(path, position, message).with_help("remove one of them"),
    }
}

/// The first and second occurrence of `field` in the mapping nearest to `near` that has it
/// twice.
fn find_duplicate(
    root: &Spanned<Value>,
    field: &str,
    near: Position,
) -> Option<(Position, Position)> {
    let mut candidates = Vec::new();
    collect_duplicates(root, field, &mut candidates);
    candidates.into_iter().min_by_key(|(first, _)| {
        (
            first.line.abs_diff(near.line),
            first.column.abs_diff(near.column),
        )
    })
}

fn collect_duplicates(value: &Spanned<Value>, field: &str, out: &mut Vec<(Position, Position)>) {
    match &value.value {
        Value::Map(OrderedMap(entries)) => {
            let mut same = entries
                .iter()
                .filter(|(k, _)| k.value == field)
                .map(|(k, _)| Position::from(k.referenced));
            if let (Some(first), Some(second)) = (same.next(), same.next()) {
                out.push((first, second));
            }
            for (_, v) in entries {
                collect_duplicates(v, field, out);
            }
        }
        Value::List(items) => {
            for item in items {
                collect_duplicates(item, field, out);
            }
        }
        _ => {}
    }
}
