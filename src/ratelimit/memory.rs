//! The in-process stores: per caller and scope, a window in memory (the exact sliding
//! window's ring of admission times, `ring.rs`, or a GCRA cell per limit, `gcra.rs`), sharded
//! so that callers on different shards never wait for each other.

use super::gcra::Cells;
use super::ring::Ring;
use super::window::{self, Group, Window};
use super::{Acquire, Counted, Outcome, Store, StoreError};
use crate::{RateLimit, Scope};
use futures_util::future::BoxFuture;
use shard::Shard;
use std::sync::{Mutex, MutexGuard, OnceLock};

/// Shards of the callers' map; a power of two.
const SHARDS: usize = 32;
/// Requests a shard serves between sweeps of its idle callers, at least; a shard that holds
/// more callers serves as many requests as it holds (see `Shard::serve`).
const SWEEP_EVERY: u32 = 1024;

/// The rate-limit state of every caller, in this process: the default store of
/// [`RateLimitLayer`](super::RateLimitLayer), exact. It needs nothing installed.
///
/// Memory is bounded by the limits: a caller holds one 4-byte time per request its largest
/// limit still counts (600 requests per 5 minutes: 2,400 bytes), whatever the number of its
/// limits, and an entry of 64 bytes. It keeps no key: a caller is known by a 128-bit hash of
/// its scope, bucket and key under keys drawn at random for the store (SipHash-1-3), so a long
/// token costs no more than a short one, and two callers could share counts only if their
/// hashes collided (a chance below 10^-22 among 100 million callers). Callers whose requests
/// all left their windows are dropped: each shard sweeps them after serving 1,024 requests, or
/// as many as it held callers after its last sweep when that is more, so that a request pays
/// for reading one caller at most however many there are.
#[derive(Debug, Default)]
pub struct MemoryStore {
    local: Local<Ring>,
}

/// The approximate in-process store: one GCRA cell per caller and limit (the generic cell
/// rate algorithm, which governor and tower_governor keep), 8 bytes a limit, in an entry of
/// 64 bytes per caller and set of limits; opt in with
/// [`RateLimitLayer::with_store`](super::RateLimitLayer::with_store).
///
/// A limit of N requests per window W lets a request through while the caller is at most
/// N − 1 requests ahead of a schedule of one request every W / N, and moves the schedule on
/// by W / N for each request it lets through. Against the exact window of [`MemoryStore`]:
/// - a caller who stays within the limit (never more than N in any window of length W) is
///   never refused, as with the exact window;
/// - but a window of length W may hold up to 2N admitted requests, where the exact window
///   holds N: N at once, then one every W / N.
///
/// Memory is the entry alone (a group of more than four limits keeps the others on the heap),
/// however many requests the limits count: the store to pick when callers send many requests
/// within long windows and twice a limit in a window is acceptable. Callers are known by a
/// keyed 128-bit hash as in [`MemoryStore`], and swept once their cells are back to a fresh
/// caller's.
///
/// ```
/// use errspec::funder_offers::Api;
/// use errspec::ratelimit::{GcraStore, RateLimitLayer, header};
/// use http::HeaderName;
///
/// let key = header(HeaderName::from_static("x-api-key"));
/// let layer = RateLimitLayer::<Api, _>::new(key).with_store(GcraStore::new());
/// // let app = axum::Router::new().route(...).layer(layer);
/// # let _ = layer;
/// ```
#[derive(Debug, Default)]
pub struct GcraStore {
    local: Local<Cells>,
}

/// An in-process store of windows `W`.
#[derive(Debug)]
struct Local<W: Window> {
    shards: Box<[Mutex<Shard<W>>]>,
    /// Everyone's windows, for limits of scope `total`.
    everyone: Mutex<Vec<Everyone<W>>>,
    /// The keys of its callers' ids, drawn at random.
    ids: id::Keys,
    /// The store's clock: `quanta`'s, the CPU's time stamp counter scaled to nanoseconds where
    /// the counter is invariant (quanta checks), the OS's monotonic clock else. `Instant::now`
    /// through the vDSO was about a third of the store's time per request under `perf`. The
    /// counter only grows on one core and its cores are kept in step far closer than a tick (a
    /// microsecond); a ring never lets its times go back whatever the clock says (it decides
    /// at its newest time when a reading is older, see `Ring::prepare`), a GCRA cell's
    /// schedule only moves on, and a reading before the epoch counts as the epoch.
    clock: quanta::Clock,
    /// When the store was made: a raw reading of `clock`.
    epoch: u64,
}

/// Everyone's window of one bucket (and, for windows of one set of limits, of those limits).
#[derive(Debug)]
struct Everyone<W> {
    bucket: &'static str,
    limits: Box<[RateLimit]>,
    window: W,
}

