//! errspec-catalogs' integration tests, one binary for all of them: the GitHub, Stripe and
//! Google catalogs against the bodies their docs and real responses show, hostile bodies, the
//! published OpenAPI examples, and the freshness of `catalogs/generated/`.

use errspec::WireBody;
use serde_json::Value;

mod dependencies;
mod generated_fresh;
mod github;
mod google_rpc;
mod hostile;
mod openapi_examples;
mod stripe;
mod verify;

/// Reads `text` as `B`, writes it back, and checks nothing documented was lost.
pub(crate) fn round_trip<B: WireBody>(text: &str) -> B {
    let body: B = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let written = serde_json::to_value(&body).expect("serializes");
    let read: Value = serde_json::from_str(text).expect("JSON");
    assert_eq!(written, read, "{text}");
    body
}
