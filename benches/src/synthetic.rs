//! Synthetic error catalogs of any size, written as spec YAML, for benchmarks and scale tests.
//!
//! Codes look like real ones (`BILLING_INVOICE_NOT_FOUND`): a few dozen words combined, so
//! thousands of codes share long prefixes, as they do in large real catalogs. A handful of
//! hostile codes (non-ASCII, quotes and backslashes, a 300-character code, codes that are
//! prefixes of each other) are mixed in, so every size also exercises the awkward cases.
//!
//! This file has no dependencies: the bench crate's build script includes it by path.

use std::fmt::Write as _;

const DOMAINS: [&str; 20] = [
    "ACCOUNT",
    "AUTH",
    "BILLING",
    "CARD",
    "CHECKOUT",
    "CUSTOMER",
    "DEAL",
    "INVOICE",
    "LEDGER",
    "MERCHANT",
    "OFFER",
    "ORDER",
    "PAYMENT",
    "PAYOUT",
    "REFUND",
    "SESSION",
    "SUBSCRIPTION",
    "TOKEN",
    "TRANSFER",
    "WEBHOOK",
];
const OBJECTS: [&str; 25] = [
    "ADDRESS",
    "AMOUNT",
    "BALANCE",
    "CALLBACK",
    "CURRENCY",
    "DATE",
    "DEVICE",
    "DOCUMENT",
    "EMAIL",
    "FEE",
    "FILE",
    "ID",
    "KEY",
    "LIMIT",
    "METHOD",
    "NAME",
    "NOTE",
    "PHONE",
    "PLAN",
    "PRICE",
    "REFERENCE",
    "SCOPE",
    "SIGNATURE",
    "STATUS",
    "VERSION",
];
const PROBLEMS: [(&str, &str, u16); 20] = [
    ("MISSING", "is missing", 400),
    ("INVALID", "is not valid", 400),
    ("TOO_LONG", "is too long", 400),
    ("TOO_SHORT", "is too short", 400),
    ("NOT_FOUND", "does not exist", 404),
    ("EXPIRED", "has expired", 401),
    ("REVOKED", "has been revoked", 401),
    ("FORBIDDEN", "may not be changed by this key", 403),
    ("CONFLICT", "was changed by another request", 409),
    ("LOCKED", "is locked", 423),
    ("EXCEEDED", "exceeds its limit", 422),
    ("MISMATCH", "does not match", 422),
    ("DUPLICATE", "is already in use", 409),
    ("UNSUPPORTED", "is not supported", 422),
    ("PENDING", "is still being processed", 409),
    ("RATE_LIMITED", "was requested too often", 429),
    ("UNAVAILABLE", "is temporarily unavailable", 503),
    ("FAILED", "could not be processed", 500),
    ("TIMEOUT", "timed out", 504),
    ("DEPRECATED", "is no longer accepted", 410),
];
const STATUSES: [(u16, &str); 13] = [
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (409, "Conflict"),
    (410, "Gone"),
    (422, "Unprocessable Entity"),
    (423, "Locked"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (599, "Network Timeout"),
];

/// One error of a synthetic catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticError {
    /// The wire code.
    pub code: String,
    /// An explicit Rust name, for codes the naming rule cannot turn into a unique variant.
    pub rust_name: Option<String>,
    /// The HTTP status it is sent with.
    pub status: u16,
    /// The message.
    pub message: String,
}

/// Codes that every catalog of at least this many codes ends with (see [`errors`]).
pub const HOSTILE_CODES: usize = 8;

/// The awkward codes, with the Rust names they need.
fn hostile(seed: usize) -> [(String, Option<String>); HOSTILE_CODES] {
    [
        (format!("ÉCHEC_PAIEMENT_{seed}"), None),
        (
            format!("支払い失敗{seed}"),
            Some(format!("PaymentFailedJa{seed}")),
        ),
        (format!("QUOTE\"AND\\BACKSLASH_{seed}"), None),
        (
            format!("LONG_{seed}_{}", "X".repeat(300)),
            Some(format!("VeryLongCode{seed}")),
        ),
        (format!("P{seed}"), None),
        (format!("P{seed}_"), Some(format!("PUnderscore{seed}"))),
        (
            format!("P{seed}__"),
            Some(format!("PDoubleUnderscore{seed}")),
        ),
        (format!("lower.case code {seed}"), None),
    ]
}

/// The `index`-th ordinary code: domain, object and problem, with a number once the
/// 10,000 combinations run out.
fn ordinary_code(index: usize) -> (String, &'static str, &'static str, u16) {
    let domain = DOMAINS[index % DOMAINS.len()];
    let object = OBJECTS[(index / DOMAINS.len()) % OBJECTS.len()];
    let (problem, phrase, status) =
        PROBLEMS[(index / (DOMAINS.len() * OBJECTS.len())) % PROBLEMS.len()];
    let round = index / (DOMAINS.len() * OBJECTS.len() * PROBLEMS.len());
    let code = if round == 0 {
        format!("{domain}_{object}_{problem}")
    } else {
        format!("{domain}_{object}_{problem}_{round}")
    };
    (code, object, phrase, status)
}

