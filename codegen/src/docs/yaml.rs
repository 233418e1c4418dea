//! Front matter as YAML that every YAML 1.1 and 1.2 parser (Jekyll's Psych included) reads back
//! as exactly the values of `api.docs.front_matter`.
//!
//! A string is written plain only when it cannot be read as anything else (no number, boolean,
//! null, date, indicator or comment); every other string is double-quoted with YAML escapes for
//! `"`, `\`, control characters and the characters YAML 1.1 treats as line breaks. Maps and
//! lists nested in a value are written in flow style (`{a: 1, b: [x, y]}`).

use serde_json::Value;
use std::fmt::Write as _;

/// The front matter block, `---` lines included, or an empty string when there is none.
pub fn front_matter(entries: &[(String, Value)]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut out = String::from("---\n");
    for (key, value) in entries {
        write_string(key, &mut out);
        out.push_str(": ");
        write_value(value, &mut out);
        out.push('\n');
    }
    out.push_str("---\n");
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_string(key, out);
                out.push_str(": ");
                write_value(item, out);
            }
            out.push('}');
        }
    }
}

/// A number as YAML 1.1 and 1.2 both read it: an exponent needs a `.` in the mantissa and a
/// sign for YAML 1.1 (`1e100` would be a string there), so it is written `1.0e+100`.
fn write_number(n: &serde_json::Number, out: &mut String) {
    let text = n.to_string();
    match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            out.push_str(mantissa);
            if !mantissa.contains('.') {
                out.push_str(".0");
            }
            out.push('e');
            if !exponent.starts_with(['-', '+']) {
                out.push('+');
            }
            out.push_str(exponent);
        }
        None => out.push_str(&text),
    }
}

fn write_string(s: &str, out: &mut String) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else {
        write_quoted(s, out);
    }
}

/// Words YAML 1.1 reads as booleans or null, in any case.
const RESERVED: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];

/// Whether `s` reads back as the same string when written without quotes, in block and flow
/// context: it starts with a letter or `/`, holds only letters, digits, spaces and `_./-`,
/// has no surrounding spaces and is no reserved word.
fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '/')
        && !s.ends_with(' ')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '.' | '/' | '-'))
        && !RESERVED.iter().any(|w| w.eq_ignore_ascii_case(s))
}

fn write_quoted(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\u{85}' => out.push_str("\\N"),
            c if is_yaml_printable(c) => out.push(c),
            c if u32::from(c) <= 0xFF => {
                let _ = write!(out, "\\x{:02X}", u32::from(c));
            }
            c if u32::from(c) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\U{:08X}", u32::from(c));
            }
        }
    }
    out.push('"');
}

/// YAML 1.2's printable set without the line-break characters, so a quoted string stays on
/// one line.
fn is_yaml_printable(c: char) -> bool {
    matches!(u32::from(c),
        0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF)
        && c != '\u{FEFF}'
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entries(value: Value) -> Vec<(String, Value)> {
        match value {
            Value::Object(map) => map.into_iter().collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn plain_when_safe_quoted_otherwise() {
        let yaml = front_matter(&entries(json!({
            "layout": "default",
            "nav_order": 3,
            "permalink": "/api/status-codes",
            "title": "Status Codes",
            "flag": "yes",
            "version": "1.0",
            "colon": "a: b",
            "hash": "a #b",
            "quote": "say \"hi\"\n\\",
        })));
        assert_eq!(
            yaml,
            "---\nlayout: default\nnav_order: 3\npermalink: /api/status-codes\n\
             title: Status Codes\nflag: \"yes\"\nversion: \"1.0\"\ncolon: \"a: b\"\n\
             hash: \"a #b\"\nquote: \"say \\\"hi\\\"\\n\\\\\"\n---\n"
        );
    }

    #[test]
    fn nested_values_in_flow_style() {
        let yaml = front_matter(&entries(json!({ "m": { "a": [1, "x y", null, true] } })));
        assert_eq!(yaml, "---\nm: {a: [1, x y, null, true]}\n---\n");
    }

    #[test]
    fn line_breaks_and_controls_are_escaped() {
        let yaml = front_matter(&entries(json!({ "k": "a\u{2028}b\u{85}c\u{7}d\u{feff}" })));
        assert_eq!(yaml, "---\nk: \"a\\Lb\\Nc\\x07d\\uFEFF\"\n---\n");
    }

    #[test]
    fn exponents_read_as_floats_in_yaml_1_1() {
        let yaml = front_matter(&entries(
            json!({ "big": 1e100, "small": 2.5e-8, "count": -4 }),
        ));
        assert_eq!(yaml, "---\nbig: 1.0e+100\nsmall: 2.5e-8\ncount: -4\n---\n");
    }

    #[test]
    fn yaml_1_1_booleans_are_quoted_even_as_keys() {
        let yaml = front_matter(&entries(json!({ "n": "Off", "y": "NO" })));
        assert_eq!(yaml, "---\n\"n\": \"Off\"\n\"y\": \"NO\"\n---\n");
    }

    #[test]
    fn empty_front_matter_is_nothing() {
        assert_eq!(front_matter(&[]), "");
    }
}
