//! `error_codes!`: a catalog's error codes, one row each, expanded into `enum ErrorCode`.

use crate::Retry;

/// One documented error code, as `error_codes!` tables it: the facts of its row, as plain
/// values (a struct literal per row, no call: a catalog of thousands of codes compiles fast).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeRow {
    /// The wire code, exactly as sent.
    pub wire: &'static str,
    /// The status it is sent with: its index in the status enum's `ALL`.
    pub status: usize,
    /// The documented message.
    pub message: &'static str,
    /// Its own retry policy, when it is not its status's; empty otherwise.
    pub retry: &'static [Retry],
    /// The text of its `#[deprecated]` attribute, when the docs deprecate it; empty otherwise.
    pub deprecated: &'static [&'static str],
    /// Its own gRPC code, when it is not its status's; empty otherwise.
    pub grpc: &'static [crate::GrpcCode],
}

/// A catalog's error codes: `pub enum ErrorCode` with one variant per row, each row's facts,
/// the lookup by wire code, `Display` (the message), `FromStr`, `std::error::Error`, and serde
/// as the wire code (feature `serde`).
///
/// The enum names its status enum (`pub enum ErrorCode: Status`). A row is
/// `Variant = "WIRE_CODE", StatusVariant, "Message"`, then optionally `, retry Policy` when the
/// code's retry policy is not its status's and `, grpc Code` when its gRPC code is not its
/// status's. A `#[deprecated]` attribute after a row's doc
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

            /// The code's gRPC code.
            #[must_use]
            pub const fn grpc(self) -> $crate::GrpcCode {
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
                    $(, retry $retry:ident)?
                    $(, grpc $grpc:ident)?;
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
            const ROWS: &'static [$crate::__private::CodeRow] = &[$(
                $crate::__private::CodeRow {
                    wire: $wire,
                    status: $status::$code_status as usize,
                    message: $message,
                    retry: &[$($crate::Retry::$retry)?],
                    deprecated: &[$(stringify!($($deprecation)*))?],
                    grpc: &[$($crate::GrpcCode::$grpc)?],
                }
            ),+];

            /// Every error code, in the order of the docs.
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];
        }

        $crate::error_code_accessors!($name: $status, lookup: [$($wire => $variant),+] $(, hashed $hashed)?);
    };
}

/// The accessors of an error code enum that has its rows already: `ErrorCode::ROWS` (one
/// [`CodeRow`] per variant, in order) and `ErrorCode::ALL`, with every impl
/// [`error_codes!`] gives. errspec-codegen writes a catalog of thousands of codes this way,
/// the enum and its rows as plain Rust (one row per code), since rustc matches a
/// `macro_rules!` input of thousands of documented rows in time that grows with their square.
///
/// `lookup:` is the catalog's wire codes as `[ "WIRE" => Variant, ... ]` (a `match`), or
/// `hashed { ... }`, the perfect-hash tables errspec-codegen built.
#[macro_export]
macro_rules! error_code_accessors {
    ($name:ident: $status:ident, lookup: $($lookup:tt)+) => {
        #[allow(deprecated)]
        impl $name {
            /// The wire code, exactly as the API sends it.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                Self::ROWS[self as usize].wire
            }

            /// The HTTP status the code is sent with.
            #[must_use]
            pub const fn status(self) -> $status {
                $status::ALL[Self::ROWS[self as usize].status]
            }

            /// The documented message; also the `Display` text.
            #[must_use]
            pub const fn message(self) -> &'static str {
                Self::ROWS[self as usize].message
            }

            /// What a client should do when it receives this code.
            #[must_use]
            pub const fn retry(self) -> $crate::Retry {
                match Self::ROWS[self as usize].retry {
                    [retry] => *retry,
                    _ => self.status().retry(),
                }
            }

            /// Whether the docs mark this code as deprecated.
            #[must_use]
            pub const fn is_deprecated(self) -> bool {
                !Self::ROWS[self as usize].deprecated.is_empty()
            }

            /// The code's gRPC code: its own (`grpc:`), else its status's.
            #[must_use]
            pub const fn grpc(self) -> $crate::GrpcCode {
                match Self::ROWS[self as usize].grpc {
                    [grpc] => *grpc,
                    _ => self.status().grpc(),
                }
            }

            /// The code whose wire string is exactly `code`, or `None` for a code this version
            /// of the catalog does not know.
            #[must_use]
            pub fn from_wire(code: &str) -> ::core::option::Option<$name> {
                $crate::__from_wire!(code, $($lookup)+)
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
    ($code:ident, [$($wire:literal => $variant:ident),+ $(,)?]) => {
        match $code {
            $($wire => ::core::option::Option::Some(Self::$variant),)+
            _ => ::core::option::Option::None,
        }
    };
    ($code:ident, [$($ignored:tt)*], hashed $hashed:tt) => {
        $crate::__from_wire!($code, hashed $hashed)
    };
    (
        $code:ident, hashed {
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
