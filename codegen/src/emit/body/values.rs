//! The values of `text` fields that error codes or statuses give their own (Stripe's `type`
//! and `doc_url`): one private lookup per field and owner kind, a match with the field's
//! constant as its fallback.

use crate::model::{Api, BodyField};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// Whose value a constructor fills in: the error code's, or the status's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    Code,
    Status,
}

/// The `(variant, value)` pairs that owners of kind `owner` give the field at `index`.
fn own_values(api: &Api, owner: Owner, index: usize) -> Vec<(&str, &str)> {
    fn find(values: &[(usize, String)], index: usize) -> Option<&str> {
        values
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, value)| value.as_str())
    }
    match owner {
        Owner::Code => api
            .errors
            .iter()
            .filter_map(|e| Some((e.rust_name.as_str(), find(&e.field_values, index)?)))
            .collect(),
        Owner::Status => api
            .statuses
            .iter()
            .filter_map(|s| Some((s.rust_name.as_str(), find(&s.field_values, index)?)))
            .collect(),
    }
}

/// `doc_url_for_code`, `type_for_status`: a keyword field (`r#type`) needs no raw form here.
fn lookup_ident(field: &BodyField, owner: Owner) -> Ident {
    let name = field.rust_name.trim_start_matches("r#");
    match owner {
        Owner::Code => format_ident!("{name}_for_code"),
        Owner::Status => format_ident!("{name}_for_status"),
    }
}

/// What a constructor puts in the `text` field at `index`, and whether that reads its
/// `code` or `status` argument.
pub(super) fn text_fill(
    api: &Api,
    field: &BodyField,
    index: usize,
    owner: Owner,
) -> (TokenStream, bool) {
    let cow = quote!(::std::borrow::Cow::Borrowed);
    if !own_values(api, owner, index).is_empty() {
        let lookup = lookup_ident(field, owner);
        let argument = match owner {
            Owner::Code => quote!(code),
            Owner::Status => quote!(status),
        };
        return (quote!(Self::#lookup(#argument).map(#cow)), true);
    }
    match &field.value {
        Some(value) => (quote!(Some(#cow(#value))), false),
        None => (quote!(None), false),
    }
}

/// The lookups `text_fill` calls, for every `text` field some owner gives a value.
pub(super) fn lookups(api: &Api, fields: &[BodyField]) -> TokenStream {
    let mut out = TokenStream::new();
    for (index, field) in fields.iter().enumerate() {
        for owner in [Owner::Code, Owner::Status] {
            let values = own_values(api, owner, index);
            if values.is_empty() {
                continue;
            }
            let (ty, argument, count) = match owner {
                Owner::Code => (quote!(ErrorCode), quote!(code), api.errors.len()),
                Owner::Status => (quote!(Status), quote!(status), api.statuses.len()),
            };
            let arms = values.iter().map(|(variant, value)| {
                let variant = super::super::tokens::ident(variant);
                quote!(#ty::#variant => Some(#value),)
            });
            // Every owner has a value of its own: a fallback arm would be unreachable.
            let fallback = (values.len() < count).then(|| match &field.value {
                Some(value) => quote!(_ => Some(#value),),
                None => quote!(_ => None,),
            });
            let lookup = lookup_ident(field, owner);
            let doc = format!(
                " The `{}` the API sends with `{argument}`.",
                field.wire.replace('`', "'")
            );
            out.extend(quote! {
                #[doc = #doc]
                fn #lookup(#argument: #ty) -> Option<&'static str> {
                    match #argument {
                        #(#arms)*
                        #fallback
                    }
                }
            });
        }
    }
    out
}
