//! What generated code needs from errspec and nothing else does: the crates it names, the rows
//! of its tables and the lookup of large catalogs. Not part of the public API.
//!
//! Generated code reaches serde, serde_json and http only through here, so the crate that
//! includes it needs no dependency of its own on them.

#[cfg(feature = "http")]
pub use http;
#[cfg(feature = "serde")]
pub use serde;
#[cfg(feature = "serde")]
pub use serde_json;
#[cfg(feature = "utoipa")]
pub use utoipa;

pub use crate::define::{CodeRow, StatusRow, status_table};

/// The perfect-hash lookup of large catalogs.
pub mod lookup {
    pub use errspec_vocab::lookup::wire_lookup;
}

/// Message patterns, for bodies whose code is read from the message.
pub mod pattern {
    pub use errspec_vocab::pattern::{Part, matches, value};
}

/// The serde building blocks of the generated wire bodies.
#[cfg(feature = "serde")]
pub mod wire {
    pub use crate::wire::*;
}

/// What the generated `IntoResponse` impls of `ErrorCode` and `Status` call.
#[cfg(feature = "axum")]
pub mod axum {
    pub use crate::axum::reply;
    pub use ::axum::response::{IntoResponse, Response};
}