/// The clock every store reads, calibrated once per process (it takes milliseconds).
fn clock() -> quanta::Clock {
    static CLOCK: OnceLock<quanta::Clock> = OnceLock::new();
    CLOCK.get_or_init(quanta::Clock::new).clone()
}

impl<W: Window> Default for Local<W> {
    fn default() -> Self {
        // Calibrated here, when the first store is made, not on a request.
        let clock = clock();
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            everyone: Mutex::default(),
            ids: id::Keys::random(),
            epoch: clock.raw(),
            clock,
        }
    }
}

/// Where one group's window lives while a request is decided.
enum Slot {
    /// In the shard of this index, under this id.
    Caller(usize, u128),
    /// Everyone's window of a bucket, for limits of scope `total`, at this position.
    Everyone(usize),
}

/// What both in-process stores offer over their `Local`: a constructor, their callers, and
/// the decision at once, also as a [`Store`].
macro_rules! in_process_store {
    ($store:ident, $callers:literal) => {
        impl $store {
            /// An empty store.
            #[must_use]
            pub fn new() -> Self {
                Self::default()
            }

            #[doc = $callers]
            #[must_use]
            pub fn callers(&self) -> usize {
                self.local.callers()
            }

            /// Admits or refuses one request (see [`Store::acquire`]), at once.
            #[must_use]
            pub fn count(&self, request: &Acquire<'_>) -> Outcome {
                self.local.count(request)
            }
        }

        impl Store for $store {
            fn acquire<'a>(
                &'a self,
                request: Acquire<'a>,
            ) -> BoxFuture<'a, Result<Outcome, StoreError>> {
                let outcome = self.count(&request);
                Box::pin(std::future::ready(Ok(outcome)))
            }

            fn acquire_now(&self, request: &Acquire<'_>) -> Option<Result<Outcome, StoreError>> {
                Some(Ok(self.count(request)))
            }
        }
    };
}

in_process_store!(
    MemoryStore,
    "How many callers the store holds state for (a caller per scope it is counted in)."
);
in_process_store!(
    GcraStore,
    "How many callers the store holds state for (a caller per scope and set of limits it is \
     counted under)."
);

impl MemoryStore {
    /// The bytes the callers' rings take on the heap, not counting the map around them.
    #[must_use]
    pub fn ring_bytes(&self) -> usize {
        self.local.heap_bytes()
    }
}

impl<W: Window> Local<W> {
    fn callers(&self) -> usize {
        self.shards.iter().map(|s| lock(s).len()).sum()
    }

    fn heap_bytes(&self) -> usize {
        self.shards.iter().map(|s| lock(s).heap_bytes()).sum()
    }

    /// The shard and id of `group`'s caller, whatever its limits.
    fn place(&self, group: &Counted<'_>) -> (usize, u128) {
        let id = self.ids.id(group, false);
        // The id's high half picks the shard; its low half is the shard's hash.
        ((id >> 64) as usize & (SHARDS - 1), id)
    }

    /// The id of the window of the caller of `id` (its [`place`](Self::place)) under
    /// `group`'s limits, the set numbered `set` in its shard: the caller's own, or, for
    /// windows of one set of limits, its own under that set.
    fn window_id(&self, id: u128, set: u16, group: &Counted<'_>) -> u128 {
        match (W::PER_LIMITS, set) {
            (false, _) => id,
            (true, shard::UNNUMBERED) => self.ids.id(group, true),
            (true, set) => id::under_set(id, set),
        }
    }

    fn count(&self, request: &Acquire<'_>) -> Outcome {
        let mut limited = request.groups.iter().filter(|g| !g.limits.is_empty());
        match (limited.next(), limited.next()) {
            (None, _) => Outcome {
                admitted: true,
                states: Vec::new(),
            },
            (Some(group), None) => self.count_one(group, request.admitted_states),
            (Some(_), Some(_)) => self.count_many(request),
        }
    }

    /// The common request, whose limits are all of one scope: one lock, the window decided
    /// in place.
    fn count_one(&self, group: &Counted<'_>, admitted_states: bool) -> Outcome {
        let decide = |window: &mut W, plan: W::Plan, now: u64| {
            let (admitted, states) = window::acquire(
                &mut [Group {
                    window,
                    plan,
                    limits: group.limits,
                    cost: group.cost,
                }],
                now,
                admitted_states,
            );
            Outcome { admitted, states }
        };
        if group.scope == Scope::Total {
            let mut everyone = lock(&self.everyone);
            let at = everyone_in(&mut everyone, group.bucket, group.limits);
            return decide(&mut everyone[at].window, W::plan(group.limits), self.now());
        }
        let (index, id) = self.place(group);
        let mut shard = lock(&self.shards[index]);
        // Read the clock under the lock, so that each window's times only ever grow.
        let now = self.now();
        shard.serve(now);
        let (set, plan) = shard.set(group.limits);
        let caller = shard.caller(self.window_id(id, set, group), set);
        if !admitted_states
            && window::admit(&mut caller.window, &plan, group.limits, group.cost, now)
        {
            return Outcome {
                admitted: true,
                states: Vec::new(),
            };
        }
        // States asked for, or refused: decided (again, with the same result) with them.
        decide(&mut caller.window, plan, now)
    }

