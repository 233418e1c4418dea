//! Server side: the documented bodies, status-only errors, rate-limit headers in their
//! documented formats, the IETF fields, problem+json, and ready `http` responses. Every reply of
//! every documented code and status is read back by the client side into the same code.

use errspec::client::ErrorResponse;
use errspec::server::{LimitState, Reply, rate_limit_headers};
use errspec::{Catalog, CatalogCode, CatalogStatus, RetryDecision, centrapay, funder_offers};
use errspec::{mugglepay, muse_finance};
use serde_json::json;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn body_text(response: &errspec::server::Response) -> &str {
    std::str::from_utf8(&response.body).unwrap()
}

#[test]
fn mugglepay_bodies_send_the_status_as_a_string() {
    let code = Reply::from_code(mugglepay::ErrorCode::ApiLimitExceeded).finish();
    assert_eq!(code.status, 400);
    assert_eq!(code.header("Content-Type"), Some("application/json"));
    assert_eq!(
        body_text(&code),
        r#"{"error":"API request limit is exceeded","error_code":"API_LIMIT_EXCEEDED","status":"400"}"#
    );
    // Status-only errors: no error_code field at all.
    let unauthorized = Reply::from_status(mugglepay::Status::Unauthorized).finish();
    assert_eq!(unauthorized.status, 401);
    assert_eq!(
        body_text(&unauthorized),
        r#"{"error":"API credentials are not valid","status":"401"}"#
    );
    let limited = Reply::from_status(mugglepay::Status::TooManyRequests).finish();
    assert_eq!(
        body_text(&limited),
        r#"{"error":"API request limit is exceeded","status":"421"}"#
    );
}

#[test]
fn centrapay_bodies_send_the_status_as_a_number() {
    let missing = Reply::from_status(centrapay::Status::Unauthorized).finish();
    assert_eq!(
        body_text(&missing),
        r#"{"statusCode":401,"error":"Unauthorized","message":"Missing authentication"}"#
    );
    let not_found = Reply::from_status(centrapay::Status::RouteNotFound).finish();
    assert_eq!(
        body_text(&not_found),
        r#"{"statusCode":404,"error":"Not Found","message":"Not Found"}"#
    );
    // The documented 400 leaves `error` out and names the field in the message.
    let body = centrapay::ErrorBody {
        error: None,
        ..centrapay::ErrorBody::from_status(centrapay::Status::MalformedRequest)
    }
    .with_message("\"amount\" is required");
    let malformed = Reply::<centrapay::Api>::new(400, body).finish();
    assert_eq!(
        body_text(&malformed),
        r#"{"statusCode":400,"message":"\"amount\" is required"}"#
    );
    // A server error, declared as the class 5xx, is sent as 500.
    let server = Reply::from_status(centrapay::Status::ServerError).finish();
    assert_eq!(server.status, 500);
}

#[test]
fn funder_validation_failed_carries_details() {
    let response = Reply::from_code(funder_offers::ErrorCode::ValidationFailed)
        .map_body(|body| {
            body.with_details([
                "purchase_price_floor must be a positive number",
                "buy_rate must be >= 1.0",
            ])
        })
        .finish();
    assert_eq!(response.status, 400);
    assert_eq!(
        body_text(&response),
        r#"{"error":"VALIDATION_FAILED","message":"Offer payload failed validation","details":["purchase_price_floor must be a positive number","buy_rate must be >= 1.0"]}"#
    );
}

fn funder_states(per_second_left: u32, per_minute_left: u32) -> [LimitState; 2] {
    use funder_offers::limits::{PER_MINUTE, PER_SECOND};
    [
        LimitState {
            limit: PER_MINUTE,
            remaining: per_minute_left,
            reset_after: Duration::from_millis(29_500),
        },
        LimitState {
            limit: PER_SECOND,
            remaining: per_second_left,
            reset_after: Duration::from_millis(400),
        },
    ]
}

