//! The in-process store: the exact sliding window of every caller, in memory, sharded so that
//! callers on different shards never wait for each other.

use super::window::{self, Group, Log};
use super::{Acquire, Outcome, Store, StoreError};
use crate::RateLimit;
use futures_util::future::BoxFuture;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

/// Shards of the callers' map; a power of two.
const SHARDS: usize = 32;
/// Requests a shard serves between sweeps of its idle callers.
const SWEEP_EVERY: u32 = 1024;

/// The rate-limit state of every caller, in this process: the default store of
/// [`RateLimitLayer`](super::RateLimitLayer). It needs nothing installed.
///
/// Memory is bounded by the limits: a caller holds one time stamp per request that still
/// counts, so at most the sum of the `requests` of its limits. Callers whose requests all
/// left their windows are dropped (each shard sweeps them every 1,024 requests it serves).
#[derive(Debug)]
pub struct MemoryStore {
    shards: Box<[Mutex<Shard>]>,
    shared: Mutex<Vec<Log>>,
    hasher: RandomState,
    epoch: Instant,
}

/// The callers of one shard, by the hash of their key the store computed to pick the shard,
/// so a request hashes its key once. Keys of one hash share a bucket.
#[derive(Debug, Default)]
struct Shard {
    callers: HashMap<u64, Vec<Caller>, BuildHasherDefault<Prehashed>>,
    served: u32,
}

#[derive(Debug)]
struct Caller {
    key: Box<str>,
    logs: Vec<Log>,
}

/// A hasher for keys that are hashes already: it passes them through.
#[derive(Debug, Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys reach this hasher; fold anything else rather than drop it.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl Default for MemoryStore {
    fn default() -> Self {
        Self::new()
    }
}

impl MemoryStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            shared: Mutex::default(),
            hasher: RandomState::new(),
            epoch: Instant::now(),
        }
    }

    /// How many callers the store holds state for.
    #[must_use]
    pub fn callers(&self) -> usize {
        self.shards
            .iter()
            .map(|s| lock(s).callers.values().map(Vec::len).sum::<usize>())
            .sum()
    }

    /// Admits or refuses one request (see [`Store::acquire`]), at once.
    #[must_use]
    pub fn count(&self, request: &Acquire<'_>) -> Outcome {
        let hash = self.hasher.hash_one(request.key);
        // Bits the map does not use to place or tag entries pick the shard.
        let index = (hash >> 32) as usize & (SHARDS - 1);
        let mut shard = (!request.keyed.is_empty()).then(|| lock(&self.shards[index]));
        let mut shared = (!request.shared.is_empty()).then(|| lock(&self.shared));
        // Read the clock under the locks, so that each log's times only ever grow.
        let now = u64::try_from(self.epoch.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let keyed = shard.as_deref_mut().map(|shard| {
            shard.served = shard.served.wrapping_add(1);
            if shard.served % SWEEP_EVERY == 0 {
                sweep(shard, request.keyed, now);
            }
            let bucket = shard.callers.entry(hash).or_default();
            // The key is only copied for a new caller.
            let at = match bucket.iter().position(|c| *c.key == *request.key) {
                Some(at) => at,
                None => {
                    bucket.push(Caller {
                        key: request.key.into(),
                        logs: Vec::new(),
                    });
                    bucket.len() - 1
                }
            };
            let logs = &mut bucket[at].logs;
            logs.resize_with(request.keyed.len(), Log::default);
            Group {
                logs,
                limits: request.keyed,
            }
        });
        let shared = shared.as_deref_mut().map(|shared| {
            shared.resize_with(request.shared.len(), Log::default);
            Group {
                logs: shared,
                limits: request.shared,
            }
        });
        let (admitted, states) = match (keyed, shared) {
            (Some(keyed), Some(shared)) => window::acquire(&mut [keyed, shared], now),
            (Some(one), None) | (None, Some(one)) => window::acquire(&mut [one], now),
            (None, None) => (true, Vec::new()),
        };
        Outcome { admitted, states }
    }
}

impl Store for MemoryStore {
    fn acquire<'a>(&'a self, request: Acquire<'a>) -> BoxFuture<'a, Result<Outcome, StoreError>> {
        let outcome = self.count(&request);
        Box::pin(std::future::ready(Ok(outcome)))
    }

    fn acquire_now(&self, request: &Acquire<'_>) -> Option<Result<Outcome, StoreError>> {
        Some(Ok(self.count(request)))
    }
}

/// Drops the callers none of whose requests count any more.
fn sweep(shard: &mut Shard, limits: &[RateLimit], now: u64) {
    shard.callers.retain(|_, bucket| {
        bucket.retain(|caller| {
            !caller
                .logs
                .iter()
                .zip(limits)
                .all(|(log, limit)| log.is_idle(window::nanos(limit.window), now))
        });
        !bucket.is_empty()
    });
}

/// A lock that a panic elsewhere does not poison: the logs stay valid whatever panicked.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scope;
    use std::time::Duration;

    const PER_HOUR: RateLimit = RateLimit {
        name: "per_hour",
        requests: 3,
        window: Duration::from_secs(3600),
        scope: Scope::ApiKey,
    };
    const EVERYONE: RateLimit = RateLimit {
        name: "everyone",
        requests: 4,
        window: Duration::from_secs(3600),
        scope: Scope::Total,
    };

    fn request<'a>(key: &'a str, keyed: &'a [RateLimit], shared: &'a [RateLimit]) -> Acquire<'a> {
        Acquire { key, keyed, shared }
    }

    #[test]
    fn callers_are_counted_apart_and_a_total_limit_for_all() {
        let store = MemoryStore::new();
        let (keyed, shared) = (&[PER_HOUR][..], &[EVERYONE][..]);
        let admitted = |key| store.count(&request(key, keyed, shared)).admitted;
        assert!(admitted("a") && admitted("a") && admitted("a"));
        assert!(!admitted("a"), "a's fourth in the hour");
        assert!(
            admitted("b"),
            "b has its own three, and everyone's fourth is left"
        );
        assert!(!admitted("c"), "everyone's four are used");
        assert_eq!(store.callers(), 3);
    }

    #[test]
    fn idle_callers_are_swept_and_busy_ones_kept() {
        let store = MemoryStore::new();
        let short = RateLimit {
            window: Duration::from_nanos(1),
            ..PER_HOUR
        };
        let busy = RateLimit {
            requests: u32::MAX,
            ..PER_HOUR
        };
        for i in 0..(SWEEP_EVERY as usize * SHARDS * 2) {
            let key = format!("caller {i}");
            let _ = store.count(&request(&key, &[short], &[]));
        }
        assert!(
            store.callers() <= SWEEP_EVERY as usize * SHARDS,
            "{} callers",
            store.callers()
        );
        let store = MemoryStore::new();
        for i in 0..5000 {
            let _ = store.count(&request(&format!("caller {i}"), &[busy], &[]));
        }
        assert_eq!(
            store.callers(),
            5000,
            "callers whose requests count are kept"
        );
    }
}
