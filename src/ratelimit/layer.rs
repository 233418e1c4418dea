//! The tower layer and its service: count, then answer as the spec says.

use super::key::DynKey;
use super::{
    Acquire, Counted, KeyFn, KeyRejection, MemoryStore, OnStoreError, Outcome, Store, StoreError,
};
#[cfg(feature = "ietf-ratelimit")]
use crate::runtime::LimitState;
use crate::runtime::seconds_up;
use crate::server::{Reply, rate_limit_headers};
use crate::{Catalog, LimitAnswer, RateLimit, Scope};
use futures_util::future::BoxFuture;
use http::{HeaderName, HeaderValue, Request, Response};
use std::borrow::Cow;
use std::marker::PhantomData;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};
use tower::{Layer, Service};

/// The standard retry header, sent on every refusal whatever else the spec names.
const RETRY_AFTER: &str = "retry-after";

/// A tower layer that enforces the rate limits of catalog `A` (see the [module](super)).
///
/// ```
/// use errspec::funder_offers::Api;
/// use errspec::ratelimit::{OnStoreError, RateLimitLayer, header};
///
/// let layer = RateLimitLayer::<Api, _>::new(header("x-api-key".parse().unwrap()))
///     .on_store_error(OnStoreError::FailClosed);
/// # let _ = layer;
/// ```
pub struct RateLimitLayer<A, K, S = MemoryStore> {
    shared: Arc<Shared<K, S>>,
    api: PhantomData<fn() -> A>,
}

/// What every service of one layer shares, behind one `Arc`.
struct Shared<K, S> {
    key: K,
    /// Key functions for single scopes, in place of `key`.
    scope_keys: Vec<(Scope, Arc<dyn DynKey>)>,
    store: Arc<S>,
    plan: Plan,
    on_store_error: OnStoreError,
    ietf: bool,
}

impl<K: Clone, S> Clone for Shared<K, S> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            scope_keys: self.scope_keys.clone(),
            store: Arc::clone(&self.store),
            plan: self.plan.clone(),
            on_store_error: self.on_store_error,
            ietf: self.ietf,
        }
    }
}

/// The catalog's limits, grouped by scope: each group counts under one key.
#[derive(Clone, Debug)]
struct Plan {
    groups: Vec<(Scope, Vec<RateLimit>)>,
    /// For each state of an [`Outcome`] (group by group), its index in `RATE_LIMITS`.
    index: Vec<usize>,
}

impl Plan {
    /// `limits` grouped by scope, in the order of `Scope::ALL` (`total` last).
    fn new(limits: &[RateLimit]) -> Self {
        let mut plan = Plan {
            groups: Vec::new(),
            index: Vec::new(),
        };
        for &(_, scope) in Scope::ALL {
            let of_scope: Vec<(usize, RateLimit)> = limits
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, l)| l.scope == scope)
                .collect();
            if !of_scope.is_empty() {
                plan.index.extend(of_scope.iter().map(|(i, _)| *i));
                plan.groups
                    .push((scope, of_scope.into_iter().map(|(_, l)| l).collect()));
            }
        }
        plan
    }
}

impl<A: Catalog, K: KeyFn> RateLimitLayer<A, K, MemoryStore> {
    /// Enforces `A`'s rate limits per caller as `key` tells them apart, in this process:
    /// `key` counts the limits of every scope but `total` (which counts everyone as one
    /// caller), unless [`key_for`](Self::key_for) gives a scope its own.
    #[must_use]
    pub fn new(key: K) -> Self {
        Self::from_shared(Shared {
            key,
            scope_keys: Vec::new(),
            store: Arc::new(MemoryStore::new()),
            plan: Plan::new(A::RATE_LIMITS),
            on_store_error: OnStoreError::default(),
            ietf: false,
        })
    }
}

impl<A, K, S> RateLimitLayer<A, K, S> {
    fn from_shared(shared: Shared<K, S>) -> Self {
        Self {
            shared: Arc::new(shared),
            api: PhantomData,
        }
    }
}

