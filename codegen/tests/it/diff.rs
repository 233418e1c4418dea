//! `errspec diff` on pairs of specs written to be tricky: every rule alone, several at once,
//! renames, and edits that are not changes (reordering, comments, quoting, flow or block
//! style). Each change is checked for its rule, both levels, and the lines it points at.

use errspec_codegen::__internals::diff::{self, Change, Level, Locations, RULES, Side};
use errspec_codegen::__internals::{Source, compile_source};

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
fn code_rules_alone() {
    let cases: Vec<(&str, String, Vec<Want>)> = vec![
        (
            "removed",
            edit(
                BASE,
                "  RESOURCE_MISSING:\n    status: 404\n    message: No such resource.\n",
                "",
            ),
            vec![want("code-removed", B, B, Some("RESOURCE_MISSING:"), None)],
        ),
        (
            "added",
            edit(
                BASE,
                "errors:\n",
                "errors:\n  CARD_EXPIRED: { status: 402, message: The card has expired. }\n",
            ),
            vec![want("code-added", I, B, None, Some("CARD_EXPIRED"))],
        ),
        (
            "status",
            edit(
                BASE,
                "    status: 404\n    message: No such resource.",
                "    status: 400\n    message: No such resource.",
            ),
            vec![want(
                "code-status-changed",
                B,
                W,
                Some("status: 404"),
                Some("status: 400"),
            )],
        ),
        (
            "message",
            edit(
                BASE,
                "message: No such resource.",
                "message: That resource does not exist.",
            ),
            vec![want(
                "code-message-changed",
                I,
                I,
                Some("No such resource."),
                Some("does not exist"),
            )],
        ),
        (
            "retry",
            edit(
                BASE,
                "message: No such resource.",
                "message: No such resource.\n    retry: backoff",
            ),
            vec![want(
                "code-retry-changed",
                W,
                W,
                Some("RESOURCE_MISSING"),
                Some("retry: backoff"),
            )],
        ),
        (
            "retired",
            edit(
                BASE,
                "message: No such resource.",
                "message: No such resource.\n    retired: { since: \"2026-01-01\", replaced_by: PARAMETER_INVALID }",
            ),
            vec![want(
                "code-retired",
                I,
                W,
                Some("RESOURCE_MISSING"),
                Some("retired:"),
            )],
        ),
        (
            "rust name",
            edit(
                BASE,
                "message: No such resource.",
                "message: No such resource.\n    rust_name: NoSuchResource",
            ),
            vec![want(
                "code-rust-name-changed",
                N,
                B,
                Some("RESOURCE_MISSING"),
                Some("rust_name:"),
            )],
        ),
        (
            "deprecated",
            edit(
                BASE,
                "message: No such resource.",
                "message: No such resource.\n    deprecated: true",
            ),
            vec![want(
                "code-deprecated",
                I,
                W,
                Some("RESOURCE_MISSING"),
                Some("deprecated:"),
            )],
        ),
        (
            "field value",
            edit(
                BASE,
                "fields: { type: card_error }",
                "fields: { type: card_failure }",
            ),
            vec![want(
                "code-field-value-changed",
                W,
                N,
                Some("card_error"),
                Some("card_failure"),
            )],
        ),
        (
            "doc",
            edit(
                BASE,
                "description: The bank said no.",
                "description: The bank refused it.",
            ),
            vec![want(
                "code-doc-changed",
                I,
                N,
                Some("bank said no"),
                Some("bank refused"),
            )],
        ),
    ];
    for (case, new, wants) in cases {
        check(case, BASE, &new, &wants);
    }
    let retired = edit(
        BASE,
        "message: No such resource.",
        "message: No such resource.\n    retired: { since: \"2026-01-01\" }",
    );
    check(
        "unretired",
        &retired,
        BASE,
        &[want(
            "code-unretired",
            W,
            W,
            Some("RESOURCE_MISSING"),
            Some("RESOURCE_MISSING"),
        )],
    );
    // Deleting a retired code is still removing it: its wire code could then be reused.
    let deleted = edit(
        BASE,
        "  RESOURCE_MISSING:\n    status: 404\n    message: No such resource.\n",
        "",
    );
    let found = changes(&retired, &deleted);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule.id, "code-removed");
    assert!(
        found[0].message.contains("never given to another code"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_new_wire_code_with_the_old_message_is_named_as_a_likely_rename() {
    let new = edit(BASE, "  CARD_DECLINED:\n", "  CARD_REFUSED:\n");
    let found = changes(BASE, &new);
    let rules: Vec<&str> = found.iter().map(|c| c.rule.id).collect();
    assert_eq!(rules, ["code-removed", "code-added"]);
    assert!(
        found[0]
            .message
            .contains("`CARD_REFUSED` is new with the same message: a rename?"),
        "{}",
        found[0].message
    );
    assert!(
        found[1]
            .message
            .contains("the message of the removed `CARD_DECLINED`"),
        "{}",
        found[1].message
    );
}

#[test]
fn messages_break_the_wire_where_clients_match_on_text() {
    let new = edit(
        TEXT_CODES,
        "message: Business rule violated",
        "message: A business rule was violated",
    );
    check(
        "code_or_message",
        TEXT_CODES,
        &new,
        &[want(
            "code-message-changed",
            B,
            I,
            Some("Business rule violated"),
            Some("A business rule"),
        )],
    );
    let new = edit(
        MESSAGE_CODES,
        "message: API rate limit exceeded.",
        "message: Rate limit exceeded.",
    )
    .replace(
        "match: [\"API rate limit exceeded.\"",
        "match: [\"Rate limit exceeded.\"",
    );
    check(
        "code_from_message",
        MESSAGE_CODES,
        &new,
        &[
            want(
                "code-message-changed",
                B,
                I,
                Some("message: API rate"),
                Some("message: Rate"),
            ),
            want("code-match-changed", W, N, Some("match:"), Some("match:")),
        ],
    );
    let new = edit(
        MESSAGE_CODES,
        "for user ID {user_id}.",
        "for installation ID {id}.",
    );
    check(
        "match",
        MESSAGE_CODES,
        &new,
        &[want(
            "code-match-changed",
            W,
            N,
            Some("match:"),
            Some("match:"),
        )],
    );
    let new = edit(MESSAGE_CODES, "  code_from_message: true\n", "").replace(
        "    match: [\"API rate limit exceeded.\", \"API rate limit exceeded for user ID {user_id}.\"]\n",
        "",
    );
    check(
        "code source",
        MESSAGE_CODES,
        &new,
        &[
            want(
                "body-code-source-changed",
                B,
                W,
                Some("code_from_message"),
                Some("body:"),
            ),
            want(
                "code-match-changed",
                W,
                N,
                Some("match:"),
                Some("RATE_LIMITED"),
            ),
        ],
    );
}

#[test]
fn status_rules_alone() {
    let cases: Vec<(&str, String, Vec<Want>)> = vec![
        (
            "removed",
            edit(BASE, "  5xx: { title: Server Error }\n", ""),
            vec![want("status-removed", B, B, Some("5xx"), None)],
        ),
        (
            "added",
            edit(
                BASE,
                "  404: { title: Not Found }\n",
                "  404: { title: Not Found }\n  409: { title: Conflict }\n",
            ),
            vec![want("status-added", I, B, None, Some("409"))],
        ),
        (
            "title and variant",
            edit(BASE, "title: Request Failed", "title: Payment Failed"),
            vec![
                want(
                    "status-title-changed",
                    N,
                    B,
                    Some("Request Failed"),
                    Some("Payment Failed"),
                ),
                // The body's message and `error` field default to the title.
                want("status-message-changed", I, I, Some("402"), Some("402")),
                want("status-reason-changed", W, I, Some("402"), Some("402")),
            ],
        ),
        (
            "title with the variant pinned",
            edit(
                BASE,
                "title: Request Failed",
                "title: Payment Failed\n    rust_name: RequestFailed\n    reason: Request Failed\n    message: Request Failed",
            ),
            vec![want(
                "status-title-changed",
                N,
                N,
                Some("Request Failed"),
                Some("Payment Failed"),
            )],
        ),
        (
            "rust name",
            edit(
                BASE,
                "title: Request Failed",
                "title: Request Failed\n    rust_name: CardFailed",
            ),
            vec![want(
                "status-rust-name-changed",
                N,
                B,
                Some("402"),
                Some("rust_name"),
            )],
        ),
        (
            "message",
            edit(
                BASE,
                "  404: { title: Not Found }",
                "  404: { title: Not Found, message: Nothing here }",
            ),
            vec![want(
                "status-message-changed",
                I,
                I,
                Some("404"),
                Some("message: Nothing here"),
            )],
        ),
        (
            "reason",
            edit(
                BASE,
                "  404: { title: Not Found }",
                "  404: { title: Not Found, reason: Missing }",
            ),
            vec![want(
                "status-reason-changed",
                W,
                I,
                Some("404"),
                Some("reason: Missing"),
            )],
        ),
        (
            "retry",
            edit(
                BASE,
                "  5xx: { title: Server Error }",
                "  5xx: { title: Server Error, retry: never }",
            ),
            vec![want(
                "status-retry-changed",
                W,
                W,
                Some("5xx"),
                Some("retry: never"),
            )],
        ),
        (
            "field value",
            edit(
                BASE,
                "  5xx: { title: Server Error }",
                "  5xx: { title: Server Error, fields: { type: api_error } }",
            ),
            vec![want(
                "status-field-value-changed",
                W,
                N,
                Some("5xx"),
                Some("api_error"),
            )],
        ),
        (
            "doc",
            edit(
                BASE,
                "description: The card was declined.",
                "description: The card was refused.",
            ),
            vec![want(
                "status-doc-changed",
                I,
                N,
                Some("description"),
                Some("description"),
            )],
        ),
    ];
    for (case, new, wants) in cases {
        check(case, BASE, &new, &wants);
    }
}

#[test]
fn body_rules_alone() {
    let cases: Vec<(&str, String, Vec<Want>)> = vec![
        (
            "removed",
            edit(BASE, "    details: details\n", ""),
            vec![want(
                "body-field-removed",
                B,
                B,
                Some("details: details"),
                None,
            )],
        ),
        (
            "added",
            edit(
                BASE,
                "    details: details\n",
                "    details: details\n    doc_url: text\n",
            ),
            vec![want("body-field-added", I, B, None, Some("doc_url"))],
        ),
        (
            "role",
            edit(BASE, "    error: title\n", "    error: text\n"),
            vec![want(
                "body-field-role-changed",
                B,
                B,
                Some("error: title"),
                Some("error: text"),
            )],
        ),
        (
            "value",
            edit(
                BASE,
                "value: invalid_request",
                "value: invalid_request_error",
            ),
            vec![want(
                "body-field-value-changed",
                W,
                N,
                Some("value: invalid_request"),
                Some("invalid_request_error"),
            )],
        ),
        (
            "codes removed",
            edit(BASE, ", lost_card: Reported lost.", ""),
            vec![want(
                "body-field-codes-changed",
                B,
                B,
                Some("decline_code"),
                Some("decline_code"),
            )],
        ),
        (
            "codes added",
            edit(
                BASE,
                "lost_card: Reported lost.",
                "lost_card: Reported lost., stolen_card: Reported stolen.",
            ),
            vec![want(
                "body-field-codes-changed",
                I,
                B,
                Some("decline_code"),
                Some("decline_code"),
            )],
        ),
        (
            "envelope",
            edit(BASE, "body:\n", "body:\n  envelope: error\n"),
            vec![want(
                "body-envelope-changed",
                B,
                W,
                Some("body:"),
                Some("envelope: error"),
            )],
        ),
    ];
    for (case, new, wants) in cases {
        check(case, BASE, &new, &wants);
    }
    let renamed = edit(BASE, "    details: details\n", "    errors: details\n");
    let found = changes(BASE, &renamed);
    assert_eq!(
        found.iter().map(|c| c.rule.id).collect::<Vec<_>>(),
        ["body-field-removed", "body-field-added"]
    );
    assert!(
        found[0]
            .message
            .contains("`errors` is new with the same role: a rename?"),
        "{}",
        found[0].message
    );
}

#[test]
fn limit_rules_alone() {
    let per_second = "{ name: per_second, requests: 25, window: 1s, scope: api_key, status: 429, error: RATE_LIMITED }";
    let cases: Vec<(&str, String, Vec<Want>)> = vec![
        (
            "fewer requests",
            edit(BASE, "requests: 25,", "requests: 20,"),
            vec![want(
                "rate-limit-tightened",
                B,
                I,
                Some("per_second"),
                Some("requests: 20"),
            )],
        ),
        (
            "longer window",
            edit(BASE, "window: 1s,", "window: 2s,"),
            vec![want(
                "rate-limit-tightened",
                B,
                I,
                Some("per_second"),
                Some("window: 2s"),
            )],
        ),
        (
            "wider scope",
            edit(BASE, "scope: api_key,", "scope: total,"),
            vec![want(
                "rate-limit-tightened",
                B,
                I,
                Some("per_second"),
                Some("scope: total"),
            )],
        ),
        (
            "more requests, longer window",
            edit(BASE, "requests: 25, window: 1s", "requests: 50, window: 3s"),
            vec![want(
                "rate-limit-tightened",
                B,
                I,
                Some("per_second"),
                Some("window: 3s"),
            )],
        ),
        (
            "loosened",
            edit(BASE, "requests: 1000,", "requests: 5000,"),
            vec![want(
                "rate-limit-loosened",
                I,
                I,
                Some("per_hour"),
                Some("requests: 5000"),
            )],
        ),
        (
            "narrower scope",
            edit(BASE, "scope: account,", "scope: api_key,"),
            vec![want(
                "rate-limit-loosened",
                I,
                I,
                Some("per_hour"),
                Some("scope: api_key"),
            )],
        ),
        (
            "removed",
            edit(BASE, &format!("  - {per_second}\n"), ""),
            vec![want("rate-limit-removed", I, B, Some("per_second"), None)],
        ),
        (
            "added",
            edit(
                BASE,
                "rate_limits:\n",
                "rate_limits:\n  - { name: per_day, requests: 10000, window: 1d, scope: account }\n",
            ),
            vec![want("rate-limit-added", B, I, None, Some("per_day"))],
        ),
        (
            "answer",
            edit(BASE, "status: 429, error: RATE_LIMITED }", "status: 429 }"),
            vec![want(
                "rate-limit-answer-changed",
                B,
                W,
                Some("error: RATE_LIMITED"),
                Some("per_second"),
            )],
        ),
        (
            "limit smaller",
            edit(BASE, "value: 100,", "value: 50,"),
            vec![want(
                "limit-changed",
                B,
                I,
                Some("value: 100"),
                Some("value: 50"),
            )],
        ),
        (
            "limit larger",
            edit(BASE, "value: 24h,", "value: 48h,"),
            vec![want(
                "limit-changed",
                I,
                I,
                Some("value: 24h"),
                Some("value: 48h"),
            )],
        ),
        (
            "limit kind",
            edit(BASE, "value: 100,", "value: 100s,"),
            vec![want(
                "limit-changed",
                B,
                B,
                Some("value: 100"),
                Some("value: 100s"),
            )],
        ),
        (
            "limit header",
            edit(BASE, "header: Idempotency-Key", "header: X-Idempotency-Key"),
            vec![want(
                "limit-changed",
                B,
                I,
                Some("header: Idempotency-Key"),
                Some("X-Idempotency-Key"),
            )],
        ),
        (
            "limit removed",
            edit(
                BASE,
                "  idempotency_window: { value: 24h, header: Idempotency-Key }\n",
                "",
            ),
            vec![want(
                "limit-removed",
                I,
                B,
                Some("idempotency_window"),
                None,
            )],
        ),
        (
            "limit added",
            edit(
                BASE,
                "\nlimits:\n",
                "\nlimits:\n  max_metadata_keys: { value: 50 }\n",
            ),
            vec![want("limit-added", B, I, None, Some("max_metadata_keys"))],
        ),
    ];
    for (case, new, wants) in cases {
        check(case, BASE, &new, &wants);
    }
}

#[test]
fn header_and_api_rules_alone() {
    let cases: Vec<(&str, String, Vec<Want>)> = vec![
        (
            "renamed",
            edit(
                BASE,
                "remaining: X-RateLimit-Remaining",
                "remaining: RateLimit-Remaining",
            ),
            vec![want(
                "header-renamed",
                B,
                W,
                Some("X-RateLimit-Remaining"),
                Some("RateLimit-Remaining"),
            )],
        ),
        (
            "case only",
            edit(
                BASE,
                "remaining: X-RateLimit-Remaining",
                "remaining: x-ratelimit-remaining",
            ),
            vec![want(
                "header-renamed",
                N,
                I,
                Some("X-RateLimit-Remaining"),
                Some("x-ratelimit-remaining"),
            )],
        ),
        (
            "removed",
            edit(BASE, "  retry_after: Retry-After\n", ""),
            vec![want("header-removed", B, W, Some("retry_after"), None)],
        ),
        (
            "added",
            edit(
                BASE,
                "  retry_after: Retry-After\n",
                "  retry_after: Retry-After\n  used: X-RateLimit-Used\n",
            ),
            vec![want(
                "header-added",
                I,
                I,
                None,
                Some("used: X-RateLimit-Used"),
            )],
        ),
        (
            "other removed",
            edit(BASE, "  other: [Request-Id]\n", ""),
            vec![want(
                "header-removed",
                W,
                I,
                Some("other"),
                Some("headers:"),
            )],
        ),
        (
            "format",
            edit(BASE, "format: unix_seconds", "format: delta_seconds"),
            vec![want(
                "header-format-changed",
                B,
                W,
                Some("reset:"),
                Some("reset:"),
            )],
        ),
        (
            "every response",
            edit(BASE, "headers:\n", "headers:\n  every_response: true\n"),
            vec![want(
                "header-scope-changed",
                I,
                N,
                Some("headers:"),
                Some("every_response"),
            )],
        ),
        (
            "api name",
            edit(BASE, "name: Acme Payments", "name: Acme Pay"),
            vec![want(
                "api-renamed",
                I,
                I,
                Some("name: Acme Payments"),
                Some("name: Acme Pay"),
            )],
        ),
        (
            "support",
            edit(BASE, "help@acme.test", "support@acme.test"),
            vec![want(
                "api-doc-changed",
                I,
                N,
                Some("help@acme.test"),
                Some("support@acme.test"),
            )],
        ),
    ];
    for (case, new, wants) in cases {
        check(case, BASE, &new, &wants);
    }
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
    let tests = include_str!("diff.rs");
    let cli = include_str!("cli_diff.rs");
    let readme = include_str!("../../../README.md");
    for rule in RULES {
        let quoted = format!("\"{}\"", rule.id);
        assert!(
            tests.contains(&quoted) || cli.contains(&quoted),
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
