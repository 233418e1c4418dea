//! `statuses!`: a catalog's HTTP statuses, one row each, expanded into `enum Status`.

use crate::{GrpcCode, Retry};

/// One documented status, as `statuses!` tables it: the facts of its row.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusRow {
    /// The code; for a class such as `5xx`, its lowest code.
    pub code: u16,
    /// Whether the row is a class (`500..=599`) rather than one code.
    pub class: bool,
    /// The API's own name for it.
    pub title: &'static str,
    /// The body message when no error code applies.
    pub message: &'static str,
    /// The reason phrase a body's title field carries.
    pub reason: &'static str,
    /// What a client should do when it receives it.
    pub retry: Retry,
    /// Its gRPC code, when the spec names one (`grpc:`).
    pub grpc: Option<GrpcCode>,
}

impl StatusRow {
    /// A row whose message and reason are its title.
    #[must_use]
    pub const fn new(code: u16, title: &'static str, retry: Retry) -> Self {
        Self {
            code,
            class: false,
            title,
            message: title,
            reason: title,
            retry,
            grpc: None,
        }
    }

    /// The row as the class of its hundred; `last` (`599`) is only read by people.
    #[must_use]
    pub const fn through(mut self, last: u16) -> Self {
        let _ = last;
        self.class = true;
        self
    }

    /// The row with its own body message.
    #[must_use]
    pub const fn message(mut self, message: &'static str) -> Self {
        self.message = message;
        self
    }

    /// The row with its own reason phrase.
    #[must_use]
    pub const fn reason(mut self, reason: &'static str) -> Self {
        self.reason = reason;
        self
    }

    /// The row with the gRPC code the spec names for it.
    #[must_use]
    pub const fn grpc(mut self, grpc: GrpcCode) -> Self {
        self.grpc = Some(grpc);
        self
    }

    /// Its gRPC code: the spec's, else the one `google.rpc.Code` documents for its status.
    #[must_use]
    pub const fn grpc_code(&self) -> GrpcCode {
        match self.grpc {
            Some(grpc) => grpc,
            None => GrpcCode::for_http(self.code),
        }
    }

    /// `"421"`, or `"5xx"` for a class.
    #[must_use]
    pub const fn key(&self, code_text: &'static str) -> &'static str {
        if !self.class {
            return code_text;
        }
        match self.code / 100 {
            1 => "1xx",
            2 => "2xx",
            3 => "3xx",
            4 => "4xx",
            _ => "5xx",
        }
    }
}

/// For every code from 100 to 599, one more than the index of its row in `rows` (its own row,
/// else the class of its hundred), or 0 when none: built at compile time, so `from_code` is one
/// load whatever the number of statuses.
#[doc(hidden)]
#[must_use]
pub const fn status_table(rows: &[StatusRow]) -> [u16; 500] {
    let mut table = [0u16; 500];
    let mut code = 100;
    while code < 600 {
        if let Some(index) = status_index(rows, code) {
            table[(code - 100) as usize] = index as u16 + 1;
        }
        code += 1;
    }
    table
}

/// The index of the row for `code` in `rows`: its own row, else the class of its hundred.
const fn status_index(rows: &[StatusRow], code: u16) -> Option<usize> {
    let mut class = None;
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        if !row.class && row.code == code {
            return Some(i);
        }
        if row.class && row.code / 100 == code / 100 && class.is_none() {
            class = Some(i);
        }
        i += 1;
    }
    class
}

