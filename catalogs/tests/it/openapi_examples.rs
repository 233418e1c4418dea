//! The examples of the published OpenAPI documents read into the generated bodies and back.

use crate::round_trip;
use errspec_catalogs::{google_rpc, stripe};
use serde_json::Value;

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
