//! The spec file as written: the shape of `spec/<id>.yaml`, with the source location of every
//! value that a later stage may need to point at.
//!
//! These types only describe syntax. Unknown keys are rejected here (`deny_unknown_fields`),
//! but every rule that needs more than one value (does this code's status exist? do two
//! titles give the same Rust name?) lives in `crate::validate`, which turns a `SpecFile`
//! into the checked [`crate::model::Api`].
//!
//! With the `schema` feature the types also derive `schemars::JsonSchema`, so the JSON Schema
//! that editors use (`crate::schema`) is generated from this very model and cannot drift
//! from what the loader accepts. Fields whose text must be one of a fixed set (retry policies,
//! scopes, roles) or follow a pattern (durations, status keys, names) carry it in the schema.
//!
//! The doc comments of the fields below become the schema's descriptions, so they say what
//! `docs/spec-format.md`, the reference of the format, says: each key's meaning, default and
//! limits.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

#[cfg(feature = "schema")]
mod schema_fields;

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

mod body;
mod limits;
mod values;

pub use body::{BodySection, FieldEntry, FieldSpec};
pub use limits::{
    AnswerEntry, AnswersSection, HeaderEntry, HeadersSection, LimitEntry, RateLimitEntry,
};
pub use values::{OrderedMap, Scalar, Spanned, Value};

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
    /// The headers the API sends: the rate-limit ones by role (`limit`, `remaining`, `used`,
    /// `reset`, `resource`, `retry_after`), and any other documented header under `other`.
    pub headers: Option<Spanned<HeadersSection>>,
    /// What a server answers on its own, before any handler: a request without a key, with
    /// an unreadable key, or for an unknown route.
    pub answers: Option<Spanned<AnswersSection>>,
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
    /// Where the generated site (`generated/site/`) is published: an `http` or `https` URL of
    /// its folder (`https://docs.acme.test/errors/`). The problem+json `type` of each code then
    /// links the code's section (`.../acme.html#code-CARD_DECLINED`), in the docs and the
    /// OpenAPI examples, and in what errspec servers send.
    pub site_url: Option<Spanned<String>>,
}

/// A status key: an HTTP code (`401`) or a class (`"5xx"`), as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusKey {
    /// A number, exactly as written (`i128` holds both YAML's `i64` and `u64`).
    Code(i128),
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
                Ok(StatusKey::Code(v.into()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StatusKey, E> {
                Ok(StatusKey::Code(v.into()))
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
    /// Its gRPC code (`google.rpc.Code`), for servers that answer over gRPC too. Default: the
    /// one `google.rpc.Code` documents for the HTTP status (`NOT_FOUND` for 404, `UNKNOWN` for
    /// a status it does not map).
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::grpc"))]
    #[serde(default)]
    pub grpc: Option<Spanned<String>>,
    /// The values this status gives the body's `text` fields, by JSON key (`type: api_error`),
    /// instead of the field's constant `value`; its error codes inherit them.
    pub fields: Option<OrderedMap<String, String>>,
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
    /// Its gRPC code (`google.rpc.Code`). Default: its status's.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::grpc"))]
    #[serde(default)]
    pub grpc: Option<Spanned<String>>,
    /// `true`, or the reason the code is deprecated; `false` is the same as leaving it out.
    pub deprecated: Option<Deprecated>,
    /// The code is retired: servers no longer send it, but it stays in the catalog so that
    /// bodies from older servers still read as it, and its wire code is never given to another
    /// code. `since` (required) says from when, `replaced_by` which code to use instead.
    pub retired: Option<Spanned<RetiredEntry>>,
    /// The values this code gives the body's `text` fields, by JSON key (`doc_url: ...`),
    /// instead of its status's or the field's constant `value`.
    pub fields: Option<OrderedMap<String, String>>,
    /// With `body: code_from_message: true`, the messages that identify this code, as
    /// patterns: text with `{name}` values (`API rate limit exceeded for user ID {user_id}.`).
    /// Default: the code's `message`, exactly.
    #[serde(rename = "match")]
    pub patterns: Option<Vec<Spanned<String>>>,
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

/// `retired:` of an error code.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RetiredEntry {
    /// From when the code is retired: a date or a version, as text (`"2024-06-01"`, `"v3"`);
    /// not empty. The docs list retirements newest first by this text.
    pub since: Spanned<String>,
    /// The code to use instead: another code of `errors:` that is not retired itself.
    pub replaced_by: Option<Spanned<String>>,
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
