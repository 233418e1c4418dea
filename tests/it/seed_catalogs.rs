//! The four shipped catalogs against the pages they were transcribed from.
//!
//! Every string asserted here is copied from the seed pages, not from `spec/`: a
//! transcription slip in a spec file, or a generator that alters text, fails here.
//! Only the stable part of the generated API (the documented accessors) is used.

use std::str::FromStr;
use std::time::Duration;

use errspec::{RateLimit, Retry, Scope, UnknownCode};

/// Name of a retry policy, so that mismatches print readably without relying on
/// derives of `Retry` that are not part of its stable API.
fn retry_name(retry: Retry) -> &'static str {
    if matches!(retry, Retry::Never) {
        "never"
    } else if matches!(retry, Retry::Backoff) {
        "backoff"
    } else if matches!(retry, Retry::AfterReset) {
        "after_reset"
    } else if matches!(retry, Retry::AfterRefresh) {
        "after_refresh"
    } else {
        "unknown"
    }
}

fn scope_name(scope: &Scope) -> &'static str {
    if matches!(scope, Scope::ApiKey) {
        "api_key"
    } else if matches!(scope, Scope::Account) {
        "account"
    } else if matches!(scope, Scope::Ip) {
        "ip"
    } else if matches!(scope, Scope::Total) {
        "total"
    } else {
        "unknown"
    }
}

fn assert_rate_limit(limit: &RateLimit, name: &str, requests: u32, window: Duration, scope: &str) {
    assert_eq!(limit.name, name);
    assert_eq!(limit.requests, requests, "{name}: requests");
    assert_eq!(limit.window, window, "{name}: window");
    assert_eq!(scope_name(&limit.scope), scope, "{name}: scope");
}

fn assert_is_error<E: std::error::Error + Send + Sync + 'static>() {}

/// Every item of `expected` is in `all`, in the same order: the page's order is kept, and
/// entries a team adds to the spec beside the page's (as the README shows) are allowed.
fn assert_in_order<T: PartialEq + std::fmt::Debug>(all: &[T], expected: &[T], what: &str) {
    let mut rest = all.iter();
    for item in expected {
        assert!(
            rest.any(|x| x == item),
            "{what}: {item:?} is missing or out of the page's order in {all:?}"
        );
    }
}

/// Checks one API's `Status` against a table of (variant, code, title, Display, retry),
/// in the order the page documents them. A macro because each API has its own types.
macro_rules! check_statuses {
    ($api:ident, [$(($variant:ident, $code:expr, $title:expr, $display:expr, $retry:expr)),* $(,)?]) => {{
        use errspec::$api::Status;
        let expected: &[(Status, u16, &str, &str, &str)] =
            &[$((Status::$variant, $code, $title, $display, $retry)),*];
        let order: Vec<Status> = expected.iter().map(|row| row.0).collect();
        assert_in_order(Status::ALL, &order, concat!(stringify!($api), ": statuses in page order"));
        for &(status, code, title, display, retry) in expected {
            assert_eq!(status.code(), code, "{status:?}: code");
            assert_eq!(status.title(), title, "{status:?}: title");
            assert_eq!(status.to_string(), display, "{status:?}: Display");
            assert_eq!(retry_name(status.retry()), retry, "{status:?}: retry");
        }
    }};
}

/// Checks one API's `ErrorCode` against a table of (variant, wire, message, status,
/// retry) in page order, and the `FromStr` round trip of every code.
macro_rules! check_errors {
    ($api:ident, [$(($variant:ident, $wire:expr, $message:expr, $status:ident, $retry:expr)),* $(,)?]) => {{
        use errspec::$api::{ErrorCode, Status};
        let expected: &[(ErrorCode, &str, &str, Status, &str)] =
            &[$((ErrorCode::$variant, $wire, $message, Status::$status, $retry)),*];
        let order: Vec<ErrorCode> = expected.iter().map(|row| row.0).collect();
        assert_in_order(ErrorCode::ALL, &order, concat!(stringify!($api), ": codes in page order"));
        for &(code, wire, message, status, retry) in expected {
            assert_eq!(code.as_str(), wire, "{code:?}: wire code");
            assert_eq!(code.message(), message, "{code:?}: message");
            assert_eq!(code.to_string(), message, "{code:?}: Display is the message");
            assert_eq!(code.status(), status, "{code:?}: status");
            assert_eq!(retry_name(code.retry()), retry, "{code:?}: retry");
            assert_eq!(ErrorCode::from_str(wire).ok(), Some(code), "{wire}: FromStr");
            assert_eq!(wire.parse::<ErrorCode>().ok(), Some(code), "{wire}: parse");
        }
        assert_is_error::<ErrorCode>();
    }};
}

