//! YAML and shape errors in the spec's own terms: each serde-saphyr error becomes a located
//! diagnostic that names the key, what was expected and what was found, with a fix where one
//! is known. Syntax mistakes are located in the source text by `yaml_syntax`.

use super::spec::{OrderedMap, Spanned, Value};
use super::yaml_syntax::{misindented_key, missing_colon, syntax_error};
use super::{MAX_EVENTS, MAX_FILE_BYTES, MAX_NODES, options};
use crate::diagnostic::rules::{Message, files::*};
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
    let at = |message: Message| Diagnostic::new(path, position, message);
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
        } => at(unknown_key(field, expected)),
        YamlError::SerdeMissingField { field, .. } => missing_key(path, text, position, field),
        YamlError::Message { msg, .. } => match msg
            .strip_prefix("duplicate field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            Some(field) => duplicate_field(path, text, position, field),
            None => at(YAML_SYNTAX.with("parser_message", msg)),
        },
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            duplicate_field(path, text, position, key)
        }
        YamlError::Unexpected { expected, .. } => {
            wrong_type(path, text, position, expected_shape(expected), None)
        }
        YamlError::InvalidScalar { ty, .. } => {
            wrong_type(path, text, position, expected_scalar(ty), None)
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
        } => wrong_type(path, text, position, expected, Some(unexpected)),
        YamlError::NullIntoString { .. } => wrong_type(path, text, position, "text", None),
        YamlError::Budget { breach, .. } => budget(path, position, breach),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => at((&YAML_ALIASES_EXPAND).into()),
        YamlError::UnknownAnchor { .. } => at((&YAML_ANCHOR_UNKNOWN).into()),
        YamlError::MultipleDocuments { .. } => at((&YAML_DOCUMENTS).into()),
        YamlError::Eof { .. } => at((&YAML_EOF).into()),
        YamlError::InvalidUtf8Input => at((&YAML_NOT_UTF8).into()),
        other => {
            let message = plain_message(other);
            syntax_error(path, text, position, &message)
                .unwrap_or_else(|| at(parser_error(message)))
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

fn unknown_key(field: &str, expected: &[&str]) -> Message {
    KEY_UNKNOWN
        .with("key", field)
        .with("allowed", expected.join(", "))
        .with_some(
            "best",
            crate::naming::did_you_mean(field, expected.iter().copied()),
        )
}

/// A syntax error of the YAML itself, in the parser's words, with the fix for the common ones.
fn parser_error(message: String) -> Message {
    let rule = if message.contains("recursion limit") || message.contains("nesting") {
        return (&YAML_TOO_DEEP).into();
    } else if message.contains("tab") {
        &YAML_TAB
    } else if message.contains("control character") || message.contains("invalid character") {
        &YAML_BINARY
    } else if message.contains("did not find expected key") {
        &YAML_KEY_EXPECTED
    } else {
        &YAML_SYNTAX
    };
    rule.with("parser_message", message)
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
    let message: Message = match breach {
        B::Depth { .. } => (&YAML_TOO_DEEP).into(),
        B::Aliases { .. } | B::AliasAnchorRatio { .. } => (&YAML_ALIASES).into(),
        B::Anchors { .. } => (&YAML_ANCHORS).into(),
        B::Documents { .. } => (&YAML_DOCUMENTS).into(),
        B::MergeKeys { .. } => (&YAML_MERGE_KEYS).into(),
        B::Nodes { .. } => YAML_NODES.with("max", MAX_NODES),
        B::Events { .. } => YAML_EVENTS.with("max", MAX_EVENTS),
        B::ScalarBytes { .. } | B::InputBytes { .. } => YAML_TEXT_BYTES.with("max", MAX_FILE_BYTES),
        _ => (&YAML_TOO_COMPLEX).into(),
    };
    Diagnostic::new(path, position, message)
}

/// "expected X" for the value at `position`, naming its key and what was found when the
/// source shows them.
/// `unexpected`, serde's word for a value it read but refused, makes it [`VALUE_INVALID`].
fn wrong_type(
    path: &Path,
    text: &str,
    position: Position,
    want: &str,
    unexpected: Option<&dyn std::fmt::Display>,
) -> Diagnostic {
    let rule = match unexpected {
        Some(_) => &VALUE_INVALID,
        None => &VALUE_WRONG_TYPE,
    };
    let mut message = Message::from(rule)
        .with("expected", want)
        .with_some("key", key_before(text, position))
        .with_some("found", found_at(text, position))
        .with_some("unexpected", unexpected);
    if let Some(colon) = missing_colon(text, position).filter(|_| want == expected_shape("map")) {
        message = message
            .with("colon_key", colon.key)
            .with_some("colon_value", colon.value);
    }
    Diagnostic::new(path, position, message)
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
    let message = KEY_MISSING.with("key", field);
    match owner_key(text, position) {
        Some((owner, at)) => {
            // `field:` written below, but indented so that it belongs elsewhere.
            misindented_key(path, text, &owner, at, field)
                .unwrap_or_else(|| Diagnostic::new(path, at, message.with("owner", owner)))
        }
        None => Diagnostic::new(path, position, message),
    }
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
    let message = KEY_TWICE.with("key", field);
    let found = serde_saphyr::from_str_with_options::<Spanned<Value>>(text, options())
        .ok()
        .and_then(|root| find_duplicate(&root, field, position));
    match found {
        Some((first, second)) => {
            Diagnostic::new(path, second, message).with_note(first, "first given here")
        }
        None => Diagnostic::new(path, position, message),
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
