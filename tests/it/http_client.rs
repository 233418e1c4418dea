//! The reqwest side over loopback: error bodies read into typed codes within a size bound,
//! and the retry loop: it waits as Retry-After says, never retries what the spec says not to,
//! and gives up within its bounds.

use crate::http_support::{client, free_port, serve};
use axum::Router;
use axum::routing::get;
use errspec::axum::CatalogLayer;
use errspec::client::{BodyError, ErrorResponse, Payload};
use errspec::funder_offers::{Api, ErrorCode};
use errspec::ratelimit::{RateLimitLayer, header};
use errspec::reqwest::{CallError, Retrying};
use errspec::{RetryDecision, server::Reply};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

fn counting(hits: &Arc<AtomicUsize>, reply: fn() -> Reply<Api>) -> Router {
    let hits = Arc::clone(hits);
    Router::new().route(
        "/",
        get(move || {
            hits.fetch_add(1, Ordering::SeqCst);
            async move { reply() }
        }),
    )
}

#[tokio::test]
async fn a_huge_error_body_is_read_no_further_than_the_limit() {
    let app = Router::new().route(
        "/",
        get(|| async {
            (
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                vec![b'x'; 10 * 1024 * 1024],
            )
        }),
    );
    let addr = serve(app).await;
    let response = client()
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap();
    let error = ErrorResponse::<Api>::from_reqwest_with_limit(response, 1024).await;
    assert_eq!(error.status(), 500);
    match error.payload() {
        Payload::Raw {
            bytes,
            error: BodyError::TooLarge { limit: 1024, .. },
        } => assert_eq!(bytes.len(), 1024),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_never_is_sent_once_and_a_refresh_is_left_to_the_caller() {
    let hits = Arc::new(AtomicUsize::new(0));
    let addr = serve(counting(&hits, || {
        Reply::from_code(ErrorCode::SignatureInvalid)
    }))
    .await;
    let client = client();
    let result = Retrying::default()
        .send::<Api>(|| client.get(format!("http://{addr}/")))
        .await;
    let Err(CallError::Api(error)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(error.known_code(), Some(ErrorCode::SignatureInvalid));
    assert_eq!(error.retry(SystemTime::now()), RetryDecision::Never);
    assert_eq!(hits.load(Ordering::SeqCst), 1);

    let hits = Arc::new(AtomicUsize::new(0));
    let addr = serve(counting(&hits, || {
        Reply::from_code(ErrorCode::VersionConflict)
    }))
    .await;
    let result = Retrying::default()
        .send::<Api>(|| client.get(format!("http://{addr}/")))
        .await;
    assert!(
        matches!(result, Err(CallError::Api(e)) if e.known_code() == Some(ErrorCode::VersionConflict))
    );
    assert_eq!(
        hits.load(Ordering::SeqCst),
        1,
        "a refresh needs a re-read first"
    );
}

#[tokio::test]
async fn a_server_error_is_retried_with_backoff_up_to_the_attempts() {
    let hits = Arc::new(AtomicUsize::new(0));
    let addr = serve(counting(&hits, || {
        Reply::from_status(errspec::funder_offers::Status::InternalError)
    }))
    .await;
    let client = client();
    let retrying = Retrying {
        max_attempts: 3,
        base: Duration::from_millis(20),
        ..Retrying::default()
    };
    let result = retrying
        .send::<Api>(|| client.get(format!("http://{addr}/")))
        .await;
    assert!(matches!(result, Err(CallError::Api(e)) if e.status() == 500));
    assert_eq!(hits.load(Ordering::SeqCst), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_caller_waits_as_retry_after_says_then_succeeds() {
    let key = header("x-api-key".parse().unwrap());
    let app = Router::new()
        .route("/", get(|| async { "ok" }))
        .layer(RateLimitLayer::<Api, _>::new(key))
        .layer(CatalogLayer::<Api>::new());
    let addr = serve(app).await;
    let client = client();
    let send = || {
        client
            .get(format!("http://{addr}/"))
            .header("x-api-key", "k")
    };
    for _ in 0..5 {
        assert_eq!(send().send().await.unwrap().status(), 200);
    }
    let refused = send().send().await.unwrap();
    assert_eq!(refused.status(), 429);
    let error = ErrorResponse::<Api>::from_reqwest(refused).await;
    assert!(matches!(
        error.retry(SystemTime::now()),
        RetryDecision::After(_)
    ));
    let started = Instant::now();
    let response = Retrying::default().send::<Api>(send).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() <= Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_wait_past_the_total_time_is_not_started_and_no_server_is_a_transport_error() {
    let retrying = Retrying {
        max_total: Duration::from_millis(100),
        base: Duration::from_secs(1),
        ..Retrying::default()
    };
    let client = client();
    let port = free_port();
    let started = Instant::now();
    let result = retrying
        .send::<Api>(|| client.get(format!("http://127.0.0.1:{port}/")))
        .await;
    assert!(matches!(result, Err(CallError::Transport(e)) if e.is_connect()));
    assert!(started.elapsed() < Duration::from_secs(1));
}
