//! `wire_body!`: the serde impls of a generated `ErrorBody`, from the list of its fields.

/// `Serialize` and `Deserialize` for a generated `ErrorBody` (feature `serde`): present fields
/// in wire order, absent ones left out; on reading, fields the body does not document are
/// skipped (servers may add fields at any time), a field of the wrong JSON type reads as
/// absent (one odd field never costs a client the code), and a field sent twice is refused.
///
/// Each field is `rust_name: "wire_name"`, every one an `Option`; `as status_string` for a
/// status sent as a JSON string (`"400"`, held as a `u16`) and `as json` for a field that
/// holds any JSON value. `ErrorBody in "error" { ... }` nests the fields under one key
/// (`{"error": {...}}`).
#[macro_export]
macro_rules! wire_body {
    ($body:ident { $($fields:tt)* }) => {
        $crate::__body_fields!(@serialize $body, flat, { $($fields)* });
        $crate::__body_fields!(@deserialize $body, $body, flat, { $($fields)* });
        $crate::__body_fields!(@schema $body, None, { $($fields)* });
    };
    ($body:ident in $envelope:literal { $($fields:tt)* }) => {
        $crate::__body_fields!(@schema $body, Some($envelope), { $($fields)* });
        // A scope of its own, so the wrapper's name never meets the module's items.
        const _: () = {
            /// The body's fields, as the envelope key holds them.
            struct Fields<B>(B);

            $crate::__body_fields!(@serialize Fields<&$body>, wrapped, { $($fields)* });
            $crate::__body_fields!(@deserialize Fields<$body>, $body, wrapped, { $($fields)* });

            impl $crate::__private::serde::Serialize for $body {
                fn serialize<S: $crate::__private::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    use $crate::__private::serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(::core::option::Option::Some(1))?;
                    map.serialize_entry($envelope, &Fields(self))?;
                    map.end()
                }
            }

            impl<'de> $crate::__private::serde::Deserialize<'de> for $body {
                fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    $crate::__private::wire::deserialize_envelope::<D, Fields<$body>>(
                        deserializer,
                        $envelope,
                        concat!("an error body (a JSON object with the key `", $envelope, "`)"),
                    )
                    .map(|fields| fields.0)
                }
            }
        };
    };
}

/// The field-level serde impls of [`wire_body!`]: `@serialize` for `$target`, reaching the
/// fields through `self` (`flat`) or `self.0` (`wrapped`); `@deserialize` for `$target`, built
/// from `$body`, itself (`flat`) or in the wrapper (`wrapped`).
#[doc(hidden)]
#[macro_export]
macro_rules! __body_fields {
    (@schema $body:ident, $envelope:expr, {
        $($field:ident: $wire:literal $(as $kind:ident)?),* $(,)?
    }) => {
        $crate::__with_utoipa! {
            impl $crate::__private::utoipa::PartialSchema for $body {
                fn schema() -> $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::schema::Schema,
                > {
                    $crate::utoipa::body_schema(
                        <<$body as $crate::WireBody>::Api as $crate::Catalog>::NAME,
                        $envelope,
                        ::std::vec![$(
                            ($wire, $crate::__wire_schema!($body, $field $(, $kind)?))
                        ),*],
                    )
                }
            }
        }
    };
    (@serialize $target:ty, $reach:ident, {
        $($field:ident: $wire:literal $(as $kind:ident)?),* $(,)?
    }) => {
        impl $crate::__private::serde::Serialize for $target {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use $crate::__private::serde::ser::SerializeMap as _;
                #[allow(unused_variables)]
                let fields = $crate::__wire_reach!(self, $reach);
                let len = 0 $(+ usize::from(fields.$field.is_some()))*;
                #[allow(unused_mut)]
                let mut map = serializer.serialize_map(::core::option::Option::Some(len))?;
                $(
                    if let ::core::option::Option::Some(value) = &fields.$field {
                        map.serialize_entry($wire, &$crate::__wire_out!(value $(, $kind)?))?;
                    }
                )*
                map.end()
            }
        }
    };
    (@deserialize $target:ty, $body:ident, $reach:ident, {
        $($field:ident: $wire:literal $(as $kind:ident)?),* $(,)?
    }) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $target {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                struct BodyVisitor;

                impl<'de> $crate::__private::serde::de::Visitor<'de> for BodyVisitor {
                    type Value = $target;

                    fn expecting(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        f.write_str("an error body (a JSON object)")
                    }

                    fn visit_map<A: $crate::__private::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::core::result::Result<$target, A::Error> {
                        #[allow(unused_mut)]
                        let mut body = <$body as ::core::default::Default>::default();
                        while let ::core::option::Option::Some(key) =
                            map.next_key::<$crate::__private::wire::Key<'de>>()?
                        {
                            match key.as_str() {
                                $(
                                    $wire => {
                                        if body.$field.is_some() {
                                            return ::core::result::Result::Err(
                                                $crate::__private::serde::de::Error::duplicate_field($wire),
                                            );
                                        }
                                        body.$field = $crate::__wire_in!(map $(, $kind)?);
                                    }
                                )*
                                _ => {
                                    map.next_value::<$crate::__private::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::core::result::Result::Ok($crate::__wire_wrap!($reach, body))
                    }
                }
                deserializer.deserialize_map(BodyVisitor)
            }
        }
    };
}

/// A field's schema: from its type, or a string for a status sent as one.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_schema {
    ($body:ident, $field:ident) => {
        $crate::utoipa::field_schema(|body: &$body| &body.$field)
    };
    ($body:ident, $field:ident, status_string) => {
        <::std::borrow::Cow<'static, str> as $crate::utoipa::FieldSchema>::field_schema()
    };
    ($body:ident, $field:ident, json) => {
        $crate::utoipa::field_schema(|body: &$body| &body.$field)
    };
}

/// A field's value as it is written.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_out {
    ($value:ident) => {
        $value
    };
    ($value:ident, status_string) => {
        $crate::__private::wire::StatusString(*$value)
    };
    ($value:ident, json) => {
        $value
    };
}

/// A field's value as it is read: loosely (the wrong JSON type reads as absent), except a
/// `json` field, which holds any value.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_in {
    ($map:ident) => {
        $map.next_value::<$crate::__private::wire::Loose<_>>()?.0
    };
    ($map:ident, status_string) => {
        $map.next_value::<$crate::__private::wire::Loose<$crate::__private::wire::StatusString>>()?
            .0
            .map(|status| status.0)
    };
    ($map:ident, json) => {
        $map.next_value::<::core::option::Option<_>>()?
    };
}

/// The body's fields: `self` itself, or the body a wrapper holds.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_reach {
    ($this:ident, flat) => {
        $this
    };
    ($this:ident, wrapped) => {
        $this.0
    };
}

/// The body read field by field, as the visitor's value: itself, or in the wrapper.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_wrap {
    (flat, $value:ident) => {
        $value
    };
    (wrapped, $value:ident) => {
        Fields($value)
    };
}
