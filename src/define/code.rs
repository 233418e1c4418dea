//! `error_codes!`: a catalog's error codes, one row each, expanded into `enum ErrorCode`.

use crate::Retry;

/// One documented error code, as `error_codes!` tables it: the facts of its row.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeRow<S> {
    /// The wire code, exactly as sent.
    pub wire: &'static str,
    /// The status it is sent with.
    pub status: S,
    /// The documented message.
    pub message: &'static str,
    /// Its own retry policy, when it is not its status's.
    pub retry: Option<Retry>,
    /// Whether the docs mark it as deprecated.
    pub deprecated: bool,
}

impl<S: Copy> CodeRow<S> {
    /// A row that retries as its status says.
    #[must_use]
    pub const fn new(wire: &'static str, status: S, message: &'static str) -> Self {
        Self {
            wire,
            status,
            message,
            retry: None,
            deprecated: false,
        }
    }

    /// The row with its own retry policy.
    #[must_use]
    pub const fn retry(mut self, retry: Retry) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The row marked deprecated; `attribute` is the `#[deprecated]` attribute's text.
    #[must_use]
    pub const fn deprecated(mut self, attribute: &str) -> Self {
        let _ = attribute;
        self.deprecated = true;
        self
    }
}

/// A catalog's error codes: `pub enum ErrorCode` with one variant per row, each row's facts,
/// the lookup by wire code, `Display` (the message), `FromStr`, `std::error::Error`, and serde
/// as the wire code (feature `serde`).
///
/// The enum names its status enum (`pub enum ErrorCode: Status`). A row is
/// `Variant = "WIRE_CODE", StatusVariant, "Message"`, then optionally `, retry Policy` when the
/// code's retry policy is not its status's. A `#[deprecated]` attribute after a row's doc
/// comments marks the code deprecated. Doc comments document the variant after its generated
/// headline (`` `WIRE_CODE`: Message ``).
///
/// `from_wire` is a `match` on the code; a large catalog (many codes of one length) adds
/// `lookup: hashed { ... }` after the enum, the perfect-hash tables errspec-codegen built.
#[macro_export]
macro_rules! error_codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $status:ident {}
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {}

        impl $name {
            /// Every error code, in the order of the docs: none.
            pub const ALL: &'static [$name] = &[];

            /// The wire code, exactly as the API sends it.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {}
            }

            /// The HTTP status the code is sent with.
            #[must_use]
            pub const fn status(self) -> $status {
                match self {}
            }

            /// The documented message; also the `Display` text.
            #[must_use]
            pub const fn message(self) -> &'static str {
                match self {}
            }

            /// What a client should do when it receives this code.
            #[must_use]
            pub const fn retry(self) -> $crate::Retry {
                match self {}
            }

            /// Whether the docs mark this code as deprecated.
            #[must_use]
            pub const fn is_deprecated(self) -> bool {
                match self {}
            }

            /// The code whose wire string is exactly `code`: never, as the API documents none.
            #[must_use]
            pub fn from_wire(code: &str) -> ::core::option::Option<$name> {
                let _ = code;
                ::core::option::Option::None
            }
        }

        $crate::__error_code_impls!($name);
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $status:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[deprecated $($deprecation:tt)*])?
                $variant:ident = $wire:literal, $code_status:ident, $message:literal
                    $(, retry $retry:ident)?;
            )+
        }
        $(lookup: hashed $hashed:tt)?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        // Variant names come from the API's own codes, which often share a prefix or a
        // suffix (`..._FAILED`): that is the API's naming, not a style slip.
        #[allow(clippy::enum_variant_names)]
        pub enum $name {
            $(
                #[doc = concat!("`", $wire, "`: ", $message)]
                $(#[doc = $doc])*
                $(#[deprecated $($deprecation)*])?
                $variant,
            )+
        }

        #[allow(deprecated)]
        impl $name {
            /// Each code's facts, indexed by the variant.
            const ROWS: &'static [$crate::__private::CodeRow<$status>] = &[$(
                $crate::__private::CodeRow::new($wire, $status::$code_status, $message)
                    $(.retry($crate::Retry::$retry))?
                    $(.deprecated(stringify!($($deprecation)*)))?
            ),+];

            /// Every error code, in the order of the docs.
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            /// The wire code, exactly as the API sends it.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                Self::ROWS[self as usize].wire
            }

            /// The HTTP status the code is sent with.
            #[must_use]
            pub const fn status(self) -> $status {
                Self::ROWS[self as usize].status
            }

            /// The documented message; also the `Display` text.
            #[must_use]
            pub const fn message(self) -> &'static str {
                Self::ROWS[self as usize].message
            }

            /// What a client should do when it receives this code.
            #[must_use]
            pub const fn retry(self) -> $crate::Retry {
                let row = &Self::ROWS[self as usize];
                match row.retry {
                    ::core::option::Option::Some(retry) => retry,
                    ::core::option::Option::None => row.status.retry(),
                }
            }

            /// Whether the docs mark this code as deprecated.
            #[must_use]
            pub const fn is_deprecated(self) -> bool {
                Self::ROWS[self as usize].deprecated
            }

            /// The code whose wire string is exactly `code`, or `None` for a code this version
            /// of the catalog does not know.
            #[must_use]
            pub fn from_wire(code: &str) -> ::core::option::Option<$name> {
                $crate::__from_wire!(code, [$($wire => $variant),+] $(, $hashed)?)
            }
        }

        $crate::__error_code_impls!($name);
    };
}

/// The body of `from_wire`: a `match` on the code, or a probe of the perfect-hash tables
/// errspec-codegen built for a large catalog (see `errspec_vocab::lookup`).
#[doc(hidden)]
#[macro_export]
macro_rules! __from_wire {
    ($code:ident, [$($wire:literal => $variant:ident),+]) => {
        match $code {
            $($wire => ::core::option::Option::Some(Self::$variant),)+
            _ => ::core::option::Option::None,
        }
    };
    (
        $code:ident, [$($ignored:tt)*],
        {
            seed: $seed:literal,
            whole_code: $whole:literal,
            lengths: $min:literal ..= $max:literal,
            widths: [$d:literal, $e:literal, $i:literal],
            displacements: $displacements:literal,
            wires: $wires:literal,
            slots: $slots:literal $(,)?
        }
    ) => {
        $crate::__private::lookup::wire_lookup::<_, $d, $e, $i>(
            $code,
            ($seed, $whole),
            $min..=$max,
            $displacements,
            ($wires, $slots),
            Self::ALL,
        )
    };
}

/// The trait impls every error code enum has.
#[doc(hidden)]
#[macro_export]
macro_rules! __error_code_impls {
    ($name:ident) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.message())
            }
        }

        impl ::std::error::Error for $name {}

        impl ::core::str::FromStr for $name {
            type Err = $crate::UnknownCode;

            fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::from_wire(code).ok_or_else(|| $crate::UnknownCode::new(code))
            }
        }

        impl $crate::WireCode for $name {
            fn as_wire(self) -> &'static str {
                self.as_str()
            }

            fn from_wire(code: &str) -> ::core::option::Option<Self> {
                $name::from_wire(code)
            }
        }

        $crate::__with_serde! {
            impl $crate::__private::serde::Serialize for $name {
                fn serialize<S: $crate::__private::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
                fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    $crate::__private::wire::deserialize_code(deserializer)
                }
            }
        }
    };
}
