//! Generated code for bodies of every shape compiles without warnings and works with the
//! generic runtime: no body, a body without a code field, only a code-or-message field, only
//! details, and keys that are Rust keywords (`tests/wire_role_specs/*.yaml`, their Rust checked
//! in under `tests/wire_role_specs/rust/` as `generate --rust-out` writes it, and kept fresh by
//! `generated_fresh`).

#![deny(warnings)]

#[rustfmt::skip]
#[path = "../wire_role_specs/rust/mod.rs"]
pub(crate) mod fixtures;

use errspec::client::{BodyError, ErrorResponse, Payload};
use errspec::server::Reply;
use errspec::{Code, RetryDecision, WireBody};
use fixtures::{
    wire_role_bare_code_or_message as bare, wire_role_code_or_message as com,
    wire_role_details_only as details_only, wire_role_envelope as envelope,
    wire_role_keywords as keywords, wire_role_message_codes as message_codes,
    wire_role_no_body as no_body, wire_role_no_code as no_code,
};
use serde_json::{Value, json};
use std::time::{Duration, SystemTime};

const NO_HEADERS: [(&str, &str); 0] = [];

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn no_body_sends_no_body_and_reads_headers() {
    const { assert!(!<no_body::ErrorBody as WireBody>::DOCUMENTED) };
    let response = Reply::from_code(no_body::ErrorCode::Stale)
        .with_retry_after(Duration::from_secs(3))
        .finish();
    assert_eq!(response.status, 409);
    assert!(response.body.is_empty());
    assert_eq!(response.header("content-type"), None);
    assert_eq!(response.header("retry-after"), Some("3"));

    let read = ErrorResponse::<no_body::Api>::read(
        429,
        [("ratelimit-reset-after", "12")],
        b"{\"anything\": 1}",
    );
    assert!(matches!(
        read.payload(),
        Payload::Raw {
            error: BodyError::Undocumented,
            ..
        }
    ));
    assert_eq!(
        read.retry(SystemTime::UNIX_EPOCH),
        RetryDecision::After(Duration::from_secs(12))
    );
    let problem = Reply::from_code(no_body::ErrorCode::Stale)
        .into_problem()
        .finish();
    assert_eq!(
        json_of(&problem.body),
        json!({"type": "about:blank", "title": "Conflict", "status": 409,
               "detail": "Re-read {it} first.", "code": "STALE"})
    );
    assert_eq!(no_body::NAME, "No Body \"API\"");
}

#[test]
fn body_without_code_keeps_status_and_message() {
    let response = Reply::from_code(no_code::ErrorCode::BadInput).finish();
    assert_eq!(
        json_of(&response.body),
        json!({"msg": "Bad input.", "http-status": 400, "reason": "Bad Request"})
    );
    let read = ErrorResponse::<no_code::Api>::read(400, NO_HEADERS, &response.body);
    assert_eq!(read.code(), None, "the body has no code field");
    assert_eq!(read.message(), Some("Bad input."));
    let unavailable = Reply::from_status(no_code::Status::Unavailable).finish();
    assert_eq!(
        json_of(&unavailable.body)["msg"],
        json!("Try later \\ maybe")
    );
}

#[test]
fn code_or_message_tells_codes_from_messages() {
    let read = |body: &str| ErrorResponse::<com::Api>::read(403, NO_HEADERS, body.as_bytes());
    let known = read(r#"{"message":"INSUFFICIENT_FUNDS"}"#);
    assert_eq!(known.known_code(), Some(com::ErrorCode::InsufficientFunds));
    assert_eq!(known.message(), None);
    let unknown = read(r#"{"message":"CARD_FROZEN"}"#);
    assert_eq!(unknown.code(), Some(Code::Unknown("CARD_FROZEN".into())));
    let message = read(r#"{"message":"Forbidden"}"#);
    assert_eq!(message.code(), None);
    assert_eq!(message.message(), Some("Forbidden"));
    let stale = Reply::from_status(com::Status::Conflict).finish();
    let stale = ErrorResponse::<com::Api>::read(stale.status, NO_HEADERS, &stale.body);
    assert_eq!(stale.code(), None);
    assert_eq!(stale.message(), Some("STALE_STATE"));
    let body = com::ErrorBody::from_status(com::Status::Forbidden).with_message("Nope, sorry");
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"message": "Nope, sorry"})
    );
}

#[test]
fn details_only_and_no_statuses() {
    assert!(details_only::Status::ALL.is_empty());
    assert!(details_only::ErrorCode::ALL.is_empty());
    let body = details_only::ErrorBody::default().with_details([json!({"field": "x"})]);
    let response = Reply::<details_only::Api>::new(422, body).finish();
    assert_eq!(json_of(&response.body), json!({"errors": [{"field": "x"}]}));
    let read = ErrorResponse::<details_only::Api>::read(422, NO_HEADERS, &response.body);
    assert_eq!(read.details(), &[json!({"field": "x"})]);
    assert_eq!(read.declared_status(), None);
    assert_eq!(read.retry(SystemTime::UNIX_EPOCH), RetryDecision::Never);
}

