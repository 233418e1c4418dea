//! The service of the layer: what a request counts under, the store's decision, and the
//! answer (the inner service's response, or the spec's own).

use super::{RateLimitLayer, RateLimitService, ResponseFuture, Shared};
use crate::ratelimit::plan::Plan;
use crate::ratelimit::{
    Acquire, Counted, KeyFn, KeyRejection, OnStoreError, Outcome, Store, StoreError,
};
use crate::runtime::LimitState;
use crate::runtime::seconds_up;
use crate::server::{Reply, rate_limit_headers};
use crate::{Catalog, Scope};
use http::{HeaderName, HeaderValue, Request, Response};
use std::borrow::Cow;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};
use tower::Service;

/// The standard retry header, sent on every refusal whatever else the spec names.
const RETRY_AFTER: &str = "retry-after";

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
    type Future = ResponseFuture<I::Future, R, I::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let shared = &self.layer.shared;
        let admitted_states = A::HEADERS.every_response;
        // The credentials' keys, read once: they decide which limits count the request, and
        // count it.
        let credentials = shared.limits.credentials().map(|scopes| {
            let mut keys = Keys::of(&request);
            let unauthenticated = is_unauthenticated(shared, scopes, &request, &mut keys);
            (keys, unauthenticated)
        });
        let unauthenticated = credentials.as_ref().is_some_and(|(_, u)| *u);
        let chosen = shared.limits.choose(
            request.method().as_str(),
            request.uri().path(),
            unauthenticated,
        );
        let plan = shared.limits.plan(&chosen);
        // An in-process store decides here, with the keys still borrowed from the request,
        // and the inner service is called at once: nothing is allocated for the request.
        let read = credentials.as_ref().map(|(keys, _)| keys);
        let in_place = decide_in_place(shared, plan, &request, read, admitted_states);
        let in_place = match in_place {
            InPlace::Decided(decided) => {
                return answer(&self.layer, &mut self.inner, plan, decided, request);
            }
            InPlace::Waits(read) => read,
            InPlace::Other => None,
        };
        let mut keys = credentials.map_or_else(|| Keys::of(&request), |(keys, _)| keys);
        // The key the attempt read: counted with, not read again.
        if let Some((at, key)) = in_place {
            keys.plain[at] = key;
            keys.read[at] = true;
        }
        if let Err(rejection) = read_keys(shared, plan, &request, &mut keys) {
            return answer(&self.layer, &mut self.inner, plan, Err(rejection), request);
        }
        keys.add_endpoints(plan, &request);
        let decided = with_groups(plan, &keys, |groups| {
            shared.store.acquire_now(&Acquire {
                groups,
                admitted_states,
            })
        });
        if let Some(result) = decided {
            return answer(&self.layer, &mut self.inner, plan, Ok(result), request);
        }
        let keys = keys.into_owned();
        let layer = self.layer.clone();
        // The inner service was made ready by `poll_ready`; keep that one, leave a clone.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        ResponseFuture::waiting(Box::pin(async move {
            let plan = layer.shared.limits.plan(&chosen);
            let result = {
                // A store that waits: the groups outlive the await, on the heap.
                let groups: Vec<Counted<'_>> = counted(plan, &keys).collect();
                let request = Acquire {
                    groups: &groups,
                    admitted_states,
                };
                layer.shared.store.acquire(request).await
            };
            match verdict(&layer, plan, result, request.method().as_str()) {
                Verdict::Pass(headers) => ResponseFuture::inner(inner.call(request), headers).await,
                Verdict::Answer(response) => Ok(response),
            }
        }))
    }
}

/// The answer to a request the store decided at once (or whose key could not be read): the
/// inner service's response, or the layer's own.
fn answer<A, K, S, I, B, R>(
    layer: &RateLimitLayer<A, K, S>,
    inner: &mut I,
    plan: &Plan,
    decided: Result<Result<Outcome, StoreError>, KeyRejection>,
    request: Request<B>,
) -> ResponseFuture<I::Future, R, I::Error>
where
    A: Catalog,
    I: Service<Request<B>, Response = Response<R>>,
    R: From<Vec<u8>>,
{
    let result = match decided {
        Ok(result) => result,
        Err(rejection) => return ResponseFuture::ready(respond(rejected::<A>(&rejection, plan))),
    };
    match verdict(layer, plan, result, request.method().as_str()) {
        Verdict::Pass(headers) => ResponseFuture::inner(inner.call(request), headers),
        Verdict::Answer(response) => ResponseFuture::ready(response),
    }
}

