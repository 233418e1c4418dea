//! MugglePay's catalog against its seed page (seed 001).

use super::*;

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