/// A catalog's statuses: `pub enum Status` with one variant per row, each row's facts, and
/// `Display`, `http::StatusCode` conversions (feature `http`) and lookups over them.
///
/// A row is `Variant = CODE, "Title", Retry` (`BadRequest = 400, "Bad Request", Never`), or for
/// a class `Variant = 500..=599, "Title", Retry`, then optionally `, message "..."` (the body
/// message when no error code applies; default: the title) and `, reason "..."` (the reason
/// phrase of a body's title field; default: the title) and `, grpc Code` (its gRPC code, a
/// variant of [`GrpcCode`](crate::GrpcCode); default: `GrpcCode::for_http`). Doc comments
/// before a row document
/// its variant after its generated headline (`400 Bad Request`).
#[macro_export]
macro_rules! statuses {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {}
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {}

        impl $name {
            /// Every status, in the order of the docs: none.
            pub const ALL: &'static [$name] = &[];

            /// The HTTP status code.
            #[must_use]
            pub const fn code(self) -> u16 {
                match self {}
            }

            /// The status as the docs key it.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {}
            }

            /// The API's own name for the status.
            #[must_use]
            pub const fn title(self) -> &'static str {
                match self {}
            }

            /// The body message sent when no error code applies.
            #[must_use]
            pub const fn message(self) -> &'static str {
                match self {}
            }

            /// The reason phrase a body's title field carries for this status.
            #[must_use]
            pub const fn reason(self) -> &'static str {
                match self {}
            }

            /// What a client should do when it receives this status.
            #[must_use]
            pub const fn retry(self) -> $crate::Retry {
                match self {}
            }

            /// Whether this is a class of statuses such as `5xx` rather than one code.
            #[must_use]
            pub const fn is_class(self) -> bool {
                match self {}
            }

            /// The status's gRPC code.
            #[must_use]
            pub const fn grpc(self) -> $crate::GrpcCode {
                match self {}
            }

            /// The declared status for `code`: never, as the API documents none.
            #[must_use]
            pub const fn from_code(code: u16) -> ::core::option::Option<$name> {
                let _ = code;
                ::core::option::Option::None
            }
        }

        $crate::__status_impls!($name);
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident = $code:literal $(..= $last:literal)?, $title:literal, $retry:ident
                    $(, message $message:literal)?
                    $(, reason $reason:literal)?
                    $(, grpc $grpc:ident)?;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        // Variant names come from the API's own titles, which often share a word.
        #[allow(clippy::enum_variant_names)]
        pub enum $name {
            $(
                #[doc = concat!($code, $("..=", $last,)? " ", $title)]
                $(#[doc = $doc])*
                $variant,
            )+
        }

        impl $name {
            /// Each status's facts, indexed by the variant.
            const ROWS: &'static [$crate::__private::StatusRow] = &[$(
                $crate::__private::StatusRow::new($code, $title, $crate::Retry::$retry)
                    $(.through($last))?
                    $(.message($message))?
                    $(.reason($reason))?
                    $(.grpc($crate::GrpcCode::$grpc))?
            ),+];

            /// `"421"` or `"5xx"`, per variant.
            const KEYS: &'static [&'static str] = &[$(
                $crate::__private::StatusRow::new($code, $title, $crate::Retry::$retry)
                    $(.through($last))?
                    .key(stringify!($code))
            ),+];

            /// Every status, in the order of the docs.
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            /// The HTTP status code; for a class such as `5xx`, its lowest code.
            #[must_use]
            pub const fn code(self) -> u16 {
                Self::ROWS[self as usize].code
            }

            /// The status as the docs key it, like `http::StatusCode::as_str`: its code as
            /// text, or for a class its hundred and `xx`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                Self::KEYS[self as usize]
            }

            /// The API's own name for the status.
            #[must_use]
            pub const fn title(self) -> &'static str {
                Self::ROWS[self as usize].title
            }

            /// The body message sent when no error code applies.
            #[must_use]
            pub const fn message(self) -> &'static str {
                Self::ROWS[self as usize].message
            }

            /// The reason phrase a body's title field carries for this status.
            #[must_use]
            pub const fn reason(self) -> &'static str {
                Self::ROWS[self as usize].reason
            }

            /// What a client should do when it receives this status.
            #[must_use]
            pub const fn retry(self) -> $crate::Retry {
                Self::ROWS[self as usize].retry
            }

            /// Whether this is a class of statuses such as `5xx` rather than one code.
            #[must_use]
            pub const fn is_class(self) -> bool {
                Self::ROWS[self as usize].class
            }

            /// The status's gRPC code: the spec's (`grpc:`), else the one `google.rpc.Code`
            /// documents for the HTTP status (`errspec::GrpcCode::for_http`).
            #[must_use]
            pub const fn grpc(self) -> $crate::GrpcCode {
                Self::ROWS[self as usize].grpc_code()
            }

            /// The declared status for `code`; a class matches any code of its hundred not
            /// declared on its own.
            #[must_use]
            pub const fn from_code(code: u16) -> ::core::option::Option<$name> {
                /// Each code's row, from 100 to 599 (see `errspec::__private::status_table`).
                const TABLE: [u16; 500] = $crate::__private::status_table($name::ROWS);
                if code < 100 || code > 599 {
                    return ::core::option::Option::None;
                }
                match TABLE[(code - 100) as usize] {
                    0 => ::core::option::Option::None,
                    row => ::core::option::Option::Some(Self::ALL[row as usize - 1]),
                }
            }
        }

        $crate::__status_impls!($name);
    };
}

/// The trait impls every status enum has.
#[doc(hidden)]
#[macro_export]
macro_rules! __status_impls {
    ($name:ident) => {
        /// The status as the docs head it: its key (`as_str()`), a space and its title.
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())?;
                f.write_str(" ")?;
                f.write_str(self.title())
            }
        }

        $crate::__with_http! {
                impl ::core::convert::From<$name> for $crate::__private::http::StatusCode {
                    fn from(status: $name) -> Self {
                        match $crate::__private::http::StatusCode::from_u16(status.code()) {
                            ::core::result::Result::Ok(code) => code,
                            ::core::result::Result::Err(_) => {
                                $crate::__private::http::StatusCode::INTERNAL_SERVER_ERROR
                            }
                        }
                    }
                }

                impl ::core::convert::TryFrom<$crate::__private::http::StatusCode> for $name {
                    type Error = $crate::UnknownStatus;

                    fn try_from(
                        code: $crate::__private::http::StatusCode,
                    ) -> ::core::result::Result<Self, $crate::UnknownStatus> {
                        $name::from_code(code.as_u16()).ok_or($crate::UnknownStatus(code.as_u16()))
                    }
                }
        }
    };
}
