//! utoipa: every seed catalog's `ErrorCode` responses and schemas match what
//! `cargo errspec generate` writes in `generated/openapi/<id>.json`, and an axum app's
//! `#[derive(OpenApi)]` document lists the errors its handlers return (as JSON and as
//! problem+json), with examples that read as their schemas say and that the running app sends. (openapi-spec-validator checks the same
//! document in the `tools` tests.)

use crate::http_support::{client, serve};
use crate::utoipa_app::{create_offer, document, update_offer};
use axum::Router;
use axum::routing::{post, put};
use errspec::WireCode;
use serde_json::Value;
use utoipa::{IntoResponses, PartialSchema};

/// The app the document describes.
fn app() -> Router {
    Router::new()
        .route("/offers/{id}", put(update_offer))
        .route("/offers", post(create_offer))
        .fallback(errspec::axum::fallback::<errspec::funder_offers::Api>)
}

/// The OpenAPI document `cargo errspec generate` wrote for `id`.
fn generated(id: &str) -> Value {
    let path = format!("{}/generated/openapi/{id}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("the document is JSON")
}

/// The keys of `value`, an object (none for anything else).
fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Whether every field of `part` is in `whole` with the same value.
fn within(part: &Value, whole: &Value) -> bool {
    part.as_object()
        .is_some_and(|p| p.iter().all(|(k, v)| whole.get(k) == Some(v)))
}

/// `responses` (utoipa's, as JSON) against the generated document's `components/responses`:
/// the same statuses, each with the description's first sentence, the body schema, the headers
/// and examples named alike; each example's fields are the generated one's (which may add
/// details the spec shows).
fn same_as_generated(responses: &Value, id: &str, only: Option<&[&str]>) {
    let doc = generated(id);
    let expected = &doc["components"]["responses"];
    let mut statuses = keys(expected);
    if let Some(only) = only {
        statuses.retain(|s| only.contains(s));
    }
    let mut found = keys(responses);
    found.sort_unstable();
    statuses.sort_unstable();
    assert_eq!(found, statuses, "{id}: statuses");
    for status in statuses {
        let (ours, theirs) = (&responses[status], &expected[status]);
        let title = ours["description"].as_str().unwrap();
        assert!(
            theirs["description"].as_str().unwrap().starts_with(title),
            "{id} {status}: {title} / {}",
            theirs["description"]
        );
        assert_eq!(
            keys(&ours["headers"]),
            keys(&theirs["headers"]),
            "{id} {status}"
        );
        // The problem+json forms, which errspec builds the same way on both sides.
        let problems = (
            &ours["content"]["application/problem+json"],
            &theirs["content"]["application/problem+json"],
        );
        assert_eq!(problems.0["schema"], problems.1["schema"], "{id} {status}");
        for name in keys(&problems.0["examples"]) {
            assert_eq!(
                problems.0["examples"][name]["value"], problems.1["examples"][name]["value"],
                "{id} {status} {name}"
            );
        }
        let (ours, theirs) = (
            &ours["content"]["application/json"],
            &theirs["content"]["application/json"],
        );
        assert_eq!(ours["schema"], theirs["schema"], "{id} {status}");
        if theirs.is_null() {
            // An API that documents no JSON body: no content, in either.
            assert!(ours.is_null(), "{id} {status}");
            continue;
        }
        let names = keys(&ours["examples"]);
        assert!(!names.is_empty(), "{id} {status}");
        for name in names {
            let value = &ours["examples"][name]["value"];
            let generated = &theirs["examples"][name];
            let summary = ours["examples"][name]["summary"].as_str().unwrap();
            let shown = generated["summary"].as_str().unwrap_or_default();
            if name.starts_with("status-") {
                // The spec's own example of a status, where it shows one, is not the runtime's.
                assert!(shown.starts_with(summary), "{id} {status} {name}: {shown}");
            } else {
                assert_eq!(summary, shown, "{id} {status} {name}");
                assert!(
                    within(value, &generated["value"]),
                    "{id} {status} {name}: {value}"
                );
            }
        }
    }
}

macro_rules! responses_match {
    ($($test:ident: $api:ident),* $(,)?) => {$(
        #[test]
        fn $test() {
            use errspec::$api::{ErrorBody, ErrorCode};
            let responses = serde_json::to_value(ErrorCode::responses()).unwrap();
            same_as_generated(&responses, stringify!($api), None);
            let doc = generated(stringify!($api));
            let schemas = &doc["components"]["schemas"];
            let code = serde_json::to_value(ErrorCode::schema()).unwrap();
            assert_eq!(code["x-extensible-enum"], schemas["ErrorCode"]["x-extensible-enum"]);
            assert_eq!(code["x-enum-descriptions"], schemas["ErrorCode"]["x-enum-descriptions"]);
            let body = serde_json::to_value(ErrorBody::schema()).unwrap();
            let theirs = &schemas["ErrorBody"];
            // utoipa sorts properties by name; the generated document keeps wire order.
            let (mut ours, mut wire) = (keys(&body["properties"]), keys(&theirs["properties"]));
            ours.sort_unstable();
            wire.sort_unstable();
            assert_eq!(ours, wire);
            for (name, field) in body["properties"].as_object().into_iter().flatten() {
                if field.get("$ref").is_some() {
                    assert_eq!(field["$ref"], theirs["properties"][name]["$ref"], "{name}");
                }
            }
        }
    )*};
}

responses_match! {
    funder_offers_responses_match_the_generated_document: funder_offers,
    mugglepay_responses_match_the_generated_document: mugglepay,
    centrapay_responses_match_the_generated_document: centrapay,
    muse_finance_responses_match_the_generated_document: muse_finance,
}

/// The responses of `method` on `path` in the app's document.
fn operation_responses<'a>(doc: &'a Value, path: &str, method: &str) -> &'a Value {
    &doc["paths"][path][method]["responses"]
}

