//! The spec file as written: the shape of `spec/<id>.yaml`, with the source location of every
//! value that a later stage may need to point at.
//!
//! These types only describe syntax. Unknown keys are rejected here (`deny_unknown_fields`),
//! but every rule that needs more than one value (does this code's status exist? do two
//! titles give the same Rust name?) lives in [`crate::validate`], which turns a [`SpecFile`]
//! into the checked [`crate::model::Api`].

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
pub use serde_saphyr::Spanned;
use std::fmt;
use std::marker::PhantomData;

/// One spec file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Who the API is.
    pub api: Spanned<ApiSection>,
    /// The JSON error body.
    pub body: Option<Spanned<BodySection>>,
    /// HTTP statuses, keyed by code or class, in file order.
    pub statuses: Option<OrderedMap<StatusKey, StatusEntry>>,
    /// Error codes, keyed by wire code, in file order.
    pub errors: Option<OrderedMap<String, ErrorEntry>>,
    /// Request-rate limits.
    pub rate_limits: Option<Vec<Spanned<RateLimitEntry>>>,
    /// Other documented bounds.
    pub limits: Option<OrderedMap<String, LimitEntry>>,
    /// Rate-limit headers.
    pub headers: Option<Spanned<HeadersSection>>,
}

/// `api:`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSection {
    /// Display name.
    pub name: Spanned<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Markdown shown in the docs.
    pub description: Option<String>,
    /// Support contact.
    pub support: Option<SupportSection>,
    /// Settings for the published docs page.
    pub docs: Option<DocsSection>,
}

/// `api.support:`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportSection {
    /// Support e-mail address.
    pub email: Option<String>,
    /// Support web page.
    pub url: Option<String>,
}

/// `api.docs:`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsSection {
    /// Front matter copied into the docs page (for Jekyll and similar sites).
    pub front_matter: Option<serde_json::Map<String, serde_json::Value>>,
}

/// `body:`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodySection {
    /// Field name to role, in wire order.
    pub fields: OrderedMap<String, String>,
}

/// A status key: an HTTP code (`401`) or a class (`"5xx"`), as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusKey {
    /// A number.
    Code(i64),
    /// Text, which validation expects to be a class such as `5xx`.
    Text(String),
}

impl fmt::Display for StatusKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Code(c) => write!(f, "{c}"),
            Self::Text(t) => f.write_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for StatusKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = StatusKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an HTTP status code such as 404, or a class such as \"5xx\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StatusKey, E> {
                Ok(StatusKey::Code(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StatusKey, E> {
                Ok(StatusKey::Code(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StatusKey, E> {
                Ok(StatusKey::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

/// One entry of `statuses:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusEntry {
    /// The API's own name for the status.
    pub title: Spanned<String>,
    /// Rust variant name, overriding the one derived from the title.
    pub rust_name: Option<Spanned<String>>,
    /// What the status means.
    pub description: Option<String>,
    /// Body message when no error code applies (default: the title).
    pub message: Option<String>,
    /// Text for a body field of role `title` (default: the title).
    pub reason: Option<String>,
    /// When it is returned (markdown).
    pub when: Option<String>,
    /// Debugging tips.
    pub debugging: Option<Vec<String>>,
    /// Retry policy.
    pub retry: Option<Spanned<String>>,
    /// One example body.
    pub example: Option<Spanned<serde_json::Value>>,
    /// Several example bodies.
    pub examples: Option<Vec<Spanned<serde_json::Value>>>,
    /// Distinct cases documented under this one status.
    pub cases: Option<Vec<Spanned<CaseEntry>>>,
}

/// One entry of a status's `cases:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseEntry {
    /// The case's heading.
    pub title: Spanned<String>,
    /// What the case means (markdown).
    pub description: Option<String>,
    /// Debugging tips.
    pub debugging: Option<Vec<String>>,
    /// One example body.
    pub example: Option<Spanned<serde_json::Value>>,
    /// Several example bodies.
    pub examples: Option<Vec<Spanned<serde_json::Value>>>,
}

/// One entry of `errors:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorEntry {
    /// The HTTP status the code is sent with.
    pub status: Spanned<StatusKey>,
    /// Display text.
    pub message: Spanned<String>,
    /// Rust variant name, overriding the one derived from the wire code.
    pub rust_name: Option<Spanned<String>>,
    /// Markdown description.
    pub description: Option<String>,
    /// Common causes.
    pub causes: Option<Vec<String>>,
    /// Steps that resolve it.
    pub resolution: Option<Vec<String>>,
    /// Retry policy (default: the status's).
    pub retry: Option<Spanned<String>>,
    /// `true` or a reason.
    pub deprecated: Option<Deprecated>,
    /// One example body.
    pub example: Option<Spanned<serde_json::Value>>,
    /// Several example bodies.
    pub examples: Option<Vec<Spanned<serde_json::Value>>>,
}

/// `deprecated: true` or `deprecated: "use X instead"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deprecated {
    /// `true` or `false`.
    Flag(bool),
    /// Deprecated, with a reason.
    Reason(String),
}

impl<'de> Deserialize<'de> for Deprecated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DeprecatedVisitor;
        impl Visitor<'_> for DeprecatedVisitor {
            type Value = Deprecated;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, or a reason")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Deprecated, E> {
                Ok(Deprecated::Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Deprecated, E> {
                Ok(Deprecated::Reason(v.to_owned()))
            }
        }
        deserializer.deserialize_any(DeprecatedVisitor)
    }
}

/// One entry of `rate_limits:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLimitEntry {
    /// snake_case name.
    pub name: Spanned<String>,
    /// Requests allowed per window.
    pub requests: Spanned<i64>,
    /// Window length, such as `5m`.
    pub window: Spanned<Scalar>,
    /// Who the limit applies to.
    pub scope: Spanned<String>,
    /// Status returned when exceeded.
    pub status: Option<Spanned<StatusKey>>,
    /// Error code returned when exceeded.
    pub error: Option<Spanned<String>>,
    /// Markdown description.
    pub description: Option<String>,
}

