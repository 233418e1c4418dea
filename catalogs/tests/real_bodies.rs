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
    // AIP-193, "JSON representation", byte for byte.
    let documented = r#"{
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
      },
      {
        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
        "locale": "en-US",
        "message": "An <e2-medium> VM instance with <local-ssd=3,nvidia-t4=2> is currently unavailable in the <us-east1-a> zone. Consider trying your request in the <us-central1-f,us-central1-c> zone(s), which currently has/have capacity to accommodate your request. Alternatively, you can try your request again with a different VM hardware configuration or at a later time. For more information, see the troubleshooting documentation."
      },
      {
        "@type": "type.googleapis.com/google.rpc.Help",
        "links": [
          {
            "description": "Additional information on this error",
            "url": "https://cloud.google.com/compute/docs/resource-error"
          }
        ]
      }
    ]
  }
}"#;
    let body: google_rpc::ErrorBody = round_trip(documented);
    assert_eq!(
        body.known_code(),
        Some(google_rpc::ErrorCode::ResourceExhausted)
    );
    assert_eq!(body.status_code(), Some(429));
    assert_eq!(body.details().len(), 3);
    assert_eq!(body.details()[0]["reason"], "RESOURCE_AVAILABILITY");
    // The ErrorInfo's reason belongs to another domain than the catalog's, so it is kept as
    // sent, not read as one of the catalog's reasons.
    assert_eq!(
        body.detail_codes(),
        [errspec::Code::Unknown("RESOURCE_AVAILABILITY".into())]
    );
    // No RetryInfo: the policy decides, and RESOURCE_EXHAUSTED's is to back off.
    assert_eq!(body.retry_delay(), None);
    // Written back, it is the page's text again, indentation and key order included.
    assert_eq!(
        serde_json::to_string_pretty(&body).expect("serializes"),
        documented
    );
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
fn google_reasons_and_retry_info_come_from_the_details() {
    use errspec::RetryDecision;
    use errspec::client::ErrorResponse;
    use std::time::{Duration, SystemTime};
    // googleapis/python-genai#1875, with the ErrorInfo AIP-193 requires.
    let text = r#"{"error":{"code":429,"message":"You exceeded your current quota... Please retry in 53.016342224s.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"googleapis.com","metadata":{"consumer":"projects/123","service":"pubsub.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"53s"}]}}"#;
    let body: google_rpc::ErrorBody = round_trip(text);
    assert_eq!(
        body.detail_codes(),
        [errspec::Code::Known(
            google_rpc::DetailCode::RateLimitExceeded
        )]
    );
    assert_eq!(body.retry_delay(), Some(Duration::from_secs(53)));
    let response = ErrorResponse::<google_rpc::Api>::read(429, [("x", "y")], text.as_bytes());
    assert_eq!(
        response.known_code(),
        Some(google_rpc::ErrorCode::ResourceExhausted)
    );
    assert_eq!(
        response.retry(SystemTime::now()),
        RetryDecision::After(Duration::from_secs(53))
    );
    // Without RetryInfo, AIP-194: RESOURCE_EXHAUSTED is not retried.
    let bare = ErrorResponse::<google_rpc::Api>::read(
        429,
        [("x", "y")],
        br#"{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED"}}"#,
    );
    assert_eq!(bare.retry(SystemTime::now()), RetryDecision::Never);
    // A reason of another domain is not one of googleapis.com's, whatever it spells.
    let other: google_rpc::ErrorBody = round_trip(
        r#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"compute.googleapis.com"}]}}"#,
    );
    assert_eq!(
        other.detail_codes(),
        [errspec::Code::Unknown("RATE_LIMIT_EXCEEDED".into())]
    );
}

/// What a hostile body came out as: read (with the code and message kept), or unreadable.
#[derive(Debug, PartialEq)]
enum Outcome {
    Read {
        code: Option<String>,
        message: Option<usize>,
    },
    NotJson,
    Unexpected,
    TooLarge,
}

fn outcome<A: Catalog>(status: u16, text: &str) -> Outcome {
    use errspec::client::{BodyError, ErrorResponse, Payload};
    let response = ErrorResponse::<A>::read(status, [("retry-after", "x")], text.as_bytes());
    // Whatever the body, the status and headers still decide.
    let _ = response.retry(std::time::SystemTime::now());
    match response.payload() {
        Payload::Documented(body) => Outcome::Read {
            code: body.raw_code().map(str::to_owned),
            message: response.message().map(str::len),
        },
        Payload::Raw {
            error: BodyError::NotJson { .. },
            ..
        } => Outcome::NotJson,
        Payload::Raw {
            error: BodyError::Unexpected { .. },
            ..
        } => Outcome::Unexpected,
        Payload::Raw {
            error: BodyError::TooLarge { .. },
            ..
        } => Outcome::TooLarge,
        _ => panic!("{text:.200}: neither read nor refused"),
    }
}

fn read(code: Option<&str>, message: Option<usize>) -> Outcome {
    Outcome::Read {
        code: code.map(str::to_owned),
        message,
    }
}

