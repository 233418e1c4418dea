//! Reading the seed APIs' error responses into typed errors, and the retry decisions they give.
//! Bodies are the documented ones (see `spec/`, transcribed from the APIs' pages); `now` is fixed, so every
//! delay is exact.

use errspec::client::{ErrorResponse, Payload};
use errspec::{Code, Retry, RetryDecision, centrapay, funder_offers, mugglepay, muse_finance};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 2023-11-14T22:13:20Z.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

const JSON: (&str, &str) = ("Content-Type", "application/json");
const NO_HEADERS: [(&str, &str); 0] = [];

fn backoff() -> RetryDecision {
    RetryDecision::Backoff {
        at_least: Duration::ZERO,
    }
}

#[test]
fn mugglepay_421_waits_for_the_reset() {
    let body = br#"{"error":"API request limit is exceeded","status":"421"}"#;
    let response = ErrorResponse::<mugglepay::Api>::read(421, [JSON], body);
    assert_eq!(
        response.declared_status(),
        Some(mugglepay::Status::TooManyRequests)
    );
    assert_eq!(response.code(), None, "a status-only error");
    assert_eq!(response.message(), Some("API request limit is exceeded"));
    assert_eq!(response.body().and_then(|b| b.status_code()), Some(421));
    assert_eq!(response.policy(), Retry::AfterReset);
    // MugglePay documents no reset header: the wait is unknown, so back off.
    assert_eq!(response.retry(now()), backoff());
    // A standard Retry-After is honoured all the same.
    let told = ErrorResponse::<mugglepay::Api>::read(421, [("retry-after", "9")], body);
    assert_eq!(
        told.retry(now()),
        RetryDecision::After(Duration::from_secs(9))
    );
    assert_eq!(
        response.to_string(),
        "MugglePay: 421 Too Many Requests: API request limit is exceeded"
    );
}

#[test]
fn mugglepay_api_limit_exceeded_is_a_400_that_waits() {
    // The page's own response example: HTTP 400, "status": "400" as a string.
    let body =
        br#"{"error":"API request limit is exceeded","error_code":"API_LIMIT_EXCEEDED","status":"400"}"#;
    let response = ErrorResponse::<mugglepay::Api>::read(400, [JSON], body);
    assert_eq!(
        response.known_code(),
        Some(mugglepay::ErrorCode::ApiLimitExceeded)
    );
    assert_eq!(
        response.declared_status(),
        Some(mugglepay::Status::BadRequest)
    );
    assert_eq!(response.body().and_then(|b| b.status_code()), Some(400));
    // The code's policy wins over its status's (400 alone never retries).
    assert_eq!(mugglepay::Status::BadRequest.retry(), Retry::Never);
    assert_eq!(response.policy(), Retry::AfterReset);
    assert_eq!(response.retry(now()), backoff());
    let told = ErrorResponse::<mugglepay::Api>::read(400, [("Retry-After", "60")], body);
    assert_eq!(
        told.retry(now()),
        RetryDecision::After(Duration::from_secs(60))
    );
    // Another 400 code never retries.
    let other = ErrorResponse::<mugglepay::Api>::read(
        400,
        [JSON],
        br#"{"error":"Invoice does not exist.","error_code":"INVOICE_NOT_EXIST","status":"400"}"#,
    );
    assert_eq!(other.retry(now()), RetryDecision::Never);
}

const CENTRAPAY_429: &[u8] =
    br#"{"statusCode":429,"error":"Too Many Requests","message":"RATE_LIMIT_EXCEEDED"}"#;

#[test]
fn centrapay_429_with_retry_after_seconds() {
    let response =
        ErrorResponse::<centrapay::Api>::read(429, [JSON, ("Retry-After", "30")], CENTRAPAY_429);
    assert_eq!(
        response.known_code(),
        Some(centrapay::ErrorCode::RateLimitExceeded)
    );
    assert_eq!(
        response.message(),
        None,
        "the message field carries the code"
    );
    assert_eq!(
        response.retry(now()),
        RetryDecision::After(Duration::from_secs(30))
    );
}

#[test]
fn centrapay_429_with_retry_after_date() {
    // 45 seconds after `now`, as an IMF-fixdate.
    let date = httpdate::fmt_http_date(now() + Duration::from_secs(45));
    assert_eq!(date, "Tue, 14 Nov 2023 22:14:05 GMT");
    let response =
        ErrorResponse::<centrapay::Api>::read(429, [("retry-after", date.as_str())], CENTRAPAY_429);
    assert_eq!(
        response.retry(now()),
        RetryDecision::After(Duration::from_secs(45))
    );
    // Read late, after the date has passed: retry at once.
    assert_eq!(
        response.retry(now() + Duration::from_secs(100)),
        RetryDecision::After(Duration::ZERO)
    );
    // The obsolete formats RFC 9110 still asks recipients to accept.
    for obsolete in [
        "Tuesday, 14-Nov-23 22:14:05 GMT",
        "Tue Nov 14 22:14:05 2023",
    ] {
        let response =
            ErrorResponse::<centrapay::Api>::read(429, [("Retry-After", obsolete)], CENTRAPAY_429);
        assert_eq!(
            response.retry(now()),
            RetryDecision::After(Duration::from_secs(45)),
            "{obsolete}"
        );
    }
}

