//! Reading an error body before parsing it, the same way in errspec's client, its conformance
//! layer and `errspec verify`: the size limit, blank bodies, a byte order mark, UTF-8, and
//! the media types that say which form the JSON takes.

use alloc::string::String;
use core::fmt;

/// The media type of a problem document (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The media type of a documented JSON error body.
pub const JSON: &str = "application/json";

/// Why a body could not be read as the documented body or a problem document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyError {
    /// Longer than the limit; not parsed.
    TooLarge {
        /// The body's length in bytes.
        len: usize,
        /// The limit it exceeded.
        limit: usize,
    },
    /// Not UTF-8, so not JSON.
    NotUtf8 {
        /// The length of the valid UTF-8 prefix.
        valid_up_to: usize,
    },
    /// Not JSON (or nested deeper than the parser's limit of 128).
    NotJson {
        /// The parser's message, with line and column.
        reason: String,
    },
    /// JSON, but not the documented body: not an object, without its envelope, or with a
    /// documented field given twice. A field of the wrong type is read as absent instead.
    Unexpected {
        /// The parser's message, with line and column.
        reason: String,
    },
    /// The API documents no JSON error body, so there is nothing to read it as.
    Undocumented,
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { len, limit } => {
                write!(f, "body of {len} bytes exceeds the limit of {limit}")
            }
            Self::NotUtf8 { valid_up_to } => {
                write!(f, "body is not UTF-8 (invalid after byte {valid_up_to})")
            }
            Self::NotJson { reason } => write!(f, "body is not JSON: {reason}"),
            Self::Unexpected { reason } => {
                write!(f, "body is not the documented error body: {reason}")
            }
            Self::Undocumented => f.write_str("the API documents no error body"),
        }
    }
}

impl core::error::Error for BodyError {}

/// The JSON text of a body of `bytes`, read with at most `limit` bytes: `None` when it is
/// empty or only whitespace. A leading byte order mark is dropped, as JSON parsers may
/// (RFC 8259 §8.1) and serde_json does not.
///
/// # Errors
///
/// [`BodyError::TooLarge`] over the limit, [`BodyError::NotUtf8`] when it is not text.
pub fn json_text(bytes: &[u8], limit: usize) -> Result<Option<&str>, BodyError> {
    if bytes.len() > limit {
        return Err(BodyError::TooLarge {
            len: bytes.len(),
            limit,
        });
    }
    if bytes.trim_ascii().is_empty() {
        return Ok(None);
    }
    let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match core::str::from_utf8(json) {
        Ok(text) => Ok(Some(text)),
        Err(e) => Err(BodyError::NotUtf8 {
            valid_up_to: e.valid_up_to(),
        }),
    }
}

/// The media type of a `Content-Type` value, lowercase, without parameters.
#[must_use]
pub fn media_type(value: &str) -> String {
    let essence = value.split(';').next().unwrap_or_default();
    essence.trim().to_ascii_lowercase()
}

/// Whether a `Content-Type` value names a problem document (parameters allowed).
#[must_use]
pub fn is_problem(value: &[u8]) -> bool {
    let media = value.split(|&b| b == b';').next().unwrap_or_default();
    media
        .trim_ascii()
        .eq_ignore_ascii_case(PROBLEM_JSON.as_bytes())
}
