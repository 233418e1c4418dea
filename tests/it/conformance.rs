//! The conformance layer over a deliberately drifting axum app: each drift is caught once, by
//! its rule, with the request named; documented answers (the body, problem+json, the
//! rate-limit layer's own refusal) pass; and the client receives exactly what the app sent.

use crate::http_support::{client, serve};
use axum::Router;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use errspec::conformance::{ConformanceLayer, Rule};
use errspec::funder_offers::{Api, ErrorCode};
use errspec::ratelimit::{RateLimitLayer, header};
use errspec::server::Reply;
use tower::ServiceExt as _;

const CONFLICT_BODY: &str = r#"{"error":"VERSION_CONFLICT","message":"Another update happened between your read and write."}"#;

/// Routes behind funder_offers' rate-limit layer (whose headers come on every response), plus
/// `/bare` outside it; the whole app checked by `conformance`.
fn app(conformance: &ConformanceLayer<Api>) -> Router {
    let json = |status: StatusCode, body: &'static str| {
        move || async move { (status, [(CONTENT_TYPE, "application/json")], body) }
    };
    let limited = Router::new()
        // Documented: the code's body, its problem form, a status without a code.
        .route(
            "/documented",
            get(|| async { Err::<(), _>(ErrorCode::VersionConflict) }),
        )
        .route(
            "/problem",
            get(|| async { Reply::from_code(ErrorCode::VersionConflict).into_problem() }),
        )
        .route("/ok", get(|| async { "{}" }))
        // Drifts, one rule each.
        .route(
            "/teapot",
            get(json(
                StatusCode::IM_A_TEAPOT,
                r#"{"message":"short and stout"}"#,
            )),
        )
        .route("/oops", get(json(StatusCode::BAD_REQUEST, "oops")))
        .route(
            "/renamed",
            get(json(
                StatusCode::CONFLICT,
                r#"{"error":"EDIT_CONFLICT","message":"Edited."}"#,
            )),
        )
        .route(
            "/misfiled",
            get(json(
                StatusCode::NOT_FOUND,
                r#"{"error":"VERSION_CONFLICT"}"#,
            )),
        )
        .route(
            "/plain",
            get(|| async {
                (
                    StatusCode::CONFLICT,
                    [(CONTENT_TYPE, "text/plain")],
                    CONFLICT_BODY,
                )
            }),
        )
        .layer(RateLimitLayer::<Api, _>::new(header(
            "x-api-key".parse().unwrap(),
        )));
    Router::new()
        .route("/bare", get(|| async { "ok" }))
        .merge(limited)
        .layer(conformance.clone())
}

/// Calls `path` of `app` in process with its own API key; the status and body bytes.
async fn call(app: &Router, path: &str) -> (u16, Vec<u8>) {
    let request = Request::get(path)
        .header("x-api-key", format!("key{path}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, body.to_vec())
}

#[tokio::test]
async fn documented_answers_conform() {
    let conformance = ConformanceLayer::<Api>::new();
    let app = app(&conformance);
    for path in ["/documented", "/problem", "/ok"] {
        call(&app, path).await;
    }
    conformance.assert_conforms();
}

#[tokio::test]
async fn the_rate_limit_refusal_conforms() {
    let conformance = ConformanceLayer::<Api>::new();
    let app = app(&conformance);
    // funder_offers allows 60 requests per minute per key: the 61st call within a minute is
    // refused at the latest, however slow the machine.
    let mut refused = false;
    for _ in 0..61 {
        if call(&app, "/ok").await.0 == 429 {
            refused = true;
            break;
        }
    }
    assert!(refused, "the rate-limit layer refused no call");
    conformance.assert_conforms();
}

#[tokio::test]
async fn each_drift_is_caught_once_by_its_rule() {
    let conformance = ConformanceLayer::<Api>::new();
    let app = app(&conformance);
    let drifts = [
        ("/teapot", Rule::StatusUndocumented),
        ("/oops", Rule::BodyUnreadable),
        ("/renamed", Rule::CodeUnknown),
        ("/misfiled", Rule::CodeStatusMismatch),
        ("/bare", Rule::HeaderMissing),
        ("/plain", Rule::ContentType),
    ];
    for (path, _) in drifts {
        call(&app, path).await;
    }
    let found = conformance.violations();
    let seen: Vec<(&str, Rule)> = found.iter().map(|v| (v.target.as_str(), v.rule)).collect();
    assert_eq!(seen, drifts);
    assert!(found.iter().all(|v| v.method == "GET"));
    assert_eq!(
        found[3].message,
        "code `VERSION_CONFLICT` sent with 404; the spec documents it with 409"
    );
    assert_eq!(
        found[4].message,
        "200 response without `X-RateLimit-Limit`, `X-RateLimit-Remaining`, \
         `X-RateLimit-Reset`; the spec sends them with every response"
    );
    // The failure message of a test lists each violation with its request and rule.
    let report = conformance.verdict().unwrap_err().to_string();
    assert!(
        report.starts_with("6 responses broke the spec:"),
        "{report}"
    );
    assert!(report.contains("\n  GET /plain: content-type: 409 error body sent as `text/plain`"));
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        conformance.assert_conforms()
    }))
    .unwrap_err();
    assert_eq!(panic.downcast_ref::<String>(), Some(&report));
}

#[tokio::test]
async fn a_body_over_the_limit_is_unreadable_and_passed_on_whole() {
    let conformance = ConformanceLayer::<Api>::new().with_body_limit(16);
    let app = app(&conformance);
    let (status, body) = call(&app, "/plain").await;
    assert_eq!((status, body.as_slice()), (409, CONFLICT_BODY.as_bytes()));
    let rules: Vec<Rule> = conformance.violations().iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::BodyUnreadable, Rule::ContentType]);
}

#[tokio::test]
async fn over_loopback_the_client_receives_what_the_app_sent() {
    let conformance = ConformanceLayer::<Api>::new();
    let addr = serve(app(&conformance)).await;
    for (path, status, body) in [
        ("/plain", 409, CONFLICT_BODY),
        ("/oops", 400, "oops"),
        ("/documented", 409, CONFLICT_BODY),
    ] {
        let response = client()
            .get(format!("http://{addr}{path}"))
            .header("x-api-key", path)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status);
        assert_eq!(response.text().await.unwrap(), body);
    }
    assert_eq!(conformance.violations().len(), 2);
}

#[tokio::test]
async fn reporting_hands_each_violation_over_and_keeps_none() {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&seen);
    let conformance = ConformanceLayer::<Api>::reporting(move |v| {
        log.lock().unwrap().push(v.to_string());
    });
    let app = app(&conformance);
    call(&app, "/teapot").await;
    assert!(conformance.violations().is_empty());
    assert_eq!(
        *seen.lock().unwrap(),
        ["GET /teapot: status-undocumented: 418 is not a status the spec declares"]
    );
}