#[test]
fn centrapay_400_never_retries() {
    let response = ErrorResponse::<centrapay::Api>::read(
        400,
        [JSON, ("Retry-After", "5")],
        br#"{"statusCode":400,"message":"\"amount\" is required"}"#,
    );
    assert_eq!(
        response.declared_status(),
        Some(centrapay::Status::MalformedRequest)
    );
    assert_eq!(response.message(), Some("\"amount\" is required"));
    assert_eq!(response.code(), None);
    assert_eq!(response.retry(now()), RetryDecision::Never);
}

#[test]
fn centrapay_401_and_403_cases() {
    let missing = ErrorResponse::<centrapay::Api>::read(
        401,
        [JSON],
        br#"{"statusCode":401,"error":"Unauthorized","message":"Missing authentication"}"#,
    );
    assert_eq!(missing.message(), Some("Missing authentication"));
    assert_eq!(missing.retry(now()), RetryDecision::Never);
    let balance = ErrorResponse::<centrapay::Api>::read(
        403,
        [JSON],
        br#"{"statusCode":403,"error":"Forbidden","message":"INSUFFICIENT_BALANCE"}"#,
    );
    assert_eq!(
        balance.known_code(),
        Some(centrapay::ErrorCode::InsufficientBalance)
    );
}

#[test]
fn funder_429_waits_until_the_unix_reset() {
    let reset = (1_700_000_000u64 + 42).to_string();
    let headers = [
        ("X-RateLimit-Limit", "60"),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", reset.as_str()),
    ];
    let response = ErrorResponse::<funder_offers::Api>::read(429, headers, b"");
    assert!(matches!(response.payload(), Payload::Empty));
    assert_eq!(
        response.declared_status(),
        Some(funder_offers::Status::RateLimited)
    );
    let limits = response.rate_limit_headers();
    assert_eq!((limits.limit, limits.remaining), (Some(60), Some(0)));
    assert_eq!(
        response.retry(now()),
        RetryDecision::After(Duration::from_secs(42))
    );
    assert_eq!(
        response.retry(now() + Duration::from_secs(40)),
        RetryDecision::After(Duration::from_secs(2))
    );
}

#[test]
fn funder_409_version_conflict_rereads_then_retries() {
    let response = ErrorResponse::<funder_offers::Api>::read(
        409,
        [JSON],
        br#"{"error":"VERSION_CONFLICT","message":"Another update happened between your read and write."}"#,
    );
    assert_eq!(
        response.known_code(),
        Some(funder_offers::ErrorCode::VersionConflict)
    );
    assert_eq!(response.policy(), Retry::AfterRefresh);
    let decision = response.retry(now());
    assert_eq!(decision, RetryDecision::Refresh);
    assert!(decision.is_retryable());
    assert_eq!(
        decision.delay(0, Duration::from_millis(100), Duration::from_secs(5)),
        Some(Duration::ZERO),
        "retry as soon as the resource has been re-read"
    );
}

#[test]
fn funder_validation_failed_keeps_details() {
    let response = ErrorResponse::<funder_offers::Api>::read(
        400,
        [JSON],
        br#"{"error":"VALIDATION_FAILED","message":"Offer payload failed validation","details":["purchase_price_floor must be a positive number","buy_rate must be >= 1.0"]}"#,
    );
    assert_eq!(
        response.known_code(),
        Some(funder_offers::ErrorCode::ValidationFailed)
    );
    assert_eq!(response.message(), Some("Offer payload failed validation"));
    assert_eq!(
        response.details(),
        &[
            serde_json::json!("purchase_price_floor must be a positive number"),
            serde_json::json!("buy_rate must be >= 1.0"),
        ]
    );
    assert_eq!(response.retry(now()), RetryDecision::Never);
}

