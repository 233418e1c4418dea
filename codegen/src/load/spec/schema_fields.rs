//! Schemas of single fields of the syntax model, referenced from `#[schemars(schema_with =
//! ...)]` in [`super`]: the fixed vocabularies (retry policies, scopes, body roles, header
//! formats) come from the tables the validator reads, so the schema cannot drift from them.

use crate::load::role::Role;
use errspec_vocab::{ResetFormat, Retry, Scope};
use schemars::{Schema, SchemaGenerator, json_schema};

/// A duration as the validator parses it: a positive whole number and a unit.
const DURATION_PATTERN: &str = "^ *0*[1-9][0-9]* *(ms|s|m|h|d) *$";
/// An HTTP status code 100..=599 or a class 1xx..5xx, as written in a mapping key.
const STATUS_KEY_PATTERN: &str = "^([1-5][0-9][0-9]|[1-5][xX][xX])$";
/// A snake_case identifier (module, rate limit and limit names).
const SNAKE_PATTERN: &str = "^[a-z_][a-z0-9_]*$";
/// An UpperCamelCase Rust variant name.
const VARIANT_PATTERN: &str = "^[A-Z][A-Za-z0-9]*$";
/// An HTTP header name: a token of RFC 9110's `tchar`s, as the validator checks it.
const HEADER_PATTERN: &str = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

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

/// `grpc:` of a status or code.
pub fn grpc(_: &mut SchemaGenerator) -> Schema {
    optional(json_schema!({
        "description": "A gRPC status code, as google.rpc.Code names it (RESOURCE_EXHAUSTED)",
        "enum": names(errspec_vocab::GrpcCode::ALL)
    }))
}

/// `scope:` of a rate limit.
pub fn scope(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "enum": names(Scope::ALL) })
}

/// `body: fields:`, a mapping from JSON key to role.
pub fn body_fields(generator: &mut SchemaGenerator) -> Schema {
    let entry = generator.subschema_for::<super::FieldEntry>();
    json_schema!({
        "type": "object",
        "additionalProperties": entry
    })
}

const ROLE_DESCRIPTION: &str = "What the field carries: code, message, status (a JSON number), status_string (the status as a JSON string), title (the status's reason), details (a list), code_or_message, text (other text, constant or per code) or json (any other JSON value); each role but text and json at most once";

/// One body field: a role, or a mapping with `role` and the field's other keys.
pub fn field_entry() -> Schema {
    json_schema!({
        "anyOf": [
            { "description": ROLE_DESCRIPTION, "enum": names(Role::ALL) },
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["role"],
                "properties": {
                    "role": { "description": ROLE_DESCRIPTION, "enum": names(Role::ALL) },
                    "value": { "type": "string", "description": "The text a `text` field always holds, unless an error code gives its own under `fields:`" },
                    "codes": {
                        "type": "object",
                        "description": "For a `text` field or a `details` list: the documented codes it carries, each with its description (Markdown)",
                        "additionalProperties": { "type": "string" }
                    },
                    "code_key": { "type": "string", "description": "For `details` with `codes`: the key of each item that holds its code (default `code`)" },
                    "domain": { "type": "string", "description": "For `details` with `codes`: the `domain` an item must name for its code to be one of these" },
                    "retry_delay": { "type": "string", "description": "For `details`: the key of an item that holds how long to wait before retrying, as a protobuf JSON duration (`53s`)" },
                    "description": { "type": "string", "description": "What the field carries (Markdown), for the docs page" }
                }
            }
        ]
    })
}

/// `statuses:`, keyed by code or class.
pub fn statuses(generator: &mut SchemaGenerator) -> Schema {
    let entry = generator.subschema_for::<super::StatusEntry>();
    optional(json_schema!({
        "type": "object",
        "propertyNames": { "pattern": STATUS_KEY_PATTERN },
        "additionalProperties": entry
    }))
}

/// `limits:`, keyed by snake_case name.
pub fn limits(generator: &mut SchemaGenerator) -> Schema {
    let entry = generator.subschema_for::<super::LimitEntry>();
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

/// A rate limit's `routes:`: method and path patterns.
pub fn routes(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "string",
            "pattern": "^([A-Z]+ )?/[^ ?#]*$",
            "examples": ["GET /search/*", "/repos/{owner}/{repo}"]
        }
    })
}

/// A rate limit's `cost:`: points by method in capitals.
pub fn cost(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "minProperties": 1,
        "propertyNames": { "pattern": "^[A-Z]+$" },
        "additionalProperties": { "type": "integer", "minimum": 1 },
        "examples": [{ "POST": 5, "PATCH": 5, "PUT": 5, "DELETE": 5 }]
    })
}

/// A rate limit's `window:`.
pub fn duration(_: &mut SchemaGenerator) -> Schema {
    duration_schema()
}

/// A limit's `value:`: a duration or a positive whole number.
pub fn limit_value(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [duration_schema(), { "type": "integer", "minimum": 1, "maximum": u64::MAX }]
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

/// `header:` of a limit: the request header it applies to.
pub fn limit_header(_: &mut SchemaGenerator) -> Schema {
    optional(json_schema!({
        "description": "An HTTP header name (`X-Timestamp`)",
        "type": "string",
        "pattern": HEADER_PATTERN
    }))
}

/// A header: its name, or a mapping with name, format and description.
pub fn header_entry() -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "string", "description": "The header name, exactly as sent (an HTTP token)", "pattern": HEADER_PATTERN },
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "name": { "type": "string", "description": "The header name, exactly as sent (an HTTP token)", "pattern": HEADER_PATTERN },
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