#[test]
fn the_apps_document_lists_each_handlers_errors() {
    let doc = document();
    let mut all = operation_responses(&doc, "/offers/{id}", "put").clone();
    assert_eq!(
        all["200"]["content"]["text/plain"]["schema"]["type"],
        "string"
    );
    all.as_object_mut().unwrap().remove("200");
    same_as_generated(&all, "funder_offers", None);
    let mut some = operation_responses(&doc, "/offers", "post").clone();
    some.as_object_mut().unwrap().remove("201");
    same_as_generated(&some, "funder_offers", Some(&["400", "401"]));
    assert_eq!(
        keys(&some["401"]["content"]["application/json"]["examples"]),
        ["SIGNATURE_INVALID"]
    );
    let schemas = &doc["components"]["schemas"];
    // Listing `ErrorBody` brings the schemas it and the responses refer to.
    assert_eq!(keys(schemas), ["ErrorBody", "ErrorCode", "Problem"]);
    let generated = generated("funder_offers");
    let problem = &generated["components"]["schemas"]["Problem"];
    assert_eq!(schemas["Problem"]["properties"], problem["properties"]);
}

/// Every example of the document reads as its schema says: an `ErrorBody` that writes back as
/// the same JSON, with only the schema's properties, and a code the code schema lists.
#[test]
fn the_apps_examples_read_as_their_schemas() {
    let doc = document();
    let body = &doc["components"]["schemas"]["ErrorBody"];
    let codes = &doc["components"]["schemas"]["ErrorCode"]["x-extensible-enum"];
    let mut seen = 0;
    for operation in doc["paths"].as_object().unwrap().values() {
        for (status, response) in operation
            .as_object()
            .unwrap()
            .values()
            .flat_map(|o| o["responses"].as_object().unwrap().iter())
        {
            let examples = &response["content"]["application/json"]["examples"];
            for (name, example) in examples.as_object().into_iter().flatten() {
                let value = &example["value"];
                let read: errspec::funder_offers::ErrorBody =
                    serde_json::from_value(value.clone()).expect("an ErrorBody");
                assert_eq!(
                    &serde_json::to_value(read).unwrap(),
                    value,
                    "{status} {name}"
                );
                for field in keys(value) {
                    assert!(
                        body["properties"].get(field).is_some(),
                        "{status} {name}: {field}"
                    );
                }
                if let Some(code) = value.get("error") {
                    assert!(codes.as_array().unwrap().contains(code), "{code}");
                }
                seen += 1;
            }
        }
    }
    // 7 statuses of the PUT, 2 of the POST: 9 responses, 10 examples (401 has 2 in the PUT).
    assert_eq!(seen, 10);
}

/// The running app sends, for each handler's error, the body its document shows.
#[tokio::test]
async fn the_app_sends_what_its_document_shows() {
    let doc = document();
    let addr = serve(app()).await;
    for (method, path, url, code) in [
        (
            "put",
            "/offers/{id}",
            "/offers/7",
            errspec::funder_offers::ErrorCode::VersionConflict,
        ),
        (
            "post",
            "/offers",
            "/offers",
            errspec::funder_offers::ErrorCode::ValidationFailed,
        ),
    ] {
        let request = match method {
            "put" => client().put(format!("http://{addr}{url}")),
            _ => client().post(format!("http://{addr}{url}")),
        };
        let response = request.send().await.expect("response");
        let status = response.status().as_u16().to_string();
        let body: Value = response.json().await.expect("JSON");
        let shown = &operation_responses(&doc, path, method)[&status]["content"]["application/json"]
            ["examples"][code.as_wire()]["value"];
        assert_eq!(&body, shown, "{method} {path}");
        assert_eq!(status, code.status().code().to_string());
    }
}