#[test]
fn funder_rate_limit_headers_report_the_binding_limit_with_a_unix_reset() {
    // The headers report the limit with the fewest requests left: the number the caller can
    // still send before a 429. Here 3 per minute (with 5 left in this second).
    let headers = rate_limit_headers::<funder_offers::Api>(&funder_states(5, 3), now());
    assert_eq!(
        headers,
        [
            ("X-RateLimit-Limit", "60".to_owned()),
            ("X-RateLimit-Remaining", "3".to_owned()),
            // 29.5 s from now, rounded up.
            ("X-RateLimit-Reset", "1700000030".to_owned()),
        ]
    );
    // 4 left this second, 12 this minute: the second binds.
    let headers = rate_limit_headers::<funder_offers::Api>(&funder_states(4, 12), now());
    assert_eq!(headers[0], ("X-RateLimit-Limit", "5".to_owned()));
    assert_eq!(headers[1], ("X-RateLimit-Remaining", "4".to_owned()));
    // The second's budget is spent: that limit binds, and resets within the second.
    let reply = Reply::from_status(funder_offers::Status::RateLimited)
        .with_rate_limits(&funder_states(0, 12), now())
        .finish();
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("x-ratelimit-limit"), Some("5"));
    assert_eq!(reply.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(reply.header("x-ratelimit-reset"), Some("1700000001"));
    assert_eq!(
        reply.header("retry-after"),
        None,
        "the funder API documents no Retry-After"
    );
    // The client reads it back into the wait.
    let read = ErrorResponse::<funder_offers::Api>::read(
        reply.status,
        reply.headers.iter().map(|(n, v)| (n.as_ref(), v.as_str())),
        &reply.body,
    );
    assert_eq!(
        read.retry(now()),
        RetryDecision::After(Duration::from_secs(1))
    );
}

#[test]
fn centrapay_sends_retry_after_in_seconds() {
    let reply = Reply::from_code(centrapay::ErrorCode::RateLimitExceeded)
        .with_retry_after(Duration::from_millis(29_200))
        .finish();
    assert_eq!(reply.header("Retry-After"), Some("30"));
    // From limit states, Centrapay's only documented header is Retry-After, sent when exhausted.
    let state = LimitState {
        limit: errspec::RateLimit {
            name: "requests",
            requests: 100,
            window: Duration::from_secs(60),
            scope: errspec::Scope::ApiKey,
            routes: errspec::Routes::EVERY,
            unauthenticated: false,
            cost: errspec::Cost::ONE,
            per_endpoint: false,
        },
        remaining: 0,
        reset_after: Duration::from_secs(30),
    };
    assert_eq!(
        rate_limit_headers::<centrapay::Api>(&[state], now()),
        [("Retry-After", "30".to_owned())]
    );
    let left = LimitState {
        remaining: 1,
        ..state
    };
    assert!(rate_limit_headers::<centrapay::Api>(&[left], now()).is_empty());
    // APIs without documented headers send none.
    assert!(rate_limit_headers::<mugglepay::Api>(&[state], now()).is_empty());
}