/// `FromStr` rejects `input` with an `UnknownCode` that holds the input.
macro_rules! check_unknown {
    ($api:ident, $input:expr) => {{
        let input: &str = $input;
        let err: UnknownCode = input
            .parse::<errspec::$api::ErrorCode>()
            .expect_err("an undocumented code must not parse");
        let shown = format!("{err:?}");
        assert!(
            shown.contains(input),
            "UnknownCode should hold {input:?}, got {shown}"
        );
    }};
}

// ---------------------------------------------------------------------------
// MugglePay (seed 001)
// ---------------------------------------------------------------------------

/// The page's table (error_code, error), in table order, copied byte for byte:
/// typos ("FAIILED", "exisits", "operatioin", "it`s") and the space before the comma
/// are on the wire. The last row is the page's response example.
const MUGGLEPAY_CODES: [(&str, &str); 24] = [
    (
        "AUTHENTICATION_FAILED",
        "Authentication Token is not set or expired.",
    ),
    ("INVOICE_NOT_EXIST", "Invoice does not exist."),
    ("INVOICE_VERIFIED_ALREADY", "It has been verified already."),
    (
        "INVOICE_CANCELED_FAIILED",
        "Invoice does not exist, or it cannot be canceled.",
    ),
    (
        "ORDER_NO_PERMISSION",
        "Order does not exist or permission denied.",
    ),
    (
        "ORDER_CANCELED_FAIILED",
        "Order does not exist, or it cannot be canceled.",
    ),
    (
        "ORDER_REFUND_FAILED",
        "Order does not exist, or it`s status is not refundable.",
    ),
    (
        "ORDER_VERIFIED_ALREADY",
        "Payment has been verified with payment already.",
    ),
    (
        "ORDER_VERIFIED_PRICE_NOT_MATCH",
        "Payment money does not match the order money, please double check the price.",
    ),
    (
        "ORDER_VERIFIED_MERCHANT_NOT_MATCH",
        "Payment money does not the order of current merchant , please double check the order.",
    ),
    ("ORDER_NOT_VALID", "Order id is not valid."),
    ("ORDER_PAID_FAILED", "Order not exist or is not paid yet."),
    (
        "ORDER_MERCHANTID_EXIST",
        "Order with same merchant_order_id exisits.",
    ),
    (
        "ORDER_NOT_NEW",
        "The current order is not new, and payment method cannot be switched.",
    ),
    (
        "PAYMENT_NOT_AVAILABLE",
        "The payment method is not working, please retry later.",
    ),
    (
        "MERCHANT_CALLBACK_STATUS_WRONG",
        "The current payment status not ready to send callback.",
    ),
    ("PARAMETERS_MISSING", "Missing parameters."),
    (
        "PAY_PRICE_ERROR",
        "Price amount or currency is not set correctly.",
    ),
    (
        "CREDENTIALS_NOT_MATCH",
        "The email or password does not match.",
    ),
    (
        "USER_NOT_EXIST",
        "The user does not exist or no permission.",
    ),
    ("USER_FAILED", "The user operatioin failed."),
    (
        "INVITATION_FAILED",
        "The invitation code is not filled correctly.",
    ),
    ("ERROR", "Error."),
    ("API_LIMIT_EXCEEDED", "API request limit is exceeded"),
];

#[test]
fn mugglepay_name() {
    assert_eq!(errspec::mugglepay::NAME, "MugglePay");
}

