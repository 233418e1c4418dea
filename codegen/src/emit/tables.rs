//! The bodies of `ErrorCode`'s per-code accessors (`as_str`, `message`, `status`, `retry`,
//! `is_deprecated`) as tables indexed by the variant, rather than one `match` arm per code.
//!
//! A catalog of 10,000 codes would otherwise generate five 10,000-arm matches. Tables of
//! literals are a fraction of the tokens, which makes the generator several times faster (its
//! time goes into parsing and printing the tokens) and the generated code faster to compile;
//! reading `TABLE[self as usize]` costs the same as the jump table a `match` compiles to. Data
//! that rarely differs from a default (the retry policy, deprecation) lists only the exceptions.
//!
//! A catalog of at most [`MATCH_ARMS_UP_TO`] codes gets one `match` arm per code instead, as
//! `http`'s `status.rs` is written: a reader checks each code's string, message and status by
//! eye, and at that size the arms cost the generator and the compiler next to nothing.
//!
//! Variants are declared in the order of `api.errors` without explicit discriminants, so
//! `self as usize` is the index of a variant's entry in every table, and always in bounds.

use super::text::shapes::match_self;
use super::tokens::{ident, retry_tokens};
use crate::emit::text::Splices;
use crate::model::{Api, ErrorDef, Retry};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// The largest catalog whose accessors are `match` arms rather than packed tables.
pub(super) const MATCH_ARMS_UP_TO: usize = 64;

/// One `match` arm per code, each value written by `value`, for a small catalog; `None` for
/// a catalog big enough for tables.
fn arms(
    api: &Api,
    splices: &mut Splices,
    value: impl Fn(&ErrorDef) -> String,
) -> Option<TokenStream> {
    if api.errors.len() > MATCH_ARMS_UP_TO {
        return None;
    }
    let variants: Vec<Ident> = api.errors.iter().map(|e| ident(&e.rust_name)).collect();
    Some(match_self(splices, &variants, api.errors.iter().map(value)))
}

/// `match self {}`: the body of every accessor of an enum without variants.
fn empty(api: &Api) -> Option<TokenStream> {
    api.errors.is_empty().then(|| quote!(match self {}))
}

/// Bytes per offset: enough for `max`, at most 4 (a spec is at most 32 MiB).
fn offset_width(max: usize) -> usize {
    match max {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    }
}

