//! Message patterns, for APIs whose error bodies carry no code, only a message that varies
//! (GitHub's `API rate limit exceeded for user ID 1.`): literal text with `{name}` values.
//!
//! The generator parses a spec's patterns with [`parse`] and checks each code's message
//! against them; generated code holds the parsed [`Part`]s and reads bodies with [`matches()`]
//! and [`value`], so both sides match the same way.
//!
//! A value is the shortest non-empty text up to the next literal part, except before the last
//! part, which must end the message; a value at the end takes the rest. So matching takes one
//! pass over the message, however the message was crafted.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

/// One piece of a parsed pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part<'a> {
    /// Text the message holds exactly.
    Text(&'a str),
    /// A value the message carries (`{user_id}`), by name.
    Value(&'a str),
}

/// Why a pattern cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// The pattern has no literal text, so it would match any message.
    NoText,
    /// Two values follow each other (`{a}{b}`): where one ends is anyone's guess.
    AdjacentValues(String, String),
    /// A value name appears twice.
    RepeatedValue(String),
}

impl core::fmt::Display for PatternError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::NoText => f.write_str("a pattern needs some literal text"),
            Self::AdjacentValues(a, b) => write!(
                f,
                "`{{{a}}}` and `{{{b}}}` follow each other, so nothing tells where one ends"
            ),
            Self::RepeatedValue(name) => write!(f, "`{{{name}}}` appears twice"),
        }
    }
}

/// Whether `name` can name a value: ASCII lowercase letters, digits and `_`, not starting
/// with a digit.
fn is_value_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Splits `pattern` into text and `{name}` values. A brace that does not enclose a value name
/// is text, so messages with braces of their own need no escaping.
pub fn parse(pattern: &str) -> Result<Vec<Part<'_>>, PatternError> {
    let mut parts: Vec<Part<'_>> = Vec::new();
    let mut text_start = 0;
    let mut search = 0;
    while let Some(open) = pattern[search..].find('{').map(|i| i + search) {
        let close = pattern[open..].find('}').map(|i| i + open);
        let name = close.map(|close| &pattern[open + 1..close]);
        match (close, name) {
            (Some(close), Some(name)) if is_value_name(name) => {
                if open > text_start {
                    parts.push(Part::Text(&pattern[text_start..open]));
                }
                if let Some(Part::Value(previous)) = parts.last() {
                    return Err(PatternError::AdjacentValues(
                        (*previous).to_owned(),
                        name.to_owned(),
                    ));
                }
                if parts.contains(&Part::Value(name)) {
                    return Err(PatternError::RepeatedValue(name.to_owned()));
                }
                parts.push(Part::Value(name));
                text_start = close + 1;
                search = close + 1;
            }
            _ => search = open + 1,
        }
    }
    if text_start < pattern.len() {
        parts.push(Part::Text(&pattern[text_start..]));
    }
    if !parts.iter().any(|p| matches!(p, Part::Text(_))) {
        return Err(PatternError::NoText);
    }
    Ok(parts)
}