    /// Microseconds since the store was made.
    fn now(&self) -> u64 {
        // The counter scaled to nanoseconds since the epoch (0 for a reading before it), as
        // `Clock::now` scales it, without the conversions of an `Instant`.
        self.clock.delta_as_nanos(self.epoch, self.clock.raw()) / 1000
    }

    /// A request with limits of several scopes: every shard it touches locked at once, so the
    /// decision is atomic over all of its windows.
    fn count_many(&self, request: &Acquire<'_>) -> Outcome {
        let groups: Vec<&Counted<'_>> = request
            .groups
            .iter()
            .filter(|g| !g.limits.is_empty())
            .collect();
        let places: Vec<Option<(usize, u128)>> = groups
            .iter()
            .map(|g| (g.scope != Scope::Total).then(|| self.place(g)))
            .collect();
        // Every shard the request touches, locked once each, in order: no deadlock.
        let mut indices: Vec<usize> = places.iter().flatten().map(|&(i, _)| i).collect();
        indices.sort_unstable();
        indices.dedup();
        let mut shards: Vec<(usize, MutexGuard<'_, Shard<W>>)> = indices
            .iter()
            .map(|&i| (i, lock(&self.shards[i])))
            .collect();
        let mut everyone = places
            .iter()
            .any(Option::is_none)
            .then(|| lock(&self.everyone));
        // Read the clock under the locks, so that each window's times only ever grow.
        let now = self.now();
        // Sweep before any window moves out: a moved-out window looks idle.
        for (_, shard) in &mut shards {
            shard.serve(now);
        }
        // Each window moves out of its map while the request is decided, then back.
        let mut slots = Vec::with_capacity(groups.len());
        let mut windows = Vec::with_capacity(groups.len());
        let mut plans = Vec::with_capacity(groups.len());
        for (group, place) in groups.iter().zip(&places) {
            match place {
                Some((index, id)) => {
                    let shard = shard_of(&mut shards, *index);
                    let (set, plan) = shard.set(group.limits);
                    let id = self.window_id(*id, set, group);
                    windows.push(std::mem::take(&mut shard.caller(id, set).window));
                    slots.push(Slot::Caller(*index, id));
                    plans.push(plan);
                }
                None => {
                    plans.push(W::plan(group.limits));
                    let (at, window) = match everyone.as_deref_mut() {
                        Some(everyone) => {
                            let at = everyone_in(everyone, group.bucket, group.limits);
                            (at, std::mem::take(&mut everyone[at].window))
                        }
                        None => (0, W::default()),
                    };
                    windows.push(window);
                    slots.push(Slot::Everyone(at));
                }
            }
        }
        let mut decided: Vec<Group<'_, W>> = windows
            .iter_mut()
            .zip(groups.iter().zip(&plans))
            .map(|(window, (group, plan))| Group {
                window,
                plan: *plan,
                limits: group.limits,
                cost: group.cost,
            })
            .collect();
        let (admitted, states) = window::acquire(&mut decided, now, request.admitted_states);
        drop(decided);
        for (slot, window) in slots.into_iter().zip(windows) {
            match slot {
                Slot::Caller(index, id) => {
                    if let Some(caller) = shard_of(&mut shards, index).get(id) {
                        caller.window = window;
                    }
                }
                Slot::Everyone(at) => {
                    if let Some(everyone) = everyone.as_deref_mut().and_then(|e| e.get_mut(at)) {
                        everyone.window = window;
                    }
                }
            }
        }
        Outcome { admitted, states }
    }
}

/// The locked shard of `index`, among those a request holds.
fn shard_of<'s, 'g, W: Window>(
    shards: &'s mut [(usize, MutexGuard<'g, Shard<W>>)],
    index: usize,
) -> &'s mut Shard<W> {
    let at = shards.iter().position(|(i, _)| *i == index).unwrap_or(0);
    &mut shards[at].1
}

/// The position of everyone's window for `bucket` (and `limits`, for windows of one set of
/// limits), added when new.
fn everyone_in<W: Window>(
    everyone: &mut Vec<Everyone<W>>,
    bucket: &'static str,
    limits: &[RateLimit],
) -> usize {
    let found = everyone
        .iter()
        .position(|e| e.bucket == bucket && (!W::PER_LIMITS || *e.limits == *limits));
    match found {
        Some(at) => at,
        None => {
            everyone.push(Everyone {
                bucket,
                limits: limits.into(),
                window: W::default(),
            });
            everyone.len() - 1
        }
    }
}

/// A lock that a panic elsewhere does not poison: the windows stay valid whatever panicked.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

mod id;
mod shard;

#[cfg(test)]
mod tests;