#[test]
fn mugglepay_codes_and_messages_verbatim_in_order() {
    use errspec::mugglepay::{ErrorCode, Status};

    let wires: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    let page: Vec<&str> = MUGGLEPAY_CODES.iter().map(|(wire, _)| *wire).collect();
    assert_in_order(&wires, &page, "mugglepay codes");
    for &(wire, message) in MUGGLEPAY_CODES.iter() {
        let code: ErrorCode = wire.parse().unwrap_or_else(|_| panic!("{wire}: FromStr"));
        assert_eq!(code.as_str(), wire);
        assert_eq!(code.message(), message, "{wire}");
        assert_eq!(code.to_string(), message, "{wire}: Display is the message");
        // Every code, API_LIMIT_EXCEEDED included, is an HTTP 400 on the wire.
        assert_eq!(code.status(), Status::BadRequest, "{wire}");
        assert_eq!(code.status().code(), 400, "{wire}");
    }
}

#[test]
fn mugglepay_errors() {
    check_errors!(
        mugglepay,
        [
            (
                AuthenticationFailed,
                "AUTHENTICATION_FAILED",
                "Authentication Token is not set or expired.",
                BadRequest,
                "never"
            ),
            (
                InvoiceNotExist,
                "INVOICE_NOT_EXIST",
                "Invoice does not exist.",
                BadRequest,
                "never"
            ),
            (
                InvoiceVerifiedAlready,
                "INVOICE_VERIFIED_ALREADY",
                "It has been verified already.",
                BadRequest,
                "never"
            ),
            // The wire code keeps its typo; the Rust name is corrected (rust_name).
            (
                InvoiceCanceledFailed,
                "INVOICE_CANCELED_FAIILED",
                "Invoice does not exist, or it cannot be canceled.",
                BadRequest,
                "never"
            ),
            (
                OrderNoPermission,
                "ORDER_NO_PERMISSION",
                "Order does not exist or permission denied.",
                BadRequest,
                "never"
            ),
            (
                OrderCanceledFailed,
                "ORDER_CANCELED_FAIILED",
                "Order does not exist, or it cannot be canceled.",
                BadRequest,
                "never"
            ),
            (
                OrderRefundFailed,
                "ORDER_REFUND_FAILED",
                "Order does not exist, or it`s status is not refundable.",
                BadRequest,
                "never"
            ),
            (
                OrderVerifiedAlready,
                "ORDER_VERIFIED_ALREADY",
                "Payment has been verified with payment already.",
                BadRequest,
                "never"
            ),
            (
                OrderVerifiedPriceNotMatch,
                "ORDER_VERIFIED_PRICE_NOT_MATCH",
                "Payment money does not match the order money, please double check the price.",
                BadRequest,
                "never"
            ),
            (
                OrderVerifiedMerchantNotMatch,
                "ORDER_VERIFIED_MERCHANT_NOT_MATCH",
                "Payment money does not the order of current merchant , please double check the order.",
                BadRequest,
                "never"
            ),
            (
                OrderNotValid,
                "ORDER_NOT_VALID",
                "Order id is not valid.",
                BadRequest,
                "never"
            ),
            (
                OrderPaidFailed,
                "ORDER_PAID_FAILED",
                "Order not exist or is not paid yet.",
                BadRequest,
                "never"
            ),
            (
                OrderMerchantidExist,
                "ORDER_MERCHANTID_EXIST",
                "Order with same merchant_order_id exisits.",
                BadRequest,
                "never"
            ),
            (
                OrderNotNew,
                "ORDER_NOT_NEW",
                "The current order is not new, and payment method cannot be switched.",
                BadRequest,
                "never"
            ),
            // "please retry later"
            (
                PaymentNotAvailable,
                "PAYMENT_NOT_AVAILABLE",
                "The payment method is not working, please retry later.",
                BadRequest,
                "backoff"
            ),
            (
                MerchantCallbackStatusWrong,
                "MERCHANT_CALLBACK_STATUS_WRONG",
                "The current payment status not ready to send callback.",
                BadRequest,
                "never"
            ),
            (
                ParametersMissing,
                "PARAMETERS_MISSING",
                "Missing parameters.",
                BadRequest,
                "never"
            ),
            (
                PayPriceError,
                "PAY_PRICE_ERROR",
                "Price amount or currency is not set correctly.",
                BadRequest,
                "never"
            ),
            (
                CredentialsNotMatch,
                "CREDENTIALS_NOT_MATCH",
                "The email or password does not match.",
                BadRequest,
                "never"
            ),
            (
                UserNotExist,
                "USER_NOT_EXIST",
                "The user does not exist or no permission.",
                BadRequest,
                "never"
            ),
            (
                UserFailed,
                "USER_FAILED",
                "The user operatioin failed.",
                BadRequest,
                "never"
            ),
            (
                InvitationFailed,
                "INVITATION_FAILED",
                "The invitation code is not filled correctly.",
                BadRequest,
                "never"
            ),
            (Error, "ERROR", "Error.", BadRequest, "never"),
            // From the page's response example: "status": "400", though the table lists the
            // same message under 421.
            (
                ApiLimitExceeded,
                "API_LIMIT_EXCEEDED",
                "API request limit is exceeded",
                BadRequest,
                "after_reset"
            ),
        ]
    );
}