/// What came of deciding a request in place ([`decide_in_place`]).
enum InPlace<'r> {
    /// Decided by the store, or answered because the key could not be read.
    Decided(Result<Result<Outcome, StoreError>, KeyRejection>),
    /// A store that must be awaited; the key read for the group's scope (its slot and the
    /// key), when it was not among the credentials read already.
    Waits(Option<(usize, Cow<'r, str>)>),
    /// A plan the general path decides.
    Other,
}

/// The common request decided at once, its key read and counted in place: a plan of one
/// group of a caller's scope, counted per caller (not per endpoint), under an in-process
/// store. The key is the one `read` holds for the scope, where the credentials were read
/// already, else read here (and handed back when the store must be awaited, so that no key
/// function runs twice for a request).
#[inline]
fn decide_in_place<'r, K: KeyFn, S: Store, B>(
    shared: &Shared<K, S>,
    plan: &Plan,
    request: &'r Request<B>,
    read: Option<&Keys<'r>>,
    admitted_states: bool,
) -> InPlace<'r> {
    let [group] = plan.groups.as_slice() else {
        return InPlace::Other;
    };
    if group.scope == Scope::Total || group.per_endpoint {
        return InPlace::Other;
    }
    let decide = |key: &str| {
        let groups = [Counted {
            scope: group.scope,
            bucket: group.bucket,
            key,
            limits: &group.limits,
            cost: group.cost.of(request.method().as_str()),
        }];
        shared.store.acquire_now(&Acquire {
            groups: &groups,
            admitted_states,
        })
    };
    let at = slot(group.scope);
    match read.filter(|keys| keys.read[at]) {
        Some(keys) => match decide(&keys.plain[at]) {
            Some(result) => InPlace::Decided(Ok(result)),
            None => InPlace::Waits(None),
        },
        None => match key_of(shared, group.scope, request) {
            Err(rejection) => InPlace::Decided(Err(rejection)),
            Ok(key) => match decide(&key) {
                Some(result) => InPlace::Decided(Ok(result)),
                None => InPlace::Waits(Some((at, key))),
            },
        },
    }
}

/// The spec's answer to a request whose key cannot be read.
///
/// Where the spec says every response carries the rate-limit headers, so does this one: a
/// request that cannot be counted has used none of the limits it would count under.
fn rejected<A: Catalog>(rejection: &KeyRejection, plan: &Plan) -> Reply<A> {
    let answer = match rejection {
        KeyRejection::Missing(_) => A::ANSWERS.missing_key,
        KeyRejection::Invalid(_) => A::ANSWERS.invalid_key,
    };
    let reply = Reply::<A>::for_answer(answer, rejection.status(), Some(rejection.to_string()));
    if !A::HEADERS.every_response {
        return reply;
    }
    let untouched: Vec<LimitState> = plan
        .groups
        .iter()
        .flat_map(|group| &group.limits)
        .map(|&limit| LimitState {
            limit,
            remaining: limit.requests,
            reset_after: Duration::ZERO,
        })
        .collect();
    reply.with_rate_limits(&untouched, SystemTime::now())
}

/// One slot per scope, in the order of `Scope::ALL`.
const SCOPES: usize = 4;

/// The slot of `scope` among the keys of a request: its place in `Scope`'s declaration.
const fn slot(scope: Scope) -> usize {
    scope as usize
}

/// Reads into `keys` the caller's key for each scope of the plan (none for scope `total`
/// and the scopes it does not count), borrowed from the request where the key functions can,
/// except where it was read already; the first key that cannot be read rejects the request.
/// In place, on the stack: a request allocates nothing to be counted, and its keys are not
/// moved around.
fn read_keys<'r, K: KeyFn, S, B>(
    shared: &Shared<K, S>,
    plan: &Plan,
    request: &'r Request<B>,
    keys: &mut Keys<'r>,
) -> Result<(), KeyRejection> {
    for group in &plan.groups {
        let at = slot(group.scope);
        if group.scope == Scope::Total || keys.read[at] {
            continue;
        }
        keys.plain[at] = key_of(shared, group.scope, request)?;
        keys.read[at] = true;
    }
    Ok(())
}

/// The caller's key for `scope`: its own key function's, else the layer's.
fn key_of<'r, K: KeyFn, S, B>(
    shared: &Shared<K, S>,
    scope: Scope,
    request: &'r Request<B>,
) -> Result<Cow<'r, str>, KeyRejection> {
    let (headers, extensions) = (request.headers(), request.extensions());
    match shared.scope_keys.iter().find(|(s, _)| *s == scope) {
        Some((_, key)) => key.key_dyn(headers, extensions),
        None => shared.key.key(headers, extensions),
    }
}

