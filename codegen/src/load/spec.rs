//! The spec file as written: the shape of `spec/<id>.yaml`, with the source location of every
//! value that a later stage may need to point at.
//!
//! These types only describe syntax. Unknown keys are rejected here (`deny_unknown_fields`),
//! but every rule that needs more than one value (does this code's status exist? do two
//! titles give the same Rust name?) lives in [`crate::validate`], which turns a [`SpecFile`]
//! into the checked [`crate::model::Api`].
//!
//! With the `schema` feature the types also derive `schemars::JsonSchema`, so the JSON Schema
//! that editors use ([`crate::schema`]) is generated from this very model and cannot drift
//! from what the loader accepts. Fields whose text must be one of a fixed set (retry policies,
//! scopes, roles) or follow a pattern (durations, status keys, names) carry it in the schema.
//!
//! The doc comments of the fields below become the schema's descriptions, so they say what
//! `docs/spec-format.md`, the reference of the format, says: each key's meaning, default and
//! limits.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Location;
use std::fmt;
use std::marker::PhantomData;

#[cfg(feature = "schema")]
use super::schema_fields;

/// A value with the place it was written: where it is used (`referenced`, which differs from
/// `defined` when the value comes through a YAML alias) and where it is defined.
///
/// It mirrors [`serde_saphyr::Spanned`], which it is read through; it is a type of its own so
/// that it can be described in the JSON Schema as the value it wraps.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where the value is used: an alias's location for a value reached through an alias.
    pub referenced: Location,
    /// Where the value is written.
    pub defined: Location,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Self {
            value: spanned.value,
            referenced: spanned.referenced,
            defined: spanned.defined,
        })
    }
}

/// In the schema a spanned value is just its value.
#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A `JsonSchema` impl for a type whose serde impl is written by hand, so derive cannot see
/// its shape: `inline` schemas are written in place, `named` ones once under `definitions`.
#[cfg(feature = "schema")]
macro_rules! hand_written_schema {
    ($ty:ty, $kind:ident $name:literal, $schema:expr) => {
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $ty {
            fn inline_schema() -> bool {
                hand_written_schema!(@inline $kind)
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $schema
            }
        }
    };
    (@inline inline) => { true };
    (@inline named) => { false };
}

#[cfg(not(feature = "schema"))]
macro_rules! hand_written_schema {
    ($($any:tt)*) => {};
}

/// One spec file: `api` is required, every other section is optional, unknown keys are errors.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Who the API is: its name (required), summary, description, support contact and docs
    /// page settings.
    pub api: Spanned<ApiSection>,
    /// The JSON error body: its fields in wire order, each with a role. Without it the API
    /// documents no body, and an example body anywhere is an error.
    pub body: Option<Spanned<BodySection>>,
    /// HTTP statuses in file order, keyed by a code from 100 to 599 (`404`) or a class from
    /// `1xx` to `5xx`; each becomes a variant of `Status`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::statuses"))]
    #[serde(default)]
    pub statuses: Option<OrderedMap<StatusKey, StatusEntry>>,
    /// Error codes in file order, keyed by the wire code exactly as clients receive it
    /// (case-sensitive, not empty); each becomes a variant of `ErrorCode`.
    pub errors: Option<OrderedMap<String, ErrorEntry>>,
    /// Request-rate limits, in file order; each becomes a constant of the `limits` module.
    pub rate_limits: Option<Vec<Spanned<RateLimitEntry>>>,
    /// Other documented bounds (a duration or a count) in file order, keyed by a snake_case
    /// name; each becomes a constant of the `limits` module.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::limits"))]
    #[serde(default)]
    pub limits: Option<OrderedMap<String, LimitEntry>>,
    /// The rate-limit headers the API sends: `limit`, `remaining`, `reset` and `retry_after`.
    pub headers: Option<Spanned<HeadersSection>>,
}

/// `api:`, who the API is.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiSection {
    /// Display name (plain text); required, and not empty.
    pub name: Spanned<String>,
    /// One-line summary under the docs page's title (plain text).
    pub summary: Option<String>,
    /// Introduction of the docs page (Markdown).
    pub description: Option<String>,
    /// Support contact: `email` and `url`, both optional.
    pub support: Option<SupportSection>,
    /// Settings of the published docs page.
    pub docs: Option<DocsSection>,
}

/// `api.support:`, the support contact.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupportSection {
    /// Support e-mail address (plain text).
    pub email: Option<String>,
    /// Support web page; the docs page links it when it is an `http` or `https` URL.
    pub url: Option<String>,
}

/// `api.docs:`, settings of the published docs page.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocsSection {
    /// Front matter written between `---` lines at the top of the docs page, in file order,
    /// for Jekyll and similar site generators; values may be any YAML, keys appear once.
    pub front_matter: Option<OrderedMap<String, Value>>,
}

