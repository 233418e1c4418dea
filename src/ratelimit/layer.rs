//! The tower layer and its service: count, then answer as the spec says.

use super::key::DynKey;
use super::plan::Limits;
use super::{KeyFn, MemoryStore, OnStoreError, Store};
use crate::{Catalog, Scope};
pub use future::ResponseFuture;
use std::marker::PhantomData;
use std::sync::Arc;
use tower::Layer;

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
    limits: Arc<Limits>,
    on_store_error: OnStoreError,
    ietf: bool,
}

impl<K: Clone, S> Clone for Shared<K, S> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            scope_keys: self.scope_keys.clone(),
            store: Arc::clone(&self.store),
            limits: Arc::clone(&self.limits),
            on_store_error: self.on_store_error,
            ietf: self.ietf,
        }
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
            limits: Arc::new(Limits::new(A::RATE_LIMITS)),
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
    /// instances; a [`GcraStore`](super::GcraStore), approximate, to keep a few bytes a
    /// caller, or a `RedisStore`'s `gcra()` to do so across instances; or an `Arc` of a store
    /// this layer shares with another).
    #[must_use]
    pub fn with_store<T: Store>(self, store: T) -> RateLimitLayer<A, K, T> {
        let shared = self.into_shared();
        RateLimitLayer::from_shared(Shared {
            key: shared.key,
            scope_keys: shared.scope_keys,
            store: Arc::new(store),
            limits: shared.limits,
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
            .field("limits", &self.shared.limits)
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

mod future;
mod service;
#[cfg(test)]
mod tests;
