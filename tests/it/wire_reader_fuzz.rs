//! The client reader against untrusted input: a corpus of hostile bodies kept as files
//! (`tests/wire_corpus/`), and property tests over random bytes, random JSON and random headers
//! for every seed API. Reading never panics; it gives the documented body, a problem document,
//! or the raw bytes with a typed reason; a body it reads serializes back to something it reads
//! the same way; and it never parses more than its size limit.
//!
//! Crash inputs found by the property tests are saved by proptest in
//! `wire_reader_fuzz.proptest-regressions` and replayed first on every run; the ones found while
//! writing the reader are in the corpus.

use errspec::client::{BodyError, DEFAULT_MAX_BODY, ErrorResponse, Payload};
use errspec::{Catalog, WireBody, centrapay, funder_offers, mugglepay, muse_finance};
use proptest::prelude::*;
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Header sets every input is read with: none, JSON, problem+json, and rate-limit headers
/// with hostile values.
fn header_sets() -> Vec<Vec<(&'static str, &'static [u8])>> {
    vec![
        vec![],
        vec![("Content-Type", b"application/json")],
        vec![("content-type", b"application/problem+json")],
        vec![
            ("Retry-After", b"-1"),
            ("X-RateLimit-Reset", b"99999999999999999999999"),
            ("X-RateLimit-Limit", b"\xff"),
            ("RateLimit", b"\"x\";r=0;t=99999999999999999"),
        ],
        vec![
            ("retry-after", b"Fri, 31 Dec 9999 23:59:59 GMT"),
            ("x-ratelimit-reset", b"1.9999999999999"),
        ],
    ]
}

/// Reads `body` with every status class and header set, checking the reader's promises.
fn check_api<A: Catalog>(body: &[u8]) {
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for headers in header_sets() {
        for status in [0u16, 200, 400, 409, 421, 429, 503, 999, u16::MAX] {
            let response = ErrorResponse::<A>::read(status, headers.iter().copied(), body);
            // Everything a caller may ask must answer without panicking.
            let _ = (response.code(), response.message(), response.details());
            let _ = (
                response.declared_status(),
                response.policy(),
                response.to_string(),
            );
            let _ = response.retry(now);
            let _ = response.retry(SystemTime::UNIX_EPOCH);
            match response.payload() {
                Payload::Empty => assert!(body.trim_ascii().is_empty()),
                Payload::Documented(parsed) => {
                    assert!(<A::Body as WireBody>::DOCUMENTED);
                    // What was read writes back to JSON that reads the same.
                    let again = serde_json::to_vec(parsed).unwrap();
                    let reread = ErrorResponse::<A>::read(status, [("a", "b")], &again);
                    assert_eq!(reread.body(), Some(parsed));
                    assert_eq!(reread.code(), response.code());
                }
                Payload::Problem(problem) => {
                    let again = serde_json::to_vec(problem).unwrap();
                    let reread: errspec::problem::Problem = serde_json::from_slice(&again).unwrap();
                    assert_eq!(&reread, problem);
                }
                Payload::Raw { bytes, error } => {
                    assert!(bytes.len() <= DEFAULT_MAX_BODY);
                    assert!(!error.to_string().is_empty());
                }
            }
        }
    }
}

fn check_all_apis(body: &[u8]) {
    check_api::<mugglepay::Api>(body);
    check_api::<centrapay::Api>(body);
    check_api::<funder_offers::Api>(body);
    check_api::<muse_finance::Api>(body);
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/wire_corpus");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_never_panics() {
    let files = corpus();
    assert!(files.len() >= 40, "the corpus is in tests/wire_corpus");
    for (name, bytes) in &files {
        let outcome = std::panic::catch_unwind(|| check_all_apis(bytes));
        assert!(outcome.is_ok(), "corpus file {name} panicked");
    }
}

fn funder(body: &[u8]) -> ErrorResponse<funder_offers::Api> {
    ErrorResponse::read(400, [("Content-Type", "application/json")], body)
}

fn corpus_file(name: &str) -> Vec<u8> {
    corpus()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b)
        .unwrap_or_else(|| panic!("no corpus file {name}"))
}