/// One entry of `limits:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitEntry {
    /// A duration (`5m`) or a positive integer.
    pub value: Spanned<Scalar>,
    /// The request header the limit applies to.
    pub header: Option<String>,
    /// Error code returned when exceeded.
    pub error: Option<Spanned<String>>,
    /// Status returned when exceeded.
    pub status: Option<Spanned<StatusKey>>,
    /// Markdown description.
    pub description: Option<String>,
}

/// `headers:`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadersSection {
    /// Requests allowed per window.
    pub limit: Option<Spanned<HeaderEntry>>,
    /// Requests left in the window.
    pub remaining: Option<Spanned<HeaderEntry>>,
    /// When the window resets.
    pub reset: Option<Spanned<HeaderEntry>>,
    /// How long to wait before retrying.
    pub retry_after: Option<Spanned<HeaderEntry>>,
}

/// A header: a plain name, or a name with a format and description.
#[derive(Debug)]
pub struct HeaderEntry {
    /// The header name, exactly as sent.
    pub name: String,
    /// `unix_seconds` or `delta_seconds`.
    pub format: Option<String>,
    /// What the header means.
    pub description: Option<String>,
}

impl HeaderEntry {
    fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            format: None,
            description: None,
        }
    }
}

/// Accepts `limit: X-RateLimit-Limit` as shorthand for `limit: { name: X-RateLimit-Limit }`.
impl<'de> Deserialize<'de> for HeaderEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(HeaderVisitor)
    }
}

struct HeaderVisitor;
impl<'de> Visitor<'de> for HeaderVisitor {
    type Value = HeaderEntry;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a header name, or a mapping with `name`, `format` and `description`")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<HeaderEntry, E> {
        Ok(HeaderEntry::named(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<HeaderEntry, A::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            name: String,
            format: Option<String>,
            description: Option<String>,
        }
        let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(HeaderEntry {
            name: full.name,
            format: full.format,
            description: full.description,
        })
    }
}

/// A YAML scalar whose meaning depends on context (a duration or a count).
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// Text.
    Text(String),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a duration such as 5m")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Int(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// A YAML mapping kept in file order, each key with its location, duplicates kept for
/// validation to report.
#[derive(Debug)]
pub struct OrderedMap<K, V>(pub Vec<(Spanned<K>, Spanned<V>)>);

impl<K, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = OrderedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(OrderedMap(entries))
            }
            // `statuses:` with nothing under it is an empty section, not a type error.
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OrderedMap(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Self::Value, A::Error> {
                Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}
