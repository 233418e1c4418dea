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
//! The `match` is written by `errspec::error_codes!` from the rows themselves; for a hash, the
//! generator adds the tables after the rows (`lookup: hashed { ... }`). The hash and the probe
//! are written once, in `errspec_vocab::lookup`, which builds and tests the tables here and
//! probes them in every program, so generator and runtime cannot disagree.

mod hash;
#[cfg(test)]
mod tests;

use crate::model::ErrorDef;
use hash::{Layout, PerfectHash, length_range};

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

/// The perfect-hash tables of a catalog's lookup, as `errspec::error_codes!` takes them.
#[derive(Debug)]
pub struct HashedLookup {
    /// The hash key that separated every code.
    pub seed: u64,
    /// Whether the hash reads whole codes rather than samples.
    pub whole_code: bool,
    /// The shortest and longest code.
    pub lengths: std::ops::RangeInclusive<usize>,
    /// Bytes per displacement, per end offset and per index.
    pub widths: [usize; 3],
    /// One displacement per bucket.
    pub displacements: Vec<u8>,
    /// Every code, in slot order, back to back.
    pub wires: String,
    /// Per slot, where its code ends in `wires` and its index in `ErrorCode::ALL`.
    pub slots: Vec<u8>,
}

/// The tables for `errors` when a `match` would compare an input with more than
/// [`MATCH_GROUP_LIMIT`] codes of its length and a perfect hash separates them; `None` when a
/// `match` is the faster lookup.
pub fn hashed_lookup(errors: &[ErrorDef]) -> Option<HashedLookup> {
    if errors.is_empty() || largest_length_group(errors) <= MATCH_GROUP_LIMIT {
        return None;
    }
    let codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
    let hash = PerfectHash::build(&codes)?;
    let layout = Layout::new(&hash, &codes, [0; 3]);
    Some(HashedLookup {
        seed: hash.seed,
        whole_code: hash.whole_code,
        lengths: length_range(codes.iter().map(|code| code.len())),
        widths: layout.widths,
        displacements: layout.displacements,
        wires: layout.wires,
        slots: layout.slots,
    })
}