/// Walks `message` along `parts`, handing each value to `found`; whether it matches.
fn walk<'m>(parts: &[Part<'_>], message: &'m str, mut found: impl FnMut(&str, &'m str)) -> bool {
    let mut rest = message;
    for (index, part) in parts.iter().enumerate() {
        match *part {
            Part::Text(text) => match rest.strip_prefix(text) {
                Some(after) => rest = after,
                None => return false,
            },
            Part::Value(name) => {
                let end = match parts.get(index + 1) {
                    None => rest.len(),
                    // The last text ends the message; a value before it takes all up to there.
                    Some(Part::Text(text)) if index + 2 == parts.len() => {
                        match rest.len().checked_sub(text.len()) {
                            Some(at) if rest.is_char_boundary(at) && rest.ends_with(text) => at,
                            _ => return false,
                        }
                    }
                    Some(Part::Text(text)) => {
                        // Non-empty: the search starts after the value's first character.
                        let first = rest.chars().next().map_or(0, char::len_utf8);
                        match rest[first..].find(text) {
                            Some(at) => at + first,
                            None => return false,
                        }
                    }
                    Some(Part::Value(_)) => return false,
                };
                if end == 0 {
                    return false;
                }
                found(name, &rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty()
}

/// Whether `message` is an instance of the pattern `parts`.
pub fn matches(parts: &[Part<'_>], message: &str) -> bool {
    walk(parts, message, |_, _| {})
}

/// The value named `name` in `message`, when `message` is an instance of `parts` and the
/// pattern has that value.
pub fn value<'m>(parts: &[Part<'_>], message: &'m str, name: &str) -> Option<&'m str> {
    let mut out = None;
    let matched = walk(parts, message, |n, v| {
        if n == name {
            out = Some(v);
        }
    });
    if matched { out } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    const USER: &str = "API rate limit exceeded for user ID {user_id}.";

    #[test]
    fn github_rate_limit_messages_match_and_give_their_values() {
        let parts = parse(USER).unwrap();
        assert_eq!(
            parts,
            [
                Part::Text("API rate limit exceeded for user ID "),
                Part::Value("user_id"),
                Part::Text(".")
            ]
        );
        assert!(matches(&parts, "API rate limit exceeded for user ID 1."));
        assert_eq!(
            value(&parts, "API rate limit exceeded for user ID 1.", "user_id"),
            Some("1")
        );
        // The last text ends the message, so a value may hold it.
        assert_eq!(
            value(
                &parts,
                "API rate limit exceeded for user ID 1.2.",
                "user_id"
            ),
            Some("1.2")
        );
        assert!(!matches(&parts, "API rate limit exceeded for user ID ."));
        assert!(!matches(&parts, "API rate limit exceeded for user ID 1"));
        assert!(!matches(&parts, "api rate limit exceeded for user ID 1."));
        assert_eq!(
            value(&parts, "API rate limit exceeded for user ID 1.", "id"),
            None
        );
    }

    #[test]
    fn values_in_the_middle_take_the_shortest_text() {
        let parts = parse("{a} and {b} or {c}").unwrap();
        let message = "x and y and z or w or v";
        assert_eq!(value(&parts, message, "a"), Some("x"));
        assert_eq!(value(&parts, message, "b"), Some("y and z"));
        assert_eq!(value(&parts, message, "c"), Some("w or v"));
        // Non-ASCII values split on characters, never inside one.
        assert_eq!(value(&parts, "é and ü or ß", "b"), Some("ü"));
    }

    #[test]
    fn braces_that_name_no_value_are_text() {
        let parts = parse("Bad {JSON} at {} {line}: {{x}}").unwrap();
        assert_eq!(
            parts,
            [
                Part::Text("Bad {JSON} at {} "),
                Part::Value("line"),
                Part::Text(": {"),
                Part::Value("x"),
                Part::Text("}")
            ]
        );
        assert!(matches(&parts, "Bad {JSON} at {} 3: {y}"));
        assert_eq!(parse("Not Found").unwrap(), [Part::Text("Not Found")]);
        assert!(matches(&parse("Not Found").unwrap(), "Not Found"));
        assert!(!matches(&parse("Not Found").unwrap(), "Not Found."));
    }

    #[test]
    fn unusable_patterns_are_refused() {
        assert_eq!(parse("{a}"), Err(PatternError::NoText));
        assert_eq!(parse(""), Err(PatternError::NoText));
        assert_eq!(
            parse("x {a}{b}"),
            Err(PatternError::AdjacentValues("a".into(), "b".into()))
        );
        assert_eq!(
            parse("{a} x {a}"),
            Err(PatternError::RepeatedValue("a".into()))
        );
        assert_eq!(
            PatternError::AdjacentValues("a".into(), "b".into()).to_string(),
            "`{a}` and `{b}` follow each other, so nothing tells where one ends"
        );
    }
}
