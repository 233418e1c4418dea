//! The macros a catalog's generated Rust is written in.
//!
//! errspec-codegen writes each spec as a few tables, one documented row per status and per
//! code, and hands them to these macros, which expand them into the enums, their accessors,
//! their lookup and every trait impl. So everything that is the same for every catalog is
//! written once, here, and follows this crate's own features: the `serde`, `http` and `axum`
//! impls exist exactly when errspec is built with those features, whatever generated the
//! tables.
//!
//! ```
//! errspec::statuses! {
//!     /// The statuses of a small API.
//!     pub enum Status {
//!         /// The request was malformed.
//!         BadRequest = 400, "Bad Request", Never;
//!         TooManyRequests = 429, "Too Many Requests", AfterReset, message "Slow down";
//!         ServerError = 500..=599, "Server Error", Backoff;
//!     }
//! }
//!
//! errspec::error_codes! {
//!     /// The error codes of a small API.
//!     pub enum ErrorCode: Status {
//!         InvalidAmount = "INVALID_AMOUNT", BadRequest, "The amount is not valid.";
//!         RateLimited = "RATE_LIMITED", TooManyRequests, "Too many requests.";
//!     }
//! }
//!
//! assert_eq!(Status::from_code(503), Some(Status::ServerError));
//! assert_eq!(Status::TooManyRequests.to_string(), "429 Too Many Requests");
//! assert_eq!("INVALID_AMOUNT".parse::<ErrorCode>().unwrap().status(), Status::BadRequest);
//! assert_eq!(ErrorCode::RateLimited.retry(), errspec::Retry::AfterReset);
//! ```
//!
//! The rows are meant to be written by errspec-codegen, which validates the spec first; their
//! syntax is stable within a minor version of errspec.

#[cfg(feature = "serde")]
mod body;
mod catalog;
mod code;
mod status;

pub use code::CodeRow;
pub use status::{StatusRow, status_table};

// Each gate keeps its input when this crate has the feature, and drops it otherwise: the
// choice is made where errspec is compiled, so generated code never needs to know errspec's
// features.

/// Keeps its input when errspec has its `serde` feature; drops it otherwise.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_serde {
    ($($item:tt)*) => { $($item)* };
}

/// Keeps its input when errspec has its `serde` feature; drops it otherwise.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_serde {
    ($($item:tt)*) => {};
}

/// Keeps its input when errspec has its `http` feature; drops it otherwise.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_http {
    ($($item:tt)*) => { $($item)* };
}

/// Keeps its input when errspec has its `http` feature; drops it otherwise.
#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_http {
    ($($item:tt)*) => {};
}

/// Keeps its input when errspec has its `axum` feature; drops it otherwise.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_axum {
    ($($item:tt)*) => { $($item)* };
}

/// Keeps its input when errspec has its `axum` feature; drops it otherwise.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_axum {
    ($($item:tt)*) => {};
}

/// Keeps its input when errspec has its `utoipa` feature; drops it otherwise.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_utoipa {
    ($($item:tt)*) => { $($item)* };
}

/// Keeps its input when errspec has its `utoipa` feature; drops it otherwise.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_utoipa {
    ($($item:tt)*) => {};
}
