//! `errspec diff` on pairs of specs written to be tricky: every rule alone, several at once,
//! renames, and edits that are not changes (reordering, comments, quoting, flow or block
//! style). Each change is checked for its rule, both levels, and the lines it points at.

use errspec_codegen::__internals::diff::{self, Change, Level, Locations, RULES, Side};
use errspec_codegen::__internals::{Source, compile_source};

mod body;
mod codes;
mod limits;
mod statuses;

/// A catalog with something of every kind.
const BASE: &str = r#"api:
  name: Acme Payments
  summary: Payments.
  support: { email: help@acme.test }
body:
  fields:
    code: code
    message: message
    status: status
    error: title
    type: { role: text, value: invalid_request }
    decline_code: { role: text, codes: { insufficient_funds: Not enough money., lost_card: Reported lost. } }
    details: details
statuses:
  400: { title: Bad Request }
  402:
    title: Request Failed
    description: The card was declined.
  404: { title: Not Found }
  429: { title: Too Many Requests }
  5xx: { title: Server Error }
errors:
  CARD_DECLINED:
    status: 402
    message: The card was declined.
    description: The bank said no.
    fields: { type: card_error }
  RESOURCE_MISSING:
    status: 404
    message: No such resource.
  RATE_LIMITED:
    status: 429
    message: Too many requests.
  PARAMETER_INVALID:
    status: 400
    message: A parameter is invalid.
rate_limits:
  - { name: per_second, requests: 25, window: 1s, scope: api_key, status: 429, error: RATE_LIMITED }
  - { name: per_hour, requests: 1000, window: 1h, scope: account, status: 429 }
limits:
  max_page_size: { value: 100, error: PARAMETER_INVALID }
  idempotency_window: { value: 24h, header: Idempotency-Key }
headers:
  limit: X-RateLimit-Limit
  remaining: X-RateLimit-Remaining
  reset: { name: X-RateLimit-Reset, format: unix_seconds }
  retry_after: Retry-After
  other: [Request-Id]
"#;

/// Centrapay-like: the code travels in the message field.
const TEXT_CODES: &str = r#"api: { name: Texty }
body:
  fields: { statusCode: status, message: code_or_message }
statuses:
  403: { title: Forbidden }
errors:
  INSUFFICIENT_BALANCE: { status: 403, message: Business rule violated }
"#;

/// GitHub-like: codes read from messages.
const MESSAGE_CODES: &str = r#"api: { name: Hubby }
body:
  code_from_message: true
  fields: { message: message, documentation_url: text }
statuses:
  403: { title: Forbidden }
errors:
  RATE_LIMITED:
    status: 403
    message: API rate limit exceeded.
    match: ["API rate limit exceeded.", "API rate limit exceeded for user ID {user_id}."]
"#;

fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the spec holds no {from:?}");
    text.replacen(from, to, 1)
}

/// The changes from `old` to `new`, both valid.
fn changes(old: &str, new: &str) -> Vec<Change> {
    let api = |path: &str, text: &str| {
        compile_source(&Source::new(path, text))
            .unwrap_or_else(|e| panic!("{path} is valid:\n{}\n{text}", e))
    };
    let (a, b) = (api("old/acme.yaml", old), api("new/acme.yaml", new));
    let (la, lb) = (Locations::of(old), Locations::of(new));
    diff::compare(
        Side {
            api: &a,
            path: "old/acme.yaml",
            locations: &la,
        },
        Side {
            api: &b,
            path: "new/acme.yaml",
            locations: &lb,
        },
    )
}

/// One expected change: the rule, both levels, and text that its old and new lines hold
/// (`None`: that side has no place).
struct Want {
    rule: &'static str,
    wire: Level,
    rust: Level,
    old_line: Option<&'static str>,
    new_line: Option<&'static str>,
}

const fn want(
    rule: &'static str,
    wire: Level,
    rust: Level,
    old_line: Option<&'static str>,
    new_line: Option<&'static str>,
) -> Want {
    Want {
        rule,
        wire,
        rust,
        old_line,
        new_line,
    }
}

use Level::{Breaking as B, Info as I, None as N, Warning as W};

fn line_of(text: &str, line: u32) -> &str {
    text.lines()
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or("")
}

