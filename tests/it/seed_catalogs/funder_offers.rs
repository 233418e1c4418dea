//! Funder offers's catalog against its seed page (seed 003).

use super::*;

#[test]
fn funder_offers_name() {
    assert_eq!(errspec::funder_offers::NAME, "Funder Offers");
}

#[test]
fn funder_offers_statuses() {
    check_statuses!(
        funder_offers,
        [
            (Success, 200, "Success", "200 Success", "never"),
            (Created, 201, "Created", "201 Created", "never"),
            (BadRequest, 400, "Bad Request", "400 Bad Request", "never"),
            (
                Unauthorized,
                401,
                "Unauthorized",
                "401 Unauthorized",
                "never"
            ),
            (Forbidden, 403, "Forbidden", "403 Forbidden", "never"),
            (NotFound, 404, "Not Found", "404 Not Found", "never"),
            (Conflict, 409, "Conflict", "409 Conflict", "after_refresh"),
            (
                RateLimited,
                429,
                "Rate Limited",
                "429 Rate Limited",
                "after_reset"
            ),
            (
                InternalError,
                500,
                "Internal Error",
                "500 Internal Error",
                "backoff"
            ),
        ]
    );
}

#[test]
fn funder_offers_from_code() {
    use errspec::funder_offers::Status;

    for &status in Status::ALL {
        assert_eq!(Status::from_code(status.code()), Some(status));
    }
    assert_eq!(Status::from_code(409), Some(Status::Conflict));
    assert_eq!(Status::from_code(429), Some(Status::RateLimited));
    assert_eq!(Status::from_code(503), None);
}

#[test]
fn funder_offers_errors() {
    check_errors!(
        funder_offers,
        [
            (
                SignatureInvalid,
                "SIGNATURE_INVALID",
                "Your HMAC signature doesn't match.",
                Unauthorized,
                "never"
            ),
            (
                TimestampExpired,
                "TIMESTAMP_EXPIRED",
                "The X-Timestamp header is more than 5 minutes old.",
                Unauthorized,
                "never"
            ),
            (
                VersionConflict,
                "VERSION_CONFLICT",
                "Another update happened between your read and write.",
                Conflict,
                "after_refresh"
            ),
            (
                ValidationFailed,
                "VALIDATION_FAILED",
                "Offer payload failed validation",
                BadRequest,
                "never"
            ),
        ]
    );
    // The page's generic placeholder is not a code.
    check_unknown!(funder_offers, "ERROR_CODE");
}

#[test]
fn funder_offers_rate_limits() {
    use errspec::funder_offers::limits;

    // "Default rate limits per API key": 60 per minute, 5 per second.
    assert_rate_limit(
        &limits::PER_MINUTE,
        "per_minute",
        60,
        Duration::from_secs(60),
        "api_key",
    );
    assert_rate_limit(
        &limits::PER_SECOND,
        "per_second",
        5,
        Duration::from_secs(1),
        "api_key",
    );
    assert!(matches!(limits::PER_MINUTE.scope, Scope::ApiKey));
    assert!(matches!(limits::PER_SECOND.scope, Scope::ApiKey));

    assert_eq!(limits::RATE_LIMITS.len(), 2);
    assert_rate_limit(
        &limits::RATE_LIMITS[0],
        "per_minute",
        60,
        Duration::from_secs(60),
        "api_key",
    );
    assert_rate_limit(
        &limits::RATE_LIMITS[1],
        "per_second",
        5,
        Duration::from_secs(1),
        "api_key",
    );
}

#[test]
fn funder_offers_timestamp_max_age() {
    // "The X-Timestamp header is more than 5 minutes old."
    assert_eq!(
        errspec::funder_offers::limits::TIMESTAMP_MAX_AGE,
        Duration::from_secs(300)
    );
}
