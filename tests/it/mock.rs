//! The mock of funder_offers: answers on request (`Prefer`), problem+json on `Accept`, the
//! nearest documented names for an unknown one, the spec's rate limits per key, and scripts
//! followed exactly by a reqwest client and by errspec's own retry loop. Every documented
//! answer passes the conformance layer.

use crate::http_support::{client, serve};
use axum::http::Request;
use errspec::conformance::ConformanceLayer;
use errspec::funder_offers::Api;
use errspec::mock::{Mock, Step};
use errspec::reqwest::Retrying;
use serde_json::{Value, json};
use std::time::Duration;
use tower::ServiceExt as _;

/// Calls the mock in process with `headers`; status, content type and JSON body.
async fn call(app: &axum::Router, path: &str, headers: &[(&str, &str)]) -> (u16, String, Value) {
    let mut request = Request::get(path).header("x-api-key", format!("key{path}{headers:?}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(axum::body::Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    (status, content_type, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn it_answers_what_the_request_prefers_as_documented() {
    let conformance = ConformanceLayer::<Api>::new();
    let app = Mock::<Api>::new().into_router().layer(conformance.clone());
    let json_type = "application/json".to_owned();
    assert_eq!(
        call(&app, "/any/path", &[]).await,
        (200, json_type.clone(), json!({}))
    );
    assert_eq!(
        call(&app, "/offers/1", &[("prefer", "code=VERSION_CONFLICT")]).await,
        (
            409,
            json_type.clone(),
            json!({"error": "VERSION_CONFLICT", "message": "Another update happened between your read and write."})
        )
    );
    assert_eq!(
        call(
            &app,
            "/offers/1",
            &[("prefer", "respond-async, status=404")]
        )
        .await,
        (404, json_type, json!({"message": "Not Found"}))
    );
    let (status, content_type, problem) = call(
        &app,
        "/offers/1",
        &[
            ("prefer", "code=VERSION_CONFLICT"),
            ("accept", "application/problem+json"),
        ],
    )
    .await;
    assert_eq!(
        (status, content_type.as_str()),
        (409, "application/problem+json")
    );
    assert_eq!(problem["code"], "VERSION_CONFLICT");
    conformance.assert_conforms();
}

#[tokio::test]
async fn an_unknown_code_or_status_names_the_nearest() {
    let app = Mock::<Api>::new().into_router();
    let (status, content_type, problem) =
        call(&app, "/", &[("prefer", "code=VERSION_CONFLCT")]).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "application/problem+json")
    );
    assert_eq!(problem["nearest"][0], "VERSION_CONFLICT");
    assert!(problem["detail"].as_str().unwrap().starts_with(
        "`VERSION_CONFLCT` is not a documented code of this API; the nearest: VERSION_CONFLICT"
    ));
    let (status, _, problem) = call(&app, "/", &[("prefer", "status=418")]).await;
    assert_eq!(status, 400);
    assert_eq!(problem["nearest"], json!(["409", "429", "404"]));
    let (status, _, problem) = call(&app, "/", &[("prefer", "status=teapot")]).await;
    assert_eq!(status, 400);
    assert_eq!(
        problem["detail"],
        "`status=teapot` is not a documented preference of this API"
    );
}

#[tokio::test]
async fn rate_limits_are_counted_per_key_as_the_spec_says() {
    let addr = serve(Mock::<Api>::new().into_router()).await;
    let client = client();
    let get = |key: &'static str| {
        client
            .get(format!("http://{addr}/offers"))
            .header("x-api-key", key)
            .send()
    };
    // 5 a second and 60 a minute: the 61st request within a minute is refused at the latest.
    let mut admitted = 0;
    let refusal = loop {
        let response = get("busy").await.unwrap();
        if response.status() == 429 {
            break response;
        }
        assert_eq!(response.headers()["x-ratelimit-limit"], "5");
        admitted += 1;
        assert!(admitted <= 60, "more than the spec's 60 a minute admitted");
    };
    assert!(admitted >= 5, "refused within the first 5 requests");
    assert_eq!(refusal.headers()["x-ratelimit-remaining"], "0");
    assert!(refusal.headers().contains_key("retry-after"));
    assert_eq!(
        refusal.json::<Value>().await.unwrap(),
        json!({"message": "Rate Limited"})
    );
    // Another key has its own budget.
    assert_eq!(get("idle").await.unwrap().status(), 200);
}

