//! The error catalogs of real APIs beyond errspec's seeds, each transcribed from the API's
//! public documentation into `spec/<module>.yaml` (the comment at the top of each spec says
//! where each part comes from), and checked in as Rust (`src/apis/`, written by
//! `cargo errspec generate --rust-out src/apis`), so this crate's only dependency is errspec:
//!
//! - [`github`]: GitHub's REST API, whose bodies carry no code: each code is known by its
//!   message (`API rate limit exceeded for user ID 1.` reads as `RateLimitExceeded`, with
//!   `message_value("user_id")`), and a 403 or 429 whose headers say no request is left is a
//!   rate limit whatever its message;
//! - [`stripe`]: Stripe's `{"error": {"type", "code", "message", "doc_url", ...}}` bodies,
//!   its 173 documented error codes and its rate limit;
//! - [`google_rpc`]: the `google.rpc.Status` model of Google APIs over HTTP/JSON (AIP-193),
//!   `{"error": {"code", "message", "status", "details"}}`, with the 16 canonical error codes.
//!
//! ```
//! use errspec_catalogs::stripe::{ErrorBody, ErrorCode};
//!
//! let body: ErrorBody = serde_json::from_str(
//!     r#"{"error": {"code": "resource_missing", "message": "No such customer: '5'",
//!         "param": "customer", "type": "invalid_request_error"}}"#,
//! )?;
//! assert_eq!(body.known_code(), Some(ErrorCode::ResourceMissing));
//! assert_eq!(body.param.as_deref(), Some("customer"));
//! # Ok::<(), serde_json::Error>(())
//! ```

#![warn(missing_docs)]

#[rustfmt::skip]
mod apis;

pub use apis::{github, google_rpc, stripe};
