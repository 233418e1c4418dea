//! How spec text becomes Rust identifiers.
//!
//! The rule, documented in the README:
//! - a status variant is the UpperCamelCase of its title, an error variant the UpperCamelCase of
//!   its wire code (`INVOICE_NOT_EXIST` → `InvoiceNotExist`), unless `rust_name` is given;
//! - only ASCII letters and digits survive: any other character separates words
//!   (`Not Found!` → `NotFound`, `Überweisung` → `Berweisung`);
//! - a name that would start with a digit or be a keyword gets a prefix, `Code` for error codes
//!   (`1001` → `Code1001`, `self` → `CodeSelf`) and `Status` for statuses;
//! - a status whose title has no ASCII letter or digit falls back to its code (`Status404`,
//!   `Status5xx`); an error code with none must be given a `rust_name`.

use crate::diagnostic::rules::Rule;
use crate::diagnostic::rules::catalog::{
    RUST_NAME_EMPTY, RUST_NAME_KEYWORD, RUST_NAME_NOT_ALPHANUMERIC, RUST_NAME_NOT_CAPITAL,
    RUST_NAME_RESERVED,
};
use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords, strict and reserved, in every edition errspec supports.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Names the generated code itself uses on the enums, which a variant must not shadow.
const RESERVED_VARIANTS: &[&str] = &["ALL"];

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Keeps ASCII letters and digits; every other character becomes a word break.
fn ascii_words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The UpperCamelCase variant name for `text`, with `prefix` added when the name would start
/// with a digit or be a keyword. `None` when `text` has no ASCII letter or digit.
pub fn variant_name(text: &str, prefix: &str) -> Option<String> {
    let camel = ascii_words(text).to_upper_camel_case();
    if camel.is_empty() {
        return None;
    }
    let starts_with_digit = camel.starts_with(|c: char| c.is_ascii_digit());
    if starts_with_digit || is_keyword(&camel) {
        Some(format!("{prefix}{camel}"))
    } else {
        Some(camel)
    }
}

/// The rule an explicit `rust_name` breaks, if it is not usable as an enum variant.
pub fn check_variant_name(name: &str) -> Result<(), &'static Rule> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Err(&RUST_NAME_EMPTY),
        Some(c) if !c.is_ascii_uppercase() => return Err(&RUST_NAME_NOT_CAPITAL),
        Some(_) => {}
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(&RUST_NAME_NOT_ALPHANUMERIC);
    }
    if is_keyword(name) {
        return Err(&RUST_NAME_KEYWORD);
    }
    if RESERVED_VARIANTS.contains(&name) {
        return Err(&RUST_NAME_RESERVED);
    }
    Ok(())
}

/// Whether `name` is a valid snake_case Rust identifier for a module or a limit name.
pub fn is_snake_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_');
    first_ok
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && name != "_"
        && !name.contains("__")
        && !is_keyword(name)
}

/// The SCREAMING_SNAKE_CASE constant for a snake_case name: its letters upper-cased and
/// nothing else changed, so two different names never give one constant (`_per` is `_PER`,
/// not `PER`).
pub fn const_name(name: &str) -> String {
    name.to_ascii_uppercase()
}

/// The Rust field name for a JSON body key (`statusCode` → `status_code`, `type` → `r#type`).
/// `None` when the key has no ASCII letter or digit.
pub fn field_name(wire: &str) -> Option<String> {
    let snake = ascii_words(wire).to_snake_case();
    if snake.is_empty() {
        return None;
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(format!("field_{snake}"));
    }
    Some(match snake.as_str() {
        // These four cannot be raw identifiers.
        "self" | "super" | "crate" | "extern" => format!("{snake}_"),
        s if is_keyword(s) => format!("r#{s}"),
        _ => snake,
    })
}

/// The closest of `candidates` to `input`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(input, c), c))
        .filter(|(d, c)| *d <= (c.len().max(input.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

pub(crate) use errspec_vocab::edit_distance;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_follow_the_documented_rule() {
        assert_eq!(
            variant_name("INVOICE_NOT_EXIST", "Code").as_deref(),
            Some("InvoiceNotExist")
        );
        assert_eq!(
            variant_name("User not Authenticated", "Status").as_deref(),
            Some("UserNotAuthenticated")
        );
        assert_eq!(
            variant_name("InternalServerError", "Status").as_deref(),
            Some("InternalServerError")
        );
        assert_eq!(variant_name("1001", "Code").as_deref(), Some("Code1001"));
        assert_eq!(variant_name("self", "Code").as_deref(), Some("CodeSelf"));
        assert_eq!(variant_name("type", "Code").as_deref(), Some("Type"));
        assert_eq!(
            variant_name("Not Found!", "Status").as_deref(),
            Some("NotFound")
        );
        assert_eq!(variant_name("エラー", "Code"), None);
        assert_eq!(variant_name("", "Code"), None);
    }

    #[test]
    fn explicit_names_are_checked() {
        assert!(check_variant_name("InvoiceCanceledFailed").is_ok());
        assert!(check_variant_name("invoice").is_err());
        assert!(check_variant_name("Self").is_err());
        assert!(check_variant_name("ALL").is_err());
        assert!(check_variant_name("Bad-Name").is_err());
        assert!(check_variant_name("").is_err());
    }

    #[test]
    fn fields_and_modules() {
        assert_eq!(field_name("statusCode").as_deref(), Some("status_code"));
        assert_eq!(field_name("error_code").as_deref(), Some("error_code"));
        assert_eq!(field_name("type").as_deref(), Some("r#type"));
        assert_eq!(field_name("self").as_deref(), Some("self_"));
        assert_eq!(field_name("1st").as_deref(), Some("field_1st"));
        assert!(is_snake_identifier("funder_offers"));
        assert!(!is_snake_identifier("Funder"));
        assert!(!is_snake_identifier("type"));
        assert!(!is_snake_identifier("3d"));
        assert_eq!(const_name("per_minute"), "PER_MINUTE");
        assert_eq!(const_name("_per"), "_PER");
        assert_ne!(const_name("_per"), const_name("per"));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let keys = ["message", "status", "title"];
        assert_eq!(did_you_mean("mesage", keys), Some("message"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}
