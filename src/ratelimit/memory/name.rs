//! A caller's name: its scope, bucket and key as one string of bytes, the scope's byte, the
//! bucket's length (LEB128), the bucket, the key. Any key of any length has one name, and two
//! callers have the same name only when their scope, bucket and key are all the same.
//!
//! A request spells its caller's name ([`Spelling`]) without copying its key: it hashes the
//! three parts in one hasher and compares them with the names in its shard part by part.
//! Hashing the scope, bucket and key as a tuple (five writes, two of them a string's end
//! marker) took a fifth of the store's time per request under `perf`, and copying the parts
//! into one buffer first cost as much as it saved.

use super::super::Counted;
use crate::Scope;
use std::hash::{BuildHasher, Hasher};

/// Bytes a [`Name`] keeps inline. A key of up to 20 bytes under the limits on every route
/// takes no allocation of its own.
pub(super) const INLINE: usize = 22;

/// A caller's name, as its shard keeps it.
#[derive(Debug)]
pub(super) enum Name {
    /// Its first bytes, as many as the length says.
    Inline(u8, [u8; INLINE]),
    /// A longer name, on the heap.
    Heap(Box<[u8]>),
}

/// A request's spelling of its caller's name: its three parts, borrowed.
pub(super) struct Spelling<'a> {
    /// The scope's byte and the bucket's length.
    head: [u8; 11],
    head_len: usize,
    bucket: &'a [u8],
    key: &'a [u8],
}

impl<'a> Spelling<'a> {
    /// The spelling of `group`'s caller.
    pub(super) fn of(group: &Counted<'a>) -> Self {
        let (head, head_len) = head(group.scope, group.bucket);
        Self {
            head,
            head_len,
            bucket: group.bucket.as_bytes(),
            key: group.key.as_bytes(),
        }
    }

    /// The name's three parts: head, bucket, key.
    fn parts(&self) -> [&[u8]; 3] {
        [&self.head[..self.head_len], self.bucket, self.key]
    }

    /// The name's length in bytes.
    fn len(&self) -> usize {
        self.head_len + self.bucket.len() + self.key.len()
    }

    /// The name's hash under `state`: its bytes, part by part, in one hasher. The bucket of
    /// the limits on every route is empty, and left out: two writes for most requests.
    pub(super) fn hash(&self, state: &impl BuildHasher) -> u64 {
        let mut hasher = state.build_hasher();
        hasher.write(&self.head[..self.head_len]);
        if !self.bucket.is_empty() {
            hasher.write(self.bucket);
        }
        hasher.write(self.key);
        hasher.finish()
    }
}

/// The bytes a name starts with: its scope's and its bucket's length; their count.
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

impl Name {
    /// The name `spelling` spells.
    pub(super) fn new(spelling: &Spelling<'_>) -> Self {
        let len = spelling.len();
        if len > INLINE {
            return Self::Heap(spelling.parts().concat().into_boxed_slice());
        }
        let mut bytes = [0u8; INLINE];
        let mut at = 0;
        for part in spelling.parts() {
            bytes[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        // At most INLINE (22): fits a byte.
        Self::Inline(len as u8, bytes)
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Self::Inline(len, bytes) => &bytes[..usize::from(*len)],
            Self::Heap(bytes) => bytes,
        }
    }

    /// Whether this is the name `spelling` spells.
    pub(super) fn is(&self, spelling: &Spelling<'_>) -> bool {
        let bytes = self.bytes();
        if bytes.len() != spelling.len() {
            return false;
        }
        let mut rest = bytes;
        spelling.parts().iter().all(|part| {
            let (named, after) = rest.split_at(part.len());
            rest = after;
            same(named, part)
        })
    }
}

/// Whether `a` and `b` are the same bytes. Inline, byte by byte: the names the hot path
/// compares are short, and a call to the C library's `bcmp` cost more than the rest of the
/// comparison (measured with `perf` on the `ratelimit` benchmark).
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut differ = 0u8;
    for (x, y) in a.iter().zip(b) {
        differ |= x ^ y;
    }
    differ == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RateLimit;
    use std::hash::RandomState;

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

    /// A caller is known by its scope, bucket and whole key, however the bytes of the bucket
    /// and key split, short or long.
    #[test]
    fn names_tell_scope_bucket_and_key_apart() {
        // A bucket is a static name: a long one, for the test's sake, is leaked.
        let long: &'static str = "k".repeat(300).leak();
        let groups = [
            named(Scope::ApiKey, "", ""),
            named(Scope::ApiKey, "", "a"),
            named(Scope::Ip, "", "a"),
            named(Scope::ApiKey, "ab", "c"),
            named(Scope::ApiKey, "a", "bc"),
            named(Scope::ApiKey, "", "abc"),
            named(Scope::ApiKey, "", "twenty bytes of key."),
            named(Scope::ApiKey, "", "twenty-one bytes of k"),
            named(Scope::ApiKey, "", long),
            named(Scope::ApiKey, "", &long[1..]),
            named(Scope::ApiKey, &long[..200], "x"),
            named(Scope::ApiKey, &long[..199], "kx"),
        ];
        let state = RandomState::new();
        for (i, a) in groups.iter().enumerate() {
            let name = Name::new(&Spelling::of(a));
            for (j, b) in groups.iter().enumerate() {
                let spelling = Spelling::of(b);
                assert_eq!(name.is(&spelling), i == j, "{i} against {j}");
                if i == j {
                    assert_eq!(spelling.hash(&state), Spelling::of(a).hash(&state));
                }
            }
        }
        assert!(matches!(
            Name::new(&Spelling::of(&groups[6])),
            Name::Inline(22, _)
        ));
        assert!(matches!(
            Name::new(&Spelling::of(&groups[7])),
            Name::Heap(_)
        ));
        assert!(!same(b"ab", b"abc") && !same(b"ab", b"ac") && same(b"", b""));
    }
}
