//! What a body says beyond its code: the codes of a second level (a `text` field's, or those
//! in `details` items) and the retry delay a `details` item holds.

use crate::model::{BodyField, Role};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// A method per `text` field with codes (named like the field), `detail_codes` where the
/// details carry codes, and `retry_delay` always (`None` where no item holds one).
pub(super) fn second_level_accessors(fields: &[BodyField], idents: &[Ident]) -> TokenStream {
    let mut out = TokenStream::new();
    for (field, ident) in fields.iter().zip(idents) {
        let Some(list) = &field.codes else {
            continue;
        };
        let name = super::super::tokens::ident(&list.enum_name);
        if field.role == Role::Text {
            let doc = format!(
                " The `{}` field as a code: one of [`{}`], or kept as sent.",
                field.wire.replace('`', "'"),
                list.enum_name
            );
            out.extend(quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #ident(&self) -> Option<::errspec::Code<#name>> {
                    self.#ident.as_deref().map(::errspec::Code::parse)
                }
            });
            continue;
        }
        let key = &list.code_key;
        // Codes of another domain are not these, whatever they spell.
        let classify = match &list.domain {
            Some(domain) => quote! {
                if item.get("domain").and_then(::errspec::__private::serde_json::Value::as_str) == Some(#domain) {
                    ::errspec::Code::parse(code)
                } else {
                    ::errspec::Code::Unknown(code.into())
                }
            },
            None => quote!(::errspec::Code::parse(code)),
        };
        let doc = format!(
            " The codes of the `{}` items that carry one (in their `{key}` key), in order: \
             each one of [`{}`], or kept as sent.",
            field.wire.replace('`', "'"),
            list.enum_name
        );
        out.extend(quote! {
            #[doc = #doc]
            #[must_use]
            pub fn detail_codes(&self) -> ::std::vec::Vec<::errspec::Code<#name>> {
                self.details()
                    .iter()
                    .filter_map(|item| {
                        let code = item.get(#key)?.as_str()?;
                        Some(#classify)
                    })
                    .collect()
            }
        });
    }
    let body = match fields.iter().find_map(|f| f.retry_delay.as_deref()) {
        Some(key) => quote! {
            self.details().iter().find_map(|item| {
                item.get(#key)?
                    .as_str()
                    .and_then(::errspec::__private::wire::proto_duration)
            })
        },
        None => quote!(None),
    };
    out.extend(quote! {
        /// How long the body says to wait before retrying, when one of its details says so.
        #[must_use]
        pub fn retry_delay(&self) -> Option<::core::time::Duration> {
            #body
        }
    });
    out
}