impl<A, K: Clone, S> RateLimitLayer<A, K, S> {
    /// The settings, to change one: this layer's own, or a copy when it was cloned (the
    /// store stays shared).
    fn into_shared(self) -> Shared<K, S> {
        Arc::try_unwrap(self.shared).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Keeps the counts in `store` instead (a `RedisStore`, to share them with other
    /// instances, or an `Arc` of a store this layer shares with another).
    #[must_use]
    pub fn with_store<T: Store>(self, store: T) -> RateLimitLayer<A, K, T> {
        let shared = self.into_shared();
        RateLimitLayer::from_shared(Shared {
            key: shared.key,
            scope_keys: shared.scope_keys,
            store: Arc::new(store),
            plan: shared.plan,
            on_store_error: shared.on_store_error,
            ietf: shared.ietf,
        })
    }

    /// Counts the limits of `scope` under `key` instead of the layer's own key function: a
    /// spec that mixes scopes (60 a minute per API key, 1,000 an hour per IP address) counts
    /// each limit under its own scope's key.
    ///
    /// ```
    /// use errspec::Scope;
    /// use errspec::funder_offers::Api;
    /// use errspec::ratelimit::{RateLimitLayer, header, peer_ip};
    ///
    /// let layer = RateLimitLayer::<Api, _>::new(header("x-api-key".parse().unwrap()))
    ///     .key_for(Scope::Ip, peer_ip());
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn key_for<F: KeyFn>(self, scope: Scope, key: F) -> Self {
        let mut shared = self.into_shared();
        shared.scope_keys.retain(|(s, _)| *s != scope);
        shared.scope_keys.push((scope, Arc::new(key)));
        Self::from_shared(shared)
    }

    /// What to do when the store fails ([`OnStoreError::FailOpen`] unless set).
    #[must_use]
    pub fn on_store_error(self, policy: OnStoreError) -> Self {
        let mut shared = self.into_shared();
        shared.on_store_error = policy;
        Self::from_shared(shared)
    }

    /// Also sends the IETF `RateLimit-Policy` and `RateLimit` fields wherever the spec's own
    /// headers go (feature `ietf-ratelimit`).
    #[cfg(feature = "ietf-ratelimit")]
    #[must_use]
    pub fn ietf_fields(self, on: bool) -> Self {
        let mut shared = self.into_shared();
        shared.ietf = on;
        Self::from_shared(shared)
    }

    /// The store the counts live in.
    #[must_use]
    pub fn store(&self) -> &S {
        &self.shared.store
    }
}

impl<A, K, S> Clone for RateLimitLayer<A, K, S> {
    fn clone(&self) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
            api: PhantomData,
        }
    }
}

impl<A, K, S> std::fmt::Debug for RateLimitLayer<A, K, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimitLayer")
            .field("limits", &self.shared.plan)
            .field("on_store_error", &self.shared.on_store_error)
            .finish_non_exhaustive()
    }
}

impl<A, K, S, I> Layer<I> for RateLimitLayer<A, K, S> {
    type Service = RateLimitService<A, K, S, I>;

    fn layer(&self, inner: I) -> Self::Service {
        RateLimitService {
            layer: self.clone(),
            inner,
        }
    }
}

/// The service [`RateLimitLayer`] wraps around an inner one.
pub struct RateLimitService<A, K, S, I> {
    layer: RateLimitLayer<A, K, S>,
    inner: I,
}

impl<A, K, S, I: Clone> Clone for RateLimitService<A, K, S, I> {
    fn clone(&self) -> Self {
        Self {
            layer: self.layer.clone(),
            inner: self.inner.clone(),
        }
    }
}

impl<A, K, S, I> std::fmt::Debug for RateLimitService<A, K, S, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimitService")
            .field("layer", &self.layer)
            .finish_non_exhaustive()
    }
}

