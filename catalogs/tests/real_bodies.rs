//! Error bodies as the APIs' own docs and real responses show them: read into the generated
//! types, and written back byte for byte where the body is one errspec would write.

use errspec::{Catalog, WireBody};
use errspec_catalogs::{google_rpc, stripe};
use serde_json::{Value, json};

/// Reads `text` as `B`, writes it back, and checks nothing documented was lost.
fn round_trip<B: WireBody>(text: &str) -> B {
    let body: B = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let written = serde_json::to_value(&body).expect("serializes");
    let read: Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(written, read, "{text}");
    body
}

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
fn a_body_without_the_envelope_is_not_an_error_body_of_these_apis() {
    let error = serde_json::from_str::<stripe::ErrorBody>(r#"{"code":"card_declined"}"#)
        .expect_err("no envelope");
    assert!(
        error.to_string().contains("missing field `error`"),
        "{error}"
    );
    let error = serde_json::from_str::<google_rpc::ErrorBody>(
        r#"{"error":{"code":404},"error":{"code":404}}"#,
    )
    .expect_err("the envelope twice");
    assert!(
        error.to_string().contains("duplicate field `error`"),
        "{error}"
    );
    // Keys beside the envelope are skipped, as undocumented fields are.
    let body: google_rpc::ErrorBody =
        serde_json::from_str(r#"{"trace":"x","error":{"code":404,"status":"NOT_FOUND"}}"#)
            .expect("parses");
    assert_eq!(body.known_code(), Some(google_rpc::ErrorCode::NotFound));
}

#[test]
fn google_resource_exhausted_as_aip_193_shows_it() {
    let body: google_rpc::ErrorBody = round_trip(
        r#"{
  "error": {
    "code": 429,
    "message": "The zone 'us-east1-a' does not have enough resources available to fulfill the request. Try a different zone, or try again later.",
    "status": "RESOURCE_EXHAUSTED",
    "details": [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "RESOURCE_AVAILABILITY",
        "domain": "compute.googleapis.com",
        "metadata": {
          "zone": "us-east1-a",
          "vmType": "e2-medium",
          "attachment": "local-ssd=3,nvidia-t4=2",
          "zonesWithCapacity": "us-central1-f,us-central1-c"
        }
      }
    ]
  }
}"#,
    );
    assert_eq!(
        body.known_code(),
        Some(google_rpc::ErrorCode::ResourceExhausted)
    );
    assert_eq!(body.status_code(), Some(429));
    assert_eq!(body.details().len(), 1);
    assert_eq!(body.details()[0]["reason"], "RESOURCE_AVAILABILITY");
}

#[test]
fn google_codes_map_to_their_http_statuses() {
    use google_rpc::ErrorCode as C;
    for (code, status) in [
        (C::PermissionDenied, 403),
        (C::NotFound, 404),
        (C::Unauthenticated, 401),
        (C::ResourceExhausted, 429),
        (C::Cancelled, 499),
        (C::Unavailable, 503),
        (C::DeadlineExceeded, 504),
    ] {
        assert_eq!(code.status().code(), status, "{code}");
    }
    assert_eq!(C::ALL.len(), 16);
    assert_eq!(
        serde_json::to_value(google_rpc::ErrorBody::from_code(C::NotFound)).expect("serializes"),
        json!({"error": {
            "code": 404,
            "message": "Some requested entity (e.g., file or directory) was not found.",
            "status": "NOT_FOUND",
        }})
    );
    let minimal: google_rpc::ErrorBody = round_trip(
        r#"{ "error": { "code": 403, "message": "The request is missing a valid API key.", "status": "PERMISSION_DENIED" } }"#,
    );
    assert_eq!(minimal.known_code(), Some(C::PermissionDenied));
    assert_eq!(<google_rpc::Api as Catalog>::NAME, "Google APIs");
}
