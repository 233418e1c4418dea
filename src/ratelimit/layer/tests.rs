//! The rate-limit layer as a tower service over the funder offers catalog: its 429 with the
//! spec's headers, keys that are missing or unreadable, and a store that fails.

use super::*;
use crate::funder_offers::Api as Funder;
use crate::ratelimit::{Acquire, OnStoreError, Outcome, Store};
use crate::ratelimit::{KeyRejection, header};
use futures_util::future::BoxFuture;
use http::{HeaderName, Request, Response};
use std::convert::Infallible;
use std::time::SystemTime;
use tower::Service;
use tower::ServiceExt;

type Body = Vec<u8>;

fn ok_service()
-> impl Service<Request<Body>, Response = Response<Body>, Error = Infallible, Future = impl Send>
+ Clone
+ Send
+ 'static {
    tower::service_fn(|_: Request<Body>| async { Ok(Response::new(b"{\"ok\":true}".to_vec())) })
}

fn request(key: Option<&str>) -> Request<Body> {
    let mut request = Request::builder().uri("/");
    if let Some(key) = key {
        request = request.header("x-api-key", key);
    }
    request.body(Vec::new()).unwrap()
}

async fn send<S>(service: &S, key: Option<&str>) -> Response<Body>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible> + Clone,
{
    service.clone().oneshot(request(key)).await.unwrap()
}

fn text(response: &Response<Body>, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

fn layer() -> RateLimitLayer<Funder, super::super::Header> {
    RateLimitLayer::<Funder, _>::new(header(HeaderName::from_static("x-api-key")))
}

#[tokio::test]
async fn five_a_second_per_key_then_the_specs_429_with_its_headers() {
    let service = layer().layer(ok_service());
    for remaining in (0..5).rev() {
        let response = send(&service, Some("key-a")).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.body(), b"{\"ok\":true}");
        // "Rate limit headers are included in every response": the binding limit is 5/s.
        assert_eq!(text(&response, "x-ratelimit-limit"), "5");
        assert_eq!(
            text(&response, "x-ratelimit-remaining"),
            remaining.to_string()
        );
        assert!(response.headers().get("retry-after").is_none());
    }
    let refused = send(&service, Some("key-a")).await;
    assert_eq!(refused.status(), 429);
    assert_eq!(text(&refused, "content-type"), "application/json");
    let body: serde_json::Value = serde_json::from_slice(refused.body()).unwrap();
    assert_eq!(
        body["message"],
        crate::funder_offers::Status::RateLimited.message()
    );
    assert_eq!(text(&refused, "retry-after"), "1");
    assert_eq!(text(&refused, "x-ratelimit-remaining"), "0");
    let reset: u64 = text(&refused, "x-ratelimit-reset").parse().unwrap();
    let unix_now = SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        (unix_now..=unix_now + 2).contains(&reset),
        "{reset} vs {unix_now}"
    );
    // Another caller has its own limits.
    assert_eq!(send(&service, Some("key-b")).await.status(), 200);
}

#[tokio::test]
async fn a_request_without_a_key_gets_the_specs_401_and_counts_nowhere() {
    let store = Arc::new(MemoryStore::new());
    let service = layer().with_store(Arc::clone(&store)).layer(ok_service());
    let response = send(&service, None).await;
    assert_eq!(response.status(), 401);
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(
        body["message"],
        crate::funder_offers::Status::Unauthorized.message()
    );
    assert_eq!(body["details"][0], "the request has no `x-api-key` header");
    assert_eq!(store.callers(), 0);
    // "Rate limit headers are included in every response": nothing used, nothing to wait for.
    assert_eq!(text(&response, "x-ratelimit-limit"), "5");
    assert_eq!(text(&response, "x-ratelimit-remaining"), "5");
    assert!(response.headers().get("retry-after").is_none());
}

#[tokio::test]
async fn an_unreadable_key_gets_the_specs_400() {
    let key = |_: &http::HeaderMap, _: &http::Extensions| -> Result<String, KeyRejection> {
        Err(KeyRejection::Invalid(
            "the account id is not a number".into(),
        ))
    };
    let service = RateLimitLayer::<Funder, _>::new(key).layer(ok_service());
    let response = send(&service, Some("x")).await;
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["error"], "VALIDATION_FAILED");
    assert_eq!(body["details"][0], "the account id is not a number");
}

/// A store that always fails, for the failure policies.
struct Broken;

impl Store for Broken {
    fn acquire<'a>(
        &'a self,
        _: Acquire<'a>,
    ) -> BoxFuture<'a, Result<Outcome, super::super::StoreError>> {
        Box::pin(async { Err(super::super::StoreError("connection refused".into())) })
    }
}

#[tokio::test]
async fn a_failing_store_fails_open_by_default_and_closed_on_request() {
    let open = layer().with_store(Broken).layer(ok_service());
    for _ in 0..10 {
        assert_eq!(send(&open, Some("k")).await.status(), 200);
    }
    let closed = layer()
        .with_store(Broken)
        .on_store_error(OnStoreError::FailClosed)
        .layer(ok_service());
    let response = send(&closed, Some("k")).await;
    assert_eq!(response.status(), 503);
    assert_eq!(text(&response, "content-type"), "application/problem+json");
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["status"], 503);
    assert_eq!(
        body["detail"],
        "the rate-limit store failed: connection refused"
    );
}

#[cfg(feature = "ietf-ratelimit")]
#[tokio::test]
async fn ietf_fields_on_request() {
    let service = layer().ietf_fields(true).layer(ok_service());
    let response = send(&service, Some("k")).await;
    assert_eq!(
        text(&response, "ratelimit-policy"),
        "\"per_minute\";q=60;w=60, \"per_second\";q=5;w=1"
    );
    assert!(text(&response, "ratelimit").contains("\"per_second\";r=4;t=1"));
}