#[test]
fn mugglepay_statuses() {
    check_statuses!(
        mugglepay,
        [
            (BadRequest, 400, "Bad Request", "400 Bad Request", "never"),
            (
                Unauthorized,
                401,
                "Unauthorized",
                "401 Unauthorized",
                "never"
            ),
            (NotFound, 404, "Not Found", "404 Not Found", "never"),
            (
                TooManyRequests,
                421,
                "Too Many Requests",
                "421 Too Many Requests",
                "after_reset"
            ),
            (
                InternalServerError,
                500,
                "InternalServerError",
                "500 InternalServerError",
                "backoff"
            ),
        ]
    );
}

#[test]
fn mugglepay_from_code() {
    use errspec::mugglepay::Status;

    for &status in Status::ALL {
        assert_eq!(Status::from_code(status.code()), Some(status));
    }
    assert_eq!(Status::from_code(421), Some(Status::TooManyRequests));
    // No class is declared: undeclared codes are unknown.
    assert_eq!(Status::from_code(429), None);
    assert_eq!(Status::from_code(503), None);
    assert_eq!(Status::from_code(200), None);
}

#[test]
fn mugglepay_unknown_code() {
    check_unknown!(mugglepay, "NOT_A_MUGGLEPAY_CODE");
    // Matching is exact: case and spelling matter.
    check_unknown!(mugglepay, "invoice_canceled_faiiled");
    check_unknown!(mugglepay, "INVOICE_CANCELED_FAILED");
    check_unknown!(mugglepay, "");
}

#[test]
fn mugglepay_has_no_rate_limits() {
    // The page documents none (421 gives no numbers).
    assert!(errspec::mugglepay::limits::RATE_LIMITS.is_empty());
}

// ---------------------------------------------------------------------------
// Muse Finance (seed 000)
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Centrapay (seeds 004, current, and 002, older)
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Funder offers (seed 003)
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Across the catalogs
// ---------------------------------------------------------------------------

#[test]
fn every_code_round_trips_through_from_str() {
    macro_rules! round_trip {
        ($($api:ident),*) => {$({
            use errspec::$api::ErrorCode;
            for &code in ErrorCode::ALL {
                let parsed: Result<ErrorCode, UnknownCode> = code.as_str().parse();
                assert_eq!(parsed.ok(), Some(code), "{}: {}", stringify!($api), code.as_str());
                assert_eq!(ErrorCode::from_str(code.as_str()).ok(), Some(code));
            }
        })*};
    }
    round_trip!(muse_finance, mugglepay, centrapay, funder_offers);
}

#[test]
fn status_display_is_code_and_title_for_single_codes() {
    macro_rules! display {
        ($($api:ident),*) => {$({
            use errspec::$api::Status;
            for &status in Status::ALL {
                if status.to_string().contains("xx ") {
                    continue;
                }
                assert_eq!(status.to_string(), format!("{} {}", status.code(), status.title()));
            }
        })*};
    }
    display!(muse_finance, mugglepay, centrapay, funder_offers);
}
