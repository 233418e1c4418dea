//! Google's errors (AIP-193) as its docs and real responses show them: the canonical codes
//! and their statuses, `ErrorInfo` reasons by domain, and `RetryInfo` delays.

use crate::round_trip;
use errspec::Catalog;
use errspec_catalogs::google_rpc;
use serde_json::json;

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

/// The spec's `grpc:` codes reach every published artifact: a code whose gRPC code its HTTP
/// status would not give (FAILED_PRECONDITION, sent with 400) shows its own, a status the
/// mapping `google.rpc.Code` documents.
#[test]
fn published_artifacts_show_each_grpc_code() {
    let generated = concat!(env!("CARGO_MANIFEST_DIR"), "/generated");
    let read = |path: &str| std::fs::read_to_string(format!("{generated}/{path}")).unwrap();
    let openapi: serde_json::Value =
        serde_json::from_str(&read("openapi/google_rpc.json")).unwrap();
    let bad_request = &openapi["components"]["responses"]["400"];
    assert_eq!(bad_request["x-grpc-code"], "INVALID_ARGUMENT");
    let examples = &bad_request["content"]["application/json"]["examples"];
    assert_eq!(
        examples["FAILED_PRECONDITION"]["x-grpc-code"],
        "FAILED_PRECONDITION"
    );
    assert_eq!(
        examples["INVALID_ARGUMENT"]["x-grpc-code"],
        "INVALID_ARGUMENT"
    );
    let docs = read("docs/google_rpc.md");
    assert!(docs.contains("**gRPC code:** `FAILED_PRECONDITION`"));
    let site = read("site/google_rpc.html");
    assert!(site.contains("<dt>gRPC code</dt><dd><code>OUT_OF_RANGE</code></dd>"));
}