/// Whether `request` carries no credentials: no key for any of the `credentials` scopes
/// (an unreadable key is a credential, answered as such when it is read for counting). The
/// keys it finds go into `keys`, so that counting does not read them again.
fn is_unauthenticated<'r, K: KeyFn, S, B>(
    shared: &Shared<K, S>,
    credentials: &[Scope],
    request: &'r Request<B>,
    keys: &mut Keys<'r>,
) -> bool {
    let mut unauthenticated = true;
    for &scope in credentials {
        match key_of(shared, scope, request) {
            Err(KeyRejection::Missing(_)) => {}
            Ok(key) => {
                keys.plain[slot(scope)] = key;
                keys.read[slot(scope)] = true;
                unauthenticated = false;
            }
            Err(_) => unauthenticated = false,
        }
    }
    unauthenticated
}

/// Groups a request has inline, before they spill to the heap.
const INLINE: usize = 4;

/// What a request's groups count it with: its key for each scope, the same followed by its
/// endpoint for the groups that count per endpoint, and its method, which sets its cost.
struct Keys<'r> {
    plain: [Cow<'r, str>; SCOPES],
    /// Which of `plain` were read.
    read: [bool; SCOPES],
    /// One per scope where the plan has a group per endpoint; else empty (no allocation).
    per_endpoint: Vec<String>,
    method: Cow<'r, str>,
}

impl<'r> Keys<'r> {
    /// No keys yet, for a request of `request`'s method.
    fn of<B>(request: &'r Request<B>) -> Self {
        Self {
            plain: Default::default(),
            read: [false; SCOPES],
            per_endpoint: Vec::new(),
            method: Cow::Borrowed(request.method().as_str()),
        }
    }

    /// The keys followed by the request's endpoint, when the plan counts per endpoint.
    fn add_endpoints<B>(&mut self, plan: &Plan, request: &Request<B>) {
        if !plan.per_endpoint {
            return;
        }
        let endpoint = endpoint(request);
        // The endpoint has one space (its method has none, a path none), so the key and the
        // endpoint can be told apart again: no two pairs share a text.
        self.per_endpoint = self
            .plain
            .iter()
            .map(|key| format!("{key} {endpoint}"))
            .collect();
    }

    /// The same keys, owned, for a store that waits.
    fn into_owned(self) -> Keys<'static> {
        Keys {
            plain: self.plain.map(|key| Cow::Owned(key.into_owned())),
            read: self.read,
            per_endpoint: self.per_endpoint,
            method: Cow::Owned(self.method.into_owned()),
        }
    }
}

/// The endpoint of `request`: its method and the route it matched (axum's `MatchedPath`,
/// when the layer runs after routing, as a `route_layer`), else its path.
fn endpoint<B>(request: &Request<B>) -> String {
    #[cfg(feature = "axum")]
    let matched = request.extensions().get::<::axum::extract::MatchedPath>();
    #[cfg(feature = "axum")]
    let path = matched.map_or(request.uri().path(), |m| m.as_str());
    #[cfg(not(feature = "axum"))]
    let path = request.uri().path();
    format!("{} {path}", request.method())
}

/// The groups of a request: the plan's, each with its key and what the request costs.
fn counted<'a>(plan: &'a Plan, keys: &'a Keys<'_>) -> impl Iterator<Item = Counted<'a>> {
    plan.groups.iter().map(|group| {
        let at = slot(group.scope);
        let key = match group.per_endpoint {
            true => keys.per_endpoint[at].as_str(),
            false => &keys.plain[at],
        };
        Counted {
            scope: group.scope,
            bucket: group.bucket,
            key,
            limits: &group.limits,
            cost: group.cost.of(&keys.method),
        }
    })
}

/// Calls `f` with the groups of a request, inline where they fit.
fn with_groups<R>(plan: &Plan, keys: &Keys<'_>, f: impl FnOnce(&[Counted<'_>]) -> R) -> R {
    let mut counted = counted(plan, keys);
    // Most plans have one group (every limit of one scope): no array of defaults to fill.
    if plan.groups.len() == 1
        && let Some(group) = counted.next()
    {
        return f(&[group]);
    }
    if plan.groups.len() > INLINE {
        let groups: Vec<Counted<'_>> = counted.collect();
        return f(&groups);
    }
    let mut groups = [Counted {
        scope: Scope::Total,
        bucket: "",
        key: "",
        limits: &[],
        cost: 1,
    }; INLINE];
    for (slot, group) in groups.iter_mut().zip(counted) {
        *slot = group;
    }
    f(&groups[..plan.groups.len()])
}

/// What the layer does with a request once the store has decided.
enum Verdict<R> {
    /// Let it through to the inner service, with these headers on its response.
    Pass(Vec<(HeaderName, HeaderValue)>),
    /// Answer it with the layer's own response.
    Answer(Response<R>),
}

