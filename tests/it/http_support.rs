//! What the HTTP tests share: axum servers on loopback ports, a reqwest client with a
//! timeout, and the rate-limit layer's app and bursts (the `tools` tests of a real Redis use
//! them too).

use axum::Router;
use axum::routing::get;
use errspec::axum::CatalogLayer;
use errspec::funder_offers::Api;
use errspec::ratelimit::{OnStoreError, RateLimitLayer, Store, header};
use std::net::{SocketAddr, TcpListener};
use std::time::{Duration, Instant};

/// Serves `app` on a free port of 127.0.0.1 until the test's runtime ends.
pub async fn serve(app: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("server runs");
    });
    addr
}

/// A client that gives up on any request after 10 seconds.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// A free TCP port on 127.0.0.1 (free when asked; taken again by whoever binds first).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The funder offers API behind the rate-limit layer, with `store`, keyed by `x-api-key`.
pub fn ratelimited_app<S: Store>(store: S, on_error: OnStoreError) -> Router {
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
pub async fn burst(addrs: &[SocketAddr], key: &str, count: usize) -> (Vec<u16>, Duration) {
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

/// How many of `statuses` were admitted (200).
pub fn admitted(statuses: &[u16]) -> usize {
    statuses.iter().filter(|&&s| s == 200).count()
}

/// Twelve requests with one key at the funder offers API's 5 a second, one every 200 ms, each
/// sent after the last one's answer: none is refused.
pub async fn paced(addr: SocketAddr) {
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
        tokio::time::sleep(errspec::funder_offers::limits::PER_SECOND.min_interval()).await;
    }
}
