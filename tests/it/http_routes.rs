//! Limits per route and the spec's own answers, over loopback, with GitHub's real catalog (the
//! `errspec-catalogs` module, checked in): its search limits are separate from the core
//! limits, its secondary limits count only the requests that write, requests without
//! credentials count per address under their own limits (and requests with credentials never
//! do), unreadable credentials get `Bad credentials`, and an unknown route `Not Found`.

#[allow(dead_code, clippy::all)]
#[rustfmt::skip]
#[path = "../../catalogs/src/apis/github.rs"]
mod github;

use crate::http_support::{client, serve};
use axum::Router;
use axum::routing::{get, post};
use errspec::Scope;
use errspec::ratelimit::{KeyRejection, RateLimitLayer, header};
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
    send_from(addr, &next_ip(), method, path, token).await
}

async fn send_from(
    addr: std::net::SocketAddr,
    ip: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
) -> Answer {
    let mut request = client()
        .request(method.parse().unwrap(), format!("http://{addr}{path}"))
        .header("x-test-ip", ip);
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

/// How many of `count` requests from `ip` are let through before the first refusal, and
/// that refusal.
async fn admitted_from(
    addr: std::net::SocketAddr,
    ip: &str,
    path: &str,
    token: Option<&str>,
    count: usize,
) -> (usize, Option<Answer>) {
    for i in 0..count {
        let answer = send_from(addr, ip, "GET", path, token).await;
        if answer.status != 200 {
            return (i, Some(answer));
        }
    }
    (count, None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unauthenticated_requests_count_per_address_and_requests_with_credentials_never_do() {
    let addr = serve(app()).await;
    let ip = "192.0.2.7";
    let hourly = github::limits::UNAUTHENTICATED.requests as usize;
    // Requests with credentials from the address: more than its unauthenticated 60, all let
    // through, and none of them counted there.
    let (admitted, _) = admitted_from(addr, ip, "/user", Some("token octocat"), hourly + 10).await;
    assert_eq!(admitted, hourly + 10);
    let (admitted, refusal) = admitted_from(addr, ip, "/user", None, hourly + 5).await;
    assert_eq!(
        admitted, hourly,
        "the address's unauthenticated requests: 60 an hour"
    );
    let refusal = refusal.expect("the 61st unauthenticated request is refused");
    assert_eq!(
        (refusal.status, refusal.resource.as_str()),
        (403, "unauthenticated")
    );
    assert_eq!(
        refusal.body["message"],
        github::ErrorCode::RateLimitExceeded.message()
    );
    // The account behind the same address is not held back by it.
    let signed = send_from(addr, ip, "GET", "/user", Some("token octocat")).await;
    assert_eq!(signed.status, 200);
    // Unauthenticated searches: 10 a minute per address, apart from the hourly limit.
    let other = "192.0.2.8";
    let per_minute = github::limits::SEARCH_UNAUTHENTICATED.requests as usize;
    let (admitted, refusal) = admitted_from(addr, other, "/search/issues", None, 15).await;
    assert_eq!(admitted, per_minute);
    assert_eq!(refusal.expect("refused").resource, "search_unauthenticated");
    let (admitted, _) = admitted_from(addr, other, "/user", None, 5).await;
    assert_eq!(
        admitted, 5,
        "the searches did not count under the hourly limit"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_the_server_answers_on_its_own_get_the_specs_codes() {
    let addr = serve(app()).await;
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
}

/// A GitHub client's quotas follow the limits the server counts its requests under: 5,000 an
/// hour for most of its requests, 10 a minute for code search, 60 an hour without a token.
#[test]
fn a_clients_quotas_follow_the_limits_its_requests_count_under() {
    use errspec::quota::{for_api, for_request, requests_per};
    use std::num::NonZeroU32;
    use std::time::Duration;
    let one = NonZeroU32::MIN;
    let hour = Duration::from_secs(3600);
    let per_hour =
        |quota: Option<errspec::quota::Quota>| requests_per(&quota.unwrap(), hour).round();
    assert_eq!(per_hour(for_api::<github::Api>(one)), 5000.0);
    assert_eq!(
        per_hour(for_request::<github::Api>("GET", "/user", true, one)),
        5000.0
    );
    assert_eq!(
        per_hour(for_request::<github::Api>("GET", "/user", false, one)),
        60.0
    );
    let search = for_request::<github::Api>("GET", "/search/code", true, one);
    assert_eq!(per_hour(search), 600.0, "10 a minute");
    let anonymous_search = for_request::<github::Api>("GET", "/search/issues", false, one);
    assert_eq!(per_hour(anonymous_search), 600.0, "10 a minute per address");
    // A write counts under the account's hourly 5,000 and the 80 a minute and 500 an hour of
    // content-generating requests: 500 an hour binds.
    let write = for_request::<github::Api>("POST", "/repos/o/r/issues", true, one);
    assert_eq!(per_hour(write), 500.0);
}

/// GitHub's 900 points a minute count per endpoint: a layer that runs after routing (a
/// `route_layer`) counts each route template apart, whatever repository a request names, and
/// a read costs one point.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_endpoint_has_its_own_900_points() {
    let layer = RateLimitLayer::<github::Api, _>::new(header("authorization".parse().unwrap()))
        .key_for(Scope::Ip, header("x-test-ip".parse().unwrap()));
    let app = Router::new()
        .route("/repos/{owner}/{repo}", get(|| async { "{}" }))
        .route("/user", get(|| async { "{}" }))
        .route_layer(layer);
    let addr = serve(app).await;
    let points = github::limits::POINTS_PER_ENDPOINT.requests as usize;
    for i in 0..points {
        let path = format!("/repos/octocat/repo-{}", i % 7);
        let answer = send(addr, "GET", &path, Some("token octocat")).await;
        assert_eq!(answer.status, 200, "read {i}: {:?}", answer.body);
    }
    let refused = send(addr, "GET", "/repos/rust-lang/rust", Some("token octocat")).await;
    assert_eq!(
        (refused.status, refused.resource.as_str()),
        (403, "points_per_endpoint")
    );
    assert_eq!(
        refused.body["message"],
        github::ErrorCode::SecondaryRateLimit.message()
    );
    // Another endpoint of the same account has all of its points.
    let other = send(addr, "GET", "/user", Some("token octocat")).await;
    assert_eq!(other.status, 200);
}

/// A request's credentials are read once: the same read tells whether it has any (which
/// limits count it) and counts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requests_credentials_are_read_once() {
    static READS: AtomicUsize = AtomicUsize::new(0);
    let account = |headers: &http::HeaderMap, _: &http::Extensions| {
        READS.fetch_add(1, Ordering::Relaxed);
        match headers.get("authorization").map(|v| v.to_str()) {
            Some(Ok(token)) => Ok(token.to_owned()),
            Some(Err(_)) => Err(KeyRejection::Invalid("unreadable token".into())),
            None => Err(KeyRejection::Missing("no token".into())),
        }
    };
    let layer = RateLimitLayer::<github::Api, _>::new(account)
        .key_for(Scope::Ip, header("x-test-ip".parse().unwrap()));
    let app = Router::new()
        .route("/user", get(|| async { "{}" }))
        .layer(layer);
    let addr = serve(app).await;
    let signed = send(addr, "GET", "/user", Some("token octocat")).await;
    assert_eq!(signed.status, 200);
    assert_eq!(READS.load(Ordering::Relaxed), 1, "a request with a token");
    let anonymous = send(addr, "GET", "/user", None).await;
    assert_eq!(anonymous.status, 200);
    assert_eq!(READS.load(Ordering::Relaxed), 2, "and one without");
}
