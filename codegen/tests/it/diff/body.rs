//! The body rules of `errspec diff`, each alone.

use super::*;

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