impl<A, K, S, I, B, R> Service<Request<B>> for RateLimitService<A, K, S, I>
where
    A: Catalog,
    K: KeyFn,
    S: Store,
    I: Service<Request<B>, Response = Response<R>> + Clone + Send + 'static,
    I::Future: Send,
    I::Error: Send,
    B: Send + 'static,
    R: From<Vec<u8>> + Send + 'static,
{
    type Response = Response<R>;
    type Error = I::Error;
    type Future = BoxFuture<'static, Result<Response<R>, I::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let layer = self.layer.clone();
        let shared = &layer.shared;
        let keys = match keys(shared, &request) {
            Ok(keys) => keys,
            Err(rejection) => {
                let reply = Reply::<A>::for_status(rejection.status(), Some(rejection.to_string()));
                return Box::pin(std::future::ready(Ok(respond(reply))));
            }
        };
        // An in-process store decides here, with the keys still borrowed from the request.
        let decided = {
            let groups = counted(&shared.plan, &keys);
            let groups = &groups[..shared.plan.groups.len()];
            shared.store.acquire_now(&Acquire { groups })
        };
        let keys: Option<Vec<String>> = match decided {
            Some(_) => None,
            None => Some(keys.into_iter().map(Cow::into_owned).collect()),
        };
        // The inner service was made ready by `poll_ready`; keep that one, leave a clone.
        let clone = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, clone);
        match (decided, keys) {
            (Some(result), _) => Box::pin(answer(layer, result, inner, request)),
            (None, keys) => Box::pin(async move {
                let mut owned: [Cow<'_, str>; GROUPS] = Default::default();
                for (slot, key) in owned.iter_mut().zip(keys.unwrap_or_default()) {
                    *slot = Cow::Owned(key);
                }
                let result = {
                    let groups = counted(&layer.shared.plan, &owned);
                    let groups = &groups[..layer.shared.plan.groups.len()];
                    layer.shared.store.acquire(Acquire { groups }).await
                };
                answer(layer, result, inner, request).await
            }),
        }
    }
}

/// The most groups a request has: one per scope.
const GROUPS: usize = 4;

/// The caller's key for each group of the plan (empty for scope `total`), borrowed from the
/// request where the key functions can; the first key that cannot be read rejects it. On the
/// stack: a request allocates nothing to be counted.
fn keys<'r, K: KeyFn, S, B>(
    shared: &Shared<K, S>,
    request: &'r Request<B>,
) -> Result<[Cow<'r, str>; GROUPS], KeyRejection> {
    let (headers, extensions) = (request.headers(), request.extensions());
    let mut keys: [Cow<'r, str>; GROUPS] = Default::default();
    for ((scope, _), slot) in shared.plan.groups.iter().zip(&mut keys) {
        if *scope == Scope::Total {
            continue;
        }
        *slot = match shared.scope_keys.iter().find(|(s, _)| s == scope) {
            Some((_, key)) => key.key_dyn(headers, extensions)?,
            None => shared.key.key(headers, extensions)?,
        };
    }
    Ok(keys)
}

/// The groups of a request: the plan's, each with its key (the first `plan.groups.len()`).
fn counted<'a>(plan: &'a Plan, keys: &'a [Cow<'_, str>; GROUPS]) -> [Counted<'a>; GROUPS] {
    let mut groups = [Counted {
        scope: Scope::Total,
        key: "",
        limits: &[],
    }; GROUPS];
    for (((scope, limits), key), slot) in plan.groups.iter().zip(keys).zip(&mut groups) {
        *slot = Counted {
            scope: *scope,
            key,
            limits,
        };
    }
    groups
}

