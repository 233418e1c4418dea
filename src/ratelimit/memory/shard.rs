//! One shard of the in-process store: its callers by the hash the store computed to pick the
//! shard, each in the map itself (no allocation of its own but its ring, and its name when
//! longer than 22 bytes), so a request hashes its key once and reaches its caller in one
//! lookup.

use super::super::ring::{Plan, Ring};
use super::name::{Name, Spelling};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The callers of one shard.
#[derive(Debug, Default)]
pub(super) struct Shard {
    /// Callers by hash: the first caller of each hash.
    callers: HashMap<u64, Caller, BuildHasherDefault<Prehashed>>,
    /// Callers whose hash a caller in `callers` has too: with 64-bit keyed hashes, almost
    /// never any; searched in order.
    collided: Vec<(u64, Caller)>,
    /// Requests served, for sweeping.
    pub(super) served: u32,
}

/// One caller of one scope and set of routes: who it is, its ring, and when it goes idle.
/// 72 bytes, 80 with its hash in the map (it was 112 with its bucket, its key boxed apart,
/// and its plan), and no allocation for a key of up to 20 bytes.
#[derive(Debug)]
pub(super) struct Caller {
    /// Its scope, bucket and key, inline when short.
    name: Name,
    pub(super) ring: Ring,
    /// The time in microseconds from which the ring counts under no limit of the plan it was
    /// last used with ([`Ring::idle_from`]), for sweeping.
    idle_from: u64,
}

impl Caller {
    /// Records the plan the ring was just used with, for sweeping.
    pub(super) fn settle(&mut self, plan: &Plan) {
        self.idle_from = self.ring.idle_from(plan);
    }
}

/// Where a caller is in its shard.
#[derive(Clone, Copy, Debug)]
pub(super) enum Place {
    /// In the map, under this hash.
    Map(u64),
    /// Among the collided callers, at this position.
    Collided(usize),
}

impl Shard {
    /// The caller `spelling` names (of hash `hash`) and where it is, added when new: the
    /// name is made only for a new caller. One lookup in the map.
    pub(super) fn caller(&mut self, hash: u64, spelling: &Spelling<'_>) -> (Place, &mut Caller) {
        let new = || Caller {
            name: Name::new(spelling),
            ring: Ring::default(),
            idle_from: 0,
        };
        let Self {
            callers, collided, ..
        } = self;
        let first = callers.entry(hash).or_insert_with(new);
        if first.name.is(spelling) {
            return (Place::Map(hash), first);
        }
        let found = collided
            .iter()
            .position(|(h, c)| *h == hash && c.name.is(spelling));
        let at = found.unwrap_or(collided.len());
        if at == collided.len() {
            collided.push((hash, new()));
        }
        (Place::Collided(at), &mut collided[at].1)
    }

    /// The caller at `place`.
    pub(super) fn at(&mut self, place: Place) -> Option<&mut Caller> {
        match place {
            Place::Map(hash) => self.callers.get_mut(&hash),
            Place::Collided(at) => self.collided.get_mut(at).map(|(_, c)| c),
        }
    }

    /// Drops the callers none of whose requests count any more at `now_micros`.
    pub(super) fn sweep(&mut self, now_micros: u64) {
        let busy = |c: &Caller| c.idle_from > now_micros;
        self.callers.retain(|_, c| busy(c));
        self.collided.retain(|(_, c)| busy(c));
    }

    /// How many callers the shard holds.
    pub(super) fn len(&self) -> usize {
        self.callers.len() + self.collided.len()
    }

    /// The bytes the callers' rings take on the heap.
    pub(super) fn ring_bytes(&self) -> usize {
        let callers = self
            .callers
            .values()
            .chain(self.collided.iter().map(|(_, c)| c));
        callers.map(|c| c.ring.heap_bytes()).sum()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratelimit::Counted;
    use crate::{RateLimit, Scope};

    /// The store's tests' limit: 3 an hour per API key.
    const LIMITS: &[RateLimit] = &[super::super::tests::PER_HOUR];

    /// The spelling of the caller of API key `key`.
    fn group(key: &str) -> Spelling<'_> {
        Spelling::of(&Counted {
            scope: Scope::ApiKey,
            bucket: "",
            key,
            limits: LIMITS,
            cost: 1,
        })
    }

