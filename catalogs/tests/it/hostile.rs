//! Bodies that are not what the catalogs document: other APIs' shapes, wrong types, huge
//! values, truncated JSON. Never a panic; the code and message are kept where they can be.

use errspec::{Catalog, WireBody};
use errspec_catalogs::{google_rpc, stripe};

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
