//! The error-code rules of `errspec diff`, each alone, and how renames and text-matched codes
//! are reported.

use super::*;

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
