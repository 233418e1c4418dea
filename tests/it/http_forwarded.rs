//! `client_ip` through the real rate-limit layer over loopback: an axum app that records its
//! peers, behind which the test client plays a trusted proxy (127.0.0.1) forwarding requests
//! of several clients in `X-Forwarded-For`.

use crate::http_support::client;
use axum::Router;
use axum::routing::get;
use errspec::axum::CatalogLayer;
use errspec::funder_offers::Api;
use errspec::ratelimit::{ClientIp, RateLimitLayer};
use serde_json::Value;
use std::net::SocketAddr;

/// The funder offers API (5 requests a second per key) keyed by `key`, served on a free port
/// of 127.0.0.1 with each request's peer address, until the test's runtime ends.
async fn serve(key: ClientIp) -> SocketAddr {
    let app = Router::new()
        .route("/", get(|| async { "{\"ok\":true}" }))
        .layer(RateLimitLayer::<Api, _>::new(key))
        .layer(CatalogLayer::<Api>::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("server runs");
    });
    addr
}

/// The statuses of `count` requests to `addr`, one after another, each with
/// `X-Forwarded-For: forwarded` (none when `None`).
async fn statuses(addr: SocketAddr, forwarded: Option<&str>, count: usize) -> Vec<u16> {
    let client = client();
    let mut statuses = Vec::new();
    for _ in 0..count {
        let mut request = client.get(format!("http://{addr}/"));
        if let Some(forwarded) = forwarded {
            request = request.header("x-forwarded-for", forwarded);
        }
        statuses.push(request.send().await.expect("response").status().as_u16());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_forwarded_client_gets_its_own_limit() {
    let addr = serve(ClientIp::behind(["127.0.0.1/32"]).unwrap()).await;
    // 5 a second per client: within the second, the sixth request is refused, even when
    // the client prepends another address to its own.
    let mut first = statuses(addr, Some("203.0.113.1"), 5).await;
    first.extend(statuses(addr, Some("198.51.100.9, 203.0.113.1"), 1).await);
    assert_eq!(first, [200, 200, 200, 200, 200, 429]);
    // Another client through the same proxy has its own count.
    assert_eq!(
        statuses(addr, Some("203.0.113.2, 127.0.0.1"), 6).await,
        [200, 200, 200, 200, 200, 429]
    );
    // The proxy's own requests (no header) are counted apart from its clients.
    assert_eq!(statuses(addr, None, 1).await, [200]);
    // An address that cannot be read where the client should be: the spec's 400.
    let response = client()
        .get(format!("http://{addr}/"))
        .header("x-forwarded-for", "203.0.113.3, not-an-ip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "VALIDATION_FAILED", "{body}");
    assert_eq!(
        body["details"][0],
        "the `x-forwarded-for` header gives \"not-an-ip\" as the client's address, which is \
         not an IP address"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_an_untrusted_peer_the_header_is_ignored() {
    // 127.0.0.1 is not one of the proxies: its `X-Forwarded-For` is its own invention.
    let addr = serve(ClientIp::behind(["10.0.0.0/8"]).unwrap()).await;
    let mut all = Vec::new();
    for client in ["203.0.113.1", "203.0.113.2", "203.0.113.3"] {
        all.extend(statuses(addr, Some(client), 2).await);
    }
    assert_eq!(all, [200, 200, 200, 200, 200, 429]);
}