/// Lets the request through to `inner`, or answers it, as the store's `result` says.
async fn answer<A, K, S, I, B, R>(
    layer: RateLimitLayer<A, K, S>,
    result: Result<Outcome, StoreError>,
    mut inner: I,
    request: Request<B>,
) -> Result<Response<R>, I::Error>
where
    A: Catalog,
    I: Service<Request<B>, Response = Response<R>>,
    R: From<Vec<u8>>,
{
    let shared = &layer.shared;
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(_) if shared.on_store_error == OnStoreError::FailOpen => {
            return inner.call(request).await;
        }
        Err(error) => {
            let reply = Reply::<A>::for_status(503, Some(error.to_string()));
            return Ok(respond(reply));
        }
    };
    if !outcome.admitted {
        return Ok(respond(refusal(&layer, &outcome, SystemTime::now())));
    }
    let mut response = inner.call(request).await?;
    if A::HEADERS.every_response {
        let mut headers = rate_limit_headers::<A>(&outcome.states, SystemTime::now());
        // Nothing to retry on a response that was let through.
        let retry = A::HEADERS
            .get(crate::HeaderRole::RetryAfter)
            .unwrap_or(RETRY_AFTER);
        headers.retain(|(name, _)| !name.eq_ignore_ascii_case(retry));
        append(&mut response, headers);
        #[cfg(feature = "ietf-ratelimit")]
        if shared.ietf {
            append(&mut response, ietf_fields(&outcome.states));
        }
    }
    Ok(response)
}

/// The spec's answer to a refused request: the answer of the exceeded limit that frees up
/// last, its headers, and when to retry.
fn refusal<A: Catalog, K, S>(
    layer: &RateLimitLayer<A, K, S>,
    outcome: &Outcome,
    now: SystemTime,
) -> Reply<A> {
    let exceeded = outcome
        .states
        .iter()
        .enumerate()
        .filter(|(_, s)| s.remaining == 0)
        .max_by_key(|(_, s)| s.reset_after);
    let (index, wait) = exceeded.map_or((None, Duration::from_secs(1)), |(i, s)| {
        (layer.shared.plan.index.get(i), s.reset_after)
    });
    // A client that waits this long finds room; never 0, which would invite a retry storm.
    let wait = Duration::from_secs(seconds_up(wait).max(1));
    let answer = index.and_then(|&i| A::RATE_LIMIT_ANSWERS.get(i).copied().flatten());
    let reply = match answer {
        Some(LimitAnswer::Code(code)) => Reply::from_code(code),
        Some(LimitAnswer::Status(status)) => Reply::from_status(status),
        None => Reply::for_status(429, None),
    };
    let reply = reply
        .with_rate_limits(&outcome.states, now)
        .with_retry_after(wait)
        .with_header(RETRY_AFTER, wait.as_secs().to_string());
    #[cfg(feature = "ietf-ratelimit")]
    if layer.shared.ietf {
        return reply.with_ietf_rate_limits(&outcome.states);
    }
    reply
}

/// The IETF fields for `states`, as name and value.
#[cfg(feature = "ietf-ratelimit")]
fn ietf_fields(states: &[LimitState]) -> Vec<(&'static str, String)> {
    let limits: Vec<RateLimit> = states.iter().map(|s| s.limit).collect();
    match (
        crate::ietf::policy_value(&limits),
        crate::ietf::ratelimit_value(states),
    ) {
        (Some(policy), Some(state)) => vec![
            (crate::ietf::POLICY_FIELD, policy),
            (crate::ietf::RATELIMIT_FIELD, state),
        ],
        _ => Vec::new(),
    }
}

/// Adds `headers` to `response`; names and values come from the spec and the counts, so
/// they are valid HTTP, and one that is not is left out.
fn append<R>(response: &mut Response<R>, headers: Vec<(&'static str, String)>) {
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().insert(name, value);
        }
    }
}

/// `reply` as a response; marked as errspec's, so axum's `CatalogLayer` can negotiate it.
fn respond<A: Catalog, R: From<Vec<u8>>>(reply: Reply<A>) -> Response<R> {
    #[cfg(feature = "axum")]
    return crate::axum::marked(reply);
    #[cfg(not(feature = "axum"))]
    reply.into_http_response()
}

#[cfg(test)]
mod tests;
