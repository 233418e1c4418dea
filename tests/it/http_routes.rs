//! Limits per route and the spec's own answers, over loopback, with GitHub's real catalog (the
//! `errspec-catalogs` module, checked in): its search limits are separate from the core
//! limits, its secondary limits count only the requests that write, a request without
//! credentials gets `Requires authentication`, and an unknown route `Not Found`.

#[allow(dead_code, clippy::all)]
#[rustfmt::skip]
#[path = "../../catalogs/src/apis/github.rs"]
mod github;

use crate::http_support::{client, serve};
use axum::Router;
use axum::routing::{get, post};
use errspec::Scope;
use errspec::ratelimit::{RateLimitLayer, header};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A GitHub-shaped app: counted per account (`authorization`) and per client address, which
/// the test sets in `x-test-ip` so that each request can come from its own.
fn app() -> Router {
    let layer = RateLimitLayer::<github::Api, _>::new(header("authorization".parse().unwrap()))
        .key_for(Scope::Ip, header("x-test-ip".parse().unwrap()));
    Router::new()
        .route("/user", get(|| async { "{}" }))
        .route("/search/issues", get(|| async { "[]" }))
        .route("/search/code", get(|| async { "[]" }))
        .route("/repos/{owner}/{repo}/issues", post(|| async { "{}" }))
        .fallback(errspec::axum::fallback::<github::Api>)
        .layer(layer)
}

/// A fresh client address per request, so the per-address limits never bind.
fn next_ip() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("10.0.{}.{}", n / 256, n % 256)
}

struct Answer {
    status: u16,
    resource: String,
    body: Value,
}

async fn send(addr: std::net::SocketAddr, method: &str, path: &str, token: Option<&str>) -> Answer {
    let mut request = client()
        .request(method.parse().unwrap(), format!("http://{addr}{path}"))
        .header("x-test-ip", next_ip());
    if let Some(token) = token {
        request = request.header("authorization", token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let resource = response
        .headers()
        .get("x-ratelimit-resource")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.bytes().await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        resource,
        body,
    }
}

/// Sends `count` requests and returns how many were let through before the first refusal,
/// and that refusal.
async fn until_refused(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    count: usize,
) -> (usize, Option<Answer>) {
    for i in 0..count {
        let answer = send(addr, method, path, Some("token octocat")).await;
        if answer.status != 200 {
            return (i, Some(answer));
        }
    }
    (count, None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_has_its_own_limits_apart_from_the_core_limit() {
    let addr = serve(app()).await;
    let (admitted, refusal) = until_refused(addr, "GET", "/search/issues", 40).await;
    assert_eq!(admitted, github::limits::SEARCH.requests as usize);
    let refusal = refusal.expect("the 31st search is refused");
    // GitHub answers an exceeded limit with 403 first (`statuses: [403, 429]`).
    assert_eq!(refusal.status, 403);
    assert_eq!(refusal.resource, "search");
    assert_eq!(
        refusal.body["message"],
        github::ErrorCode::RateLimitExceeded.message()
    );
    // "Search code" has its own 10, untouched by the other searches.
    let (admitted, refusal) = until_refused(addr, "GET", "/search/code", 20).await;
    assert_eq!(admitted, github::limits::CODE_SEARCH.requests as usize);
    assert_eq!(refusal.expect("refused").resource, "code_search");
    // The searches counted under no core limit: the account still has its 5,000.
    let (admitted, refusal) = until_refused(addr, "GET", "/user", 50).await;
    assert_eq!(admitted, 50, "{:?}", refusal.map(|r| r.body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_count_under_the_secondary_limits_and_reads_do_not() {
    let addr = serve(app()).await;
    let limit = github::limits::CONTENT_PER_MINUTE.requests as usize;
    let (admitted, _) = until_refused(addr, "GET", "/user", limit + 5).await;
    assert_eq!(admitted, limit + 5, "reads are not content-generating");
    let (admitted, refusal) = until_refused(addr, "POST", "/repos/o/r/issues", limit + 5).await;
    assert_eq!(admitted, limit);
    let refusal = refusal.expect("the 81st write is refused");
    assert_eq!(refusal.resource, "content_per_minute");
    assert_eq!(
        refusal.body["message"],
        github::ErrorCode::SecondaryRateLimit.message()
    );
    // Reads still go through: only the writes' limit is spent.
    assert_eq!(
        send(addr, "GET", "/user", Some("token octocat"))
            .await
            .status,
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_the_server_answers_on_its_own_get_the_specs_codes() {
    let addr = serve(app()).await;
    let anonymous = send(addr, "GET", "/user", None).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.body["message"], "Requires authentication");
    // A key that is not visible ASCII cannot be read: GitHub's `Bad credentials`.
    let unreadable = client()
        .get(format!("http://{addr}/user"))
        .header("x-test-ip", next_ip())
        .header(
            "authorization",
            http::HeaderValue::from_bytes(b"token \xff").unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(unreadable.status(), 401);
    let body: Value = serde_json::from_slice(&unreadable.bytes().await.unwrap()).unwrap();
    assert_eq!(body["message"], "Bad credentials");
    let unknown = send(addr, "GET", "/no/such/route", Some("token octocat")).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body["message"], "Not Found");
    assert_eq!(
        github::ANSWERS.missing_key,
        Some(errspec::LimitAnswer::Code(
            github::ErrorCode::RequiresAuthentication
        ))
    );
}
