//! A caller's id: SipHash-1-3's 128-bit hash of its scope, bucket and key, keyed at random per
//! store. The store keeps the id in place of the key, so that a caller's whole entry (id and
//! ring header) is one cache line whatever the length of its key, and finds it by the id
//! alone.
//!
//! The hashed bytes are the key, then the bucket and its length (8 bytes) when it has one, and
//! last a byte of the scope and of whether a bucket (or limits, below) came before: read from
//! the end, they split one way only, so two callers' bytes are the same only when their
//! scope, bucket and key are all the same. Most requests have no bucket: the key and one
//! byte, which the hasher takes with the key's last word (SipHash compresses each 8 bytes).
//!
//! Where a caller's window belongs to one set of limits (a GCRA cell per limit), the window's
//! id is the caller's id with the set's number in the caller's shard mixed in
//! ([`under_set`]): distinct for the sets of one caller, and, like any two ids, unrelated for
//! two callers. A shard numbers 65,535 sets; past them, each limit's requests (4 bytes) and
//! window in nanoseconds (8 bytes), then their count (8 bytes), are hashed before the last
//! byte instead.
//!
//! Two different callers share a ring only if their ids collide: with keys no caller knows
//! (drawn at random when the store is made, and never sent anywhere), a collision among n
//! callers has a chance of about n² / 2^129, below 10^-22 for 100 million callers, and a
//! caller who wants to share another's ring can do no better than guess.

use super::super::Counted;
use super::super::ring::nanos;
use crate::Scope;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::{BuildHasher, Hasher, RandomState};

/// The keys of a store's ids.
#[derive(Clone, Copy, Debug)]
pub(super) struct Keys(u64, u64);

impl Keys {
    /// Keys no caller can know: drawn from std's random hash keys.
    pub(super) fn random() -> Self {
        let random = RandomState::new();
        Self(random.hash_one(0u8), random.hash_one(1u8))
    }

    /// The id of `group`'s caller; with `per_limits`, of the caller under the group's
    /// limits.
    pub(super) fn id(&self, group: &Counted<'_>, per_limits: bool) -> u128 {
        let mut hasher = SipHasher13::new_with_keys(self.0, self.1);
        hasher.write(group.key.as_bytes());
        // The bucket of the limits on every route is empty: nothing more for most requests.
        let bucket = !group.bucket.is_empty();
        if bucket {
            hasher.write(group.bucket.as_bytes());
            hasher.write_u64(group.bucket.len() as u64);
        }
        if per_limits {
            for limit in group.limits {
                hasher.write_u32(limit.requests);
                hasher.write_u64(nanos(limit.window));
            }
            hasher.write_u64(group.limits.len() as u64);
        }
        hasher.write_u8(last_byte(group.scope, bucket, per_limits));
        hasher.finish128().as_u128()
    }
}

/// The id of the window of the caller of `id` under the set of limits numbered `set` in its
/// shard: `id` XOR `(set + 1)` times an odd constant (a product that differs for every
/// `set`, and is never 0), so that one caller's sets never share a window, and two callers'
/// windows share an id only where their ids differ by exactly what their sets mix in, which
/// nobody who does not know the store's keys can aim at.
pub(super) fn under_set(id: u128, set: u16) -> u128 {
    /// An odd 128-bit constant: the first 128 bits of √2 after the point, its last bit set.
    const ODD: u128 = 0x6a09_e667_f3bc_c908_b2fb_1366_ea95_7d3f;
    id ^ (u128::from(set) + 1).wrapping_mul(ODD)
}

/// The last byte of a caller's hashed bytes: its scope's number (one of four), a bit for a
/// bucket and one for limits hashed before it.
fn last_byte(scope: Scope, bucket: bool, limits: bool) -> u8 {
    scope as u8 | u8::from(limits) << 6 | u8::from(bucket) << 7
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RateLimit;

    const LIMITS: &[RateLimit] = &[super::super::tests::PER_HOUR];

    fn named<'a>(scope: Scope, bucket: &'static str, key: &'a str) -> Counted<'a> {
        Counted {
            scope,
            bucket,
            key,
            limits: LIMITS,
            cost: 1,
        }
    }

    /// Callers are told apart by their scope, bucket and whole key, however the bytes of the
    /// bucket and key split, short or long; one caller has one id, and two stores give it
    /// different ones.
    #[test]
    fn ids_tell_scope_bucket_and_key_apart() {
        // A bucket is a static name: a long one, for the test's sake, is leaked.
        let long: &'static str = "k".repeat(300).leak();
        let groups = [
            named(Scope::ApiKey, "", ""),
            named(Scope::ApiKey, "", "a"),
            named(Scope::Ip, "", "a"),
            named(Scope::Total, "", "a"),
            named(Scope::ApiKey, "ab", "c"),
            named(Scope::ApiKey, "a", "bc"),
            named(Scope::ApiKey, "", "abc"),
            named(Scope::ApiKey, "", long),
            named(Scope::ApiKey, "", &long[1..]),
            named(Scope::ApiKey, &long[..200], "x"),
            named(Scope::ApiKey, &long[..199], "kx"),
            named(Scope::ApiKey, &long[..127], ""),
            named(Scope::ApiKey, &long[..128], ""),
        ];
        let keys = Keys::random();
        let ids: Vec<u128> = groups.iter().map(|g| keys.id(g, false)).collect();
        for (i, a) in ids.iter().enumerate() {
            for (j, b) in ids.iter().enumerate() {
                assert_eq!(a == b, i == j, "{i} against {j}");
            }
            assert_eq!(keys.id(&groups[i], false), *a, "one caller, one id");
        }
        assert_ne!(
            Keys::random().id(&groups[1], false),
            ids[1],
            "keyed per store"
        );
        // Per set of limits: the same caller under other limits is another.
        let other = [RateLimit {
            requests: 4,
            ..LIMITS[0]
        }];
        let under_other = Counted {
            limits: &other,
            ..groups[1]
        };
        assert_eq!(keys.id(&groups[1], true), keys.id(&groups[1], true));
        assert_ne!(keys.id(&groups[1], true), keys.id(&under_other, true));
        assert_eq!(keys.id(&groups[1], false), keys.id(&under_other, false));
        assert_ne!(keys.id(&groups[1], true), ids[1]);
        // A caller's windows under its sets of limits: one id each, none the caller's own.
        let sets: std::collections::HashSet<u128> =
            (0..=u16::MAX).map(|set| under_set(ids[1], set)).collect();
        assert_eq!(sets.len(), 65_536);
        assert!(!sets.contains(&ids[1]));
        // The last byte: the scope, then whether limits and a bucket came before.
        let mut distinct = std::collections::HashSet::new();
        for &(_, scope) in Scope::ALL {
            for (bucket, limits) in [(false, false), (true, false), (false, true), (true, true)] {
                distinct.insert(last_byte(scope, bucket, limits));
            }
        }
        assert_eq!(distinct.len(), 16);
    }
}
