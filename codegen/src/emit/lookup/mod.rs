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
//! The hash and the probe are written once, in `hash`'s `shared_runtime!`: that macro compiles them
//! into this crate, where they build and test the tables, and also returns them as tokens for the
//! generated code, so generator and runtime cannot disagree.

mod hash;
#[cfg(test)]
mod tests;

use crate::emit::text::Splices;
use crate::model::ErrorDef;
use hash::{Layout, PerfectHash, RUNTIME, length_range};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

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
