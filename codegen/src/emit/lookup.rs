//! The wire-code lookup behind `ErrorCode::from_wire` and `FromStr`.
//!
//! Clients parse a code out of every error body they receive, so this is the hot path of the
//! runtime. Its cost must stay flat as catalogs grow, and the generator picks one of two
//! strategies per catalog (see BENCHMARKS.md for the measurements behind both):
//!
//! - **a `match` on the code**, when no more than [`MATCH_GROUP_LIMIT`] codes share a length.
//!   rustc and LLVM turn it into a dispatch on the length followed by word comparisons, which
//!   is the fastest lookup there is for small and medium catalogs (about 2 ns), but it compares
//!   the input with every code of its length, so it slows down as same-length codes pile up;
//! - **a minimal perfect hash** otherwise: a keyed hash of the code's length and three 8-byte
//!   samples (or of the whole code, when samples do not tell the codes apart) picks a bucket;
//!   the bucket's displacement, found here at generation time, sends its codes to distinct slots
//!   of a table with exactly one slot per code (hash-and-displace, as in the CHD algorithm `phf`
//!   uses, but without SipHash and without divisions); one string comparison decides.
//!
//! Either way a lookup never allocates and costs a bounded number of steps, and codes outside
//! the catalog's range of lengths are rejected at once, so a huge input costs nothing.
//!
//! The hash and the probe are written once, in [`shared_runtime!`]: that macro compiles them
//! into this crate, where they build and test the tables, and also returns them as tokens for the
//! generated code, so generator and runtime cannot disagree.

use crate::emit::text::{Constant, Depth, Splices};
use crate::model::ErrorDef;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// The lookup's runtime items in a generated `from_wire`, formatted once per process.
static RUNTIME: Constant = Constant::new(Depth::MethodBody, runtime_tokens);

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
const CODES_PER_BUCKET: usize = 4;

/// How many seeds to try before giving up on a perfect hash. A seed fails only when two codes
/// get the same 64-bit hash, so the first one practically always works.
const SEED_ATTEMPTS: u64 = 64;

/// The first seed; the others follow from it deterministically, so output is reproducible.
const FIRST_SEED: u64 = 0x243F_6A88_85A3_08D3;

/// A minimal perfect hash over a catalog's codes.
#[derive(Debug, PartialEq, Eq)]
struct PerfectHash {
    /// The hash key that separated every code.
    seed: u64,
    /// Whether the hash reads whole codes, or only their length and samples (see
    /// [`wire_hash`]).
    whole_code: bool,
    /// One displacement per bucket.
    displacements: Vec<u64>,
    /// For each table slot, the index of the code stored there; every code appears once.
    slots: Vec<usize>,
}

