//! The minimal perfect hash: its runtime (the hash and the probe, compiled here and emitted
//! into generated code from one definition), the search for a seed and displacements that
//! separate a catalog's codes, and the byte-string tables that hold the result.

use crate::emit::text::{Constant, Depth};
use proc_macro2::TokenStream;
use quote::quote;

/// The lookup's runtime items in a generated `from_wire`, formatted once per process.
pub(super) static RUNTIME: Constant = Constant::new(Depth::MethodBody, runtime_tokens);

/// Defines the given items here and `runtime_tokens()`, which returns the same items as tokens.
macro_rules! shared_runtime {
    ($($item:tt)*) => {
        $($item)*

        /// The lookup's runtime items, exactly as compiled into this crate.
        fn runtime_tokens() -> TokenStream {
            quote! { $($item)* }
        }
    };
}

shared_runtime! {
    /// Multiplies two words and folds the 128-bit product into 64 bits: the hash's mixing step.
    #[inline]
    fn wire_fold(a: u64, b: u64) -> u64 {
        let product = u128::from(a) * u128::from(b);
        // Truncation is the point: the low and high halves are combined.
        (product as u64) ^ ((product >> 64) as u64)
    }

    /// Maps `hash` onto `0..len` with a multiply and a shift rather than a division.
    #[inline]
    fn wire_reduce(hash: u64, len: usize) -> usize {
        // The result is below `len`, so it fits in a usize.
        ((u128::from(hash) * len as u128) >> 64) as usize
    }

    /// The 8 bytes at `offset`, little-endian; 0 past the end.
    #[inline]
    fn wire_word(bytes: &[u8], offset: usize) -> u64 {
        match bytes.get(offset..).and_then(<[u8]>::first_chunk::<8>) {
            Some(word) => u64::from_le_bytes(*word),
            None => 0,
        }
    }

    /// Three samples of a code: its first, middle and last 8 bytes (overlapping when it is
    /// shorter than 24), with narrower reads below 8 bytes. With the length they determine every
    /// code of up to 24 bytes, and they take the same few instructions for any code.
    #[inline]
    fn wire_sample(bytes: &[u8]) -> [u64; 3] {
        let len = bytes.len();
        if len >= 8 {
            [
                wire_word(bytes, 0),
                wire_word(bytes, len / 2 - 4),
                wire_word(bytes, len - 8),
            ]
        } else if let (Some(first), Some(last)) =
            (bytes.first_chunk::<4>(), bytes.last_chunk::<4>())
        {
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
    fn wire_hash(seed: u64, code: &str, whole_code: bool) -> u64 {
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
    fn wire_slot(hash: u64, displacement: u64, len: usize) -> usize {
        const MULTIPLIER: u64 = 0xD6E8_FEB8_6659_FD93;
        wire_reduce(wire_fold(hash ^ displacement, MULTIPLIER), len)
    }

    /// The little-endian number of `N` bytes at `offset` in `table`.
    #[inline]
    fn wire_number<const N: usize>(table: &[u8], offset: usize) -> Option<u64> {
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
    fn wire_lookup<T: Copy, const D: usize, const E: usize, const I: usize>(
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
}

/// Average number of codes per bucket: larger buckets mean a smaller displacement table but a
/// longer search at generation time. 4 keeps the search well under a millisecond per 1,000
/// codes.
pub(super) const CODES_PER_BUCKET: usize = 4;

/// How many seeds to try before giving up on a perfect hash. A seed fails only when two codes
/// get the same 64-bit hash, so the first one practically always works.
pub(super) const SEED_ATTEMPTS: u64 = 64;

/// The first seed; the others follow from it deterministically, so output is reproducible.
pub(super) const FIRST_SEED: u64 = 0x243F_6A88_85A3_08D3;

/// A minimal perfect hash over a catalog's codes.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct PerfectHash {
    /// The hash key that separated every code.
    pub(super) seed: u64,
    /// Whether the hash reads whole codes, or only their length and samples (see
    /// [`wire_hash`]).
    pub(super) whole_code: bool,
    /// One displacement per bucket.
    pub(super) displacements: Vec<u64>,
    /// For each table slot, the index of the code stored there; every code appears once.
    pub(super) slots: Vec<usize>,
}

impl PerfectHash {
    /// Builds a table for `codes` (distinct), or `None` if no seed separates them. The hash
    /// reads only samples of the codes when they tell the codes apart, whole codes otherwise.
    /// Every table is checked by probing it for every code, exactly as the generated code will,
    /// before it is used.
    pub(super) fn build(codes: &[&str]) -> Option<Self> {
        let mut samples = std::collections::HashSet::with_capacity(codes.len());
        let samples_differ = codes
            .iter()
            .all(|code| samples.insert((code.len(), wire_sample(code.as_bytes()))));
        let modes: &[bool] = if samples_differ {
            &[false, true]
        } else {
            &[true]
        };
        modes
            .iter()
            .flat_map(|&whole_code| {
                (0..SEED_ATTEMPTS).map(move |attempt| {
                    let seed = FIRST_SEED.wrapping_add(attempt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
                    (seed, whole_code)
                })
            })
            .filter_map(|(seed, whole_code)| Self::with_seed(seed, whole_code, codes))
            .find(|hash| {
                let probe = hash.probe(codes);
                codes
                    .iter()
                    .enumerate()
                    .all(|(index, code)| probe.find(code) == Some(index))
            })
    }

    /// Hash-and-displace with one seed: buckets are placed largest first, each with the first
    /// displacement that lands all of its codes on free slots.
    pub(super) fn with_seed(seed: u64, whole_code: bool, codes: &[&str]) -> Option<Self> {
        let len = codes.len();
        let hashes: Vec<u64> = codes
            .iter()
            .map(|code| wire_hash(seed, code, whole_code))
            .collect();
        // Two codes with one hash share every slot: no displacement can separate them.
        let mut sorted = hashes.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
            return None;
        }
        let bucket_count = len.div_ceil(CODES_PER_BUCKET);
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); bucket_count];
        for (index, hash) in hashes.iter().enumerate() {
            buckets
                .get_mut(wire_reduce(*hash, bucket_count))?
                .push(index);
        }
        let mut order: Vec<usize> = (0..bucket_count).collect();
        // Ties broken by bucket number, so the result never depends on the sort's stability.
        order.sort_by_key(|&b| (std::cmp::Reverse(buckets[b].len()), b));

        // A singleton bucket needs, on average, `len` tries to find the last free slot; give
        // every bucket far more room than that before declaring the seed bad.
        let max_displacement = (len as u64).saturating_mul(64).max(1 << 16);
        let mut taken: Vec<Option<usize>> = vec![None; len];
        let mut displacements = vec![0u64; bucket_count];
        let mut placed: Vec<(usize, usize)> = Vec::with_capacity(CODES_PER_BUCKET * 4);
        for bucket in order {
            let members = &buckets[bucket];
            if members.is_empty() {
                break;
            }
            let displacement = (0..max_displacement).find(|&displacement| {
                placed.clear();
                members.iter().all(|&member| {
                    let slot = wire_slot(hashes[member], displacement, len);
                    let free = taken[slot].is_none() && placed.iter().all(|&(s, _)| s != slot);
                    placed.push((slot, member));
                    free
                })
            })?;
            for &(slot, member) in &placed {
                taken[slot] = Some(member);
            }
            displacements[bucket] = displacement;
        }
        let slots = taken.into_iter().collect::<Option<Vec<usize>>>()?;
        Some(Self {
            seed,
            whole_code,
            displacements,
            slots,
        })
    }

    /// The tables as the generated code holds them (with 8-byte numbers), and code indices
    /// as the values.
    pub(super) fn probe(&self, codes: &[&str]) -> Probe<'_> {
        let layout = Layout::new(self, codes, [8; 3]);
        Probe {
            hash: self,
            layout,
            values: (0..codes.len()).collect(),
            lengths: length_range(codes.iter().map(|code| code.len())),
        }
    }
}

/// The number of bytes that hold `max` (at least 1).
pub(super) fn width(max: u64) -> usize {
    (max.max(1).ilog2() / 8 + 1) as usize
}

/// Appends `number` to `table` as `width` little-endian bytes.
pub(super) fn push_number(table: &mut Vec<u8>, number: u64, width: usize) {
    table.extend(number.to_le_bytes().iter().take(width));
}

/// A perfect hash's tables, laid out for the generated code (see `wire_lookup`).
pub(super) struct Layout {
    /// Every code, in slot order, back to back.
    pub(super) wires: String,
    /// One displacement per bucket.
    pub(super) displacements: Vec<u8>,
    /// Per slot, where its code ends in `wires` and the code's index.
    pub(super) slots: Vec<u8>,
    /// Bytes per displacement, per end and per index.
    pub(super) widths: [usize; 3],
}

impl Layout {
    /// The tables for `hash` over `codes`, with the given widths (0 for the smallest that fit).
    pub(super) fn new(hash: &PerfectHash, codes: &[&str], widths: [usize; 3]) -> Self {
        let mut wires = String::new();
        let mut ends = Vec::with_capacity(hash.slots.len());
        for &index in &hash.slots {
            wires.push_str(codes.get(index).copied().unwrap_or_default());
            ends.push(wires.len() as u64);
        }
        let fit = |given: usize, max: u64| if given == 0 { width(max) } else { given };
        let max_displacement = hash.displacements.iter().copied().max().unwrap_or_default();
        let widths = [
            fit(widths[0], max_displacement),
            fit(widths[1], wires.len() as u64),
            fit(widths[2], codes.len() as u64),
        ];
        let mut displacements = Vec::with_capacity(hash.displacements.len() * widths[0]);
        for &displacement in &hash.displacements {
            push_number(&mut displacements, displacement, widths[0]);
        }
        let mut slots = Vec::with_capacity(hash.slots.len() * (widths[1] + widths[2]));
        for (&end, &index) in ends.iter().zip(&hash.slots) {
            push_number(&mut slots, end, widths[1]);
            push_number(&mut slots, index as u64, widths[2]);
        }
        Self {
            wires,
            displacements,
            slots,
            widths,
        }
    }
}

/// A built table, probed exactly as the generated code probes it.
pub(super) struct Probe<'a> {
    pub(super) hash: &'a PerfectHash,
    pub(super) layout: Layout,
    pub(super) values: Vec<usize>,
    pub(super) lengths: std::ops::RangeInclusive<usize>,
}

impl Probe<'_> {
    /// The index of the code that is exactly `code`.
    pub(super) fn find(&self, code: &str) -> Option<usize> {
        wire_lookup::<usize, 8, 8, 8>(
            code,
            (self.hash.seed, self.hash.whole_code),
            self.lengths.clone(),
            &self.layout.displacements,
            (&self.layout.wires, &self.layout.slots),
            &self.values,
        )
    }
}

/// The shortest and longest of `lengths` (`0..=0` for none).
pub(super) fn length_range(
    lengths: impl Iterator<Item = usize> + Clone,
) -> std::ops::RangeInclusive<usize> {
    lengths.clone().min().unwrap_or(0)..=lengths.max().unwrap_or(0)
}