#[cfg(feature = "ietf-ratelimit")]
#[test]
fn ietf_fields_as_an_option() {
    let reply = Reply::from_status(funder_offers::Status::RateLimited)
        .with_ietf_rate_limits(&funder_states(4, 12))
        .finish();
    assert_eq!(
        reply.header("RateLimit-Policy"),
        Some(r#""per_minute";q=60;w=60, "per_second";q=5;w=1"#)
    );
    assert_eq!(
        reply.header("RateLimit"),
        Some(r#""per_minute";r=12;t=30, "per_second";r=4;t=1"#)
    );
    let muse = muse_finance::limits::REQUESTS;
    let policy = errspec::ietf::policy_value(&[muse]);
    assert_eq!(policy.as_deref(), Some(r#""requests";q=600;w=300"#));
}

#[test]
fn problem_json_for_every_api() {
    let problem = Reply::from_code(funder_offers::ErrorCode::VersionConflict)
        .into_problem()
        .finish();
    assert_eq!(problem.status, 409);
    assert_eq!(
        problem.header("content-type"),
        Some("application/problem+json")
    );
    let json: serde_json::Value = serde_json::from_slice(&problem.body).unwrap();
    assert_eq!(
        json,
        json!({
            "type": "about:blank",
            "title": "Conflict",
            "status": 409,
            "detail": "Another update happened between your read and write.",
            "code": "VERSION_CONFLICT"
        })
    );
    // An API without a documented body (Muse Finance) gets a problem document too.
    let muse = Reply::from_status(muse_finance::Status::UserNotAuthorised).finish();
    assert!(muse.body.is_empty(), "Muse Finance documents no body");
    let muse = Reply::from_status(muse_finance::Status::UserNotAuthorised)
        .into_problem()
        .finish();
    let json: serde_json::Value = serde_json::from_slice(&muse.body).unwrap();
    assert_eq!(
        json,
        json!({"type": "about:blank", "title": "User not Authorised", "status": 403})
    );
    // Customised type and instance.
    let custom = Reply::from_code(mugglepay::ErrorCode::InvoiceNotExist)
        .with_problem(
            errspec::problem::Problem::from_code(mugglepay::ErrorCode::InvoiceNotExist)
                .with_type("https://docs.example/errors/INVOICE_NOT_EXIST")
                .with_instance("/invoices/9"),
        )
        .finish();
    let json: serde_json::Value = serde_json::from_slice(&custom.body).unwrap();
    assert_eq!(json["instance"], "/invoices/9");
    assert_eq!(json["code"], "INVOICE_NOT_EXIST");
}

#[cfg(feature = "http")]
#[test]
fn ready_http_responses() {
    let response = Reply::from_code(centrapay::ErrorCode::RateLimitExceeded)
        .with_retry_after(Duration::from_secs(30))
        .with_header("X-Request-Id", "abc")
        .into_http()
        .unwrap();
    assert_eq!(response.status(), http::StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(response.headers()["x-request-id"], "abc");
    assert_eq!(
        response.body().as_slice(),
        br#"{"statusCode":429,"error":"Too Many Requests","message":"RATE_LIMIT_EXCEEDED"}"#
    );
    // A header value that is not valid HTTP is an error, not a panic.
    let bad = Reply::from_code(centrapay::ErrorCode::RateLimitExceeded)
        .with_header("X-Note", "line\nbreak")
        .into_http();
    assert!(bad.is_err());
}

/// Every documented code and status of API `A`, sent by the server and read by the client,
/// comes back as the same code, status, message and retry policy.
fn round_trip_everything<A: Catalog>(codes: &[A::Code], statuses: &[A::Status]) {
    for &code in codes {
        let reply = Reply::from_code(code).finish();
        let read = ErrorResponse::<A>::read(
            reply.status,
            reply.headers.iter().map(|(n, v)| (n.as_ref(), v.as_str())),
            &reply.body,
        );
        if <A::Body as errspec::WireBody>::DOCUMENTED {
            assert_eq!(read.known_code(), Some(code), "{code:?}");
            assert_eq!(read.policy(), code.retry(), "{code:?}");
        }
        assert_eq!(read.declared_status(), Some(code.status()), "{code:?}");
        let problem = Reply::from_code(code).into_problem().finish();
        let read = ErrorResponse::<A>::read(
            problem.status,
            problem
                .headers
                .iter()
                .map(|(n, v)| (n.as_ref(), v.as_str())),
            &problem.body,
        );
        assert_eq!(read.known_code(), Some(code), "{code:?} as a problem");
        assert_eq!(
            read.message(),
            Some(code.message()),
            "{code:?} as a problem"
        );
    }
    for &status in statuses {
        let reply = Reply::from_status(status).finish();
        let read = ErrorResponse::<A>::read(
            reply.status,
            reply.headers.iter().map(|(n, v)| (n.as_ref(), v.as_str())),
            &reply.body,
        );
        assert_eq!(read.declared_status(), Some(status), "{status:?}");
        assert_eq!(read.policy(), status.retry(), "{status:?}");
        if let Some(body) = read.body() {
            use errspec::WireBody;
            // A status-only body carries no code, unless its message is itself code-like.
            if body.raw_code().is_none() {
                assert_eq!(read.code(), None, "{status:?}");
            }
        }
    }
}

#[test]
fn every_documented_reply_reads_back() {
    round_trip_everything::<mugglepay::Api>(mugglepay::ErrorCode::ALL, mugglepay::Status::ALL);
    round_trip_everything::<centrapay::Api>(centrapay::ErrorCode::ALL, centrapay::Status::ALL);
    round_trip_everything::<funder_offers::Api>(
        funder_offers::ErrorCode::ALL,
        funder_offers::Status::ALL,
    );
    round_trip_everything::<muse_finance::Api>(
        muse_finance::ErrorCode::ALL,
        muse_finance::Status::ALL,
    );
}
