//! The wire-code lookup of large catalogs: a minimal perfect hash whose tables errspec-codegen
//! builds (it hashes with these functions) and whose probe every generated `from_wire` of a
//! large catalog calls (through errspec), so the generator and the runtime cannot disagree.
//!
//! A keyed hash of the code's length and three 8-byte samples (or of the whole code, when
//! samples do not tell a catalog's codes apart) picks a bucket; the bucket's displacement sends
//! its codes to distinct slots of a table with one slot per code (hash-and-displace, as in the
//! CHD algorithm `phf` uses, without SipHash and without divisions); one string comparison
//! decides.

/// Multiplies two words and folds the 128-bit product into 64 bits: the hash's mixing step.
#[inline]
pub fn wire_fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    // Truncation is the point: the low and high halves are combined.
    (product as u64) ^ ((product >> 64) as u64)
}

/// Maps `hash` onto `0..len` with a multiply and a shift rather than a division.
#[inline]
pub fn wire_reduce(hash: u64, len: usize) -> usize {
    // The result is below `len`, so it fits in a usize.
    ((u128::from(hash) * len as u128) >> 64) as usize
}

/// The 8 bytes at `offset`, little-endian; 0 past the end.
#[inline]
pub fn wire_word(bytes: &[u8], offset: usize) -> u64 {
    match bytes.get(offset..).and_then(<[u8]>::first_chunk::<8>) {
        Some(word) => u64::from_le_bytes(*word),
        None => 0,
    }
}

/// Three samples of a code: its first, middle and last 8 bytes (overlapping when it is
/// shorter than 24), with narrower reads below 8 bytes. With the length they determine every
/// code of up to 24 bytes, and they take the same few instructions for any code.
#[inline]
pub fn wire_sample(bytes: &[u8]) -> [u64; 3] {
    let len = bytes.len();
    if len >= 8 {
        [
            wire_word(bytes, 0),
            wire_word(bytes, len / 2 - 4),
            wire_word(bytes, len - 8),
        ]
    } else if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        [
            u64::from(u32::from_le_bytes(*first)),
            0,
            u64::from(u32::from_le_bytes(*last)),
        ]
    } else {
        match *bytes {
            [a] => [u64::from(a), 0, 0],
            [a, b] => [u64::from(a), u64::from(b), 0],
            [a, b, c] => [u64::from(a), u64::from(b), u64::from(c)],
            _ => [0, 0, 0],
        }
    }
}

/// Hashes a wire code, keyed by `seed`: its length and three samples, and with
/// `whole_code` also every 8 bytes after the first. The generator hashes the samples only
/// whenever they tell the catalog's codes apart, which makes the cost independent of the
/// code's length.
#[inline]
pub fn wire_hash(seed: u64, code: &str, whole_code: bool) -> u64 {
    const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes = code.as_bytes();
    let [first, middle, last] = wire_sample(bytes);
    let mut hash = wire_fold(first ^ seed, middle ^ MULTIPLIER);
    hash = wire_fold(hash ^ last, MULTIPLIER ^ (bytes.len() as u64));
    if whole_code {
        let mut offset = 8;
        while offset + 8 < bytes.len() {
            hash = wire_fold(hash ^ wire_word(bytes, offset), MULTIPLIER);
            offset += 8;
        }
    }
    hash
}

/// The table slot of a code whose hash is `hash`, in a bucket displaced by `displacement`.
#[inline]
pub fn wire_slot(hash: u64, displacement: u64, len: usize) -> usize {
    const MULTIPLIER: u64 = 0xD6E8_FEB8_6659_FD93;
    wire_reduce(wire_fold(hash ^ displacement, MULTIPLIER), len)
}

/// The little-endian number of `N` bytes at `offset` in `table`.
#[inline]
pub fn wire_number<const N: usize>(table: &[u8], offset: usize) -> Option<u64> {
    let bytes = table.get(offset..)?.first_chunk::<N>()?;
    Some(
        bytes
            .iter()
            .rev()
            .fold(0, |number, &byte| (number << 8) | u64::from(byte)),
    )
}

/// Finds `code` in a perfect-hash table built by errspec-codegen: one hash, then the
/// slot's entry, one string comparison, whatever the size of the table.
///
/// The tables are byte strings of little-endian numbers: `displacements` holds one number
/// of `D` bytes per bucket; `slots` holds, per slot, where its code ends in `wires` (`E`
/// bytes; it starts where the previous slot's ends) and the code's index in `values` (`I`
/// bytes).
#[inline]
pub fn wire_lookup<T: Copy, const D: usize, const E: usize, const I: usize>(
    code: &str,
    (seed, whole_code): (u64, bool),
    lengths: ::core::ops::RangeInclusive<usize>,
    displacements: &[u8],
    (wires, slots): (&str, &[u8]),
    values: &[T],
) -> Option<T> {
    if !lengths.contains(&code.len()) {
        return None;
    }
    let hash = wire_hash(seed, code, whole_code);
    let bucket = wire_reduce(hash, displacements.len() / D);
    let displacement = wire_number::<D>(displacements, bucket.checked_mul(D)?)?;
    let stride = E + I;
    let entry = wire_slot(hash, displacement, slots.len() / stride).checked_mul(stride)?;
    let end = wire_number::<E>(slots, entry)?;
    let start = match entry.checked_sub(stride) {
        Some(previous) => wire_number::<E>(slots, previous)?,
        None => 0,
    };
    let wire = wires
        .as_bytes()
        .get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)?;
    if wire == code.as_bytes() {
        let index = wire_number::<I>(slots, entry.checked_add(E)?)?;
        values.get(usize::try_from(index).ok()?).copied()
    } else {
        None
    }
}
