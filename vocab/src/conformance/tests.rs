//! The rules on a small made-up spec: classes, HEAD, an API without a JSON body, rate-limit
//! answers by status and by code, and the order violations come in.

use super::*;
use alloc::vec;

/// Declares 400, 429, 503 and the class 5xx; `LIMITED` (429) answers a rate limit, `DOWN`
/// is documented with 5xx; headers `Limit` and `Retry` (retry_after).
struct Made {
    body: bool,
    every: bool,
}

impl Spec for Made {
    fn declared_status(&self, status: u16) -> Option<StatusKey> {
        match status {
            400 | 429 | 503 => Some(StatusKey {
                code: status,
                class: false,
            }),
            500..=599 => Some(StatusKey {
                code: 500,
                class: true,
            }),
            _ => None,
        }
    }

    fn code_status(&self, wire: &str) -> Option<StatusKey> {
        match wire {
            "LIMITED" => self.declared_status(429),
            "DOWN" => self.declared_status(500),
            _ => None,
        }
    }

    fn documents_body(&self) -> bool {
        self.body
    }

    fn is_limit_status(&self, status: u16) -> bool {
        status == 429
    }

    fn is_limit_code(&self, wire: &str) -> bool {
        wire == "LIMITED"
    }

    fn header(&self, role: HeaderRole) -> Option<&str> {
        match role {
            HeaderRole::Limit => Some("Limit"),
            HeaderRole::RetryAfter => Some("Retry"),
            _ => None,
        }
    }

    fn headers_on_every_response(&self) -> bool {
        self.every
    }
}

const SPEC: Made = Made {
    body: true,
    every: false,
};

fn rules(
    spec: &Made,
    method: &str,
    status: u16,
    headers: &[(&str, &str)],
    body: BodyRead<'_>,
) -> Vec<Rule> {
    let exchange = Exchange {
        method,
        target: "/x",
        status,
        headers,
        body,
    };
    check(spec, &exchange).iter().map(|v| v.rule).collect()
}

const JSON_TYPE: &[(&str, &str)] = &[("content-type", "application/json")];

#[test]
fn a_class_covers_only_the_codes_not_declared_on_their_own() {
    let down = || BodyRead::Documented { code: Some("DOWN") };
    assert_eq!(rules(&SPEC, "GET", 502, JSON_TYPE, down()), []);
    assert_eq!(
        rules(&SPEC, "GET", 503, JSON_TYPE, down()),
        [Rule::CodeStatusMismatch]
    );
}

#[test]
fn a_head_response_has_no_body_to_miss() {
    assert_eq!(rules(&SPEC, "HEAD", 400, &[], BodyRead::Empty), []);
    assert_eq!(
        rules(&SPEC, "GET", 400, &[], BodyRead::Empty),
        [Rule::BodyUnreadable]
    );
}

#[test]
fn without_a_documented_body_only_problem_json_fits() {
    let spec = Made {
        body: false,
        every: false,
    };
    let documented = || BodyRead::Documented { code: None };
    assert_eq!(
        rules(&spec, "GET", 400, JSON_TYPE, documented()),
        [Rule::ContentType]
    );
    let problem = [("Content-Type", "Application/Problem+JSON; charset=utf-8")];
    assert_eq!(rules(&spec, "GET", 400, &problem, documented()), []);
    // An empty body is what such an API sends.
    assert_eq!(rules(&spec, "GET", 400, &[], BodyRead::Empty), []);
}

#[test]
fn rate_limit_answers_need_their_headers_by_status_or_by_code() {
    let limited = || BodyRead::Documented {
        code: Some("LIMITED"),
    };
    let message = |status, headers: &[(&str, &str)]| {
        let exchange = Exchange {
            method: "GET",
            target: "/x",
            status,
            headers,
            body: limited(),
        };
        check(&SPEC, &exchange)
            .into_iter()
            .map(|v| (v.rule, v.message))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        message(429, JSON_TYPE),
        vec![(
            Rule::HeaderMissing,
            String::from(
                "429 response without `Limit`, `Retry`; the spec sends them with every rate-limit answer"
            )
        )]
    );
    let all = [
        ("content-type", "application/json"),
        ("limit", "5"),
        ("RETRY", "1"),
    ];
    assert_eq!(message(429, &all), []);
    // A success needs none, unless the spec sends them on every response.
    assert_eq!(rules(&SPEC, "GET", 200, &[], BodyRead::NotRecorded), []);
    let every = Made {
        body: true,
        every: true,
    };
    assert_eq!(
        rules(&every, "GET", 200, &[], BodyRead::NotRecorded),
        [Rule::HeaderMissing]
    );
}

#[test]
fn violations_come_in_the_order_of_the_rules() {
    let body = BodyRead::Documented {
        code: Some("NEW_CODE"),
    };
    let plain = [("content-type", "text/plain")];
    assert_eq!(
        rules(&SPEC, "GET", 418, &plain, body),
        [
            Rule::StatusUndocumented,
            Rule::CodeUnknown,
            Rule::ContentType
        ]
    );
    let shown = Violation {
        rule: Rule::CodeUnknown,
        method: "GET".into(),
        target: "/x".into(),
        message: "m".into(),
    };
    assert_eq!(alloc::format!("{shown}"), "GET /x: code-unknown: m");
}