#[tokio::test]
async fn the_retry_loop_follows_a_script_exactly() {
    let mock = Mock::<Api>::new()
        .script(
            "GET",
            "/offers/1",
            [Step::Status(503), Step::Status(503), Step::Ok],
        )
        .script("GET", "/offers/1", [Step::Code("VERSION_CONFLICT".into())])
        .script("get", "/offers/2", [Step::Status(429), Step::Ok]);
    let addr = serve(mock.into_router()).await;
    let client = client();
    let retrying = Retrying {
        base: Duration::from_millis(10),
        ..Retrying::default()
    };
    let get = |path: &'static str| {
        let client = client.clone();
        move || {
            client
                .get(format!("http://{addr}{path}"))
                .header("x-api-key", path)
        }
    };
    // 503, 503, then 200: the third attempt succeeds.
    let response = retrying.send::<Api>(get("/offers/1")).await.unwrap();
    assert_eq!(response.status(), 200);
    // Exactly three were used: the next answer is the script's fourth step, which the spec
    // says to retry only after a re-read, so the loop gives up at once.
    let error = retrying.send::<Api>(get("/offers/1")).await.unwrap_err();
    assert!(error.to_string().contains("VERSION_CONFLICT"), "{error}");
    // A 429 is retried once its window resets, then the script's 200 comes.
    let response = retrying.send::<Api>(get("/offers/2")).await.unwrap();
    assert_eq!(response.status(), 200);
    // Scripts used up, the mock answers by default.
    let after = client
        .get(format!("http://{addr}/offers/1"))
        .header("x-api-key", "another")
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 200);
}

#[tokio::test]
async fn a_scenario_file_scripts_the_answers() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let text = r#"{"get /offers/1": [500, 201], "POST /offers": ["VALIDATION_FAILED"]}"#;
    std::fs::write(file.path(), text).unwrap();
    let app = Mock::<Api>::new()
        .scenario_file(file.path())
        .unwrap()
        .into_router();
    let (status, _, body) = call(&app, "/offers/1", &[]).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (500, Some("Internal Error"))
    );
    assert_eq!(call(&app, "/offers/1", &[]).await.0, 201);
    assert_eq!(call(&app, "/offers/1", &[]).await.0, 200);
}

#[test]
fn a_scenario_that_is_wrong_is_refused_at_its_place() {
    let error = |text: &str| Mock::<Api>::new().scenario(text).unwrap_err().to_string();
    assert_eq!(
        error("{\n  \"GET /offers\": [503,\n    \"VERSION_CONFLCT\"]}"),
        "3:21: error: `VERSION_CONFLCT` is not a documented code of Funder Offers; \
         the nearest: VERSION_CONFLICT, VALIDATION_FAILED, SIGNATURE_INVALID"
    );
    assert_eq!(
        error(r#"{"/offers": [503]}"#),
        "1:10: error: `/offers` is not a method and a path, such as \"GET /offers/1\""
    );
    assert_eq!(
        error(r#"{"GET /": [5030]}"#),
        "1:15: error: 5030 is not an HTTP status (100 to 599)"
    );
    assert_eq!(
        error(r#"{"GET /": 503}"#),
        "1:13: error: invalid type: integer `503`, expected a list of steps, such as [503, 503, 200]"
    );
    let missing = Mock::<Api>::new()
        .scenario_file("/no/such/scenario.json")
        .unwrap_err();
    assert!(
        missing
            .to_string()
            .starts_with("/no/such/scenario.json: error: cannot read: ")
    );
}
