//! Stripe's errors as its docs and real responses show them: envelopes, decline codes,
//! codes newer than the catalog, the 429 backoff and `Stripe-Should-Retry`.

use crate::round_trip;
use errspec_catalogs::stripe;
use serde_json::{Value, json};

#[test]
fn stripe_resource_missing_as_a_client_received_it() {
    // github.com/MarcinusX/flutter_stripe_demo/issues/4, logged with `Http status error [400]`.
    let text = r#"{"error":{"code":"resource_missing","doc_url":"https://stripe.com/docs/error-codes/resource-missing","message":"No such price: 'price_1HFw3QAQHy2zYPZft7bbrtWZ'","param":"line_items[0][price]","type":"invalid_request_error"}}"#;
    let body: stripe::ErrorBody = serde_json::from_str(text).expect("parses");
    assert_eq!(body.known_code(), Some(stripe::ErrorCode::ResourceMissing));
    assert_eq!(body.raw_code(), Some("resource_missing"));
    assert_eq!(
        body.message_text(),
        Some("No such price: 'price_1HFw3QAQHy2zYPZft7bbrtWZ'")
    );
    assert_eq!(body.param.as_deref(), Some("line_items[0][price]"));
    assert_eq!(body.r#type.as_deref(), Some("invalid_request_error"));
    assert_eq!(
        body.doc_url.as_deref(),
        Some("https://stripe.com/docs/error-codes/resource-missing")
    );
    // Written in the spec's field order, which is not the order of this body.
    let written = serde_json::to_value(&body).expect("serializes");
    assert_eq!(written, serde_json::from_str::<Value>(text).expect("JSON"));
}

#[test]
fn stripe_card_declined_keeps_its_decline_code_and_payment_intent() {
    // github.com/openfoodfoundation/openfoodnetwork/issues/9038, as JSON.
    let body: stripe::ErrorBody = round_trip(
        r#"{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds.","payment_intent":{"id":"pi_3KiKk8KuuB1fWySn0oTJJX7G","object":"payment_intent"},"charge":"ch_3KiKk8KuuB1fWySn0bsVnAV3","doc_url":"https://stripe.com/docs/error-codes/card-declined"}}"#,
    );
    assert_eq!(body.known_code(), Some(stripe::ErrorCode::CardDeclined));
    assert_eq!(body.decline_code.as_deref(), Some("insufficient_funds"));
    assert_eq!(
        body.payment_intent,
        Some(json!({"id": "pi_3KiKk8KuuB1fWySn0oTJJX7G", "object": "payment_intent"}))
    );
    assert_eq!(
        stripe::ErrorCode::CardDeclined.status(),
        stripe::Status::RequestFailed
    );
}

#[test]
fn stripe_errors_without_a_code_and_codes_newer_than_the_catalog() {
    // A 401 as github.com/stripe/stripe-node/issues/1437 shows it (its key elided): no code.
    let body: stripe::ErrorBody = round_trip(
        r#"{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_test_***JhB"}}"#,
    );
    assert_eq!(body.known_code(), None);
    assert_eq!(body.raw_code(), None);
    // A code added after the catalog was transcribed stays readable as sent.
    let body: stripe::ErrorBody = round_trip(
        r#"{"error":{"type":"invalid_request_error","code":"inactive_api_operation_confirmation_required","message":"Blocked."}}"#,
    );
    assert_eq!(body.known_code(), None);
    assert_eq!(
        body.raw_code(),
        Some("inactive_api_operation_confirmation_required")
    );
}

#[test]
fn stripe_bodies_a_server_sends_carry_type_and_doc_url_per_code() {
    assert_eq!(
        serde_json::to_value(stripe::ErrorBody::from_code(
            stripe::ErrorCode::CardDeclined
        ))
        .expect("serializes"),
        json!({"error": {
            "type": "card_error",
            "code": "card_declined",
            "message": "The card has been declined.",
            "doc_url": "https://stripe.com/docs/error-codes/card-declined",
        }})
    );
    assert_eq!(
        serde_json::to_value(stripe::ErrorBody::from_code(stripe::ErrorCode::RateLimit))
            .expect("serializes"),
        json!({"error": {
            "type": "invalid_request_error",
            "code": "rate_limit",
            "message": "Too many requests hit the API too quickly.",
            "doc_url": "https://stripe.com/docs/error-codes/rate-limit",
        }})
    );
    assert_eq!(
        serde_json::to_value(stripe::ErrorBody::from_status(stripe::Status::ServerErrors))
            .expect("serializes"),
        json!({"error": {"type": "api_error", "message": "Server Errors"}})
    );
    assert_eq!(stripe::ErrorCode::ALL.len(), 173);
    assert_eq!(stripe::limits::RATE_LIMITS.len(), 1);
}

#[test]
fn stripe_decline_codes_are_a_second_level() {
    let body: stripe::ErrorBody = round_trip(
        r#"{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}"#,
    );
    assert_eq!(
        body.decline_code(),
        Some(errspec::Code::Known(stripe::DeclineCode::InsufficientFunds))
    );
    assert_eq!(
        stripe::DeclineCode::InsufficientFunds.description(),
        "The card has insufficient funds to complete the purchase. Next steps: The customer needs to use an alternative payment method."
    );
    assert_eq!(stripe::DeclineCode::ALL.len(), 47);
    // Real bodies carry decline codes the page does not list.
    let body: stripe::ErrorBody = round_trip(
        r#"{"error":{"type":"card_error","code":"card_declined","decline_code":"live_mode_test_card","message":"Your card was declined. Your request was in live mode, but used a known test card."}}"#,
    );
    assert_eq!(
        body.decline_code(),
        Some(errspec::Code::Unknown("live_mode_test_card".into()))
    );
}

#[test]
fn stripe_429s_back_off() {
    use errspec::RetryDecision;
    use errspec::client::ErrorResponse;
    use std::time::{Duration, SystemTime};
    // github.com/codecombat/codecombat/issues/2588 (2015), as JSON: Stripe sends no
    // rate-limit headers, so the client backs off (exponentially, as Stripe recommends), no
    // sooner than the live-mode limit's one-second window.
    let response = ErrorResponse::<stripe::Api>::read(
        429,
        [("Request-Id", "req_1")],
        br#"{"error":{"type":"invalid_request_error","message":"Request rate limit exceeded","code":"rate_limit"}}"#,
    );
    assert_eq!(response.known_code(), Some(stripe::ErrorCode::RateLimit));
    let decision = response.retry(SystemTime::now());
    assert_eq!(
        decision,
        RetryDecision::Backoff {
            at_least: Duration::from_secs(1)
        }
    );
    // A declined card is not retried as is.
    let declined = ErrorResponse::<stripe::Api>::read(
        402,
        [("Request-Id", "req_2")],
        br#"{"error":{"type":"card_error","code":"card_declined","message":"Your card was declined."}}"#,
    );
    assert_eq!(declined.retry(SystemTime::now()), RetryDecision::Never);
    assert_eq!(stripe::HEADERS.other, ["Request-Id", "Idempotent-Replayed"]);
}

#[test]
fn stripe_should_retry_overrides_the_code() {
    use errspec::RetryDecision;
    use errspec::client::ErrorResponse;
    use std::time::{Duration, SystemTime};
    let read = |status, should_retry, code: &str| {
        let body = format!(r#"{{"error":{{"type":"invalid_request_error","code":"{code}"}}}}"#);
        ErrorResponse::<stripe::Api>::read(
            status,
            [
                ("Stripe-Should-Retry", should_retry),
                ("Request-Id", "req_3"),
            ],
            body.as_bytes(),
        )
        .retry(SystemTime::now())
    };
    // "`false`: it should not, because it won't have an additional effect."
    assert_eq!(read(429, "false", "lock_timeout"), RetryDecision::Never);
    // "`true`: a client should retry the request (after some backoff)": a 409 whose code
    // alone says never.
    assert_eq!(
        read(409, "true", "idempotency_key_in_use"),
        RetryDecision::Backoff {
            at_least: Duration::ZERO
        }
    );
    // "Absent: ... fall back to the status code"; a value that is neither is absent too.
    assert_eq!(read(402, "maybe", "card_declined"), RetryDecision::Never);
    assert_eq!(
        stripe::HEADERS.get(errspec::HeaderRole::ShouldRetry),
        Some("Stripe-Should-Retry")
    );
}
