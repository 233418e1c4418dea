//! The wire-code lookup behind `ErrorCode::from_wire` and `FromStr`.
//!
//! Clients parse a code out of every error body they receive, so this is the hot path of the
//! runtime. The strategy is chosen by measurement (see BENCHMARKS.md).

use crate::model::ErrorDef;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// The body of `fn from_wire(code: &str) -> Option<ErrorCode>`.
pub fn from_wire_body(errors: &[ErrorDef]) -> TokenStream {
    if errors.is_empty() {
        return quote! {
            let _ = code;
            None
        };
    }
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
