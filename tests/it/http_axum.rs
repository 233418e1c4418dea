//! axum over loopback, called with reqwest: handlers that return codes, statuses and replies
//! send the documented responses; axum's own errors (unknown routes, wrong methods, rejected
//! JSON, panics) come in the catalog's words; `Accept` picks problem+json.

use crate::http_support::{client, serve};
use axum::routing::{get, post};
use axum::{Json, Router};
use errspec::axum::{CatalogLayer, fallback};
use errspec::client::ErrorResponse;
use errspec::{centrapay, funder_offers};
use serde_json::{Value, json};

fn funder_app() -> Router {
    Router::new()
        .route(
            "/offers/{id}",
            get(|| async { Err::<&str, _>(funder_offers::ErrorCode::VersionConflict) }),
        )
        .route(
            "/offers",
            post(|Json(offer): Json<Value>| async move { Json(offer) }),
        )
        .route(
            "/deals/{id}",
            get(|axum::extract::Path(id): axum::extract::Path<u32>| async move { id.to_string() }),
        )
        .route(
            "/forbidden",
            get(|| async { funder_offers::Status::Forbidden }),
        )
        .route(
            "/boom",
            get(|| async {
                if true {
                    panic!("a bug in a handler");
                }
                "unreachable"
            }),
        )
        .fallback(fallback::<funder_offers::Api>)
        .layer(CatalogLayer::<funder_offers::Api>::new())
}

/// Sends `request`; its status, headers and JSON body.
async fn call(request: reqwest::RequestBuilder) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = request.send().await.expect("response");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.expect("a JSON body");
    (status, headers, body)
}

async fn get_json(url: String, accept: Option<&str>) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut request = client().get(url);
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    call(request).await
}

#[tokio::test]
async fn handlers_return_codes_and_statuses_and_clients_read_them_back() {
    let addr = serve(funder_app()).await;
    let response = client()
        .get(format!("http://{addr}/offers/42"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    assert_eq!(response.headers()["content-type"], "application/json");
    let error = ErrorResponse::<funder_offers::Api>::from_reqwest(response).await;
    assert_eq!(
        error.known_code(),
        Some(funder_offers::ErrorCode::VersionConflict)
    );
    assert_eq!(
        error.message(),
        Some("Another update happened between your read and write.")
    );
    let (status, _, body) = get_json(format!("http://{addr}/forbidden"), None).await;
    assert_eq!(status, 403);
    assert_eq!(body, json!({"message": "Forbidden"}));
}

#[tokio::test]
async fn problem_json_when_the_client_prefers_it() {
    let addr = serve(funder_app()).await;
    let url = format!("http://{addr}/offers/42");
    let (status, headers, body) = get_json(url.clone(), Some("application/problem+json")).await;
    assert_eq!(status, 409);
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(
        body,
        json!({
            "type": "about:blank",
            "title": "Conflict",
            "status": 409,
            "detail": "Another update happened between your read and write.",
            "code": "VERSION_CONFLICT"
        })
    );
    let (_, headers, _) = get_json(url, Some("application/json, */*;q=0.1")).await;
    assert_eq!(headers["content-type"], "application/json");
}

#[tokio::test]
async fn malformed_json_is_the_documented_validation_failure_with_details() {
    let addr = serve(funder_app()).await;
    let (status, _, body) = call(
        client()
            .post(format!("http://{addr}/offers"))
            .header("content-type", "application/json")
            .body("{\"buy_rate\": "),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "VALIDATION_FAILED");
    assert_eq!(body["message"], "Offer payload failed validation");
    let detail = body["details"][0].as_str().unwrap();
    assert!(
        detail.starts_with("Failed to parse the request body as JSON"),
        "{detail}"
    );
    // A path parameter that is not a number: axum's 400, in the catalog's words.
    let (status, _, body) = get_json(format!("http://{addr}/deals/abc"), None).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "VALIDATION_FAILED");
    let detail = body["details"][0].as_str().unwrap();
    assert!(detail.starts_with("Invalid URL"), "{detail}");
    // Without a JSON content type axum answers 415, which the API does not document: its 400.
    let (status, _, body) = call(client().post(format!("http://{addr}/offers")).body("{}")).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "VALIDATION_FAILED");
}

#[tokio::test]
async fn wrong_methods_keep_allow_and_panics_get_the_documented_500() {
    let addr = serve(funder_app()).await;
    let (status, headers, body) = call(client().delete(format!("http://{addr}/offers/42"))).await;
    assert_eq!(status, 405);
    assert_eq!(headers["allow"], "GET,HEAD");
    assert_eq!(
        headers["content-type"], "application/problem+json",
        "the API documents no 405"
    );
    assert_eq!(
        body,
        json!({"type": "about:blank", "title": "Method Not Allowed", "status": 405})
    );
    let (status, _, body) = get_json(format!("http://{addr}/boom"), None).await;
    assert_eq!(status, 500);
    assert_eq!(body, json!({"message": "Internal Error"}));
    // The server survived the panic.
    let (status, _, _) = get_json(format!("http://{addr}/offers/1"), None).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn unknown_routes_get_centrapays_route_not_found_body() {
    let app = Router::new()
        .route("/", get(|| async { "ok" }))
        .fallback(fallback::<centrapay::Api>)
        .layer(CatalogLayer::<centrapay::Api>::new());
    let addr = serve(app).await;
    let (status, headers, body) = get_json(format!("http://{addr}/no/such/route"), None).await;
    assert_eq!(status, 404);
    assert_eq!(headers["content-type"], "application/json");
    // Centrapay's documented 404 body, as its page shows it.
    assert_eq!(
        body,
        json!({"statusCode": 404, "error": "Not Found", "message": "Not Found"})
    );
    // A handler's own JSON error is left as it is.
    let app = Router::new()
        .route(
            "/",
            get(|| async {
                (
                    axum::http::StatusCode::BAD_REQUEST,
                    Json(json!({"mine": true})),
                )
            }),
        )
        .layer(CatalogLayer::<centrapay::Api>::new());
    let addr = serve(app).await;
    let (status, _, body) = get_json(format!("http://{addr}/"), None).await;
    assert_eq!((status, body), (400, json!({"mine": true})));
}
