//! One shard of the in-process store: its callers by the hash the store computed to pick the
//! shard, each in the map itself (no allocation of its own but its key and ring), so a request
//! hashes its key once and reaches its caller in one lookup.

use super::super::Counted;
use super::super::ring::{Plan, Ring};
use crate::Scope;
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

/// One caller of one scope and set of routes: its ring.
#[derive(Debug)]
struct Caller {
    scope: Scope,
    bucket: &'static str,
    key: Box<str>,
    ring: Ring,
    /// The plan the ring was last used with, for sweeping.
    plan: Plan,
}

impl Caller {
    fn is(&self, group: &Counted<'_>) -> bool {
        self.scope == group.scope && same(self.bucket, group.bucket) && same(&self.key, group.key)
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
    /// `group`'s caller (of hash `hash`) and where it is, added when new: the key is copied
    /// only for a new caller. The caller's plan becomes `plan`. One lookup in the map.
    fn caller(&mut self, hash: u64, group: &Counted<'_>, plan: Plan) -> (Place, &mut Caller) {
        let new = || Caller {
            scope: group.scope,
            bucket: group.bucket,
            key: group.key.into(),
            ring: Ring::default(),
            plan,
        };
        let Self {
            callers, collided, ..
        } = self;
        let first = callers.entry(hash).or_insert_with(new);
        if first.is(group) {
            first.plan = plan;
            return (Place::Map(hash), first);
        }
        let found = collided.iter().position(|(h, c)| *h == hash && c.is(group));
        let at = found.unwrap_or(collided.len());
        if at == collided.len() {
            collided.push((hash, new()));
        }
        let (_, caller) = &mut collided[at];
        caller.plan = plan;
        (Place::Collided(at), caller)
    }

    /// Where `group`'s caller is (see [`caller`](Self::caller)), for a request whose rings
    /// are moved out while it is decided.
    pub(super) fn place(&mut self, hash: u64, group: &Counted<'_>, plan: Plan) -> Place {
        self.caller(hash, group, plan).0
    }

    /// The ring of `group`'s caller, for a request of one group: one lookup.
    pub(super) fn ring_of(&mut self, hash: u64, group: &Counted<'_>, plan: Plan) -> &mut Ring {
        &mut self.caller(hash, group, plan).1.ring
    }

    /// The ring of the caller at `place`.
    pub(super) fn ring(&mut self, place: Place) -> Option<&mut Ring> {
        let caller = match place {
            Place::Map(hash) => self.callers.get_mut(&hash),
            Place::Collided(at) => self.collided.get_mut(at).map(|(_, c)| c),
        };
        caller.map(|c| &mut c.ring)
    }

    /// Drops the callers none of whose requests count any more.
    pub(super) fn sweep(&mut self, now_micros: u64) {
        let busy = |c: &Caller| !c.ring.is_idle(&c.plan, c.plan.tick(now_micros));
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

/// Whether `a` and `b` are the same text. Inline, byte by byte: the keys and buckets the hot
/// path compares are short, and a call to the C library's `bcmp` cost more than the rest of
/// the comparison (measured with `perf` on the `ratelimit` benchmark).
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut differ = 0u8;
    for (x, y) in a.iter().zip(b) {
        differ |= x ^ y;
    }
    differ == 0
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
    use crate::RateLimit;
    use std::time::Duration;

    const LIMITS: &[RateLimit] = &[RateLimit {
        name: "per_hour",
        requests: 3,
        window: Duration::from_secs(3600),
        scope: Scope::ApiKey,
        routes: crate::Routes::EVERY,
        unauthenticated: false,
        cost: crate::Cost::ONE,
        per_endpoint: false,
    }];

    fn group(key: &str) -> Counted<'_> {
        Counted {
            scope: Scope::ApiKey,
            bucket: "",
            key,
            limits: LIMITS,
            cost: 1,
        }
    }

    /// Two callers whose hashes collide keep rings of their own, and are swept apart.
    #[test]
    fn callers_of_one_hash_are_kept_apart() {
        let mut shard = Shard::default();
        let plan = Plan::new(LIMITS);
        let a = shard.place(7, &group("a"), plan);
        let b = shard.place(7, &group("b"), plan);
        assert!(matches!((a, b), (Place::Map(7), Place::Collided(0))));
        assert!(matches!(
            shard.place(7, &group("b"), plan),
            Place::Collided(0)
        ));
        assert_eq!(shard.len(), 2);
        let mut ring = |place| {
            let ring = shard.ring(place).unwrap();
            crate::ratelimit::ring::acquire(
                &mut [crate::ratelimit::ring::Group {
                    ring,
                    plan,
                    limits: LIMITS,
                    cost: 1,
                }],
                1,
                true,
            )
        };
        assert_eq!(ring(a).1[0].remaining, 2);
        assert_eq!(ring(a).1[0].remaining, 1);
        assert_eq!(ring(b).1[0].remaining, 2, "b counts apart from a");
        // An hour and a tick later, neither counts any request: both go.
        shard.sweep(3_600_000_002);
        assert_eq!(shard.len(), 0);
        assert!(!same("ab", "abc") && !same("ab", "ac") && same("", ""));
    }
}
