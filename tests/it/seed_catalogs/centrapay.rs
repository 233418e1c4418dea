//! Centrapay's catalog against its seed pages (seeds 004, current, and 002, older).

use super::*;

#[test]
fn centrapay_name() {
    assert_eq!(errspec::centrapay::NAME, "Centrapay");
}

#[test]
fn centrapay_statuses() {
    check_statuses!(
        centrapay,
        [
            (Ok, 200, "Ok", "200 Ok", "never"),
            (
                MalformedRequest,
                400,
                "Malformed Request",
                "400 Malformed Request",
                "never"
            ),
            (
                Unauthorized,
                401,
                "Unauthorized",
                "401 Unauthorized",
                "never"
            ),
            // 004's title; 002 called it "Permission Denied".
            (Forbidden, 403, "Forbidden", "403 Forbidden", "never"),
            (
                RouteNotFound,
                404,
                "Route Not Found",
                "404 Route Not Found",
                "never"
            ),
            (
                TooManyRequests,
                429,
                "Too Many Requests",
                "429 Too Many Requests",
                "after_reset"
            ),
            // A class: code() is its lowest code, Display shows the class.
            (
                ServerError,
                500,
                "Server Error",
                "5xx Server Error",
                "backoff"
            ),
        ]
    );
}

#[test]
fn centrapay_5xx_class() {
    use errspec::centrapay::Status;

    assert_eq!(Status::from_code(503), Some(Status::ServerError));
    assert_eq!(Status::from_code(500), Some(Status::ServerError));
    assert_eq!(Status::from_code(502), Some(Status::ServerError));
    assert_eq!(Status::from_code(599), Some(Status::ServerError));
    assert_eq!(
        Status::from_code(503).map(|s| s.to_string()),
        Some("5xx Server Error".to_owned())
    );
    assert_eq!(Status::ServerError.code(), 500);
    assert_eq!(Status::ServerError.to_string(), "5xx Server Error");
    assert_eq!(retry_name(Status::ServerError.retry()), "backoff");

    // Declared codes map to themselves; 4xx is not a class here.
    assert_eq!(Status::from_code(200), Some(Status::Ok));
    assert_eq!(Status::from_code(400), Some(Status::MalformedRequest));
    assert_eq!(Status::from_code(404), Some(Status::RouteNotFound));
    assert_eq!(Status::from_code(429), Some(Status::TooManyRequests));
    assert_eq!(Status::from_code(409), None);
    assert_eq!(Status::from_code(201), None);
    assert_eq!(Status::from_code(600), None);
}

#[test]
fn centrapay_errors() {
    check_errors!(
        centrapay,
        [
            // 403 "Business rule violated": the code travels in the body's "message".
            (
                InsufficientBalance,
                "INSUFFICIENT_BALANCE",
                "Business rule violated",
                Forbidden,
                "never"
            ),
            (
                RateLimitExceeded,
                "RATE_LIMIT_EXCEEDED",
                "Centrapay API rate limits have been exceeded.",
                TooManyRequests,
                "after_reset"
            ),
        ]
    );
    check_unknown!(centrapay, "Forbidden");
    check_unknown!(centrapay, "Not Found");
}

#[test]
fn centrapay_has_no_rate_limits() {
    // Neither page gives numbers ("See Rate Limits for more details").
    assert!(errspec::centrapay::limits::RATE_LIMITS.is_empty());
}