/// A request that costs more than a limit has left is refused by that limit, though it is
/// not at zero, and told to wait until its whole cost fits (the state's `reset_after`), not
/// until the first limit with nothing left frees one.
#[test]
fn a_refusal_waits_for_the_limit_the_cost_does_not_fit() {
    use crate::ratelimit::plan::{Group, Plan};
    use crate::runtime::LimitState;
    use crate::{Cost, RateLimit, Scope};
    use std::time::Duration;
    let points = RateLimit {
        name: "points",
        requests: 12,
        window: Duration::from_secs(60),
        scope: Scope::ApiKey,
        routes: crate::Routes::EVERY,
        unauthenticated: false,
        cost: Cost {
            methods: &[("POST", 5)],
        },
        per_endpoint: false,
    };
    let per_second = RateLimit {
        name: "per_second",
        requests: 5,
        cost: Cost::ONE,
        ..points
    };
    let group = |limit: RateLimit| Group {
        scope: Scope::ApiKey,
        bucket: limit.name,
        limits: vec![limit],
        cost: limit.cost,
        per_endpoint: false,
    };
    let plan = Plan {
        groups: vec![group(per_second), group(points)],
        index: vec![1, 0],
        per_endpoint: false,
    };
    let state = |limit, remaining, seconds| LimitState {
        limit,
        remaining,
        reset_after: Duration::from_secs(seconds),
    };
    let outcome = Outcome {
        admitted: false,
        states: vec![state(per_second, 1, 1), state(points, 3, 10)],
    };
    let reply = super::service::refusal(&layer(), &plan, "POST", &outcome, SystemTime::now());
    let sent = reply.finish();
    let retry = sent
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("retry-after"));
    assert_eq!(retry.map(|(_, value)| value.as_str()), Some("10"));
}

/// A store that decides as `MemoryStore` does, but only when awaited: the layer then takes its
/// general path (every scope's keys, then the store asked through `acquire`).
#[derive(Default)]
struct Awaited(crate::ratelimit::MemoryStore);

impl Store for Awaited {
    fn acquire<'a>(
        &'a self,
        request: Acquire<'a>,
    ) -> BoxFuture<'a, Result<Outcome, super::super::StoreError>> {
        let outcome = self.0.count(&request);
        Box::pin(async { Ok(outcome) })
    }
}

/// A spec's cost per method counts in a plan of one group, which the layer decides in place,
/// as on its general path: 12 points a minute, a `POST` costing 5, let through two writes and
/// then two reads, and refuse the request that would pass 12.
#[tokio::test]
async fn a_requests_cost_counts_alike_in_place_and_on_the_general_path() {
    use crate::{Cost, RateLimit, Routes, Scope};
    use std::time::Duration;
    static POINTS: [RateLimit; 1] = [RateLimit {
        name: "points",
        requests: 12,
        window: Duration::from_secs(60),
        scope: Scope::ApiKey,
        routes: Routes::EVERY,
        unauthenticated: false,
        cost: Cost {
            methods: &[("POST", 5)],
        },
        per_endpoint: false,
    }];
    let points = |layer: RateLimitLayer<Funder, super::super::Header>| {
        let mut shared = layer.into_shared();
        shared.limits = Arc::new(crate::ratelimit::plan::Limits::new(&POINTS));
        RateLimitLayer::<Funder, _>::from_shared(shared)
    };
    let in_place = statuses(&points(layer()).layer(ok_service())).await;
    let general = statuses(
        &points(layer())
            .with_store(Awaited::default())
            .layer(ok_service()),
    )
    .await;
    let expected = [200, 200, 429, 200, 200, 429];
    assert_eq!(in_place, expected, "decided in place");
    assert_eq!(general, expected, "decided on the general path");
}

/// The statuses of two `POST`s and two `GET`s of one caller and more, through `service`.
async fn statuses<S>(service: &S) -> Vec<u16>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible> + Clone,
{
    let mut statuses = Vec::new();
    for method in ["POST", "POST", "POST", "GET", "GET", "GET"] {
        let request = Request::builder()
            .method(method)
            .uri("/")
            .header("x-api-key", "octocat")
            .body(Vec::new())
            .unwrap();
        let response = service.clone().oneshot(request).await.unwrap();
        statuses.push(response.status().as_u16());
    }
    statuses
}

/// A request's key function runs once, whether the store decides at once (in place) or must
/// be awaited (the general path, which counts with the key the in-place attempt read).
#[tokio::test]
async fn a_key_function_runs_once_a_request_on_either_path() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let counted = |reads: Arc<AtomicUsize>| {
        move |headers: &http::HeaderMap, _: &http::Extensions| -> Result<String, KeyRejection> {
            reads.fetch_add(1, Ordering::Relaxed);
            let key = headers.get("x-api-key").and_then(|v| v.to_str().ok());
            Ok(key.unwrap_or("none").to_owned())
        }
    };
    let (in_place, general) = (Arc::default(), Arc::default());
    let service =
        RateLimitLayer::<Funder, _>::new(counted(Arc::clone(&in_place))).layer(ok_service());
    let awaited = RateLimitLayer::<Funder, _>::new(counted(Arc::clone(&general)))
        .with_store(Awaited::default())
        .layer(ok_service());
    for _ in 0..3 {
        assert_eq!(send(&service, Some("k")).await.status(), 200);
        assert_eq!(send(&awaited, Some("k")).await.status(), 200);
    }
    assert_eq!(in_place.load(Ordering::Relaxed), 3, "decided in place");
    assert_eq!(
        general.load(Ordering::Relaxed),
        3,
        "decided on the general path"
    );
}
