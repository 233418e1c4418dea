//! # errspec-vocab
//!
//! The vocabulary that errspec's generator (`errspec-codegen`, which reads it from spec files)
//! and its runtime (`errspec`, whose generated code and client use it) must agree on, defined
//! once: what a client should do about an error ([`Retry`]), who a rate limit applies to
//! ([`Scope`]), how a reset header writes time ([`ResetFormat`]), and which retry policy a
//! status has when the spec says none ([`default_retry`]). Each enum's `ALL` lists its variants
//! with their spellings in spec files.
//!
//! Use it through `errspec` (`errspec::Retry`, ...); it is a crate of its own only so that the
//! generator, a build-dependency, does not depend on the runtime. [`pattern`] matches error
//! messages against a spec's message patterns, and [`route`] requests against a rate limit's
//! routes, for both. [`conformance`] holds the rules that the runtime's conformance layer and
//! `errspec verify` apply to responses, and [`body`] the steps of reading an error body both
//! share with errspec's client.

#![no_std]
#![warn(missing_docs)]

extern crate alloc;

pub mod body;
pub mod conformance;
mod grpc;
mod header;
pub mod lookup;
pub mod pattern;
pub mod route;

pub use grpc::GrpcCode;
pub use header::{HeaderRole, HeaderSent, HeaderValue};

/// Defines a `Copy` enum whose variants are spelled as snake_case words in spec files, with
/// `ALL` (every variant and its spelling), `as_str` and `Display` (the spelling). The generator
/// defines its own spelled enums (body roles) with it too.
#[doc(hidden)]
#[macro_export]
macro_rules! spelled {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $spelling:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every variant with its spelling in spec files, in the order of the docs.
            pub const ALL: &'static [(&'static str, $name)] = &[$(($spelling, $name::$variant)),+];

            /// The spelling in spec files.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $spelling,)+
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

spelled! {
    /// What a client should do about an error response.
    pub enum Retry {
        /// Retrying the same request cannot succeed: fix the request first.
        Never = "never",
        /// A transient failure: retry with exponential backoff.
        Backoff = "backoff",
        /// Rate limited: retry once the window resets (see `Retry-After` or the reset header).
        AfterReset = "after_reset",
        /// The resource changed under the request: re-read it, then retry.
        AfterRefresh = "after_refresh",
    }
}

impl Retry {
    /// Whether the same request may succeed later, in some way.
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        !matches!(self, Self::Never)
    }
}

spelled! {
    /// Who a rate limit applies to.
    pub enum Scope {
        /// Each API key has its own budget.
        ApiKey = "api_key",
        /// Each account has its own budget.
        Account = "account",
        /// Each client IP address has its own budget.
        Ip = "ip",
        /// One budget for all requests.
        Total = "total",
    }
}

spelled! {
    /// How a rate-limit reset header writes time.
    pub enum ResetFormat {
        /// Seconds since the Unix epoch at which the window resets.
        UnixSeconds = "unix_seconds",
        /// Seconds from now until the window resets.
        DeltaSeconds = "delta_seconds",
    }
}

/// The retry policy of an HTTP status whose spec entry names none, and of a status a catalog
/// does not declare: 429 waits for the reset, 5xx backs off, anything else never retries.
/// A class such as `5xx` has the policy of its lowest code.
#[must_use]
pub const fn default_retry(status: u16) -> Retry {
    match status {
        429 => Retry::AfterReset,
        500..=599 => Retry::Backoff,
        _ => Retry::Never,
    }
}

/// The id of the docs section of `key` (an error code, a status) under `prefix`:
/// `anchor("code", "INVOICE_NOT_EXIST")` is `code-INVOICE_NOT_EXIST`. ASCII letters, digits,
/// `-` and `_` are kept; every other byte is written as `.XX` (hex), so any key gives an id
/// that is valid in HTML and in a URL fragment, and two keys never share one. The docs pages,
/// the site and the runtime's problem `type` links all use it, so links land.
pub fn anchor(prefix: &str, key: &str) -> alloc::string::String {
    use core::fmt::Write as _;
    let mut out = alloc::string::String::with_capacity(prefix.len() + 1 + key.len());
    out.push_str(prefix);
    out.push('-');
    for b in key.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(char::from(b));
        } else {
            let _ = write!(out, ".{b:02X}");
        }
    }
    out
}

/// Whether `text` reads as an error code rather than a human message: 1 to 64 characters of
/// `A-Z`, `0-9` and `_`, starting with a letter (`INSUFFICIENT_BALANCE`).
///
/// Bodies whose one field carries either a code or a message (Centrapay's `message`) use it
/// to keep a code the catalog does not know yet as a code, not as a message.
#[must_use]
pub fn looks_like_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    matches!(bytes.first(), Some(b'A'..=b'Z'))
        && bytes.len() <= 64
        && bytes
            .iter()
            .all(|b| matches!(b, b'A'..=b'Z' | b'0'..=b'9' | b'_'))
}

/// Levenshtein distance over characters: how near a misspelt name is to a documented one.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    use alloc::vec::Vec;
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = alloc::vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_like_text() {
        assert!(looks_like_code("INSUFFICIENT_BALANCE"));
        assert!(looks_like_code("E42"));
        assert!(!looks_like_code(""));
        assert!(!looks_like_code("Forbidden"));
        assert!(!looks_like_code("NOT FOUND"));
        assert!(!looks_like_code("_LEADING"));
        assert!(!looks_like_code("\"amount\" is required"));
        assert!(!looks_like_code(&"A".repeat(65)));
    }

    #[test]
    fn spellings_round_trip_and_are_the_display_text() {
        extern crate std;
        use std::string::ToString;
        for &(spelling, retry) in Retry::ALL {
            assert_eq!(retry.as_str(), spelling);
            assert_eq!(retry.to_string(), spelling);
        }
        assert_eq!(Scope::ALL.len(), 4);
        assert_eq!(
            ResetFormat::ALL[1],
            ("delta_seconds", ResetFormat::DeltaSeconds)
        );
    }

    #[test]
    fn the_default_rule() {
        assert_eq!(default_retry(429), Retry::AfterReset);
        assert_eq!(default_retry(500), Retry::Backoff);
        assert_eq!(default_retry(599), Retry::Backoff);
        assert_eq!(default_retry(400), Retry::Never);
        assert_eq!(default_retry(0), Retry::Never);
    }
}