#[test]
fn corpus_outcomes_are_typed() {
    let reason = |name: &str| match funder(&corpus_file(name)).payload() {
        Payload::Raw { error, .. } => Some(error.clone()),
        _ => None,
    };
    assert!(matches!(
        funder(&corpus_file("empty.bin")).payload(),
        Payload::Empty
    ));
    assert!(matches!(
        funder(&corpus_file("whitespace.bin")).payload(),
        Payload::Empty
    ));
    assert!(matches!(
        reason("invalid_utf8.bin"),
        Some(BodyError::NotUtf8 { valid_up_to: 10 })
    ));
    assert!(matches!(
        reason("html_502.html"),
        Some(BodyError::NotJson { .. })
    ));
    // An array where the body's object should be: the wrong shape, found before any depth.
    assert!(matches!(
        reason("nested_arrays.json"),
        Some(BodyError::Unexpected { .. })
    ));
    // 200 levels inside `details`: past serde_json's recursion limit of 128.
    match reason("nested_details.json") {
        Some(BodyError::NotJson { reason }) => assert!(reason.contains("recursion limit")),
        other => panic!("nested_details.json: {other:?}"),
    }
    assert!(matches!(
        reason("nested_arrays_unclosed.json"),
        Some(BodyError::Unexpected { .. })
    ));
    assert!(matches!(
        reason("nested_objects_unclosed.json"),
        Some(BodyError::NotJson { .. })
    ));
    assert!(matches!(
        reason("json_array.json"),
        Some(BodyError::Unexpected { .. })
    ));
    // A field of the wrong type reads as absent, and the rest of the body is kept.
    let wrong = funder(&corpus_file("wrong_type_code_number.json"));
    assert!(wrong.body().is_some());
    assert_eq!(wrong.code(), None);
    assert_eq!(wrong.message(), Some("x"));
    assert!(matches!(
        reason("duplicate_keys.json"),
        Some(BodyError::Unexpected { .. })
    ));
    assert!(matches!(
        reason("trailing_garbage.json"),
        Some(BodyError::NotJson { .. })
    ));
    assert!(matches!(
        reason("lone_surrogate.json"),
        Some(BodyError::NotJson { .. })
    ));
    // Deep but within the parser's limit, in a field the body does not document: read.
    let deep = funder(&corpus_file("nested_in_unknown_field.json"));
    assert_eq!(deep.message(), Some("deep but allowed"));
    // A byte order mark is skipped.
    let bom = funder(&corpus_file("bom_json.json"));
    assert_eq!(
        bom.known_code(),
        Some(funder_offers::ErrorCode::VersionConflict)
    );
    // Floats in details come back exactly (found by random_json_never_panics; serde_json needs
    // its `float_roundtrip` feature for that).
    let floats = corpus_file("float_roundtrip.json");
    let read = funder(&floats);
    assert_eq!(serde_json::to_vec(read.body().unwrap()).unwrap(), floats);
    // Nulls are absent fields.
    assert_eq!(
        funder(&corpus_file("nulls.json")).body(),
        Some(&funder_offers::ErrorBody::default())
    );
    // Text from the network is kept exactly.
    let escapes = funder(&corpus_file("escapes.json"));
    assert_eq!(
        escapes.message(),
        Some("\u{1f600} <script>alert(1)</script> {{x}} |a|")
    );
    // Wrong types for MugglePay's string status and Centrapay's number.
    let centrapay = ErrorResponse::<centrapay::Api>::read(
        429,
        [("Retry-After", "3")],
        &corpus_file("wrong_type_status_string_for_number.json"),
    );
    let body = centrapay.body().expect("the other fields read");
    assert_eq!(body.status_code, None);
    assert_eq!(
        centrapay.known_code(),
        Some(centrapay::ErrorCode::RateLimitExceeded)
    );
    assert_eq!(
        centrapay.retry(UNIX_EPOCH),
        errspec::RetryDecision::After(Duration::from_secs(3))
    );
}

#[test]
fn huge_bodies_are_not_parsed() {
    let mut huge = b"{\"error\":\"VERSION_CONFLICT\",\"message\":\"".to_vec();
    huge.resize(8 * 1024 * 1024, b'a');
    huge.extend_from_slice(b"\"}");
    let response = funder(&huge);
    match response.payload() {
        Payload::Raw {
            bytes,
            error: BodyError::TooLarge { len, limit },
        } => {
            assert_eq!(*len, huge.len());
            assert_eq!(*limit, DEFAULT_MAX_BODY);
            assert_eq!(bytes.len(), DEFAULT_MAX_BODY);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // The limit is the caller's to raise.
    let raised =
        ErrorResponse::<funder_offers::Api>::read_with_limit(400, [("a", "b")], &huge, huge.len());
    assert_eq!(
        raised.known_code(),
        Some(funder_offers::ErrorCode::VersionConflict)
    );
    check_all_apis(&huge);
}

/// JSON values shaped like error bodies: the documented keys with values of any type,
/// nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<u16>().prop_map(|n| Value::String(n.to_string())),
        "[A-Z_]{0,12}".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("error".to_owned()),
        Just("error_code".to_owned()),
        Just("status".to_owned()),
        Just("statusCode".to_owned()),
        Just("message".to_owned()),
        Just("details".to_owned()),
        Just("type".to_owned()),
        Just("title".to_owned()),
        Just("code".to_owned()),
        any::<String>(),
    ]
}

/// Bytes that are mostly JSON: a serialized value, then cut, spliced with junk or nested deep.
fn mostly_json() -> impl Strategy<Value = Vec<u8>> {
    (
        json_value(),
        any::<prop::sample::Index>(),
        prop::collection::vec(any::<u8>(), 0..8),
        0usize..300,
    )
        .prop_map(|(value, cut, junk, depth)| {
            let text = serde_json::to_vec(&value).unwrap();
            let at = cut.index(text.len() + 1);
            let mut bytes = b"[".repeat(depth);
            bytes.extend_from_slice(&text[..at]);
            bytes.extend_from_slice(&junk);
            bytes.extend_from_slice(&text[at..]);
            bytes.extend_from_slice(&b"]".repeat(depth));
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..512)) {
        check_all_apis(&body);
    }

    #[test]
    fn random_json_never_panics(value in json_value()) {
        check_all_apis(&serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn mangled_json_never_panics(body in mostly_json()) {
        check_all_apis(&body);
    }

    #[test]
    fn random_headers_never_panic(
        headers in prop::collection::vec(
            (prop_oneof![
                Just("Retry-After".to_owned()),
                Just("X-RateLimit-Reset".to_owned()),
                Just("X-RateLimit-Limit".to_owned()),
                Just("X-RateLimit-Remaining".to_owned()),
                Just("RateLimit".to_owned()),
                Just("Content-Type".to_owned()),
                any::<String>(),
            ], prop::collection::vec(any::<u8>(), 0..40)),
            0..8,
        ),
        status in any::<u16>(),
        now_secs in any::<u64>(),
    ) {
        let now = UNIX_EPOCH.checked_add(Duration::from_secs(now_secs)).unwrap_or(UNIX_EPOCH);
        let response = ErrorResponse::<funder_offers::Api>::read(status, headers.clone(), b"{}");
        let _ = response.retry(now);
        let response = ErrorResponse::<centrapay::Api>::read(status, headers, b"{}");
        let _ = response.retry(now);
    }
}
