//! `pub enum ErrorCode`: every documented error code, its accessors (through the tables of
//! `tables` and the lookup of `lookup`), `Display`, `FromStr` and, with `serde`, its wire form.

use super::text::shapes::{all_elements, enum_body};
use super::text::{Constant, Depth, Splices};
use super::tokens::*;
use crate::features::RuntimeFeatures;
use crate::model::{Api, ErrorDef};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

fn error_doc(api: &Api, e: &ErrorDef) -> String {
    let status = &api.statuses[e.status];
    let headline = format!(
        "`{}` ({} {}): {}",
        e.code.replace('`', "'"),
        status.key,
        status.title,
        e.message
    );
    let retired = e.retired.as_ref().map(|r| {
        let instead = r
            .replaced_by
            .map(|i| format!(" Use `{}` instead.", api.errors[i].code.replace('`', "'")))
            .unwrap_or_default();
        format!(
            "Retired since {}: servers no longer send it; it stays so that bodies from older servers still read as it.{instead}",
            r.since
        )
    });
    doc_text(&[
        Some(&headline),
        e.description.as_deref(),
        retired.as_deref(),
    ])
}

pub(super) fn error_code_tokens(
    api: &Api,
    features: RuntimeFeatures,
    splices: &mut Splices,
) -> TokenStream {
    let impls = splices.constant(&ERROR_CODE_IMPLS);
    let serde_impls = features
        .serde()
        .then(|| splices.constant(&ERROR_CODE_SERDE_IMPLS));
    let variants: Vec<Ident> = api.errors.iter().map(|e| ident(&e.rust_name)).collect();
    // The splices are numbered in the order they are taken: the enum's first, then its
    // accessors'.
    let enum_def = enum_tokens(api, &variants, splices);
    let accessors = accessors_tokens(api, &variants, splices);
    quote! {
        #enum_def

        #accessors

        #impls

        #serde_impls
    }
}

/// `pub enum ErrorCode` itself: one documented variant per code.
fn enum_tokens(api: &Api, variants: &[Ident], splices: &mut Splices) -> TokenStream {
    let errors = &api.errors;
    let variant_defs = enum_body(
        splices,
        errors
            .iter()
            .zip(variants)
            .map(|(e, v)| (error_doc(api, e), e.deprecated.as_deref(), v)),
    );
    let enum_doc = format!(
        " The error codes the {} API documents ({} in all), each sent on the wire as its exact code.",
        api.name,
        errors.len()
    );
    quote! {
        #[doc = #enum_doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        // Variant names come from the API's own titles and codes, which often share a
        // prefix or suffix (`..._FAILED`); that is the API's naming, not a style slip.
        #[allow(clippy::enum_variant_names)]
        pub enum ErrorCode {
            #variant_defs
        }
    }
}

/// `impl ErrorCode`: `ALL`, the accessors of each code's documented facts, and `from_wire`.
fn accessors_tokens(api: &Api, variants: &[Ident], splices: &mut Splices) -> TokenStream {
    let all = all_elements(variants, splices);
    // One match arm per code for a small catalog, packed tables for a large one: see `tables`.
    let as_str_body = super::tables::as_str_body(api, splices);
    let message_body = super::tables::message_body(api, splices);
    let status_body = super::tables::status_body(api, splices);
    let retry_body = super::tables::retry_body(api);
    let deprecated_body = super::tables::deprecated_body(api);
    let lookup = super::lookup::from_wire_body(&api.errors, splices);
    let any_deprecated = api.errors.iter().any(|e| e.deprecated.is_some());
    let allow_deprecated = any_deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow_deprecated
        impl ErrorCode {
            /// Every error code, in the order of the docs.
            pub const ALL: &'static [ErrorCode] = &[#all];

            /// The wire code, exactly as the API sends it.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                #as_str_body
            }

            /// The HTTP status the code is sent with.
            #[must_use]
            pub const fn status(self) -> Status {
                #status_body
            }

            /// The documented message; also the `Display` text.
            #[must_use]
            pub const fn message(self) -> &'static str {
                #message_body
            }

            /// What a client should do when it receives this code.
            #[must_use]
            pub const fn retry(self) -> ::errspec::Retry {
                #retry_body
            }

            /// Whether the docs mark this code as deprecated.
            #[must_use]
            pub const fn is_deprecated(self) -> bool {
                #deprecated_body
            }

            /// The code whose wire string is exactly `code`, or `None` for a code this version
            /// of the catalog does not know.
            #[must_use]
            pub fn from_wire(code: &str) -> Option<ErrorCode> {
                #lookup
            }
        }
    }
}

/// The trait impls of `ErrorCode`, the same in every module.
static ERROR_CODE_IMPLS: Constant = Constant::new(Depth::Module, || {
    quote! {
        impl ::core::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.message())
            }
        }

        impl ::std::error::Error for ErrorCode {}

        impl ::core::str::FromStr for ErrorCode {
            type Err = ::errspec::UnknownCode;
            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Self::from_wire(code).ok_or_else(|| ::errspec::UnknownCode::new(code))
            }
        }

        impl ::errspec::WireCode for ErrorCode {
            fn as_wire(self) -> &'static str {
                self.as_str()
            }

            fn from_wire(code: &str) -> Option<Self> {
                ErrorCode::from_wire(code)
            }
        }
    }
});

/// `ErrorCode` as its wire string in serde, for errspec's `serde` feature.
static ERROR_CODE_SERDE_IMPLS: Constant = Constant::new(Depth::Module, || {
    quote! {
        impl ::errspec::__private::serde::Serialize for ErrorCode {
            fn serialize<S: ::errspec::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::errspec::__private::serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: ::errspec::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                ::errspec::__private::wire::deserialize_code(deserializer)
            }
        }
    }
});