/// `body:`, the JSON error body.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BodySection {
    /// Each JSON field name, exactly as sent, to its role, in wire order. Roles: `code`,
    /// `message`, `status` (a JSON number), `status_string` (the status as a JSON string),
    /// `title` (the status's reason), `details` (a list) and `code_or_message`. Each role at
    /// most once; `code` excludes `code_or_message`, and `status` excludes `status_string`.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema_fields::body_fields")
    )]
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

hand_written_schema!(StatusKey, named "StatusKey", schema_fields::status_key());

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

/// One entry of `statuses:`: one HTTP status, or one class of them.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusEntry {
    /// The API's own name for the status (plain text, not empty); the Rust variant is named
    /// after it.
    pub title: Spanned<String>,
    /// Rust variant name, overriding the one derived from the title.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::rust_name"))]
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// What the status means (Markdown).
    pub description: Option<String>,
    /// The body's message when no error code applies (plain text; default: the title).
    pub message: Option<String>,
    /// The text of a body field of role `title`, which examples must match (plain text;
    /// default: the title).
    pub reason: Option<String>,
    /// When the status is returned (Markdown).
    pub when: Option<String>,
    /// Tips for finding the cause (plain text).
    pub debugging: Option<Vec<String>>,
    /// Retry policy. Default: `after_reset` for 429, `backoff` for 500 to 599 and `5xx`,
    /// `never` otherwise.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::retry"))]
    #[serde(default)]
    pub retry: Option<Spanned<String>>,
    /// One example body, checked against `body:` and this status.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::example"))]
    #[serde(default)]
    pub example: Option<Spanned<Value>>,
    /// Several example bodies, checked against `body:` and this status; after `example`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::examples"))]
    #[serde(default)]
    pub examples: Option<Vec<Spanned<Value>>>,
    /// Distinct cases documented under this one status, each with a title, a description,
    /// debugging tips and examples.
    pub cases: Option<Vec<Spanned<CaseEntry>>>,
}

/// One entry of a status's `cases:`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseEntry {
    /// The case's heading (plain text, not empty).
    pub title: Spanned<String>,
    /// What the case means (Markdown).
    pub description: Option<String>,
    /// Tips for finding the cause (plain text).
    pub debugging: Option<Vec<String>>,
    /// One example body, checked against `body:` and the case's status.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::example"))]
    #[serde(default)]
    pub example: Option<Spanned<Value>>,
    /// Several example bodies, checked against `body:` and the case's status.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::examples"))]
    #[serde(default)]
    pub examples: Option<Vec<Spanned<Value>>>,
}

/// One entry of `errors:`: one wire code.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ErrorEntry {
    /// The HTTP status the code is sent with: a key of `statuses:`, exactly.
    pub status: Spanned<StatusKey>,
    /// The documented message (plain text): the code's `Display` text and the body's message.
    pub message: Spanned<String>,
    /// Rust variant name, overriding the one derived from the wire code.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::rust_name"))]
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// What the code means (Markdown).
    pub description: Option<String>,
    /// Common causes (plain text).
    pub causes: Option<Vec<String>>,
    /// Steps that resolve it, in order (plain text).
    pub resolution: Option<Vec<String>>,
    /// Retry policy. Default: the policy of its status.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::retry"))]
    #[serde(default)]
    pub retry: Option<Spanned<String>>,
    /// `true`, or the reason the code is deprecated; `false` is the same as leaving it out.
    pub deprecated: Option<Deprecated>,
    /// One example body, checked against `body:`, this code and its status.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::example"))]
    #[serde(default)]
    pub example: Option<Spanned<Value>>,
    /// Several example bodies, checked against `body:`, this code and its status; after
    /// `example`.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::examples"))]
    #[serde(default)]
    pub examples: Option<Vec<Spanned<Value>>>,
}

/// `deprecated: true` or `deprecated: "use X instead"`; only `true` and `false` are booleans
/// (`deprecated: no` is a reason).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deprecated {
    /// `true` or `false`.
    Flag(bool),
    /// Deprecated, with a reason.
    Reason(String),
}

hand_written_schema!(Deprecated, inline "Deprecated", schemars::json_schema!({
    "description": "`true`, or the reason it is deprecated; `false` is the same as leaving it out",
    "type": ["boolean", "string"]
}));

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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RateLimitEntry {
    /// snake_case name, unique among the rate limits; the Rust constant is its
    /// SCREAMING_SNAKE_CASE.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema_fields::snake_name")
    )]
    pub name: Spanned<String>,
    /// Requests allowed per window: a whole number from 1 to 4,294,967,295.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::requests"))]
    pub requests: Spanned<i64>,
    /// Window length: a positive whole number and a unit, ms, s, m, h or d (`1s`, `1m`, `5m`).
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::duration"))]
    pub window: Spanned<Scalar>,
    /// Who the limit counts: `api_key` (each API key), `account` (each account), `ip` (each
    /// client IP address) or `total` (all requests together).
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::scope"))]
    pub scope: Spanned<String>,
    /// Status returned when the limit is exceeded: a key of `statuses:`.
    pub status: Option<Spanned<StatusKey>>,
    /// Error code returned when the limit is exceeded: a key of `errors:`, sent with `status`
    /// when both are given.
    pub error: Option<Spanned<String>>,
    /// What the limit is (Markdown).
    pub description: Option<String>,
}

