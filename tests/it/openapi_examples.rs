//! Every JSON example of the published OpenAPI documents (`generated/openapi/<id>.json`) reads
//! into the generated `ErrorBody` and writes back as the same JSON: the documents show bodies
//! the Rust types agree with.

use serde_json::Value;

/// The `application/json` examples of every response of the document of `id`.
fn examples(id: &str) -> Vec<(String, Value)> {
    let path = format!("{}/generated/openapi/{id}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).expect("the document is JSON");
    let mut out = Vec::new();
    for (key, response) in doc["components"]["responses"]
        .as_object()
        .expect("responses")
    {
        let examples = &response["content"]["application/json"]["examples"];
        for (name, example) in examples.as_object().into_iter().flatten() {
            out.push((format!("{key} {name}"), example["value"].clone()));
        }
    }
    out
}

macro_rules! round_trips {
    ($($test:ident: $api:ident),* $(,)?) => {$(
        #[test]
        fn $test() {
            let found = examples(stringify!($api));
            assert!(!found.is_empty());
            for (name, value) in found {
                let body: errspec::$api::ErrorBody = serde_json::from_value(value.clone())
                    .unwrap_or_else(|e| panic!("{name}: {e}\n{value}"));
                assert_eq!(serde_json::to_value(&body).unwrap(), value, "{name}");
            }
        }
    )*};
}

round_trips! {
    centrapay_examples_round_trip: centrapay,
    funder_offers_examples_round_trip: funder_offers,
    mugglepay_examples_round_trip: mugglepay,
}
