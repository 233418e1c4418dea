//! The rate-limit, limit, header and API rules of `errspec diff`, each alone.

use super::*;

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
        (
            "routes given",
            edit(
                BASE,
                "scope: account, status: 429 }",
                "scope: account, status: 429, routes: [GET /search/*] }",
            ),
            vec![want(
                "rate-limit-routes-changed",
                I,
                I,
                Some("per_hour"),
                Some("routes: [GET /search/*]"),
            )],
        ),
        (
            "grpc code named",
            edit(
                BASE,
                "429: { title: Too Many Requests }",
                "429: { title: Too Many Requests, grpc: UNAVAILABLE }",
            ),
            vec![
                want("grpc-changed", B, I, Some("429"), Some("grpc: UNAVAILABLE")),
                want(
                    "grpc-changed",
                    B,
                    I,
                    Some("RATE_LIMITED"),
                    Some("RATE_LIMITED"),
                ),
            ],
        ),
        (
            "answer named",
            format!("{BASE}answers:\n  unknown_route: {{ error: RESOURCE_MISSING }}\n"),
            vec![want(
                "answer-changed",
                B,
                I,
                Some("api:"),
                Some("unknown_route"),
            )],
        ),
    ];
    for (case, new, wants) in cases {
        check(case, BASE, &new, &wants);
    }
}

/// A limit on routes that now counts every request, or no longer apart from the others,
/// refuses requests it let through.
#[test]
fn wider_routes_are_breaking() {
    let on_search = edit(
        BASE,
        "scope: account, status: 429 }",
        "scope: account, status: 429, routes: [GET /search/*], separate: true }",
    );
    let everywhere = [want(
        "rate-limit-routes-changed",
        B,
        I,
        Some("routes: [GET /search/*]"),
        Some("per_hour"),
    )];
    check("routes dropped", &on_search, BASE, &everywhere);
    let together = edit(&on_search, "separate: true", "separate: false");
    let joined = [want(
        "rate-limit-routes-changed",
        B,
        I,
        Some("separate: true"),
        Some("separate: false"),
    )];
    check("no longer separate", &on_search, &together, &joined);
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

/// A limit on unauthenticated requests that now counts every request refuses requests with
/// credentials it let through; the other way, it refuses less.
#[test]
fn unauthenticated_only_or_no_longer() {
    let on_ip = edit(
        BASE,
        "{ name: per_hour, requests: 1000, window: 1h, scope: account, status: 429 }",
        "{ name: per_hour, requests: 1000, window: 1h, scope: ip, status: 429 }",
    );
    let anonymous = edit(
        &on_ip,
        "scope: ip, status: 429 }",
        "scope: ip, status: 429, unauthenticated: true }",
    );
    let narrower = [want(
        "rate-limit-unauthenticated-changed",
        I,
        I,
        Some("per_hour"),
        Some("unauthenticated: true"),
    )];
    check("now unauthenticated only", &on_ip, &anonymous, &narrower);
    let wider = [want(
        "rate-limit-unauthenticated-changed",
        B,
        I,
        Some("unauthenticated: true"),
        Some("per_hour"),
    )];
    check("no longer unauthenticated only", &anonymous, &on_ip, &wider);
}

/// A method that costs more refuses requests that were let through; counting every endpoint
/// together refuses requests that each endpoint's own count let through.
#[test]
fn costs_and_endpoints() {
    let on_ip = edit(
        BASE,
        "{ name: per_hour, requests: 1000, window: 1h, scope: account, status: 429 }",
        "{ name: per_hour, requests: 1000, window: 1h, scope: account, status: 429, cost: { POST: 5 } }",
    );
    let dearer = edit(&on_ip, "cost: { POST: 5 }", "cost: { POST: 5, PUT: 2 }");
    let breaking = [want(
        "rate-limit-cost-changed",
        B,
        I,
        Some("POST: 5"),
        Some("PUT: 2"),
    )];
    check("a method costs more", &on_ip, &dearer, &breaking);
    let info = [want(
        "rate-limit-cost-changed",
        I,
        I,
        Some("PUT: 2"),
        Some("POST: 5"),
    )];
    check("a method costs less", &dearer, &on_ip, &info);
    let apart = edit(
        &on_ip,
        "cost: { POST: 5 } }",
        "cost: { POST: 5 }, per_endpoint: true }",
    );
    let per = [want(
        "rate-limit-per-endpoint-changed",
        I,
        I,
        Some("POST: 5"),
        Some("per_endpoint: true"),
    )];
    check("per endpoint", &on_ip, &apart, &per);
    let together = [want(
        "rate-limit-per-endpoint-changed",
        B,
        I,
        Some("per_endpoint: true"),
        Some("POST: 5"),
    )];
    check("no longer per endpoint", &apart, &on_ip, &together);
}
