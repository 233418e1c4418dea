//! Enforcing the spec's rate limits on a server (feature `tower`): a tower 0.5 layer built
//! from a catalog and a key function.
//!
//! [`RateLimitLayer`] enforces every rate limit of the catalog at once, exactly: a request is
//! let through when, under each limit, fewer than `requests` requests of its caller were let
//! through in the last `window` (an exact sliding window, not a token bucket: no window of the
//! documented length ever holds more than the limit, and a caller who stays within every limit
//! is never refused; exact on the store's clock, which ticks every microsecond). Limits of scope
//! `total` count everyone as one caller; the others count per key, each scope under its own:
//! the layer's [`KeyFn`] ([`header`], [`peer_ip`], [`client_ip`] behind trusted proxies,
//! [`extension`] or a closure), or the one [`RateLimitLayer::key_for`] gives the scope.
//!
//! A refused request gets the spec's own answer for the limit (its error code, or its status,
//! with the documented body and content type), `Retry-After` in whole seconds rounded up
//! (never 0), the spec's rate-limit headers and, with [`RateLimitLayer::ietf_fields`], the IETF
//! `RateLimit-Policy` and `RateLimit` fields. Where the spec says the headers come on every
//! response (`headers.every_response`), the responses let through carry them too. A request
//! whose key cannot be read gets the spec's answer for it (`answers:`), else its 401 (no key)
//! or 400 (an unreadable one); where the headers come on every response, they say that
//! nothing of the limits was used.
//!
//! The state lives in a [`Store`]: [`MemoryStore`] (the default, in this process) or, with
//! feature `redis`, `RedisStore`, shared by every instance of a service through a Redis or a
//! Redis Cluster. Either keeps one ring of admission times per caller and scope, 4 bytes a
//! time, as many times as its largest limit counts: every limit of a caller counts the same
//! admissions, since a request counts under all of them or none. [`GcraStore`], in this
//! process too, is the approximate choice: a GCRA cell per limit, a few bytes a caller, which
//! never refuses a caller within its limits but lets through up to twice a limit in a window;
//! `RedisStore::gcra` keeps the same cells in Redis, for a fleet.
//!
//! ```
//! use errspec::funder_offers::Api;
//! use errspec::ratelimit::{RateLimitLayer, header};
//! use http::HeaderName;
//!
//! let layer = RateLimitLayer::<Api, _>::new(header(HeaderName::from_static("x-api-key")));
//! // let app = axum::Router::new().route(...).layer(layer);
//! # let _ = layer;
//! ```

mod forwarded;
mod gcra;
mod key;
mod layer;
mod memory;
mod plan;
#[cfg(feature = "redis")]
mod redis;
mod ring;
mod window;

pub use forwarded::{ClientIp, ForwardingHeader, InvalidNetwork, Network, client_ip};
pub use key::{Extension, Header, KeyFn, KeyRejection, PeerIp, extension, header, peer_ip};
pub use layer::{RateLimitLayer, RateLimitService, ResponseFuture};
pub use memory::{GcraStore, MemoryStore};
#[cfg(feature = "redis")]
pub use redis::RedisStore;

use crate::runtime::LimitState;
use crate::{RateLimit, Scope};
use futures_util::future::BoxFuture;
use std::fmt;

/// One request to count: its limits, in groups, each group counted under one key.
#[derive(Clone, Copy, Debug)]
pub struct Acquire<'a> {
    /// The groups, one per scope and set of routes of the request's limits.
    pub groups: &'a [Counted<'a>],
    /// Whether an admitted request's [`Outcome`] needs the state of each limit (for headers
    /// on every response). A refused request's always has them; a store may give them
    /// anyway, and an in-process store skips the work when they are not needed.
    pub admitted_states: bool,
}

/// The limits of one scope and one set of routes, and whom they count the request against.
#[derive(Clone, Copy, Debug)]
pub struct Counted<'a> {
    /// The scope of every limit of the group.
    pub scope: Scope,
    /// Which of the caller's rings in the scope: `""` for the limits on every route, else
    /// the name of the first of the group's limits, which share their routes.
    pub bucket: &'static str,
    /// The caller's key for the scope (its API key, account, address), followed by the
    /// endpoint (`octocat GET /repos/{owner}/{repo}`) for limits per endpoint; ignored for
    /// scope `total`, whose limits count everyone as one caller.
    pub key: &'a str,
    /// The limits, each of `scope`.
    pub limits: &'a [RateLimit],
    /// What the request costs under each of them: the number of admissions it counts as.
    pub cost: u32,
}

/// What a store decided for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the request is let through (and counted).
    pub admitted: bool,
    /// Where each limit stands afterwards, group by group, in the order of the request; may
    /// be empty for an admitted request that did not ask for them
    /// ([`Acquire::admitted_states`]).
    pub states: Vec<LimitState>,
}

/// A store could not decide (Redis unreachable, a reply it cannot read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the rate-limit store failed: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// Where the rate-limit layer keeps its counts.
pub trait Store: Send + Sync + 'static {
    /// Admits the request when every limit has room for it, and then counts it under all of
    /// them; a refused request counts under none. Atomic: concurrent requests never admit
    /// more than a limit between them.
    fn acquire<'a>(&'a self, request: Acquire<'a>) -> BoxFuture<'a, Result<Outcome, StoreError>>;

    /// The same decision made at once, for a store that never waits (one in this process);
    /// `None`, the default, for one that must ([`acquire`](Self::acquire) then decides).
    fn acquire_now(&self, request: &Acquire<'_>) -> Option<Result<Outcome, StoreError>> {
        let _ = request;
        None
    }
}

impl<S: Store + ?Sized> Store for std::sync::Arc<S> {
    fn acquire<'a>(&'a self, request: Acquire<'a>) -> BoxFuture<'a, Result<Outcome, StoreError>> {
        (**self).acquire(request)
    }

    fn acquire_now(&self, request: &Acquire<'_>) -> Option<Result<Outcome, StoreError>> {
        (**self).acquire_now(request)
    }
}

/// What the layer does when its store fails.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OnStoreError {
    /// Let the request through, uncounted: an outage of the store does not become an outage
    /// of the API. The default.
    #[default]
    FailOpen,
    /// Refuse it with the API's 503 (or a problem document when the spec has none): no
    /// request goes uncounted.
    FailClosed,
}