#[test]
fn any_5xx_backs_off() {
    for status in 500..=599u16 {
        let funder = ErrorResponse::<funder_offers::Api>::read(status, NO_HEADERS, b"");
        let centrapay = ErrorResponse::<centrapay::Api>::read(status, NO_HEADERS, b"<html>");
        let mugglepay = ErrorResponse::<mugglepay::Api>::read(status, NO_HEADERS, b"{}");
        let muse = ErrorResponse::<muse_finance::Api>::read(status, NO_HEADERS, b"oops");
        for decision in [
            funder.retry(now()),
            centrapay.retry(now()),
            mugglepay.retry(now()),
            muse.retry(now()),
        ] {
            assert_eq!(decision, backoff(), "status {status}");
        }
    }
    // A 503 with Retry-After backs off no sooner than it says.
    let busy = ErrorResponse::<funder_offers::Api>::read(503, [("Retry-After", "7")], b"");
    assert_eq!(
        busy.retry(now()),
        RetryDecision::Backoff {
            at_least: Duration::from_secs(7)
        }
    );
}

#[test]
fn unknown_codes_are_kept_as_sent() {
    let funder = ErrorResponse::<funder_offers::Api>::read(
        400,
        [JSON],
        br#"{"error":"OFFER_EXPIRED","message":"This offer has expired."}"#,
    );
    assert_eq!(funder.code(), Some(Code::Unknown("OFFER_EXPIRED".into())));
    assert_eq!(funder.known_code(), None);
    assert_eq!(funder.message(), Some("This offer has expired."));
    assert_eq!(
        funder.to_string(),
        "Funder Offers: 400 Bad Request: OFFER_EXPIRED: This offer has expired."
    );
    let mugglepay = ErrorResponse::<mugglepay::Api>::read(
        400,
        [JSON],
        br#"{"error":"Brand new.","error_code":"BRAND_NEW_CODE","status":"400"}"#,
    );
    assert_eq!(
        mugglepay.code().as_ref().map(Code::as_str),
        Some("BRAND_NEW_CODE")
    );
    // Centrapay's message field: text that reads as a code is a code.
    let centrapay = ErrorResponse::<centrapay::Api>::read(
        403,
        [JSON],
        br#"{"statusCode":403,"error":"Forbidden","message":"CARD_FROZEN"}"#,
    );
    assert_eq!(centrapay.code(), Some(Code::Unknown("CARD_FROZEN".into())));
    assert_eq!(centrapay.message(), None);
    // The unknown code's status still decides.
    assert_eq!(centrapay.retry(now()), RetryDecision::Never);
}

#[test]
fn problem_json_responses_are_read_for_any_api() {
    let response = ErrorResponse::<funder_offers::Api>::read(
        409,
        [("content-type", "Application/Problem+JSON; charset=utf-8")],
        br#"{"type":"about:blank","title":"Conflict","status":409,"detail":"stale","code":"VERSION_CONFLICT"}"#,
    );
    assert!(matches!(response.payload(), Payload::Problem(_)));
    assert_eq!(
        response.known_code(),
        Some(funder_offers::ErrorCode::VersionConflict)
    );
    assert_eq!(response.message(), Some("stale"));
    assert_eq!(response.retry(now()), RetryDecision::Refresh);
    let muse = ErrorResponse::<muse_finance::Api>::read(
        401,
        [("Content-Type", "application/problem+json")],
        br#"{"title":"User not Authenticated","status":401}"#,
    );
    assert_eq!(muse.message(), Some("User not Authenticated"));
    assert_eq!(
        muse.declared_status(),
        Some(muse_finance::Status::UserNotAuthenticated)
    );
}

#[cfg(feature = "http")]
#[test]
fn http_responses_and_header_maps() {
    let response = http::Response::builder()
        .status(429)
        .header("retry-after", "30")
        .header("content-type", "application/json")
        .body(CENTRAPAY_429.to_vec())
        .unwrap();
    let read = ErrorResponse::<centrapay::Api>::from_http(&response);
    assert_eq!(
        read.retry(now()),
        RetryDecision::After(Duration::from_secs(30))
    );
    let (parts, body) = response.into_parts();
    let from_parts =
        ErrorResponse::<centrapay::Api>::from_parts(parts.status, &parts.headers, &body);
    assert_eq!(from_parts, read);
    // A header map's iterator works directly, as any (name, value) pairs do.
    let direct = ErrorResponse::<centrapay::Api>::read(429, parts.headers.iter(), &body);
    assert_eq!(direct, read);
    // So do owned strings.
    let owned = vec![("Retry-After".to_owned(), "30".to_owned())];
    let owned = ErrorResponse::<centrapay::Api>::read(429, owned, &body);
    assert_eq!(owned.retry(now()), read.retry(now()));
}

#[cfg(feature = "ietf-ratelimit")]
#[test]
fn ietf_ratelimit_field_gives_the_wait() {
    let response = ErrorResponse::<funder_offers::Api>::read(
        429,
        [(
            "RateLimit",
            r#""per_second";r=3;t=1, "per_minute";r=0;t=17"#,
        )],
        b"",
    );
    assert_eq!(
        response.retry(now()),
        RetryDecision::After(Duration::from_secs(17))
    );
}