fn check(case: &str, old: &str, new: &str, wants: &[Want]) {
    let found = changes(old, new);
    let shown: Vec<String> = found
        .iter()
        .map(|c| {
            format!(
                "{} (wire {}, rust {}): {}",
                c.rule.id,
                c.wire.as_str(),
                c.rust.as_str(),
                c.message
            )
        })
        .collect();
    assert_eq!(
        found.len(),
        wants.len(),
        "{case}: got\n  {}",
        shown.join("\n  ")
    );
    for (c, w) in found.iter().zip(wants) {
        assert_eq!(
            (c.rule.id, c.wire, c.rust),
            (w.rule, w.wire, w.rust),
            "{case}: got\n  {}",
            shown.join("\n  ")
        );
        for (place, text, line) in [(&c.old, old, w.old_line), (&c.new, new, w.new_line)] {
            match (place, line) {
                (None, None) => {}
                (Some(p), Some(holds)) => {
                    let at = line_of(text, p.position.line);
                    assert!(
                        at.contains(holds),
                        "{case}: {} points at line {} `{at}`, which lacks `{holds}`",
                        c.rule.id,
                        p.position.line
                    );
                }
                (p, l) => panic!(
                    "{case}: {}: place {p:?}, expected a line with {l:?}",
                    c.rule.id
                ),
            }
        }
    }
}

#[test]
fn edits_that_change_nothing_are_no_changes() {
    let reordered = r#"# Reordered, restyled, commented: the same catalog.
api:
  name: "Acme Payments"   # quoted now
  summary: Payments.
  support:
    email: help@acme.test
body:
  fields:
    code: code
    message: message
    status: status
    error: title
    type:
      role: text
      value: invalid_request
    decline_code:
      role: text
      codes:
        insufficient_funds: Not enough money.
        lost_card: Reported lost.
    details: details
statuses:
  "5xx": { title: Server Error }
  429: { title: Too Many Requests }
  404: { title: Not Found }
  402: { title: Request Failed, description: "The card was declined." }
  400:
    title: Bad Request
errors:
  PARAMETER_INVALID: { status: 400, message: A parameter is invalid. }
  RATE_LIMITED: { status: 429, message: Too many requests. }
  RESOURCE_MISSING: { status: 404, message: No such resource. }
  CARD_DECLINED:
    status: 402
    message: 'The card was declined.'
    description: The bank said no.
    fields: { type: card_error }
rate_limits:
  - { name: per_hour, requests: 1000, window: 60m, scope: account, status: 429 }
  - { name: per_second, requests: 25, window: 1000ms, scope: api_key, status: 429, error: RATE_LIMITED }
limits:
  idempotency_window: { value: 1d, header: Idempotency-Key }
  max_page_size: { value: 100, error: PARAMETER_INVALID }
headers:
  retry_after: Retry-After
  reset: { format: unix_seconds, name: X-RateLimit-Reset }
  remaining: X-RateLimit-Remaining
  limit: X-RateLimit-Limit
  other: [Request-Id]
"#;
    check("restyled", BASE, reordered, &[]);
    check("itself", BASE, BASE, &[]);
}

#[test]
fn several_changes_at_once_come_in_section_order() {
    let new = edit(BASE, "name: Acme Payments", "name: Acme Pay");
    let new = edit(&new, "    details: details\n", "");
    let new = edit(&new, "  5xx: { title: Server Error }\n", "");
    let new = edit(
        &new,
        "message: No such resource.",
        "message: No such resource.\n    retired: { since: \"2026-02-01\" }",
    );
    let new = edit(&new, "requests: 25,", "requests: 10,");
    let new = edit(&new, "format: unix_seconds", "format: delta_seconds");
    let rules: Vec<&str> = changes(BASE, &new).iter().map(|c| c.rule.id).collect();
    assert_eq!(
        rules,
        [
            "api-renamed",
            "body-field-removed",
            "status-removed",
            "code-retired",
            "rate-limit-tightened",
            "header-format-changed"
        ]
    );
}

#[test]
fn every_rule_is_exercised_by_these_tests_and_listed_in_the_readme() {
    let tests = [
        include_str!("mod.rs"),
        include_str!("codes.rs"),
        include_str!("statuses.rs"),
        include_str!("body.rs"),
        include_str!("limits.rs"),
        include_str!("../cli_diff.rs"),
    ];
    let readme = include_str!("../../../../README.md");
    for rule in RULES {
        let quoted = format!("\"{}\"", rule.id);
        assert!(
            tests.iter().any(|t| t.contains(&quoted)),
            "no test expects {}",
            rule.id
        );
        assert!(
            readme.contains(&format!("`{}`", rule.id)),
            "the README does not list {}",
            rule.id
        );
    }
}
