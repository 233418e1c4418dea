//! The `ErrorBody` of one API: the documented JSON error body, field for field, in wire order,
//! with constructors for servers and accessors for clients. Serde impls are written out (no
//! derive) and skip absent fields, so a documented example survives a round trip unchanged.

use crate::emit::text::{Constant, Depth, Splices};
use crate::model::{Api, BodyField, Role};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

fn field_ident(field: &BodyField) -> Ident {
    super::tokens::ident(&field.rust_name)
}

fn field_type(role: Role) -> TokenStream {
    match role {
        Role::Code => quote!(::errspec::Code<ErrorCode>),
        Role::Message | Role::Title | Role::CodeOrMessage => {
            quote!(::std::borrow::Cow<'static, str>)
        }
        Role::Status | Role::StatusString => quote!(u16),
        Role::Details => quote!(::std::vec::Vec<::errspec::__private::serde_json::Value>),
    }
}

fn field_doc(field: &BodyField) -> String {
    format!(
        " `{}`: {}",
        field.wire.replace('`', "'"),
        field.role.meaning()
    )
}

/// The value a constructor puts in `field`, given `code` and `status` expressions.
fn fill(field: &BodyField, from_code: bool) -> TokenStream {
    let cow = quote!(::std::borrow::Cow::Borrowed);
    match (field.role, from_code) {
        (Role::Code, true) => quote!(Some(::errspec::Code::Known(code))),
        (Role::Code, false) | (Role::Details, _) => quote!(None),
        (Role::Message, true) => quote!(Some(#cow(code.message()))),
        (Role::Message, false) => quote!(Some(#cow(status.message()))),
        (Role::Status | Role::StatusString, _) => quote!(Some(status.code())),
        (Role::Title, _) => quote!(Some(#cow(status.reason()))),
        (Role::CodeOrMessage, true) => quote!(Some(#cow(code.as_str()))),
        (Role::CodeOrMessage, false) => quote!(Some(#cow(status.message()))),
    }
}

/// The `ErrorBody` struct with its constructors, accessors and serde impls.
pub fn body_tokens(api: &Api, splices: &mut Splices) -> TokenStream {
    let from_impls = splices.constant(&FROM_IMPLS);
    let fields: &[BodyField] = api.body.as_ref().map_or(&[], |b| &b.fields);
    let idents: Vec<Ident> = fields.iter().map(field_ident).collect();
    let wires: Vec<Literal> = fields.iter().map(|f| Literal::string(&f.wire)).collect();
    let field_defs = fields.iter().zip(&idents).map(|(f, i)| {
        let ty = field_type(f.role);
        let doc = field_doc(f);
        quote! { #[doc = #doc] pub #i: Option<#ty>, }
    });
    let struct_doc = super::tokens::doc_attrs(&struct_doc(&api.name, fields));
    let constructors = constructors(fields, &idents);
    let accessors = accessors(fields, &idents);
    let builders = builders(fields, &idents);
    let serialize = serialize_impl(fields, &idents, &wires);
    let deserialize = deserialize_impl(fields, &idents, &wires);
    quote! {
        #struct_doc
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct ErrorBody {
            #(#field_defs)*
        }

        impl ErrorBody {
            #constructors

            #accessors

            #builders
        }

        #from_impls

        #serialize

        #deserialize
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
fn constructors(fields: &[BodyField], idents: &[Ident]) -> TokenStream {
    let from_code_fill = fields.iter().zip(idents).map(|(f, i)| {
        let v = fill(f, true);
        quote!(#i: #v,)
    });
    let from_status_fill = fields.iter().zip(idents).map(|(f, i)| {
        let v = fill(f, false);
        quote!(#i: #v,)
    });
    let has = |roles: &[Role]| fields.iter().any(|f| roles.contains(&f.role));
    let code_needs_status = has(&[Role::Status, Role::StatusString, Role::Title]);
    let code_needs_code =
        code_needs_status || has(&[Role::Code, Role::Message, Role::CodeOrMessage]);
    let code_arg = if code_needs_code {
        quote!(code)
    } else {
        quote!(_code)
    };
    let status_binding = code_needs_status.then(|| quote!(let status = code.status();));
    let status_needs_status = has(&[
        Role::Message,
        Role::Status,
        Role::StatusString,
        Role::Title,
        Role::CodeOrMessage,
    ]);
    let status_arg = if status_needs_status {
        quote!(status)
    } else {
        quote!(_status)
    };
    quote! {
        /// The body the API sends for `code`: its code, message and status.
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
    }
}

/// `From<ErrorCode>` and `From<Status>` for `ErrorBody`: the same in every module.
static FROM_IMPLS: Constant = Constant::new(Depth::Module, || {
    quote! {
        impl ::core::convert::From<ErrorCode> for ErrorBody {
            fn from(code: ErrorCode) -> Self {
                Self::from_code(code)
            }
        }

        impl ::core::convert::From<Status> for ErrorBody {
            fn from(status: Status) -> Self {
                Self::from_status(status)
            }
        }
    }
});

/// The read side: the code, status, message and details, whichever fields carry them.
fn accessors(fields: &[BodyField], idents: &[Ident]) -> TokenStream {
    let find = |role: Role| finder(fields, idents, role);
    let known_code = match (find(Role::Code), find(Role::CodeOrMessage)) {
        (Some(i), _) => quote!(self.#i.as_ref().and_then(::errspec::Code::known)),
        (None, Some(i)) => quote!(self.#i.as_deref().and_then(ErrorCode::from_wire)),
        (None, None) => quote!(None),
    };
    // A field that carries a code or a message holds a code when the catalog knows it or when
    // it reads as one (`INSUFFICIENT_BALANCE`), so a code newer than the catalog stays a code.
    let raw_code = match find(Role::Code) {
        Some(i) => quote!(self.#i.as_ref().map(::errspec::Code::as_str)),
        None => match find(Role::CodeOrMessage) {
            Some(i) => quote!(self.#i.as_deref().filter(|t| Self::is_code_text(t))),
            None => quote!(None),
        },
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

/// `Serialize`: the present fields, in wire order.
fn serialize_impl(fields: &[BodyField], idents: &[Ident], wires: &[Literal]) -> TokenStream {
    let serialize_entries = fields.iter().zip(idents).zip(wires).map(|((f, i), w)| {
        let value = if f.role == Role::StatusString {
            quote!(&::errspec::__private::wire::StatusString(*value))
        } else {
            quote!(value)
        };
        quote! {
            if let Some(value) = &self.#i {
                map.serialize_entry(#w, #value)?;
            }
        }
    });
    let counts = idents
        .iter()
        .map(|i| quote!(usize::from(self.#i.is_some())));
    let len = if fields.is_empty() {
        quote!(0usize)
    } else {
        quote!(#(#counts)+*)
    };
    // `mut` only where a field is written, so an empty body compiles without warnings.
    let mutable = (!fields.is_empty()).then(|| quote!(mut));
    quote! {
        impl ::errspec::__private::serde::Serialize for ErrorBody {
            fn serialize<S: ::errspec::__private::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::errspec::__private::serde::ser::SerializeMap as _;
                let len = #len;
                let #mutable map = serializer.serialize_map(Some(len))?;
                #(#serialize_entries)*
                map.end()
            }
        }
    }
}

/// `Deserialize`: declared fields by their wire keys; others skipped, duplicates refused.
fn deserialize_impl(fields: &[BodyField], idents: &[Ident], wires: &[Literal]) -> TokenStream {
    let deserialize_arms = fields.iter().zip(idents).zip(wires).map(|((f, i), w)| {
        let read = if f.role == Role::StatusString {
            quote!(
                map.next_value::<Option<::errspec::__private::wire::StatusString>>()?
                    .map(|s| s.0)
            )
        } else {
            let ty = field_type(f.role);
            quote!(map.next_value::<Option<#ty>>()?)
        };
        quote! {
            #w => {
                if body.#i.is_some() {
                    return Err(::errspec::__private::serde::de::Error::duplicate_field(#w));
                }
                body.#i = #read;
            }
        }
    });
    // Fields the body does not document are skipped: servers may add fields at any time.
    let read_fields = if fields.is_empty() {
        quote! {
            while map.next_key::<::errspec::__private::serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<::errspec::__private::serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
            while let Some(key) = map.next_key::<::errspec::__private::wire::Key<'de>>()? {
                match key.as_str() {
                    #(#deserialize_arms)*
                    _ => {
                        map.next_value::<::errspec::__private::serde::de::IgnoredAny>()?;
                    }
                }
            }
        }
    };
    // `mut` only where a field is written, so an empty body compiles without warnings.
    let mutable = (!fields.is_empty()).then(|| quote!(mut));
    quote! {
        impl<'de> ::errspec::__private::serde::Deserialize<'de> for ErrorBody {
            fn deserialize<D: ::errspec::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct BodyVisitor;
                impl<'de> ::errspec::__private::serde::de::Visitor<'de> for BodyVisitor {
                    type Value = ErrorBody;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an error body (a JSON object)")
                    }

                    fn visit_map<A: ::errspec::__private::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
                        let #mutable body = ErrorBody::default();
                        #read_fields
                        Ok(body)
                    }
                }
                deserializer.deserialize_map(BodyVisitor)
            }
        }
    }
}
