//! The OpenAPI documents: every example valid against its schema under JSON Schema 2020-12
//! (boon), the code enums equal to the specs' codes and open, and each status's headers
//! attached. That they are valid OpenAPI 3.1 for a real validator is a `tools` test
//! (`openapi_validator`), since it needs `openapi-spec-validator`.

use crate::common::{apis, every_api};
use errspec_codegen::__internals::openapi;
use serde_json::Value;

/// The named examples of every response: `(response, media type, name, value)`.
fn examples(doc: &Value) -> Vec<(String, String, String, Value)> {
    let mut out = Vec::new();
    let responses = doc["components"]["responses"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (key, response) in responses {
        for (media, content) in response["content"].as_object().expect("content") {
            for (name, example) in content["examples"].as_object().cloned().unwrap_or_default() {
                out.push((key.clone(), media.clone(), name, example["value"].clone()));
            }
        }
    }
    out
}

#[test]
fn every_example_satisfies_its_schema_under_json_schema_2020_12() {
    for api in every_api() {
        let doc = openapi::value(&api);
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V2020_12);
        let url = format!("https://errspec.test/{}.json", api.id);
        compiler
            .add_resource(&url, doc.clone())
            .expect("the document loads");
        let mut schemas = boon::Schemas::new();
        let body = api.body.is_some().then(|| {
            compiler
                .compile(
                    &format!("{url}#/components/schemas/ErrorBody"),
                    &mut schemas,
                )
                .expect("ErrorBody compiles")
        });
        let problem = compiler
            .compile(&format!("{url}#/components/schemas/Problem"), &mut schemas)
            .expect("Problem compiles");
        let found = examples(&doc);
        let has_errors = api.statuses.iter().any(|s| s.key.code() >= 400);
        assert_eq!(!found.is_empty(), has_errors, "{}: examples", api.id);
        for (response, media, name, value) in found {
            let schema = if media == "application/problem+json" {
                problem
            } else {
                body.expect("a body")
            };
            if let Err(e) = schemas.validate(&value, schema) {
                panic!(
                    "{}: response {response}, {media} example {name} fails its schema: {e}\n{value}",
                    api.id
                );
            }
        }
        // A body with a wrong type is refused, so the check above has teeth.
        if let Some(body) = body
            && let Some(status_field) = api
                .body
                .as_ref()
                .and_then(|b| b.fields.iter().find(|f| f.role.as_str() == "status"))
        {
            let bad = serde_json::json!({ status_field.wire.clone(): "not a number" });
            let bad = match &api.body.as_ref().and_then(|b| b.envelope.clone()) {
                Some(envelope) => serde_json::json!({ envelope.clone(): bad }),
                None => bad,
            };
            assert!(
                schemas.validate(&bad, body).is_err(),
                "{}: {bad} passed",
                api.id
            );
        }
    }
}

