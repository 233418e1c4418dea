//! The `ErrorBody` of one API: the documented JSON error body, field for field, in wire order,
//! with constructors for servers and accessors for clients. Serde impls are written out (no
//! derive) and skip absent fields, so a documented example survives a round trip unchanged.

mod messages;
mod second_level;
mod serde;

pub(super) use serde::wire_body;
mod values;

use crate::model::{Api, BodyField, Role};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use values::Owner;

fn field_ident(field: &BodyField) -> Ident {
    super::tokens::ident(&field.rust_name)
}

fn field_type(role: Role) -> TokenStream {
    match role {
        Role::Code => quote!(::errspec::Code<ErrorCode>),
        Role::Message | Role::Title | Role::CodeOrMessage | Role::Text => {
            quote!(::std::borrow::Cow<'static, str>)
        }
        Role::Status | Role::StatusString => quote!(u16),
        Role::Details => quote!(::std::vec::Vec<::errspec::__private::serde_json::Value>),
        Role::Json => quote!(::errspec::__private::serde_json::Value),
    }
}

/// The wire key and the role's meaning, then the spec's own description of the field and
/// its constant.
fn field_doc(field: &BodyField) -> TokenStream {
    let summary = format!(
        "`{}`: {}",
        field.wire.replace('`', "'"),
        field.role.meaning()
    );
    let constant = field.value.as_ref().map(|v| {
        format!(
            "Unless a code or status gives its own: `{}`.",
            v.replace('`', "'")
        )
    });
    super::tokens::docs(&[
        Some(&summary),
        field.description.as_deref(),
        constant.as_deref(),
    ])
}

/// What a constructor puts in field `index`, and what that reads: for [`Owner::Code`],
/// `from_code`'s `code` (or the `status` bound from it); for [`Owner::Status`], `from_status`'s
/// `status`.
fn fill(api: &Api, field: &BodyField, index: usize, owner: Owner) -> (TokenStream, Reads) {
    let cow = quote!(::std::borrow::Cow::Borrowed);
    let from_code = owner == Owner::Code;
    let tokens = match (field.role, from_code) {
        (Role::Code, true) => quote!(Some(::errspec::Code::Known(code))),
        (Role::Code, false) | (Role::Details | Role::Json, _) => quote!(None),
        (Role::Message, true) => quote!(Some(#cow(code.message()))),
        (Role::Message, false) => quote!(Some(#cow(status.message()))),
        (Role::Status | Role::StatusString, _) => quote!(Some(status.code())),
        (Role::Title, _) => quote!(Some(#cow(status.reason()))),
        (Role::CodeOrMessage, true) => quote!(Some(#cow(code.as_str()))),
        (Role::CodeOrMessage, false) => quote!(Some(#cow(status.message()))),
        (Role::Text, _) => {
            let (tokens, reads) = values::text_fill(api, field, index, owner);
            let reads = match (reads, from_code) {
                (false, _) => Reads::Nothing,
                (true, true) => Reads::Code,
                (true, false) => Reads::Status,
            };
            return (tokens, reads);
        }
    };
    let reads = match (field.role, from_code) {
        (Role::Code | Role::Details | Role::Json, false) | (Role::Details | Role::Json, true) => {
            Reads::Nothing
        }
        (Role::Code | Role::Message | Role::CodeOrMessage, true) => Reads::Code,
        _ => Reads::Status,
    };
    (tokens, reads)
}

/// What a constructor's field value reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reads {
    Nothing,
    Code,
    Status,
}

/// The `ErrorBody` struct with its constructors and accessors; its serde impls are
/// `errspec::wire_body!`'s (see [`wire_body`]).
pub fn body_tokens(api: &Api) -> TokenStream {
    let fields: &[BodyField] = api.body.as_ref().map_or(&[], |b| &b.fields);
    let idents: Vec<Ident> = fields.iter().map(field_ident).collect();
    let field_defs = fields.iter().zip(&idents).map(|(f, i)| {
        let ty = field_type(f.role);
        let doc = field_doc(f);
        quote! { #doc pub #i: Option<#ty>, }
    });
    let struct_doc = super::tokens::doc_attrs(&struct_doc(&api.name, fields));
    let constructors = constructors(api, fields, &idents);
    let code_from_message = api.body.as_ref().is_some_and(|b| b.code_from_message);
    let accessors = accessors(fields, &idents, code_from_message);
    let second_level = second_level::second_level_accessors(fields, &idents);
    let message_lookups = finder(fields, &idents, Role::Message)
        .filter(|_| code_from_message)
        .map(|message| messages::message_lookups(api, message));
    let builders = builders(fields, &idents);
    quote! {
        #struct_doc
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct ErrorBody {
            #(#field_defs)*
        }

        impl ErrorBody {
            #constructors

            #accessors

            #message_lookups

            #second_level

            #builders
        }

    }
}

fn struct_doc(api_name: &str, fields: &[BodyField]) -> String {
    let shape = if fields.is_empty() {
        " The API documents no JSON error body, so this body has no fields.".to_owned()
    } else {
        let keys: Vec<String> = fields
            .iter()
            .map(|f| format!("`{}`", f.wire.replace('`', "'")))
            .collect();
        format!(
            " Fields in wire order: {}. Absent fields are left out on the wire.",
            keys.join(", ")
        )
    };
    format!(" The {api_name} API's JSON error body.\n\n{shape}")
}

/// `from_code` and `from_status`, binding only what their fills read, so the generated code
/// has no unused variables.
fn constructors(api: &Api, fields: &[BodyField], idents: &[Ident]) -> TokenStream {
    let fills = |owner: Owner| -> (Vec<TokenStream>, Vec<Reads>) {
        fields
            .iter()
            .enumerate()
            .zip(idents)
            .map(|((index, f), i)| {
                let (value, reads) = fill(api, f, index, owner);
                (quote!(#i: #value,), reads)
            })
            .unzip()
    };
    let (from_code_fill, code_reads) = fills(Owner::Code);
    let (from_status_fill, status_reads) = fills(Owner::Status);
    let code_needs_status = code_reads.contains(&Reads::Status);
    let code_arg = if code_needs_status || code_reads.contains(&Reads::Code) {
        quote!(code)
    } else {
        quote!(_code)
    };
    let status_binding = code_needs_status.then(|| quote!(let status = code.status();));
    let status_arg = if status_reads.contains(&Reads::Status) {
        quote!(status)
    } else {
        quote!(_status)
    };
    let lookups = values::lookups(api, fields);
    let from_code_doc = format!(
        " The body the API sends for `code`: {}.",
        what_it_carries(fields)
    );
    quote! {
        #[doc = #from_code_doc]
        #[must_use]
        pub fn from_code(#code_arg: ErrorCode) -> Self {
            #status_binding
            Self { #(#from_code_fill)* }
        }

        /// The body the API sends for `status` when no error code applies.
        #[must_use]
        pub fn from_status(#status_arg: Status) -> Self {
            Self { #(#from_status_fill)* }
        }

        #lookups
    }
}

/// What `from_code` puts in the body, in words: the fields a code fills, by what they carry.
fn what_it_carries(fields: &[BodyField]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for field in fields {
        let part = match field.role {
            Role::Code => "its code",
            Role::Message => "its message",
            Role::CodeOrMessage => "its code (in the field that carries a code or a message)",
            Role::Status | Role::StatusString => "its status",
            Role::Title => "its status's reason phrase",
            Role::Text => "the documented texts",
            Role::Details | Role::Json => continue,
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    match parts.as_slice() {
        [] => "no body fields, as the API documents none".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The read side: the code, status, message and details, whichever fields carry them.
fn accessors(fields: &[BodyField], idents: &[Ident], code_from_message: bool) -> TokenStream {
    let find = |role: Role| finder(fields, idents, role);
    let from_message = find(Role::Message).filter(|_| code_from_message);
    let known_code = match (find(Role::Code), find(Role::CodeOrMessage), from_message) {
        (Some(i), _, _) => quote!(self.#i.as_ref().and_then(::errspec::Code::known)),
        (None, Some(i), _) => quote!(self.#i.as_deref().and_then(ErrorCode::from_wire)),
        (None, None, Some(i)) => quote!(self.#i.as_deref().and_then(Self::code_of_message)),
        (None, None, None) => quote!(None),
    };
    // A field that carries a code or a message holds a code when the catalog knows it or when
    // it reads as one (`INSUFFICIENT_BALANCE`), so a code newer than the catalog stays a code.
    // A code read from the message is the code it reads as: no other is sent.
    let raw_code = match (find(Role::Code), find(Role::CodeOrMessage), from_message) {
        (Some(i), _, _) => quote!(self.#i.as_ref().map(::errspec::Code::as_str)),
        (None, Some(i), _) => quote!(self.#i.as_deref().filter(|t| Self::is_code_text(t))),
        (None, None, Some(_)) => quote!(self.known_code().map(ErrorCode::as_str)),
        (None, None, None) => quote!(None),
    };
    let status = match (find(Role::Status), find(Role::StatusString)) {
        (Some(i), _) | (None, Some(i)) => quote!(self.#i),
        (None, None) => quote!(None),
    };
    let message = match (find(Role::Message), find(Role::CodeOrMessage)) {
        (Some(i), _) => quote!(self.#i.as_deref()),
        (None, Some(i)) => quote!(self.#i.as_deref().filter(|t| !Self::is_code_text(t))),
        (None, None) => quote!(None),
    };
    let details = match find(Role::Details) {
        Some(i) => quote!(self.#i.as_deref().unwrap_or(&[])),
        None => quote!(&[]),
    };
    quote! {
        /// The error code, when the body carries one this catalog knows.
        #[must_use]
        pub fn known_code(&self) -> Option<ErrorCode> {
            #known_code
        }

        /// The error code exactly as sent, known or not.
        #[must_use]
        pub fn raw_code(&self) -> Option<&str> {
            #raw_code
        }

        /// The HTTP status the body states, when it states one.
        #[must_use]
        pub fn status_code(&self) -> Option<u16> {
            #status
        }

        /// The human-readable message, when the body carries one.
        #[must_use]
        pub fn message_text(&self) -> Option<&str> {
            #message
        }

        /// The details, such as the fields that failed validation; empty when there are none.
        #[must_use]
        pub fn details(&self) -> &[::errspec::__private::serde_json::Value] {
            #details
        }
    }
}

fn finder<'a>(fields: &[BodyField], idents: &'a [Ident], role: Role) -> Option<&'a Ident> {
    fields
        .iter()
        .zip(idents)
        .find(|(f, _)| f.role == role)
        .map(|(_, i)| i)
}

/// `with_details`, `with_message` and the code-or-message test, where the body has the fields
/// they need.
fn builders(fields: &[BodyField], idents: &[Ident]) -> TokenStream {
    let find = |role: Role| finder(fields, idents, role);
    let mut out = TokenStream::new();
    if find(Role::Code).is_none() && find(Role::CodeOrMessage).is_some() {
        out.extend(quote! {
            /// Whether the code-or-message field's `text` is a code: one this catalog knows, or
            /// text that reads as a code (see `errspec::looks_like_code`) and is not the
            /// documented message of a status.
            fn is_code_text(text: &str) -> bool {
                ErrorCode::from_wire(text).is_some()
                    || (::errspec::looks_like_code(text)
                        && !Status::ALL.iter().any(|s| s.message() == text))
            }
        });
    }
    if let Some(i) = find(Role::Details) {
        out.extend(quote! {
            /// Adds details, such as the fields that failed validation.
            #[must_use]
            pub fn with_details<I, D>(mut self, details: I) -> Self
            where
                I: ::core::iter::IntoIterator<Item = D>,
                D: ::core::convert::Into<::errspec::__private::serde_json::Value>,
            {
                self.#i = Some(details.into_iter().map(::core::convert::Into::into).collect());
                self
            }
        });
    }
    // The message lives in the message field, or else in the code-or-message field.
    if let Some(i) = find(Role::Message).or_else(|| find(Role::CodeOrMessage)) {
        out.extend(quote! {
            /// Replaces the message, for a server that says more than the documented text.
            #[must_use]
            pub fn with_message(mut self, message: impl ::core::convert::Into<::std::borrow::Cow<'static, str>>) -> Self {
                self.#i = Some(message.into());
                self
            }
        });
    }
    out
}
