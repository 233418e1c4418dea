//! The `body:` section of a spec file as written: the envelope, and each field with its role.

use super::{OrderedMap, Spanned};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

#[cfg(feature = "schema")]
use super::schema_fields;

/// `body:`, the JSON error body.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BodySection {
    /// The key of the object the fields are nested under, for a body such as
    /// `{"error": {"code": ..., "message": ...}}` (Stripe, Google). Without it the fields are
    /// the body's own keys.
    pub envelope: Option<Spanned<String>>,
    /// `true` for an API whose bodies carry no code, only a message (GitHub): a body's code is
    /// the error whose message, or one of whose `match` patterns, its `message` field holds.
    pub code_from_message: Option<Spanned<bool>>,
    /// Each JSON field name, exactly as sent, to its role, in wire order: the role alone
    /// (`error: code`), or a mapping with `role`, a constant `value` (for a `text` field) and a
    /// `description`. Roles: `code`, `message`, `status` (a JSON number), `status_string` (the
    /// status as a JSON string), `title` (the status's reason), `details` (a list),
    /// `code_or_message`, `text` (any other text, constant or per code) and `json` (any other
    /// JSON value). Each role but `text` and `json` at most once; `code` excludes
    /// `code_or_message`, and `status` excludes `status_string`.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema_fields::body_fields")
    )]
    pub fields: OrderedMap<String, FieldEntry>,
}

/// One body field: its role alone, or a mapping with the role and what else it says.
#[derive(Debug)]
pub enum FieldEntry {
    /// `error: code`.
    Role(String),
    /// `doc_url: { role: text, value: ..., description: ... }`.
    Full(Box<FieldSpec>),
}

/// A body field written as a mapping.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The field's role.
    pub role: Spanned<String>,
    /// The text a `text` field always holds, unless an error code gives its own.
    pub value: Option<Spanned<String>>,
    /// What the field carries (Markdown), for the docs page.
    pub description: Option<String>,
    /// For a `text` field (Stripe's `decline_code`) or a `details` list (GitHub's `errors`,
    /// Google's `details`): the documented codes it carries, each with its description.
    pub codes: Option<Spanned<OrderedMap<String, String>>>,
    /// For `details` with `codes`: the key of each item that holds its code. Default: `code`.
    pub code_key: Option<Spanned<String>>,
    /// For `details` with `codes`: the `domain` an item must name for its code to be one of
    /// these (Google's `googleapis.com`); items of other domains keep their codes as unknown.
    pub domain: Option<Spanned<String>>,
    /// For `details`: the key of an item that holds how long to wait before retrying, as a
    /// protobuf JSON duration (`"53s"`; Google's `RetryInfo.retryDelay`).
    pub retry_delay: Option<Spanned<String>>,
}

hand_written_schema!(FieldEntry, named "FieldEntry", schema_fields::field_entry());

/// Accepts `error: code` as shorthand for `error: { role: code }`.
impl<'de> Deserialize<'de> for FieldEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;
impl<'de> Visitor<'de> for FieldVisitor {
    type Value = FieldEntry;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a role, or a mapping with `role` and the field's other keys")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldEntry, E> {
        Ok(FieldEntry::Role(v.to_owned()))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<FieldEntry, A::Error> {
        FieldSpec::deserialize(de::value::MapAccessDeserializer::new(map))
            .map(|spec| FieldEntry::Full(Box::new(spec)))
    }
}