impl PerfectHash {
    /// Builds a table for `codes` (distinct), or `None` if no seed separates them. The hash
    /// reads only samples of the codes when they tell the codes apart, whole codes otherwise.
    /// Every table is checked by probing it for every code, exactly as the generated code will,
    /// before it is used.
    fn build(codes: &[&str]) -> Option<Self> {
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
    fn with_seed(seed: u64, whole_code: bool, codes: &[&str]) -> Option<Self> {
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
    fn probe(&self, codes: &[&str]) -> Probe<'_> {
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
fn width(max: u64) -> usize {
    (max.max(1).ilog2() / 8 + 1) as usize
}

/// Appends `number` to `table` as `width` little-endian bytes.
fn push_number(table: &mut Vec<u8>, number: u64, width: usize) {
    table.extend(number.to_le_bytes().iter().take(width));
}

/// A perfect hash's tables, laid out for the generated code (see `wire_lookup`).
struct Layout {
    /// Every code, in slot order, back to back.
    wires: String,
    /// One displacement per bucket.
    displacements: Vec<u8>,
    /// Per slot, where its code ends in `wires` and the code's index.
    slots: Vec<u8>,
    /// Bytes per displacement, per end and per index.
    widths: [usize; 3],
}

impl Layout {
    /// The tables for `hash` over `codes`, with the given widths (0 for the smallest that fit).
    fn new(hash: &PerfectHash, codes: &[&str], widths: [usize; 3]) -> Self {
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
struct Probe<'a> {
    hash: &'a PerfectHash,
    layout: Layout,
    values: Vec<usize>,
    lengths: std::ops::RangeInclusive<usize>,
}

impl Probe<'_> {
    /// The index of the code that is exactly `code`.
    fn find(&self, code: &str) -> Option<usize> {
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
fn length_range(lengths: impl Iterator<Item = usize> + Clone) -> std::ops::RangeInclusive<usize> {
    lengths.clone().min().unwrap_or(0)..=lengths.max().unwrap_or(0)
}

/// The most codes of one length for which a `match` is generated: it compares the input with
/// each code of the input's length, and measured on this project's benchmark machine it stays
/// at or below the perfect hash's cost up to 16 codes per length (see BENCHMARKS.md).
pub const MATCH_GROUP_LIMIT: usize = 16;

/// The number of codes in the largest group of codes of one length.
fn largest_length_group(errors: &[ErrorDef]) -> usize {
    let mut lengths: Vec<usize> = errors.iter().map(|e| e.code.len()).collect();
    lengths.sort_unstable();
    lengths
        .chunk_by(|a, b| a == b)
        .map(<[usize]>::len)
        .max()
        .unwrap_or(0)
}

/// The body of `fn from_wire(code: &str) -> Option<ErrorCode>`.
pub fn from_wire_body(errors: &[ErrorDef], splices: &mut Splices) -> TokenStream {
    if errors.is_empty() {
        return quote! {
            let _ = code;
            None
        };
    }
    if largest_length_group(errors) <= MATCH_GROUP_LIMIT {
        return match_body(errors);
    }
    let codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
    match PerfectHash::build(&codes) {
        Some(hash) => perfect_hash_body(&codes, &hash, splices),
        None => match_body(errors),
    }
}

fn perfect_hash_body(codes: &[&str], hash: &PerfectHash, splices: &mut Splices) -> TokenStream {
    let runtime = splices.constant(&RUNTIME);
    let layout = Layout::new(hash, codes, [0; 3]);
    let [d, e, i] = layout.widths.map(Literal::usize_unsuffixed);
    // Written as text, not parsed and printed: see `splice`.
    let wires = splices.value(crate::emit::text::literal::string(&layout.wires));
    let displacements = splices.value(crate::emit::text::literal::byte_string(
        &layout.displacements,
    ));
    let slots = splices.value(crate::emit::text::literal::byte_string(&layout.slots));
    let displacements_doc = format!(
        " One displacement per bucket, found by errspec-codegen: {} byte(s) each, little-endian.",
        layout.widths[0]
    );
    let slots_doc = format!(
        " Per slot, where its code ends in `WIRES` ({} byte(s)) and its index in \
         `ErrorCode::ALL` ({} byte(s)), little-endian.",
        layout.widths[1], layout.widths[2]
    );
    let seed = Literal::u64_suffixed(hash.seed);
    let whole_code = hash.whole_code;
    let lengths = length_range(codes.iter().map(|code| code.len()));
    let min_len = Literal::usize_unsuffixed(*lengths.start());
    let max_len = Literal::usize_unsuffixed(*lengths.end());
    // The tables are byte strings and one string rather than arrays: a handful of tokens
    // whatever the size of the catalog, so generating and compiling them costs next to nothing,
    // and a lookup touches fewer cache lines than with an array of (&str, ErrorCode).
    quote! {
        #runtime

        #[doc = #displacements_doc]
        static DISPLACEMENTS: &[u8] = #displacements;

        /// Every wire code, in slot order, back to back.
        static WIRES: &str = #wires;

        #[doc = #slots_doc]
        static SLOTS: &[u8] = #slots;

        wire_lookup::<_, #d, #e, #i>(
            code,
            (#seed, #whole_code),
            #min_len..=#max_len,
            DISPLACEMENTS,
            (WIRES, SLOTS),
            ErrorCode::ALL,
        )
    }
}

/// A `match` on the code: for catalogs with few codes of any one length, and the fallback should
/// no seed separate the codes (which would take two codes with the same 64-bit hash under every
/// one of [`SEED_ATTEMPTS`] seeds).
fn match_body(errors: &[ErrorDef]) -> TokenStream {
    let arms = errors.iter().map(|e| {
        let wire = Literal::string(&e.code);
        let variant = format_ident!("{}", e.rust_name);
        quote!(#wire => Some(Self::#variant),)
    });
    quote! {
        match code {
            #(#arms)*
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::{btree_set, vec};
    use proptest::prelude::*;

    fn error(code: &str, rust_name: &str) -> ErrorDef {
        ErrorDef {
            code: code.to_owned(),
            rust_name: rust_name.to_owned(),
            status: 0,
            message: String::new(),
            description: None,
            causes: Vec::new(),
            resolution: Vec::new(),
            retry: crate::model::Retry::Never,
            deprecated: None,
            examples: Vec::new(),
        }
    }

    /// Wire codes as real catalogs write them, plus the awkward ones: non-ASCII, quotes and
    /// backslashes, codes that are prefixes of one another, and codes longer than a few words.
    fn wire_code() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Z][A-Z0-9_]{0,40}",
            "[AB_]{1,12}",
            "\\PC{1,24}",
            "[a-z\"\\\\ ]{1,10}",
            "[A-Z_]{60,300}",
            // Same length and ends: only the middle tells these apart ...
            "ORDER_ID_[AB0-9]{1,8}_NOT_FOUND",
            // ... and here only the bytes between the samples do.
            "ORDER_NOT_[AB]{1,8}_FOUND_OF_THE_LONGER_CODES",
        ]
    }

    fn assert_finds_exactly(codes: &[&str], others: &[String]) {
        let hash = PerfectHash::build(codes).expect("a seed separates distinct codes");
        let probe = hash.probe(codes);
        let mut slots = hash.slots.clone();
        slots.sort_unstable();
        assert_eq!(
            slots,
            (0..codes.len()).collect::<Vec<_>>(),
            "one slot per code"
        );
        for (index, code) in codes.iter().enumerate() {
            assert_eq!(probe.find(code), Some(index), "code {code:?}");
        }
        for other in others.iter().filter(|o| !codes.contains(&o.as_str())) {
            assert_eq!(probe.find(other), None, "non-code {other:?}");
        }
    }

    proptest! {
        #[test]
        fn every_code_is_found_and_no_other_string_is(
            codes in btree_set(wire_code(), 1..400),
            others in vec(wire_code(), 0..200),
        ) {
            let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
            assert_finds_exactly(&codes, &others);
        }

        #[test]
        fn near_misses_of_codes_are_not_found(codes in btree_set(wire_code(), 1..100)) {
            let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
            let near: Vec<String> = codes
                .iter()
                .flat_map(|c| {
                    let mut shorter = c.to_string();
                    shorter.pop();
                    [shorter, format!("{c}_"), format!("{c}\0"), c.to_lowercase(), format!(" {c}")]
                })
                .collect();
            assert_finds_exactly(&codes, &near);
        }
    }

    #[test]
    fn large_catalogs_with_shared_prefixes_are_separated() {
        let codes: Vec<String> = (0..20_000).map(|i| format!("ORDER_{i}")).collect();
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        let others: Vec<String> = (20_000..21_000).map(|i| format!("ORDER_{i}")).collect();
        assert_finds_exactly(&codes, &others);
    }

    #[test]
    fn the_hash_reads_only_samples_when_they_tell_codes_apart() {
        let codes = [
            "INVOICE_NOT_EXIST",
            "INVOICE_NOT_EXISTS",
            "ORDER_FEE_NOT_FOUND",
            "ORDER_KEY_NOT_FOUND",
            "E",
            "ÉCHEC",
        ];
        let hash = PerfectHash::build(&codes).expect("separable");
        assert!(!hash.whole_code);
        assert_finds_exactly(&codes, &["INVOICE_NOT_EXIST_".to_owned()]);
    }

    #[test]
    fn codes_that_differ_only_between_the_samples_are_hashed_whole() {
        let codes = [
            "ORDER_NOT_1_FOUND_OF_THE_LONGER_CODES",
            "ORDER_NOT_2_FOUND_OF_THE_LONGER_CODES",
            "ORDER_NOT_3_FOUND_OF_THE_LONGER_CODES",
        ];
        let hash = PerfectHash::build(&codes).expect("separable");
        assert!(hash.whole_code);
        assert_finds_exactly(
            &codes,
            &["ORDER_NOT_4_FOUND_OF_THE_LONGER_CODES".to_owned()],
        );
    }

    #[test]
    fn empty_and_huge_inputs_are_misses() {
        let codes = ["A", "AB", "ÉCHEC", "ERROR"];
        let hash = PerfectHash::build(&codes).expect("separable");
        let probe = hash.probe(&codes);
        assert_eq!(probe.find(""), None);
        assert_eq!(probe.find(&"A".repeat(1 << 20)), None);
        assert_eq!(probe.find("\u{0}"), None);
        assert_eq!(probe.find("ÉCHEC"), Some(2));
    }

    #[test]
    fn a_table_is_the_same_every_time() {
        let codes = ["PAYMENT_FAILED", "PAYMENT_FAILED_", "P", "支払い失敗"];
        assert_eq!(PerfectHash::build(&codes), PerfectHash::build(&codes));
        let errors: Vec<ErrorDef> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| error(c, &format!("Code{i}")))
            .collect();
        let mut splices = Splices::default();
        assert_eq!(
            from_wire_body(&errors, &mut splices).to_string(),
            from_wire_body(&errors, &mut Splices::default()).to_string()
        );
    }

    #[test]
    fn the_emitted_body_is_a_valid_function_with_the_table() {
        // More codes of one length than a match takes.
        let mut errors: Vec<ErrorDef> = (0..=MATCH_GROUP_LIMIT)
            .map(|i| error(&format!("E{i:02}"), &format!("E{i}")))
            .collect();
        errors.push(error("INVOICE_NOT_EXIST", "InvoiceNotExist"));
        errors.push(error("É", "EAcute"));
        let mut splices = Splices::default();
        let body = from_wire_body(&errors, &mut splices);
        let file: syn::File =
            syn::parse2(quote!(fn from_wire(code: &str) -> Option<ErrorCode> { #body }))
                .expect("the body parses");
        let text = splices
            .apply(&prettyplease::unparse(&file))
            .expect("every table spliced");
        assert!(text.contains("static SLOTS: &[u8] = b\""), "{text}");
        assert!(text.contains("static DISPLACEMENTS: &[u8] = b\""), "{text}");
        assert!(text.contains("wire_lookup::<"), "{text}");
        assert!(text.contains("INVOICE_NOT_EXIST"), "{text}");
        assert!(text.contains("ErrorCode::ALL"), "{text}");
        assert!(text.contains("fn wire_lookup"), "{text}");
    }

    #[test]
    fn catalogs_with_few_codes_of_each_length_get_a_match() {
        let mut errors: Vec<ErrorDef> = (0..MATCH_GROUP_LIMIT)
            .map(|i| error(&format!("E{i:02}"), &format!("E{i}")))
            .collect();
        errors.push(error("LONGER_CODE", "LongerCode"));
        assert_eq!(largest_length_group(&errors), MATCH_GROUP_LIMIT);
        let body = from_wire_body(&errors, &mut Splices::default()).to_string();
        assert!(body.starts_with("match code"), "{body}");
        errors.push(error("E99", "E99"));
        let body = from_wire_body(&errors, &mut Splices::default()).to_string();
        assert!(body.contains("wire_lookup"), "{body}");
    }

    #[test]
    fn an_empty_catalog_matches_nothing() {
        let body = from_wire_body(&[], &mut Splices::default()).to_string();
        assert!(body.contains("None"), "{body}");
        assert!(!body.contains("SLOTS"), "{body}");
    }

    #[test]
    fn the_fallback_is_an_exact_match_on_every_code() {
        let errors = [error("A\"B", "Ab"), error("ÉCHEC", "Echec")];
        let body = match_body(&errors).to_string();
        assert!(body.contains(r#""A\"B" => Some (Self :: Ab)"#), "{body}");
        assert!(body.contains("Self :: Echec"), "{body}");
        assert!(body.contains("_ => None"), "{body}");
    }
}