#[test]
fn hostile_bodies_never_panic_and_keep_what_they_can() {
    use errspec_catalogs::github;
    let huge = "x".repeat(1 << 20);
    let google: Vec<(String, Outcome)> = vec![
        // Wrong types where the spec says a number, text, a code and a list: each reads as
        // absent.
        (
            r#"{"error":{"code":"429","message":7,"status":["NOT_FOUND"],"details":{}}}"#.into(),
            read(None, None),
        ),
        // One wrong-typed field costs nothing else.
        (
            r#"{"error":{"code":"404","message":"Not here.","status":"NOT_FOUND"}}"#.into(),
            read(Some("NOT_FOUND"), Some(9)),
        ),
        // Fields Google no longer documents (the legacy `errors` list) and extra keys beside
        // the envelope are skipped.
        (
            r#"{"error":{"code":403,"message":"No.","errors":[{"message":"No.","domain":"global","reason":"forbidden"}],"status":"PERMISSION_DENIED"},"extra":{"a":[1]}}"#.into(),
            read(Some("PERMISSION_DENIED"), Some(3)),
        ),
        (r#"{"error":null}"#.into(), Outcome::Unexpected),
        (r#"{"error":[]}"#.into(), Outcome::Unexpected),
        (r#"[]"#.into(), Outcome::Unexpected),
        ("\u{feff}{}".into(), Outcome::Unexpected),
        (
            r#"{"error":{"details":[1,"two",null,{"reason":5},{"retryDelay":"-3s"},{"retryDelay":"99999999999999999999s"}]}}"#.into(),
            read(None, None),
        ),
        // Past the client's body limit: not parsed at all.
        (
            format!(r#"{{"error":{{"code":404,"status":"{huge}","message":"{huge}"}}}}"#),
            Outcome::TooLarge,
        ),
        (
            "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"".into(),
            Outcome::NotJson,
        ),
    ];
    for (text, want) in &google {
        assert_eq!(&outcome::<google_rpc::Api>(404, text), want, "{text:.200}");
    }
    // Malformed details are skipped; the codes around them are kept.
    let body: google_rpc::ErrorBody = serde_json::from_str(&google[7].0).expect("parses");
    assert!(body.detail_codes().is_empty());
    assert_eq!(body.retry_delay(), None);
    // Read without the limit, a huge unknown code is kept as sent.
    let body: google_rpc::ErrorBody = serde_json::from_str(&google[8].0).expect("parses");
    assert_eq!(body.raw_code().map(str::len), Some(1 << 20));
    assert_eq!(body.known_code(), None);

    let github: [(&str, Outcome); 4] = [
        // A message that is a number is no message, so no code is read from it.
        (
            r#"{"message":404,"documentation_url":"https://docs.github.com/rest"}"#,
            read(None, None),
        ),
        // `errors` as an object is no list of details; the code is still the message's.
        (
            r#"{"message":"Validation Failed","errors":{"code":"missing_field"}}"#,
            read(Some("validation_failed"), Some(17)),
        ),
        (
            r#"{"message":"Bad credentials","status":401}"#,
            read(Some("bad_credentials"), Some(15)),
        ),
        // A proxy's HTML page where JSON was expected.
        (
            "<html><body><h1>403 Forbidden</h1></body></html>",
            Outcome::NotJson,
        ),
    ];
    for (text, want) in &github {
        assert_eq!(&outcome::<github::Api>(403, text), want, "{text}");
    }

    let stripe: [(&str, Outcome); 2] = [
        (
            r#"{"error":{"type":1,"code":"card_declined","payment_intent":{"deep":[[[[]]]]}}}"#,
            read(Some("card_declined"), None),
        ),
        (
            r#"{"error":{"code":"card_declined","decline_code":["insufficient_funds"],"message":"Your card was declined."}}"#,
            read(Some("card_declined"), Some(23)),
        ),
    ];
    for (text, want) in &stripe {
        assert_eq!(&outcome::<stripe::Api>(402, text), want, "{text}");
    }
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
    assert_eq!(
        stripe::headers::OTHER,
        ["Request-Id", "Idempotent-Replayed"]
    );
}

/// The `application/json` examples of the published OpenAPI document of `id`.
fn openapi_examples(id: &str) -> Vec<Value> {
    let path = format!("{}/generated/openapi/{id}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    let mut out = Vec::new();
    for response in doc["components"]["responses"]
        .as_object()
        .expect("responses")
        .values()
    {
        let examples = &response["content"]["application/json"]["examples"];
        for example in examples.as_object().into_iter().flat_map(|e| e.values()) {
            out.push(example["value"].clone());
        }
    }
    assert!(!out.is_empty(), "{id}: no examples");
    out
}

#[test]
fn every_openapi_example_reads_into_the_generated_body_and_back() {
    // `round_trip` shows the body when it fails.
    for value in openapi_examples("github") {
        round_trip::<errspec_catalogs::github::ErrorBody>(&value.to_string());
    }
    for value in openapi_examples("stripe") {
        round_trip::<stripe::ErrorBody>(&value.to_string());
    }
    for value in openapi_examples("google_rpc") {
        round_trip::<google_rpc::ErrorBody>(&value.to_string());
    }
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
    assert_eq!(stripe::headers::SHOULD_RETRY, Some("Stripe-Should-Retry"));
}
