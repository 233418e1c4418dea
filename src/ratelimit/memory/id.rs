//! A caller's id: SipHash-1-3's 128-bit hash of its scope, bucket and key, keyed at random per
//! store. The store keeps the id in place of the key, so that a caller's whole entry (id and
//! ring header) is one cache line whatever the length of its key, and finds it by the id
//! alone.
//!
//! The hashed bytes are the scope's byte, the bucket's length (LEB128), the bucket and the key:
//! two callers' bytes are the same only when their scope, bucket and key are all the same.
//! Where a caller's window belongs to one set of limits (a GCRA cell per limit), the limits
//! come before the key: their count (8 bytes), then each one's requests (4 bytes) and
//! window in nanoseconds (8 bytes), so that the bytes still split one way only.
//! Two different callers share a ring only if their ids collide: with keys no caller knows
//! (drawn at random when the store is made, and never sent anywhere), a collision among n
//! callers has a chance of about n² / 2^129, below 10^-22 for 100 million callers, and a
//! caller who wants to share another's ring can do no better than guess.

use super::super::Counted;
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
        let (head, len) = head(group.scope, group.bucket);
        hasher.write(&head[..len]);
        // The bucket of the limits on every route is empty: one write less for most requests.
        if !group.bucket.is_empty() {
            hasher.write(group.bucket.as_bytes());
        }
        if per_limits {
            hasher.write(&(group.limits.len() as u64).to_le_bytes());
            for limit in group.limits {
                hasher.write(&limit.requests.to_le_bytes());
                let nanos = u64::try_from(limit.window.as_nanos()).unwrap_or(u64::MAX);
                hasher.write(&nanos.to_le_bytes());
            }
        }
        hasher.write(group.key.as_bytes());
        hasher.finish128().as_u128()
    }
}

/// The bytes a caller's hashed bytes start with: its scope's and its bucket's length; their
/// count.
fn head(scope: Scope, bucket: &str) -> ([u8; 11], usize) {
    let mut head = [0u8; 11];
    head[0] = scope as u8;
    let (mut len, mut at) = (bucket.len() as u64, 1);
    loop {
        let low = (len & 0x7f) as u8;
        len >>= 7;
        if len == 0 {
            head[at] = low;
            return (head, at + 1);
        }
        head[at] = low | 0x80;
        at += 1;
    }
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
        // The bucket's length is LEB128: one byte up to 127, two from 128.
        assert_eq!(head(Scope::ApiKey, &long[..127]).1, 2);
        assert_eq!(head(Scope::ApiKey, &long[..128]).1, 3);
    }
}