/// One entry of `limits:`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LimitEntry {
    /// A duration (`5m`: a positive whole number and a unit, ms, s, m, h or d), or a count
    /// (a whole number from 1 up).
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema_fields::limit_value")
    )]
    pub value: Spanned<Scalar>,
    /// The request header the limit applies to (plain text).
    pub header: Option<String>,
    /// Error code returned when the limit is exceeded: a key of `errors:`, sent with `status`
    /// when both are given.
    pub error: Option<Spanned<String>>,
    /// Status returned when the limit is exceeded: a key of `statuses:`.
    pub status: Option<Spanned<StatusKey>>,
    /// What the limit is (Markdown).
    pub description: Option<String>,
}

/// `headers:`, the rate-limit headers; each is a header name, or a mapping with `name` and
/// `description` (and `format`, on `reset` only).
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HeadersSection {
    /// The header carrying the requests allowed per window (`X-RateLimit-Limit`).
    pub limit: Option<Spanned<HeaderEntry>>,
    /// The header carrying the requests left in the window (`X-RateLimit-Remaining`).
    pub remaining: Option<Spanned<HeaderEntry>>,
    /// The header carrying when the window resets (`X-RateLimit-Reset`); it needs a `format`,
    /// `unix_seconds` or `delta_seconds`.
    pub reset: Option<Spanned<HeaderEntry>>,
    /// The header carrying how long to wait before retrying, in seconds or as an HTTP date
    /// (`Retry-After`).
    pub retry_after: Option<Spanned<HeaderEntry>>,
}

/// A header: a plain name, or a name with a format and description.
#[derive(Debug)]
pub struct HeaderEntry {
    /// The header name, exactly as sent: an HTTP token.
    pub name: String,
    /// `unix_seconds` or `delta_seconds`: required on `reset`, refused on the other headers.
    pub format: Option<Spanned<String>>,
    /// What the header means (Markdown).
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

hand_written_schema!(HeaderEntry, named "HeaderEntry", schema_fields::header_entry());

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
            format: Option<Spanned<String>>,
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

hand_written_schema!(Scalar, inline "Scalar", schemars::json_schema!({ "type": ["number", "string"] }));

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
#[derive(Clone, Debug, PartialEq)]
pub struct OrderedMap<K, V>(pub Vec<(Spanned<K>, Spanned<V>)>);

/// In the schema, a mapping from any key to `V`; fields that restrict their keys say so with
/// `schema_with`.
#[cfg(feature = "schema")]
impl<K, V: schemars::JsonSchema> schemars::JsonSchema for OrderedMap<K, V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": generator.subschema_for::<V>()
        })
    }
}

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

/// Any YAML value, with the location of every part: example bodies and front matter. Keys and
/// items keep their places so that a problem inside an example points at the offending field.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~`, or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number that fits an `i64`.
    Int(i64),
    /// A whole number above `i64::MAX`.
    UInt(u64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// Text.
    String(String),
    /// A sequence.
    List(Vec<Spanned<Value>>),
    /// A mapping, in file order, duplicate keys kept for validation to report.
    Map(OrderedMap<String, Value>),
}

impl Value {
    /// What kind of value this is, for messages (`a list`, `text`).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Int(_) | Self::UInt(_) | Self::Float(_) => "a number",
            Self::String(_) => "text",
            Self::List(_) => "a list",
            Self::Map(_) => "a mapping",
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any YAML value")
            }

            fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }

            fn visit_none<E: de::Error>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
                Ok(i64::try_from(v).map_or(Value::UInt(v), Value::Int))
            }

            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
                i64::try_from(v)
                    .map(Value::Int)
                    .map_err(|_| E::custom(format!("the number {v} is too large")))
            }

            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
                u64::try_from(v)
                    .map(|v| i64::try_from(v).map_or(Value::UInt(v), Value::Int))
                    .map_err(|_| E::custom(format!("the number {v} is too large")))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Float(v))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::String(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
                Ok(Value::String(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Value::Map(OrderedMap(entries)))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

// An example body or front-matter value may be any JSON value.
hand_written_schema!(Value, inline "AnyValue", schemars::json_schema!(true));