#[test]
fn an_envelope_holds_the_fields_with_values_per_code_and_status() {
    let response = Reply::from_code(envelope::ErrorCode::CardDeclined).finish();
    assert_eq!(
        json_of(&response.body),
        json!({"err\"or": {
            "type": "card_error",
            "code": "card_declined",
            "message": "The card has been declined.",
            "doc_url": "https://example.com/docs/card-declined",
        }})
    );
    let missing = Reply::from_code(envelope::ErrorCode::ResourceMissing).finish();
    assert_eq!(
        json_of(&missing.body),
        json!({"err\"or": {
            "type": "invalid_request_error",
            "code": "resource_missing",
            "message": "No such object.",
        }})
    );
    // A status without a value of its own gets the field's constant.
    let internal = Reply::from_status(envelope::Status::Internal).finish();
    assert_eq!(
        json_of(&internal.body),
        json!({"err\"or": {"type": "api_error \"{}\"", "message": "Internal"}})
    );
    let sent = json!({"other": 1, "err\"or": {
        "code": "card_declined",
        "param": "card",
        "extra": {"any": [1, "two", null]},
        "unknown": true,
    }});
    let read = ErrorResponse::<envelope::Api>::read(402, NO_HEADERS, sent.to_string().as_bytes());
    assert_eq!(read.known_code(), Some(envelope::ErrorCode::CardDeclined));
    let body: envelope::ErrorBody = serde_json::from_value(sent).unwrap();
    assert_eq!(body.param.as_deref(), Some("card"));
    assert_eq!(body.extra, Some(json!({"any": [1, "two", null]})));
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"err\"or": {"code": "card_declined", "param": "card", "extra": {"any": [1, "two", null]}}})
    );
    // Fields outside the envelope are not this API's body.
    let bare =
        ErrorResponse::<envelope::Api>::read(402, NO_HEADERS, br#"{"code":"card_declined"}"#);
    assert_eq!(bare.known_code(), None);
}

#[test]
fn codes_read_from_messages_with_values_and_literal_braces() {
    let read = |status: u16, headers: &[(&str, &str)], message: &str| {
        let body = json!({ "message": message }).to_string();
        ErrorResponse::<message_codes::Api>::read(status, headers.to_vec(), body.as_bytes())
    };
    let limited = read(403, &[], "Limit {} hit for \"ann\"\\ again");
    assert_eq!(
        limited.known_code(),
        Some(message_codes::ErrorCode::Limited)
    );
    let body = limited.body().unwrap();
    assert_eq!(body.message_value("who"), Some("ann"));
    assert_eq!(body.message_value("rest"), Some(" again"));
    // A message without `{name}` patterns is matched as it is, braces and all.
    assert_eq!(
        read(403, &[], "No {access}.").known_code(),
        Some(message_codes::ErrorCode::Plain)
    );
    assert_eq!(read(403, &[], "No access.").known_code(), None);
    // A 403 or 429 with nothing left is a rate limit, whatever the message.
    let now = SystemTime::now();
    assert_eq!(
        read(429, &[("x-left", "0")], "No access.").policy(),
        errspec::Retry::AfterReset
    );
    assert_eq!(
        read(403, &[("X-Left", "0")], "No {access}.").policy(),
        errspec::Retry::AfterReset
    );
    assert_eq!(
        read(403, &[("X-Left", "3")], "No {access}.").retry(now),
        RetryDecision::Never
    );
    let sent = Reply::from_code(message_codes::ErrorCode::Limited).finish();
    assert_eq!(
        json_of(&sent.body),
        json!({"message": "Limit {} hit for \"x\"\\y."})
    );
    assert_eq!(message_codes::HEADERS.other, ["Request-Id"]);
}

#[test]
fn keyword_keys_round_trip() {
    let example = json!({
        "type": "bad.value",
        "self": "Value <script> is bad |{}|",
        "status": "422",
        "match": "Unprocessable",
        "details": [{"field": "a"}, 3, null]
    });
    let body: keywords::ErrorBody = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(body.known_code(), Some(keywords::ErrorCode::BadValue));
    assert_eq!(serde_json::to_value(&body).unwrap(), example);
    let built = keywords::ErrorBody::from_code(keywords::ErrorCode::BadValue).with_details([
        json!({"field": "a"}),
        json!(3),
        Value::Null,
    ]);
    assert_eq!(built, body);
    // A 418 is the declared class 4xx.
    let read = ErrorResponse::<keywords::Api>::read(418, NO_HEADERS, b"{\"type\":\"new.one\"}");
    assert_eq!(read.declared_status(), Some(keywords::Status::ClientError));
    assert_eq!(read.code(), Some(Code::Unknown("new.one".into())));
}

#[test]
fn code_or_message_without_statuses_or_codes() {
    let read = |body: &[u8]| ErrorResponse::<bare::Api>::read(400, NO_HEADERS, body);
    assert_eq!(
        read(br#"{"text":"NEW_CODE"}"#).code(),
        Some(Code::Unknown("NEW_CODE".into()))
    );
    assert_eq!(
        read(br#"{"text":"Bad thing"}"#).message(),
        Some("Bad thing")
    );
    assert_eq!(
        read(b"{}").retry(SystemTime::UNIX_EPOCH),
        RetryDecision::Never
    );
}