/// The errors of a catalog of `count` codes; `seed` makes hostile codes differ between catalogs.
pub fn errors(count: usize, seed: usize) -> Vec<SyntheticError> {
    let hostile_count = if count >= 100 { HOSTILE_CODES } else { 0 };
    let mut errors: Vec<SyntheticError> = (0..count - hostile_count)
        .map(|index| {
            let (code, object, phrase, status) = ordinary_code(index);
            SyntheticError {
                message: format!("The {} {phrase} (case {index}).", object.to_lowercase()),
                code,
                rust_name: None,
                status,
            }
        })
        .collect();
    errors.extend(
        hostile(seed)
            .into_iter()
            .take(hostile_count)
            .map(|(code, rust_name)| SyntheticError {
                message: format!(
                    "Hostile code {code:?}: <b>{{{{ \"quoted\" }}}}</b> | \\ ünïcode."
                ),
                code,
                rust_name,
                status: 400,
            }),
    );
    errors
}

/// A YAML double-quoted scalar holding exactly `text`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The spec YAML of a catalog named `name` with `count` error codes (see [`errors`]).
pub fn spec(name: &str, count: usize, seed: usize) -> String {
    let errors = errors(count, seed);
    let mut yaml = String::with_capacity(count * 120);
    let _ = writeln!(
        yaml,
        "# Synthetic catalog: {count} codes, generated for benchmarks."
    );
    let _ = writeln!(yaml, "api:\n  name: {}", quoted(name));
    yaml.push_str("  summary: A synthetic catalog for benchmarks.\n");
    yaml.push_str("body:\n  fields:\n    code: code\n    message: message\n    status: status\n");
    yaml.push_str("statuses:\n");
    for (code, title) in STATUSES {
        let _ = writeln!(yaml, "  {code}:\n    title: {title}");
    }
    yaml.push_str("errors:\n");
    for (index, error) in errors.iter().enumerate() {
        let _ = writeln!(yaml, "  {}:", quoted(&error.code));
        let _ = writeln!(yaml, "    status: {}", error.status);
        let _ = writeln!(yaml, "    message: {}", quoted(&error.message));
        if let Some(rust_name) = &error.rust_name {
            let _ = writeln!(yaml, "    rust_name: {rust_name}");
        }
        if index % 10 == 3 {
            yaml.push_str("    description: Check the request against the API reference, then send it again.\n");
        }
        if index % 97 == 5 {
            yaml.push_str("    deprecated: replaced by a more specific code\n");
        }
    }
    yaml.push_str(
        "rate_limits:\n  - name: requests\n    requests: 600\n    window: 5m\n    scope: api_key\n    status: 429\n",
    );
    yaml
}

/// Strings that are not codes of the catalog but look like them: near misses of real codes
/// (a suffix, lower case, one character short) and plain words.
pub fn non_codes(count: usize, codes: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(count);
    let mut index = 0;
    while out.len() < count {
        let base = codes
            .get(index % codes.len().max(1))
            .copied()
            .unwrap_or("CODE");
        let candidate = match index % 4 {
            0 => format!("{base}_V2"),
            1 => base.to_lowercase(),
            2 => base.chars().skip(1).collect(),
            _ => format!("UNKNOWN_{index}"),
        };
        if !codes.contains(&candidate.as_str()) && !candidate.is_empty() {
            out.push(candidate);
        }
        index += 1;
    }
    out
}

/// Codes of [`wide_spec`]: all the same length with the same first, middle and last 8 bytes,
/// so that only the whole code tells them apart.
pub fn wide_codes() -> Vec<String> {
    (0..WIDE_CODES)
        .map(|i| format!("WIDE_ERR{i:03}_SAME_MIDDLE_AND_SAME_END"))
        .collect()
}

/// Number of codes in [`wide_spec`].
pub const WIDE_CODES: usize = 300;

/// A catalog at the edges of what a spec allows: 400 statuses (so status indices need two
/// bytes), codes that only their whole text tells apart, every code with its own retry policy
/// and deprecated, and no body.
pub fn wide_spec() -> String {
    let mut yaml = String::from("api:\n  name: Wide\nstatuses:\n");
    for code in 100..500 {
        let _ = writeln!(yaml, "  {code}:\n    title: Status {code}");
    }
    yaml.push_str("errors:\n");
    for (i, code) in wide_codes().iter().enumerate() {
        let _ = writeln!(
            yaml,
            "  {code}:\n    status: {}\n    message: Wide {i}\n    retry: after_refresh\n    deprecated: true",
            100 + i + 100
        );
    }
    yaml
}
