//! What generated code needs from errspec and nothing else does: the crates it names and the
//! check that it was generated for this build of errspec. Not part of the public API.
//!
//! Generated code reaches serde, serde_json and http only through here, so the crate that
//! includes it needs no dependency of its own on them.

#[cfg(feature = "http")]
pub use http;
#[cfg(feature = "serde")]
pub use serde;
#[cfg(feature = "serde")]
pub use serde_json;

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

/// Fails the build of generated code, at compile time and with a message saying what to do,
/// when it was generated for other errspec features than this build of errspec has. Build
/// scripts get the features from cargo (`DEP_ERRSPEC_FEATURES`), so this only fires when
/// `Builder::runtime_features` names other ones. Both directions count: fewer features would
/// silently leave impls out.
pub const fn expect_features(serde: bool, http: bool, axum: bool) {
    expect_feature!(serde, "serde");
    expect_feature!(http, "http");
    expect_feature!(axum, "axum");
}

/// [`expect`] for the feature named `$name`, with the messages that say what to do.
macro_rules! expect_feature {
    ($generated:expr, $name:tt) => {
        expect(
            $generated,
            cfg!(feature = $name),
            concat!(
                "this code was generated for errspec with its `",
                $name,
                "` feature, but errspec is built without it: enable the feature or regenerate \
                 (Builder::runtime_features)"
            ),
            concat!(
                "this code was generated for errspec without its `",
                $name,
                "` feature, but errspec is built with it: regenerate it in a build script, or \
                 with Builder::runtime_features naming `",
                $name,
                "`"
            ),
        )
    };
}
use expect_feature;

/// Panics (at compile time, in a `const`) with `missing` when a feature the code was
/// `generated` for is not `built`, and with `extra` the other way round.
const fn expect(generated: bool, built: bool, missing: &str, extra: &str) {
    if generated && !built {
        panic!("{}", missing);
    }
    if !generated && built {
        panic!("{}", extra);
    }
}
