//! Muse Finance's catalog against its seed page (seed 000).

use super::*;

#[test]
fn muse_finance_name() {
    assert_eq!(errspec::muse_finance::NAME, "Muse Finance");
}

#[test]
fn muse_finance_statuses() {
    check_statuses!(
        muse_finance,
        [
            (Success, 200, "Success", "200 Success", "never"),
            (Created, 201, "Created", "201 Created", "never"),
            (BadRequest, 400, "Bad Request", "400 Bad Request", "never"),
            (
                UserNotAuthenticated,
                401,
                "User not Authenticated",
                "401 User not Authenticated",
                "never"
            ),
            (
                UserNotAuthorised,
                403,
                "User not Authorised",
                "403 User not Authorised",
                "never"
            ),
            (NotFound, 404, "Not Found", "404 Not Found", "never"),
            (
                InternalServerError,
                500,
                "Internal Server Error",
                "500 Internal Server Error",
                "backoff"
            ),
            (
                GatewayTimeout,
                504,
                "Gateway Timeout",
                "504 Gateway Timeout",
                "backoff"
            ),
        ]
    );
}

#[test]
fn muse_finance_from_code() {
    use errspec::muse_finance::Status;

    for &status in Status::ALL {
        assert_eq!(Status::from_code(status.code()), Some(status));
    }
    assert_eq!(Status::from_code(401), Some(Status::UserNotAuthenticated));
    assert_eq!(Status::from_code(403), Some(Status::UserNotAuthorised));
    assert_eq!(Status::from_code(429), None);
    assert_eq!(Status::from_code(502), None);
}

#[test]
fn muse_finance_documents_no_codes() {
    use errspec::muse_finance::ErrorCode;

    assert!(ErrorCode::ALL.is_empty());
    check_unknown!(muse_finance, "ANYTHING");
}

#[test]
fn muse_finance_rate_limit() {
    use errspec::muse_finance::limits;

    // "a total of 600 requests within a 5-minute window"
    assert_rate_limit(
        &limits::REQUESTS,
        "requests",
        600,
        Duration::from_secs(300),
        "total",
    );
    assert!(matches!(limits::REQUESTS.scope, Scope::Total));
    assert_eq!(limits::RATE_LIMITS.len(), 1);
    assert_rate_limit(
        &limits::RATE_LIMITS[0],
        "requests",
        600,
        Duration::from_secs(300),
        "total",
    );
}
