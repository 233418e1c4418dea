//! The status rules of `errspec diff`, each alone.

use super::*;

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