/// Reads the little-endian number of `width` bytes at `at` (an expression) of the table `table`.
fn read_offset(table: &Ident, at: TokenStream, width: usize) -> TokenStream {
    if width == 1 {
        return quote!(#table[#at] as usize);
    }
    let bytes = (0..4).map(|k| {
        if k == 0 {
            quote!(#table[#at])
        } else if k < width {
            let k = Literal::usize_unsuffixed(k);
            quote!(#table[#at + #k])
        } else {
            quote!(0)
        }
    });
    quote!(u32::from_le_bytes([#(#bytes),*]) as usize)
}

/// One string per code, as one string literal and a byte string of offsets into it rather
/// than an array of literals: two tokens whatever the size of the catalog, which keeps both
/// the generator and the compiler fast on large catalogs. Then the slice for `self`.
fn str_table(
    api: &Api,
    what: &str,
    text: impl Fn(&ErrorDef) -> &str,
    splices: &mut Splices,
) -> TokenStream {
    if let Some(body) = arms(api, splices, |e| {
        crate::emit::text::literal::string(text(e))
    }) {
        return body;
    }
    let mut all = String::new();
    let mut starts = vec![0];
    for e in &api.errors {
        all.push_str(text(e));
        starts.push(all.len());
    }
    let width = offset_width(all.len());
    let offsets: Vec<u8> = starts
        .iter()
        .flat_map(|&start| (start as u64).to_le_bytes().into_iter().take(width))
        .collect();
    let text_doc = format!(" Every code's {what}, back to back, in declaration order.");
    let starts_doc = format!(
        " Where each code's {what} starts in `TEXT`, then where the last one ends: {width} \
         byte(s) each, little-endian."
    );
    let all = splices.value(crate::emit::text::literal::string(&all));
    let offsets = splices.value(crate::emit::text::literal::byte_string(&offsets));
    let table = format_ident!("STARTS");
    let width_lit = Literal::usize_unsuffixed(width);
    // `* 1` and `+ 1` spelled out would trip clippy's `identity_op` in users' crates.
    let at = if width == 1 {
        quote!(self as usize)
    } else {
        quote!(self as usize * #width_lit)
    };
    let start = read_offset(&table, quote!(at), width);
    let end = read_offset(&table, quote!(next), width);
    quote! {
        #[doc = #text_doc]
        const TEXT: &str = #all;
        #[doc = #starts_doc]
        const STARTS: &[u8] = #offsets;
        let at = #at;
        let next = at + #width_lit;
        let (start, end) = (#start, #end);
        // The offsets are char boundaries by construction: the fallbacks are never taken.
        match TEXT.split_at_checked(end) {
            Some((head, _)) => match head.split_at_checked(start) {
                Some((_, text)) => text,
                None => "",
            },
            None => "",
        }
    }
}

/// The body of `const fn as_str(self) -> &'static str`.
pub fn as_str_body(api: &Api, splices: &mut Splices) -> TokenStream {
    str_table(api, "wire string", |e| &e.code, splices)
}

/// The body of `const fn message(self) -> &'static str`.
pub fn message_body(api: &Api, splices: &mut Splices) -> TokenStream {
    str_table(api, "message", |e| &e.message, splices)
}

/// The body of `const fn status(self) -> Status`: each code's index in `Status::ALL`, as a
/// byte string (one or two little-endian bytes per code) rather than an array of numbers.
pub fn status_body(api: &Api, splices: &mut Splices) -> TokenStream {
    let status_of = |e: &ErrorDef| {
        let variant = api.statuses.get(e.status).map(|s| ident(&s.rust_name));
        variant.map_or_else(|| "Status::ALL[0]".to_owned(), |v| format!("Status::{v}"))
    };
    if let Some(body) = arms(api, splices, status_of) {
        return body;
    }
    if api.statuses.len() <= usize::from(u8::MAX) + 1 {
        let indices: Vec<u8> = api
            .errors
            .iter()
            .map(|e| u8::try_from(e.status).unwrap_or(u8::MAX))
            .collect();
        let table = splices.value(crate::emit::text::literal::byte_string(&indices));
        quote! {
            /// Each code's status, as its index in `Status::ALL`, in declaration order.
            const TABLE: &[u8] = #table;
            Status::ALL[TABLE[self as usize] as usize]
        }
    } else {
        let indices: Vec<u8> = api
            .errors
            .iter()
            .flat_map(|e| u16::try_from(e.status).unwrap_or(u16::MAX).to_le_bytes())
            .collect();
        let table = splices.value(crate::emit::text::literal::byte_string(&indices));
        quote! {
            /// Each code's status, as its index in `Status::ALL` in two little-endian bytes,
            /// in declaration order.
            const TABLE: &[u8] = #table;
            let at = self as usize * 2;
            Status::ALL[u16::from_le_bytes([TABLE[at], TABLE[at + 1]]) as usize]
        }
    }
}

/// The body of `const fn retry(self) -> Retry`: the codes whose policy differs from their
/// status's, grouped by policy; every other code defers to its status.
pub fn retry_body(api: &Api) -> TokenStream {
    if let Some(body) = empty(api) {
        return body;
    }
    let differs = |e: &&ErrorDef| {
        api.statuses
            .get(e.status)
            .is_none_or(|status| status.retry != e.retry)
    };
    let mut groups: Vec<(Retry, Vec<Ident>)> = Vec::new();
    for e in api.errors.iter().filter(differs) {
        match groups.iter_mut().find(|(retry, _)| *retry == e.retry) {
            Some((_, variants)) => variants.push(ident(&e.rust_name)),
            None => groups.push((e.retry, vec![ident(&e.rust_name)])),
        }
    }
    let exceptions: usize = groups.iter().map(|(_, variants)| variants.len()).sum();
    if exceptions == 0 {
        return quote!(self.status().retry());
    }
    let arms = groups.iter().map(|(retry, variants)| {
        let retry = retry_tokens(*retry);
        quote!(#(Self::#variants)|* => #retry,)
    });
    // A catch-all only when some code is left for it, so no arm is unreachable.
    let rest = (exceptions < api.errors.len()).then(|| quote!(_ => self.status().retry(),));
    quote! {
        match self {
            #(#arms)*
            #rest
        }
    }
}

/// The body of `const fn is_deprecated(self) -> bool`.
pub fn deprecated_body(api: &Api) -> TokenStream {
    if let Some(body) = empty(api) {
        return body;
    }
    let deprecated: Vec<Ident> = api
        .errors
        .iter()
        .filter(|e| e.deprecated.is_some())
        .map(|e| ident(&e.rust_name))
        .collect();
    if deprecated.is_empty() {
        quote!(false)
    } else if deprecated.len() == api.errors.len() {
        quote!(true)
    } else {
        quote!(matches!(self, #(Self::#deprecated)|*))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Source;

    fn api(errors: &str) -> Api {
        let yaml = format!(
            "api: {{ name: T }}\nstatuses:\n  400: {{ title: Bad Request }}\n  503: {{ title: Unavailable }}\nerrors:\n{errors}"
        );
        match crate::compile_source(&Source::new("spec/t.yaml", yaml)) {
            Ok(api) => api,
            Err(problems) => panic!("{}", problems.render(false)),
        }
    }

    fn text(tokens: TokenStream) -> String {
        tokens.to_string()
    }

    /// `errors`, then enough filler codes (`F0`, `F1`, ... at 400) for packed tables.
    fn big(errors: &str) -> Api {
        let fillers: String = (0..MATCH_ARMS_UP_TO)
            .map(|i| format!("  F{i}: {{ status: 400, message: f }}\n"))
            .collect();
        api(&format!("{errors}{fillers}"))
    }

    /// A table accessor's body as formatted code, its tables spliced in.
    fn formatted(api: &Api, body: fn(&Api, &mut Splices) -> TokenStream) -> String {
        let mut splices = Splices::default();
        let body = body(api, &mut splices);
        let file: syn::File =
            syn::parse2(quote!(impl ErrorCode { fn f(self) { #body } })).expect("parses");
        splices
            .apply(&prettyplease::unparse(&file))
            .expect("every table spliced")
    }

    #[test]
    fn retry_lists_only_the_codes_that_differ_from_their_status() {
        let mixed = api(
            "  A: { status: 400, message: a, retry: backoff }\n  B: { status: 400, message: b }\n  C: { status: 503, message: c, retry: never }\n  D: { status: 400, message: d, retry: backoff }\n",
        );
        let body = text(retry_body(&mixed));
        assert!(
            body.contains("Self :: A | Self :: D => :: errspec :: Retry :: Backoff"),
            "{body}"
        );
        assert!(
            body.contains("Self :: C => :: errspec :: Retry :: Never"),
            "{body}"
        );
        assert!(body.contains("_ => self . status () . retry ()"), "{body}");

        let none = api("  A: { status: 400, message: a }\n  B: { status: 503, message: b }\n");
        assert_eq!(text(retry_body(&none)), "self . status () . retry ()");

        // Every code is an exception: a catch-all arm would be unreachable.
        let all = api("  A: { status: 400, message: a, retry: backoff }\n");
        assert!(!text(retry_body(&all)).contains('_'));
    }

    #[test]
    fn deprecation_lists_only_deprecated_codes() {
        let some = api(
            "  A: { status: 400, message: a, deprecated: true }\n  B: { status: 400, message: b }\n",
        );
        assert_eq!(text(deprecated_body(&some)), "matches ! (self , Self :: A)");
        let none = api("  A: { status: 400, message: a }\n");
        assert_eq!(text(deprecated_body(&none)), "false");
        let all = api("  A: { status: 400, message: a, deprecated: old }\n");
        assert_eq!(text(deprecated_body(&all)), "true");
    }

    #[test]
    fn a_small_catalog_reads_like_hand_written_code() {
        let two = api(
            "  \"É\\\"\": { status: 400, message: \"x\", rust_name: Odd }\n  B: { status: 503, message: \"{{ y }}\" }\n",
        );
        let strings = formatted(&two, as_str_body);
        assert!(strings.contains(r#"Self::Odd => "É\"","#), "{strings}");
        assert!(strings.contains(r#"Self::B => "B","#), "{strings}");
        let messages = formatted(&two, message_body);
        assert!(messages.contains(r#"Self::B => "{{ y }}","#), "{messages}");
        let statuses = formatted(&two, status_body);
        assert!(
            statuses.contains("Self::Odd => Status::BadRequest,"),
            "{statuses}"
        );
        assert!(
            statuses.contains("Self::B => Status::Unavailable,"),
            "{statuses}"
        );
    }

    #[test]
    fn strings_are_one_literal_with_offsets() {
        let two = big(
            "  \"É\\\"\": { status: 400, message: \"x\", rust_name: Odd }\n  B: { status: 503, message: \"{{ y }}\" }\n",
        );
        let body = formatted(&two, as_str_body);
        assert!(body.contains(r#"const TEXT: &str = "É\"BF0F1"#), "{body}");
        // Offsets 0, 3 (É is two bytes), 4, 6: one byte each.
        assert!(
            body.contains(r#"const STARTS: &[u8] = b"\0\x03\x04\x06"#),
            "{body}"
        );
        let messages = formatted(&two, message_body);
        assert!(messages.contains(r#""x{{ y }}ff"#), "{messages}");
    }

    #[test]
    fn offsets_take_as_few_bytes_as_the_text_needs() {
        assert_eq!(offset_width(0), 1);
        assert_eq!(offset_width(255), 1);
        assert_eq!(offset_width(256), 2);
        assert_eq!(offset_width(65_535), 2);
        assert_eq!(offset_width(65_536), 3);
        assert_eq!(offset_width(1 << 24), 4);
    }

    #[test]
    fn statuses_are_indices_into_status_all() {
        let two = big("  A: { status: 503, message: a }\n  B: { status: 400, message: b }\n");
        let body = formatted(&two, status_body);
        assert!(
            body.contains(r#"const TABLE: &[u8] = b"\x01\0\0"#),
            "{body}"
        );
        assert!(
            body.contains("Status::ALL[TABLE[self as usize] as usize]"),
            "{body}"
        );
    }

    #[test]
    fn an_enum_without_codes_matches_on_nothing() {
        let yaml = "api: { name: T }\n";
        let empty = crate::compile_source(&Source::new("spec/t.yaml", yaml)).expect("valid");
        let mut splices = Splices::default();
        for body in [
            as_str_body(&empty, &mut splices),
            message_body(&empty, &mut splices),
            status_body(&empty, &mut splices),
            retry_body(&empty),
            deprecated_body(&empty),
        ] {
            assert_eq!(text(body), "match self { }");
        }
    }
}
