//! The enums of a body's second level of codes (`codes:` on a field): Stripe's
//! `DeclineCode`, GitHub's and Google's `DetailCode`. Each is a plain enum with its wire
//! strings and descriptions, and `errspec::WireCode`, so that `errspec::Code` keeps the codes
//! it does not know.

use super::tokens::{docs, ident};
use crate::model::{Api, BodyField, CodeList, Role};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// One enum per field of the body that lists codes.
pub fn code_list_tokens(api: &Api) -> TokenStream {
    let fields: &[BodyField] = api.body.as_ref().map_or(&[], |b| &b.fields);
    fields
        .iter()
        .filter_map(|field| Some(enum_tokens(api, field, field.codes.as_ref()?)))
        .collect()
}

fn enum_tokens(api: &Api, field: &BodyField, list: &CodeList) -> TokenStream {
    let name = ident(&list.enum_name);
    let variants: Vec<Ident> = list.codes.iter().map(|c| ident(&c.rust_name)).collect();
    let variant_defs = list.codes.iter().zip(&variants).map(|(code, variant)| {
        let summary = format!("`{}`", code.code.replace('`', "'"));
        let doc = docs(&[Some(&summary), Some(&code.description)]);
        quote! { #doc #variant, }
    });
    let enum_doc = enum_doc(api, field, list);
    let inherent = inherent_impl(&name, list, &variants);
    let traits = trait_impls(&name, variants.is_empty());
    quote! {
        #[doc = #enum_doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(clippy::enum_variant_names)]
        pub enum #name {
            #(#variant_defs)*
        }

        #inherent

        #traits
    }
}

/// The enum's doc: which API, where in the body the codes are read, and how many.
fn enum_doc(api: &Api, field: &BodyField, list: &CodeList) -> String {
    let place = match (field.role, &list.domain) {
        (Role::Details, Some(domain)) => format!(
            " in the `{}` key of `{}` items of domain `{domain}`",
            list.code_key, field.wire
        ),
        (Role::Details, None) => {
            format!(" in the `{}` key of `{}` items", list.code_key, field.wire)
        }
        _ => format!(" in the `{}` field", field.wire),
    };
    format!(
        " The codes the {} API documents{place} ({} in all). A code it does not list reads as \
         `errspec::Code::Unknown`.",
        api.name,
        list.codes.len()
    )
}

/// `ALL`, `as_str`, `description` and `from_wire`.
fn inherent_impl(name: &Ident, list: &CodeList, variants: &[Ident]) -> TokenStream {
    let wires: Vec<&str> = list.codes.iter().map(|c| c.code.as_str()).collect();
    let descriptions: Vec<&str> = list.codes.iter().map(|c| c.description.as_str()).collect();
    // An enum without variants matches nothing: its methods are one empty match.
    let (as_str, description, from_wire) = if variants.is_empty() {
        (
            quote!(match self {}),
            quote!(match self {}),
            quote! {
                let _ = code;
                None
            },
        )
    } else {
        (
            quote!(match self { #(Self::#variants => #wires,)* }),
            quote!(match self { #(Self::#variants => #descriptions,)* }),
            quote!(match code { #(#wires => Some(Self::#variants),)* _ => None }),
        )
    };
    quote! {
        impl #name {
            /// Every code, in the order of the docs.
            pub const ALL: &'static [#name] = &[#(#name::#variants),*];

            /// The code exactly as sent.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                #as_str
            }

            /// What the code means, as the API documents it.
            #[must_use]
            pub const fn description(self) -> &'static str {
                #description
            }

            /// The code whose wire string is exactly `code`.
            #[must_use]
            pub fn from_wire(code: &str) -> Option<Self> {
                #from_wire
            }
        }
    }
}

/// `Display` (the wire code) and `errspec::WireCode`.
fn trait_impls(name: &Ident, empty: bool) -> TokenStream {
    let display = if empty {
        quote!(match *self {})
    } else {
        quote!(f.write_str(self.as_str()))
    };
    quote! {
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #display
            }
        }

        impl ::errspec::WireCode for #name {
            fn as_wire(self) -> &'static str {
                self.as_str()
            }

            fn from_wire(code: &str) -> Option<Self> {
                #name::from_wire(code)
            }
        }
    }
}
