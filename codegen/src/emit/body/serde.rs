//! The `ErrorBody`'s serde impls, written out: present fields in wire order, undocumented
//! fields skipped, fields of the wrong JSON type read as absent, duplicates refused. A body nested under an envelope key
//! (`{"error": {...}}`) reads and writes its fields through a private `EnvelopeFields`
//! wrapper, so the field code is the same either way.

use super::field_type;
use crate::model::{BodyField, Role};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// `Serialize` for `ErrorBody`, and with an `envelope`, for the wrapper of its fields.
pub(super) fn serialize_impls(
    fields: &[BodyField],
    idents: &[Ident],
    wires: &[Literal],
    envelope: Option<&str>,
) -> TokenStream {
    let Some(envelope) = envelope else {
        return serialize_fields(quote!(ErrorBody), quote!(self), fields, idents, wires);
    };
    let inner = serialize_fields(
        quote!(EnvelopeFields<&ErrorBody>),
        quote!(self.0),
        fields,
        idents,
        wires,
    );
    quote! {
        impl ::errspec::__private::serde::Serialize for ErrorBody {
            fn serialize<S: ::errspec::__private::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::errspec::__private::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(#envelope, &EnvelopeFields(self))?;
                map.end()
            }
        }

        /// The body's fields, as the envelope key holds them.
        struct EnvelopeFields<B>(B);

        #inner
    }
}

/// `Serialize` for `target`, whose fields `this` reaches: the present fields, in wire order.
fn serialize_fields(
    target: TokenStream,
    this: TokenStream,
    fields: &[BodyField],
    idents: &[Ident],
    wires: &[Literal],
) -> TokenStream {
    let serialize_entries = fields.iter().zip(idents).zip(wires).map(|((f, i), w)| {
        let value = if f.role == Role::StatusString {
            quote!(&::errspec::__private::wire::StatusString(*value))
        } else {
            quote!(value)
        };
        quote! {
            if let Some(value) = &#this.#i {
                map.serialize_entry(#w, #value)?;
            }
        }
    });
    let counts = idents
        .iter()
        .map(|i| quote!(usize::from(#this.#i.is_some())));
    let len = if fields.is_empty() {
        quote!(0usize)
    } else {
        quote!(#(#counts)+*)
    };
    // `mut` only where a field is written, so an empty body compiles without warnings.
    let mutable = (!fields.is_empty()).then(|| quote!(mut));
    quote! {
        impl ::errspec::__private::serde::Serialize for #target {
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

/// `Deserialize` for `ErrorBody`, and with an `envelope`, for the wrapper of its fields.
pub(super) fn deserialize_impls(
    fields: &[BodyField],
    idents: &[Ident],
    wires: &[Literal],
    envelope: Option<&str>,
) -> TokenStream {
    let Some(envelope) = envelope else {
        return deserialize_fields(quote!(ErrorBody), quote!(body), fields, idents, wires);
    };
    let inner = deserialize_fields(
        quote!(EnvelopeFields<ErrorBody>),
        quote!(EnvelopeFields(body)),
        fields,
        idents,
        wires,
    );
    let expecting = format!("an error body (a JSON object with the key `{envelope}`)");
    quote! {
        impl<'de> ::errspec::__private::serde::Deserialize<'de> for ErrorBody {
            fn deserialize<D: ::errspec::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct EnvelopeVisitor;
                impl<'de> ::errspec::__private::serde::de::Visitor<'de> for EnvelopeVisitor {
                    type Value = ErrorBody;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: ::errspec::__private::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
                        let mut body = None;
                        while let Some(key) = map.next_key::<::errspec::__private::wire::Key<'de>>()? {
                            if key.as_str() == #envelope {
                                if body.is_some() {
                                    return Err(::errspec::__private::serde::de::Error::duplicate_field(#envelope));
                                }
                                body = Some(map.next_value::<EnvelopeFields<ErrorBody>>()?.0);
                            } else {
                                map.next_value::<::errspec::__private::serde::de::IgnoredAny>()?;
                            }
                        }
                        body.ok_or_else(|| ::errspec::__private::serde::de::Error::missing_field(#envelope))
                    }
                }
                deserializer.deserialize_map(EnvelopeVisitor)
            }
        }

        #inner
    }
}

/// `Deserialize` for `target`, made from the `body` read with `wrap`: declared fields by
/// their wire keys; others skipped, duplicates refused.
fn deserialize_fields(
    target: TokenStream,
    wrap: TokenStream,
    fields: &[BodyField],
    idents: &[Ident],
    wires: &[Literal],
) -> TokenStream {
    let deserialize_arms = fields.iter().zip(idents).zip(wires).map(|((f, i), w)| {
        // Each field loosely, except a `json` field, which holds any value: a field of the
        // wrong type reads as absent, so one odd field never costs a client the code.
        let read = match f.role {
            Role::StatusString => quote!(
                        map.next_value::<::errspec::__private::wire::Loose<
                            ::errspec::__private::wire::StatusString,
                        >>()?
                        .0
                        .map(|s| s.0)
                    ),
            Role::Json => {
                let ty = field_type(f.role);
                quote!(map.next_value::<Option<#ty>>()?)
            }
            _ => {
                let ty = field_type(f.role);
                quote!(map.next_value::<::errspec::__private::wire::Loose<#ty>>()?.0)
            }
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
        impl<'de> ::errspec::__private::serde::Deserialize<'de> for #target {
            fn deserialize<D: ::errspec::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct BodyVisitor;
                impl<'de> ::errspec::__private::serde::de::Visitor<'de> for BodyVisitor {
                    type Value = #target;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an error body (a JSON object)")
                    }

                    fn visit_map<A: ::errspec::__private::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#target, A::Error> {
                        let #mutable body = ErrorBody::default();
                        #read_fields
                        Ok(#wrap)
                    }
                }
                deserializer.deserialize_map(BodyVisitor)
            }
        }
    }
}