    /// Two callers whose hashes collide keep rings of their own, and are swept apart.
    #[test]
    fn callers_of_one_hash_are_kept_apart() {
        let mut shard = Shard::default();
        let plan = Plan::new(LIMITS);
        let a = shard.caller(7, &group("a")).0;
        let b = shard.caller(7, &group("b")).0;
        assert!(matches!((a, b), (Place::Map(7), Place::Collided(0))));
        assert!(matches!(shard.caller(7, &group("b")).0, Place::Collided(0)));
        assert_eq!(shard.len(), 2);
        let mut ring = |place| {
            let caller = shard.at(place).unwrap();
            let decided = crate::ratelimit::ring::acquire(
                &mut [crate::ratelimit::ring::Group {
                    ring: &mut caller.ring,
                    plan,
                    limits: LIMITS,
                    cost: 1,
                }],
                1,
                true,
            );
            caller.settle(&plan);
            decided
        };
        assert_eq!(ring(a).1[0].remaining, 2);
        assert_eq!(ring(a).1[0].remaining, 1);
        assert_eq!(ring(b).1[0].remaining, 2, "b counts apart from a");
        // An hour later, neither counts any request: both go.
        shard.sweep(3_599_999_999);
        assert_eq!(shard.len(), 2, "still counted until the hour is over");
        shard.sweep(3_600_000_000);
        assert_eq!(shard.len(), 0);
    }

    /// Callers of one hash in one shard, short names and long: each counts apart and is
    /// found again.
    #[test]
    fn every_caller_of_one_hash_is_found_again() {
        let long = "k".repeat(300);
        let keys = ["", "a", "abc", "twenty bytes of key.", &long, &long[1..]];
        let mut shard = Shard::default();
        let places: Vec<Place> = keys.iter().map(|k| shard.caller(9, &group(k)).0).collect();
        assert_eq!(shard.len(), keys.len());
        for (key, place) in keys.iter().zip(&places) {
            let found = shard.caller(9, &group(key)).0;
            assert_eq!(format!("{found:?}"), format!("{place:?}"));
        }
    }

    /// The entry of a caller in the map stays small: 10,000 of them fit in a core's cache.
    #[test]
    fn a_caller_takes_80_bytes_in_the_map() {
        assert_eq!(std::mem::size_of::<Name>(), 24);
        assert_eq!(std::mem::size_of::<Ring>(), 40);
        assert_eq!(std::mem::size_of::<(u64, Caller)>(), 80);
    }

    /// A caller whose request was refused, or whose limits count nothing, is idle at once;
    /// one whose ring counts is idle from its newest time plus its longest window.
    #[test]
    fn a_caller_is_idle_from_its_newest_time_plus_its_longest_window() {
        let mut shard = Shard::default();
        let plan = Plan::new(LIMITS);
        let (_, caller) = shard.caller(1, &group("a"));
        caller.settle(&plan);
        assert_eq!(caller.idle_from, 0, "an empty ring");
        let _ = crate::ratelimit::ring::acquire(
            &mut [crate::ratelimit::ring::Group {
                ring: &mut caller.ring,
                plan,
                limits: LIMITS,
                cost: 1,
            }],
            5,
            false,
        );
        caller.settle(&plan);
        // An hour ticks every 2 µs (it spans at most 2^31 ticks): the request at 5 µs is at
        // tick 2, counted until tick 2 + 1,800,000,000.
        assert_eq!(caller.idle_from, 3_600_000_004);
        let day = [RateLimit {
            window: std::time::Duration::from_secs(86_400),
            ..LIMITS[0]
        }];
        for plan in [plan, Plan::new(&day)] {
            caller.settle(&plan);
            let idle_from = caller.idle_from;
            assert!(!caller.ring.is_idle(&plan, plan.tick(idle_from - 1)));
            assert!(caller.ring.is_idle(&plan, plan.tick(idle_from)));
        }
    }
}
