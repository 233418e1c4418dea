//! The rate-limit layer over loopback with real clients: bursts admit exactly the limit, a
//! caller at the documented rate is never refused, two instances sharing a real Redis admit
//! the limit once between them, and an unreachable Redis fails open or closed as configured.

use crate::http_support::{RedisServer, client, serve};
use axum::Router;
use axum::routing::get;
use errspec::axum::CatalogLayer;
use errspec::funder_offers::{Api, limits};
use errspec::ratelimit::{MemoryStore, OnStoreError, RateLimitLayer, RedisStore, Store, header};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

fn app<S: Store>(store: S, on_error: OnStoreError) -> Router {
    let key = header("x-api-key".parse().unwrap());
    Router::new()
        .route("/", get(|| async { "{\"ok\":true}" }))
        .layer(
            RateLimitLayer::<Api, _>::new(key)
                .with_store(store)
                .on_store_error(on_error),
        )
        .layer(CatalogLayer::<Api>::new())
}

/// Sends `count` requests at once with `key`, spread over `addrs`; the statuses, and how
/// long the burst took.
async fn burst(addrs: &[SocketAddr], key: &str, count: usize) -> (Vec<u16>, Duration) {
    let client = client();
    let started = Instant::now();
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..count {
        let request = client
            .get(format!("http://{}/", addrs[i % addrs.len()]))
            .header("x-api-key", key);
        requests.spawn(async move { request.send().await.expect("response") });
    }
    let responses = requests.join_all().await;
    let elapsed = started.elapsed();
    for response in &responses {
        if response.status() == 429 {
            let retry: u64 = response.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!((1..=1).contains(&retry), "Retry-After {retry}");
            assert_eq!(response.headers()["content-type"], "application/json");
            assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
        }
    }
    (
        responses.iter().map(|r| r.status().as_u16()).collect(),
        elapsed,
    )
}

fn admitted(statuses: &[u16]) -> usize {
    statuses.iter().filter(|&&s| s == 200).count()
}

/// The limit a burst that took `elapsed` may admit: 5 a second, so 5 when it fit in a
/// second. A burst this small on loopback always does; the bound keeps a slow machine honest
/// rather than flaky.
fn allowed(elapsed: Duration) -> usize {
    let windows = elapsed.as_secs() as usize + 1;
    (windows * limits::PER_SECOND.requests as usize).min(limits::PER_MINUTE.requests as usize)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_64_admits_exactly_the_limit() {
    let addr = serve(app(MemoryStore::new(), OnStoreError::FailOpen)).await;
    let (statuses, elapsed) = burst(&[addr], "burst", 64).await;
    assert!(
        statuses.iter().all(|&s| s == 200 || s == 429),
        "{statuses:?}"
    );
    assert!(
        elapsed < Duration::from_secs(1),
        "64 loopback requests took {elapsed:?}"
    );
    assert_eq!(admitted(&statuses), 5, "{statuses:?}");
    // Another key is counted apart.
    let (statuses, _) = burst(&[addr], "other", 8).await;
    assert_eq!(admitted(&statuses), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_at_the_documented_rate_is_never_refused() {
    let addr = serve(app(MemoryStore::new(), OnStoreError::FailOpen)).await;
    let client = client();
    // 5 a second: one request every 200 ms, each sent after the last one's answer.
    for i in 0..12 {
        let response = client
            .get(format!("http://{addr}/"))
            .header("x-api-key", "paced")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "request {i} refused");
        tokio::time::sleep(limits::PER_SECOND.min_interval()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_sharing_redis_admit_the_limit_once() {
    let Some(redis) = RedisServer::start("two_instances_sharing_redis_admit_the_limit_once") else {
        return;
    };
    let one = RedisStore::connect(&redis.url, "fleet").await.unwrap();
    let two = RedisStore::connect(&redis.url, "fleet").await.unwrap();
    let a = serve(app(one, OnStoreError::FailClosed)).await;
    let b = serve(app(two, OnStoreError::FailClosed)).await;
    let (statuses, elapsed) = burst(&[a, b], "shared", 64).await;
    assert!(
        statuses.iter().all(|&s| s == 200 || s == 429),
        "{statuses:?}"
    );
    assert!(
        admitted(&statuses) <= allowed(elapsed),
        "{statuses:?} in {elapsed:?}"
    );
    if elapsed < Duration::from_secs(1) {
        assert_eq!(admitted(&statuses), 5, "{statuses:?}");
    }
    // After the window, both instances let the caller through again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (statuses, _) = burst(&[a, b], "shared", 2).await;
    assert_eq!(statuses, [200, 200]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_redis_fails_open_or_closed_as_configured() {
    let Some(mut redis) =
        RedisServer::start("an_unreachable_redis_fails_open_or_closed_as_configured")
    else {
        return;
    };
    let open = RedisStore::connect(&redis.url, "down").await.unwrap();
    let closed = RedisStore::connect(&redis.url, "down").await.unwrap();
    let open = serve(app(open, OnStoreError::FailOpen)).await;
    let closed = serve(app(closed, OnStoreError::FailClosed)).await;
    let (statuses, _) = burst(&[closed], "k", 1).await;
    assert_eq!(statuses, [200], "Redis is up");
    redis.stop();
    let (statuses, _) = burst(&[open], "k", 10).await;
    assert_eq!(admitted(&statuses), 10, "fail open lets everything through");
    let response = client()
        .get(format!("http://{closed}/"))
        .header("x-api-key", "k")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], 503);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("the rate-limit store failed"),
        "{body}"
    );
}