#[test]
fn the_code_enum_is_the_specs_codes_and_open() {
    for api in every_api() {
        let doc = openapi::value(&api);
        let codes = &doc["components"]["schemas"]["ErrorCode"];
        let listed: Vec<&str> = codes["x-extensible-enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let spec: Vec<&str> = api.errors.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(listed, spec, "{}", api.id);
        assert!(
            codes.get("enum").is_none(),
            "{}: a closed enum would refuse new codes",
            api.id
        );
        assert_eq!(codes["type"], "string");
        assert!(
            codes["description"]
                .as_str()
                .unwrap()
                .contains("a client must accept it")
        );
        let names: Vec<&str> = codes["x-enum-varnames"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            api.errors
                .iter()
                .map(|e| e.rust_name.as_str())
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn responses_hold_every_error_status_with_a_named_example_per_code() {
    let all = apis("spec");
    let centrapay = all.iter().find(|a| a.id == "centrapay").unwrap();
    let doc = openapi::value(centrapay);
    let responses = doc["components"]["responses"].as_object().unwrap();
    assert_eq!(
        responses.keys().collect::<Vec<_>>(),
        ["400", "401", "403", "404", "429", "5XX"]
    );
    let r429 = &responses["429"];
    assert_eq!(
        r429["content"]["application/json"]["examples"]["RATE_LIMIT_EXCEEDED"]["value"],
        serde_json::json!({"statusCode": 429, "error": "Too Many Requests", "message": "RATE_LIMIT_EXCEEDED"})
    );
    assert_eq!(
        r429["content"]["application/problem+json"]["examples"]["RATE_LIMIT_EXCEEDED"]["value"]["code"],
        "RATE_LIMIT_EXCEEDED"
    );
    assert_eq!(
        r429["headers"]["Retry-After"]["$ref"],
        "#/components/headers/Retry-After"
    );
    assert!(responses["400"].get("headers").is_none());
    // Funder offers: its limits come with 429, and its headers with every response.
    let funder = all.iter().find(|a| a.id == "funder_offers").unwrap();
    let doc = openapi::value(funder);
    let r429 = &doc["components"]["responses"]["429"];
    assert!(
        r429["description"]
            .as_str()
            .unwrap()
            .contains("`per_minute`: 60 requests per 1 minute per API key")
    );
    assert_eq!(
        r429["headers"]["X-RateLimit-Reset"]["$ref"],
        "#/components/headers/X-RateLimit-Reset"
    );
    assert!(doc["components"]["responses"]["400"]["headers"]["X-RateLimit-Limit"].is_object());
    assert_eq!(
        doc["components"]["headers"]["RateLimit-Policy"]["example"],
        r#""per_minute";q=60;w=60, "per_second";q=5;w=1"#
    );
    assert_eq!(
        doc["components"]["headers"]["X-RateLimit-Reset"]["schema"]["type"],
        "integer"
    );
    // MugglePay writes the status as a string.
    let muggle = all.iter().find(|a| a.id == "mugglepay").unwrap();
    let doc = openapi::value(muggle);
    assert_eq!(
        doc["components"]["schemas"]["ErrorBody"]["properties"]["status"]["type"],
        "string"
    );
    let fields: Vec<&String> = doc["components"]["schemas"]["ErrorBody"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        fields,
        ["error", "error_code", "status"],
        "fields in wire order"
    );
}

#[test]
fn hostile_text_stays_text() {
    let hostile = apis("tests/hostile");
    let api = hostile.iter().find(|a| a.id == "hostile_api").unwrap();
    let text = openapi::document(api);
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    assert!(
        doc["info"]["title"]
            .as_str()
            .unwrap()
            .starts_with(&api.name)
    );
    let listed = &doc["components"]["schemas"]["ErrorCode"]["x-extensible-enum"];
    assert!(listed.as_array().unwrap().iter().any(|c| c == "<script>"));
    assert!(listed.as_array().unwrap().iter().any(|c| c == "{{ code }}"));
}

#[test]
fn the_descriptions_example_reference_names_a_component_of_its_own_document() {
    for api in every_api() {
        let doc = openapi::value(&api);
        let description = doc["info"]["description"].as_str().expect("a description");
        let prefix = format!("`$ref: '{}.json#", api.id);
        let start = description.find(&prefix).expect("an example reference") + prefix.len();
        let pointer = &description[start..start + description[start..].find('\'').unwrap()];
        assert!(
            doc.pointer(pointer).is_some(),
            "{}: the description names {pointer}, which the document lacks",
            api.id
        );
    }
    // The seeds without a 429 name their first error response; the others their 429.
    let all = apis("spec");
    for (id, response) in [
        ("mugglepay", "400"),
        ("muse_finance", "400"),
        ("centrapay", "429"),
        ("funder_offers", "429"),
    ] {
        let api = all.iter().find(|a| a.id == id).unwrap();
        let doc = openapi::value(api);
        let description = doc["info"]["description"].as_str().unwrap();
        assert!(
            description.contains(&format!(
                "`$ref: '{id}.json#/components/responses/{response}'`"
            )),
            "{id}: {description}"
        );
    }
}
