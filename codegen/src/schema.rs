//! The JSON Schema of the spec format, for editors.
//!
//! Spec files start with `# yaml-language-server: $schema=../generated/errspec.schema.json`, so
//! editors with a YAML language server complete keys, show each key's documentation and flag
//! typos while typing. The schema is generated with schemars from the syntax model in
//! [`crate::spec`] (its doc comments become the descriptions), and the fixed vocabularies (retry
//! policies, scopes, body roles, header formats) come from the tables in [`crate::model`], so
//! neither can drift from what the loader and the validator accept. The checked-in copy,
//! `generated/errspec.schema.json`, is kept fresh by a test.
//!
//! The schema is a help while typing, not the validator: rules that need more than one value
//! (does this code's status exist?) are only checked by `errspec check` and the build. Its
//! descriptions say what the reference of the format, `docs/spec-format.md`, says.

use crate::model::{ResetFormat, Retry, Role, Scope};
use crate::spec::SpecFile;
use schemars::generate::SchemaSettings;

/// Where the checked-in schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "generated/errspec.schema.json";

/// The JSON Schema of a spec file, pretty-printed with a final newline; the same bytes on every
/// call. Draft 7, the draft YAML language servers support best.
pub fn json_schema() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<SpecFile>();
    schema.insert("title".to_owned(), "errspec API error catalog".into());
    schema.insert(
        "description".to_owned(),
        "One HTTP API's status codes, error codes and limits (spec/<id>.yaml). \
         The format is described in docs/spec-format.md."
            .into(),
    );
    // A Schema always serializes; fall back to `true` (accept anything) rather than panic.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "true".to_owned());
    text.push('\n');
    text
}

/// Schemas of single fields, referenced from `#[schemars(schema_with = ...)]` in [`crate::spec`].
pub(crate) mod fields {
    use super::{ResetFormat, Retry, Role, Scope};
    use schemars::{Schema, SchemaGenerator, json_schema};

    /// A duration as the validator parses it: a positive whole number and a unit.
    const DURATION_PATTERN: &str = "^ *0*[1-9][0-9]* *(ms|s|m|h|d) *$";
    /// An HTTP status code 100..=599 or a class 1xx..5xx, as written in a mapping key.
    const STATUS_KEY_PATTERN: &str = "^([1-5][0-9][0-9]|[1-5][xX][xX])$";
    /// A snake_case identifier (module, rate limit and limit names).
    const SNAKE_PATTERN: &str = "^[a-z_][a-z0-9_]*$";
    /// An UpperCamelCase Rust variant name.
    const VARIANT_PATTERN: &str = "^[A-Z][A-Za-z0-9]*$";

    fn names<T>(table: &[(&'static str, T)]) -> Vec<&'static str> {
        table.iter().map(|(name, _)| *name).collect()
    }

    fn optional(schema: Schema) -> Schema {
        json_schema!({ "anyOf": [schema, { "type": "null" }] })
    }

    fn duration_schema() -> Schema {
        json_schema!({
            "description": "A positive whole number and a unit: ms, s, m, h or d (`90s`, `5m`, `1h`)",
            "type": "string",
            "pattern": DURATION_PATTERN
        })
    }

    /// `retry:`
    pub fn retry(_: &mut SchemaGenerator) -> Schema {
        optional(json_schema!({
            "description": "Whether and when a client should retry: never (the same request cannot succeed), backoff (a transient failure: retry with exponential backoff), after_reset (rate limited: retry once the window resets), after_refresh (the resource changed: re-read it, then retry)",
            "enum": names(Retry::ALL)
        }))
    }

    /// `scope:` of a rate limit.
    pub fn scope(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "enum": names(Scope::ALL) })
    }

    /// `body: fields:`, a mapping from JSON key to role.
    pub fn body_fields(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": {
                "description": "What the field carries: code, message, status (a JSON number), status_string (the status as a JSON string), title (the status's reason), details (a list) or code_or_message; each role at most once",
                "enum": names(Role::ALL)
            }
        })
    }

    /// `statuses:`, keyed by code or class.
    pub fn statuses(generator: &mut SchemaGenerator) -> Schema {
        let entry = generator.subschema_for::<crate::spec::StatusEntry>();
        optional(json_schema!({
            "type": "object",
            "propertyNames": { "pattern": STATUS_KEY_PATTERN },
            "additionalProperties": entry
        }))
    }

    /// `limits:`, keyed by snake_case name.
    pub fn limits(generator: &mut SchemaGenerator) -> Schema {
        let entry = generator.subschema_for::<crate::spec::LimitEntry>();
        optional(json_schema!({
            "type": "object",
            "propertyNames": { "pattern": SNAKE_PATTERN },
            "additionalProperties": entry
        }))
    }

    /// `rust_name:`
    pub fn rust_name(_: &mut SchemaGenerator) -> Schema {
        optional(json_schema!({
            "description": "UpperCamelCase Rust variant name of ASCII letters and digits, not a keyword nor `ALL`; the wire text is unchanged",
            "type": "string",
            "pattern": VARIANT_PATTERN
        }))
    }

    /// A rate limit's `name:`.
    pub fn snake_name(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": SNAKE_PATTERN })
    }

    /// A rate limit's `requests:`.
    pub fn requests(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": 1, "maximum": u32::MAX })
    }

    /// A rate limit's `window:`.
    pub fn duration(_: &mut SchemaGenerator) -> Schema {
        duration_schema()
    }

    /// A limit's `value:`: a duration or a positive whole number.
    pub fn limit_value(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [duration_schema(), { "type": "integer", "minimum": 1 }]
        })
    }

    /// `example:`, one JSON body.
    pub fn example(_: &mut SchemaGenerator) -> Schema {
        optional(json_schema!({ "type": "object" }))
    }

    /// `examples:`, several JSON bodies.
    pub fn examples(_: &mut SchemaGenerator) -> Schema {
        optional(json_schema!({ "type": "array", "items": { "type": "object" } }))
    }

    /// A status where one is referenced (an error's `status:`): a code or a class.
    pub fn status_key() -> Schema {
        json_schema!({
            "description": "An HTTP status code from 100 to 599, or a class from 1xx to 5xx",
            "anyOf": [
                { "type": "integer", "minimum": 100, "maximum": 599 },
                { "type": "string", "pattern": STATUS_KEY_PATTERN }
            ]
        })
    }

    /// A header: its name, or a mapping with name, format and description.
    pub fn header_entry() -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string", "description": "The header name, exactly as sent (an HTTP token)" },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name"],
                    "properties": {
                        "name": { "type": "string", "description": "The header name, exactly as sent (an HTTP token)" },
                        "format": {
                            "description": "How the reset time is written: unix_seconds (seconds since the Unix epoch) or delta_seconds (seconds from now); required on `reset:`, refused on the other headers",
                            "enum": names(ResetFormat::ALL)
                        },
                        "description": { "type": "string", "description": "What the header means (Markdown)" }
                    }
                }
            ]
        })
    }
}
