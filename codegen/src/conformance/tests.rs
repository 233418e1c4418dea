//! `errspec verify`'s readers on what recordings from anywhere hold: any bytes as a HAR file,
//! any bytes as a body, hostile JSON; never a panic, always a located error or a reading.

use super::har::{Recorded, parse};
use super::{Read, read_body, violations};
use crate::model::Api;
use errspec_vocab::body::BodyError;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn funder_offers() -> Api {
    let spec = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/funder_offers.yaml"
    ));
    let mut apis = crate::compile_paths(&[spec]).expect("the seed spec compiles");
    apis.remove(0)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_are_har_or_a_located_error(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        if let Err(problem) = parse(Path::new("any.har"), &bytes) {
            prop_assert!(problem.to_string().starts_with("any.har:"));
        }
    }

    #[test]
    fn any_body_reads_as_something(bytes in proptest::collection::vec(any::<u8>(), 0..256), problem: bool) {
        let api = funder_offers();
        let content_type = problem.then_some("application/problem+json");
        let read = read_body(&api, content_type, &bytes);
        let _ = violations(&api, "GET", "/", 400, &[], &read);
    }
}

#[test]
fn hostile_json_is_unreadable_not_fatal() {
    let api = funder_offers();
    let deep = "[".repeat(10_000);
    let cases: [(&[u8], &str); 5] = [
        (deep.as_bytes(), "not JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[1, 2]", "not the documented error body"),
        (br#"{"error": 5, "message": ["x"]}"#, ""),
        (b"\xEF\xBB\xBF{\"error\":\"VERSION_CONFLICT\"}", ""),
    ];
    for (body, says) in cases {
        let read = read_body(&api, Some("application/json"), body);
        match (&read, says) {
            (Read::Documented(_), "") => {}
            (Read::Unreadable(error), says) if !says.is_empty() => {
                assert!(error.to_string().contains(says), "{error}");
            }
            _ => panic!(
                "{read:?} for {:?}",
                String::from_utf8_lossy(&body[..body.len().min(40)])
            ),
        }
    }
    let huge = vec![b' '; super::BODY_LIMIT + 1];
    assert!(matches!(
        read_body(&api, None, &huge),
        Read::Unreadable(BodyError::TooLarge { .. })
    ));
}

#[test]
fn bodies_are_text_or_base64_and_bad_base64_is_named() {
    let har = |content: &str| {
        let text = format!(
            r#"{{"log": {{"entries": [{{"request": {{"method": "GET", "url": "/"}},
               "response": {{"status": 400, "content": {content}}}}}]}}}}"#
        );
        parse(Path::new("t.har"), text.as_bytes()).expect("HAR")
    };
    let body = |content: &str| match har(content)[0].response.content.body() {
        Ok(Recorded::Bytes(bytes)) => Ok(Some(bytes)),
        Ok(Recorded::Missing) => Ok(None),
        Err(error) => Err(error),
    };
    assert_eq!(body(r#"{"text": "{}"}"#), Ok(Some(b"{}".to_vec())));
    assert_eq!(
        body(r#"{"text": "e30\n=", "encoding": "BASE64"}"#),
        Ok(Some(b"{}".to_vec()))
    );
    assert_eq!(body(r#"{"size": 12}"#), Ok(None));
    assert_eq!(body(r#"{"size": -1}"#), Ok(Some(Vec::new())));
    assert!(
        body(r#"{"text": "%%%", "encoding": "base64"}"#)
            .unwrap_err()
            .starts_with("content.text is not valid base64")
    );
}
