//! GitHub's REST errors as its docs and real responses show them: codes known by their
//! message, values read out of rate-limit messages, and 403s that are rate limits because
//! the headers say so.

use errspec::RetryDecision;
use errspec::client::ErrorResponse;
use errspec_catalogs::github::{self, ErrorBody, ErrorCode};
use serde_json::{Value, json};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn read(text: &str) -> ErrorBody {
    let body: ErrorBody = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let written = serde_json::to_value(&body).expect("serializes");
    assert_eq!(written, serde_json::from_str::<Value>(text).expect("JSON"));
    body
}

#[test]
fn documented_and_real_bodies_read_as_their_codes() {
    // github.com/PyGithub/PyGithub/issues/1753.
    let body =
        read(r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#);
    assert_eq!(body.known_code(), Some(ErrorCode::BadCredentials));
    assert_eq!(body.raw_code(), Some("bad_credentials"));
    // github.com/nilsreichardt/codemagic-app-preview/issues/54, and as newer bodies carry it.
    let body = read(
        r#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}"#,
    );
    assert_eq!(body.known_code(), Some(ErrorCode::NotFound));
    assert_eq!(body.status_code(), Some(404));
    // "Resources in the REST API".
    let body = read(
        r#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}"#,
    );
    assert_eq!(body.known_code(), Some(ErrorCode::ValidationFailed));
    assert_eq!(body.details()[0]["code"], "missing_field");
    assert_eq!(
        body.detail_codes(),
        [errspec::Code::Known(github::DetailCode::MissingField)]
    );
    let body = read(
        r#"{"message":"Validation Failed","errors":[{"resource":"Label","code":"already_exists","field":"name"},{"resource":"Issue","code":"custom","message":"title is too long"},{"code":"brand_new"},"not an object",{"field":"x"}]}"#,
    );
    assert_eq!(
        body.detail_codes(),
        [
            errspec::Code::Known(github::DetailCode::AlreadyExists),
            errspec::Code::Known(github::DetailCode::Custom),
            errspec::Code::Unknown("brand_new".into()),
        ]
    );
    // A message this catalog does not know is no code, and stays a message.
    let body = read(r#"{"message":"Must have admin rights to Repository."}"#);
    assert_eq!(body.known_code(), None);
    assert_eq!(body.raw_code(), None);
    assert_eq!(
        body.message_text(),
        Some("Must have admin rights to Repository.")
    );
}

#[test]
fn rate_limit_messages_carry_the_user_or_the_address() {
    // github.com/Justintime50/github-archive/issues/54.
    let body = read(
        r#"{"message": "API rate limit exceeded for 195.19.90.245. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)", "documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}"#,
    );
    assert_eq!(body.known_code(), Some(ErrorCode::RateLimitExceeded));
    assert_eq!(body.message_value("ip"), Some("195.19.90.245"));
    assert_eq!(body.message_value("user_id"), None);
    let body = read(r#"{"message":"API rate limit exceeded for user ID 1."}"#);
    assert_eq!(body.known_code(), Some(ErrorCode::RateLimitExceeded));
    assert_eq!(body.message_value("user_id"), Some("1"));
    // github.com/apache/devlake/issues/1322: the secondary limit's other wording.
    let body = read(
        r#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#,
    );
    assert_eq!(body.known_code(), Some(ErrorCode::SecondaryRateLimit));
    assert_eq!(
        body.message_value("details"),
        Some(". Please wait a few minutes before you try again.")
    );
}

#[test]
fn a_403_with_no_requests_left_waits_for_the_reset() {
    let now = UNIX_EPOCH + Duration::from_secs(1_377_013_000);
    // The docs' example response headers, with a message that names no known code.
    let headers = [
        ("x-ratelimit-limit", "60"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-used", "60"),
        ("x-ratelimit-reset", "1377013266"),
        ("x-ratelimit-resource", "core"),
    ];
    let response = ErrorResponse::<github::Api>::read(403, headers, br#"{"message":"Slow down."}"#);
    assert_eq!(response.known_code(), None);
    assert_eq!(response.rate_limit_headers().used, Some(60));
    assert_eq!(
        response.rate_limit_headers().resource.as_deref(),
        Some("core")
    );
    assert_eq!(
        response.retry(now),
        RetryDecision::After(Duration::from_secs(266))
    );
    // The same 403 with requests left is a plain refusal.
    let refused = ErrorResponse::<github::Api>::read(
        403,
        [("x-ratelimit-remaining", "56")],
        br#"{"message":"Resource not accessible by integration"}"#,
    );
    assert_eq!(
        refused.known_code(),
        Some(ErrorCode::ResourceNotAccessibleByIntegration)
    );
    assert_eq!(refused.retry(SystemTime::now()), RetryDecision::Never);
    // A secondary limit's retry-after is honoured.
    let secondary = ErrorResponse::<github::Api>::read(
        429,
        [("retry-after", "30")],
        br#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#,
    );
    assert_eq!(
        secondary.retry(now),
        RetryDecision::After(Duration::from_secs(30))
    );
}

#[test]
fn bodies_a_server_sends_are_the_documented_ones() {
    assert_eq!(
        serde_json::to_value(ErrorBody::from_code(ErrorCode::NotFound)).expect("serializes"),
        json!({"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"})
    );
    let limited = ErrorBody::from_code(ErrorCode::RateLimitExceeded)
        .with_message("API rate limit exceeded for user ID 7.");
    assert_eq!(limited.known_code(), Some(ErrorCode::RateLimitExceeded));
    assert_eq!(limited.message_value("user_id"), Some("7"));
    assert_eq!(
        limited.documentation_url.as_deref(),
        Some("https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting")
    );
    assert_eq!(github::limits::RATE_LIMIT_STATUSES, [403, 429]);
    assert_eq!(
        github::HEADERS.get(errspec::HeaderRole::Used),
        Some("x-ratelimit-used")
    );
}

#[test]
fn the_documented_rate_limited_403_reads_whole() {
    // "Rate limits for the REST API" (github/docs), the response it shows for an exceeded
    // primary rate limit, headers and body as printed there; the docs' Liquid variable for
    // the documentation host is https://docs.github.com/rest.
    let body = r#"{
   "message": "API rate limit exceeded for xxx.xxx.xxx.xxx. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
   "documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"
}"#;
    let headers = [
        ("Date", "Tue, 20 Aug 2013 14:50:41 GMT"),
        ("x-ratelimit-limit", "60"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-used", "60"),
        ("x-ratelimit-reset", "1377013266"),
    ];
    let response = ErrorResponse::<github::Api>::read(403, headers, body.as_bytes());
    assert_eq!(response.known_code(), Some(ErrorCode::RateLimitExceeded));
    let read = response.body().expect("the documented body");
    assert_eq!(read.message_value("ip"), Some("xxx.xxx.xxx.xxx"));
    assert_eq!(
        read.documentation_url.as_deref(),
        Some("https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting")
    );
    let headers = response.rate_limit_headers();
    assert_eq!(
        (headers.limit, headers.remaining, headers.used),
        (Some(60), Some(0), Some(60))
    );
    // At the response's own Date, the reset is 3,025 seconds away.
    let date = httpdate::parse_http_date("Tue, 20 Aug 2013 14:50:41 GMT").expect("HTTP date");
    assert_eq!(
        response.retry(date),
        RetryDecision::After(Duration::from_secs(1_377_013_266 - 1_377_010_241))
    );
}

#[test]
fn installation_limits_and_invalid_requests_read_as_their_codes() {
    // How installation tokens (GitHub Apps, `GITHUB_TOKEN` in Actions) are refused.
    let body = read(
        r#"{"message":"API rate limit exceeded for installation ID 12345678.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}"#,
    );
    assert_eq!(body.known_code(), Some(ErrorCode::RateLimitExceeded));
    assert_eq!(body.message_value("installation_id"), Some("12345678"));
    assert_eq!(body.message_value("user_id"), None);
    // The contents API, updating a file without its blob SHA.
    let body = read(
        r#"{"message":"Invalid request.\n\n\"sha\" wasn't supplied.","documentation_url":"https://docs.github.com/rest/repos/contents#create-or-update-file-contents"}"#,
    );
    assert_eq!(body.known_code(), Some(ErrorCode::InvalidRequest));
    assert_eq!(
        body.message_value("details"),
        Some("\n\n\"sha\" wasn't supplied.")
    );
    // The documented message alone is the code too.
    assert_eq!(
        read(r#"{"message":"Invalid request"}"#).known_code(),
        Some(ErrorCode::InvalidRequest)
    );
}

#[test]
fn a_secondary_limit_without_retry_after_waits_at_least_a_minute() {
    // "Otherwise, wait for at least one minute before retrying": the secondary limits'
    // shortest window is 80 requests a minute.
    let response = ErrorResponse::<github::Api>::read(
        403,
        [("x-ratelimit-remaining", "4000")],
        br#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#,
    );
    assert_eq!(response.known_code(), Some(ErrorCode::SecondaryRateLimit));
    assert_eq!(
        response.retry(SystemTime::now()),
        RetryDecision::Backoff {
            at_least: Duration::from_secs(60)
        }
    );
    // A plain refusal is no rate limit's answer and waits for nothing.
    let server =
        ErrorResponse::<github::Api>::read(500, [("a", "b")], br#"{"message":"Server Error"}"#);
    assert_eq!(
        server.retry(SystemTime::now()),
        RetryDecision::Backoff {
            at_least: Duration::ZERO
        }
    );
}
