//! Codes read from messages (`body: code_from_message: true`): the table of each code's
//! message patterns, in spec order, and the lookups over it. The matching itself lives in
//! `errspec::__private::pattern`, shared with the generator's checks.

use crate::model::{Api, Part};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `MESSAGE_PATTERNS`, `code_of_message` and `message_value`, reading the field `message`.
pub(super) fn message_lookups(api: &Api, message: &Ident) -> TokenStream {
    let rows = api.errors.iter().flat_map(|error| {
        let variant = super::super::tokens::ident(&error.rust_name);
        error
            .message_parts()
            .into_iter()
            .map(move |parts| {
                let parts = parts.iter().map(|part| match part {
                    Part::Text(text) => quote!(::errspec::__private::pattern::Part::Text(#text)),
                    Part::Value(name) => quote!(::errspec::__private::pattern::Part::Value(#name)),
                });
                quote!((ErrorCode::#variant, &[#(#parts),*]),)
            })
            .collect::<Vec<_>>()
    });
    quote! {
        /// Each code's message patterns, in spec order: the first that matches names the code.
        const MESSAGE_PATTERNS: &'static [(ErrorCode, &'static [::errspec::__private::pattern::Part<'static>])] = &[
            #(#rows)*
        ];

        /// The code whose message, or one of whose patterns, `message` is.
        fn code_of_message(message: &str) -> Option<ErrorCode> {
            Self::MESSAGE_PATTERNS
                .iter()
                .find(|(_, parts)| ::errspec::__private::pattern::matches(parts, message))
                .map(|(code, _)| *code)
        }

        /// The value named `name` in the message (`user_id` in `API rate limit exceeded for
        /// user ID {user_id}.`), from the first pattern the message matches.
        #[must_use]
        pub fn message_value(&self, name: &str) -> Option<&str> {
            let message = self.#message.as_deref()?;
            let (_, parts) = Self::MESSAGE_PATTERNS
                .iter()
                .find(|(_, parts)| ::errspec::__private::pattern::matches(parts, message))?;
            ::errspec::__private::pattern::value(parts, message, name)
        }
    }
}