/// The verdict on a request of `method`, as the store's `result` says. The request stays
/// with the caller: it is moved once, into the inner service, however it is answered.
fn verdict<A, K, S, R>(
    layer: &RateLimitLayer<A, K, S>,
    plan: &Plan,
    result: Result<Outcome, StoreError>,
    method: &str,
) -> Verdict<R>
where
    A: Catalog,
    R: From<Vec<u8>>,
{
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(_) if layer.shared.on_store_error == OnStoreError::FailOpen => {
            return Verdict::Pass(Vec::new());
        }
        Err(error) => {
            let reply = Reply::<A>::for_status(503, Some(error.to_string()));
            return Verdict::Answer(respond(reply));
        }
    };
    if !outcome.admitted {
        let reply = refusal(layer, plan, method, &outcome, SystemTime::now());
        return Verdict::Answer(respond(reply));
    }
    if !A::HEADERS.every_response {
        return Verdict::Pass(Vec::new());
    }
    let mut named = rate_limit_headers::<A>(&outcome.states, SystemTime::now());
    // Nothing to retry on a response that was let through.
    let retry = A::HEADERS
        .get(crate::HeaderRole::RetryAfter)
        .unwrap_or(RETRY_AFTER);
    named.retain(|(name, _)| !name.eq_ignore_ascii_case(retry));
    #[cfg(feature = "ietf-ratelimit")]
    if layer.shared.ietf {
        named.extend(ietf_fields(&outcome.states));
    }
    Verdict::Pass(valid(named))
}

/// The spec's answer to a refused request: the answer of the exceeded limit that frees up
/// last, its headers, and when to retry.
pub(super) fn refusal<A: Catalog, K, S>(
    layer: &RateLimitLayer<A, K, S>,
    plan: &Plan,
    method: &str,
    outcome: &Outcome,
    now: SystemTime,
) -> Reply<A> {
    // What the request costs under each state's limit, group by group as the states are.
    let costs = plan
        .groups
        .iter()
        .flat_map(|g| std::iter::repeat_n(g.cost.of(method), g.limits.len()));
    let exceeded = outcome
        .states
        .iter()
        .zip(costs)
        .enumerate()
        .filter(|(_, (s, cost))| s.remaining < *cost)
        .map(|(i, (s, _))| (i, s))
        .max_by_key(|(_, s)| s.reset_after);
    let (index, wait) = exceeded.map_or((None, Duration::from_secs(1)), |(i, s)| {
        (plan.index.get(i), s.reset_after)
    });
    // A client that waits this long finds room; never 0, which would invite a retry storm.
    let wait = Duration::from_secs(seconds_up(wait).max(1));
    let answer = index.and_then(|&i| A::RATE_LIMIT_ANSWERS.get(i).copied().flatten());
    let reply = Reply::for_answer(answer, 429, None)
        .with_rate_limits(&outcome.states, now)
        .with_retry_after(wait)
        .with_header(RETRY_AFTER, wait.as_secs().to_string());
    #[cfg(feature = "ietf-ratelimit")]
    if layer.shared.ietf {
        return reply.with_ietf_rate_limits(&outcome.states);
    }
    #[cfg(not(feature = "ietf-ratelimit"))]
    let _ = layer;
    reply
}

/// The IETF fields for `states`, as name and value.
#[cfg(feature = "ietf-ratelimit")]
fn ietf_fields(states: &[LimitState]) -> Vec<(&'static str, String)> {
    let limits: Vec<crate::RateLimit> = states.iter().map(|s| s.limit).collect();
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

/// `headers` as HTTP; names and values come from the spec and the counts, so they are valid
/// HTTP, and one that is not is left out.
fn valid(headers: Vec<(&'static str, String)>) -> Vec<(HeaderName, HeaderValue)> {
    headers
        .into_iter()
        .filter_map(|(name, value)| {
            Some((
                HeaderName::try_from(name).ok()?,
                HeaderValue::try_from(value).ok()?,
            ))
        })
        .collect()
}

/// `reply` as a response; marked as errspec's, so axum's `CatalogLayer` can negotiate it.
fn respond<A: Catalog, R: From<Vec<u8>>>(reply: Reply<A>) -> Response<R> {
    #[cfg(feature = "axum")]
    return crate::axum::marked(reply);
    #[cfg(not(feature = "axum"))]
    reply.into_http_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every scope has a slot of its own among a request's keys.
    #[test]
    fn every_scope_has_its_own_slot() {
        let mut slots: Vec<usize> = Scope::ALL.iter().map(|(_, s)| slot(*s)).collect();
        slots.sort_unstable();
        assert_eq!(slots, (0..SCOPES).collect::<Vec<_>>());
    }
}
