//! The minimal perfect hash: the search for a seed and displacements that separate a catalog's
//! codes, and the byte-string tables that hold the result. The hash and the probe are
//! `errspec_vocab::lookup`, shared with the runtime that probes the tables.

use errspec_vocab::lookup::{wire_hash, wire_lookup, wire_reduce, wire_sample, wire_slot};

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
