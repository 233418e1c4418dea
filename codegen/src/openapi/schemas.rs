//! `components/schemas`: the error body as documented, the open enums of its codes, and the
//! RFC 9457 problem with its `code` member, as JSON Schema 2020-12.

use crate::model::{Api, Body, BodyField, CodeList, Role};
use serde_json::{Map, Value, json};

/// The `$ref` of schema `name` of this document.
pub fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// Every schema of `api`, in the order a reader meets them: the body (and the object under its
/// envelope), the code enums, the problem.
pub fn schemas(api: &Api) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(body) = &api.body {
        match &body.envelope {
            Some(envelope) => {
                out.insert("ErrorBody".into(), json!({
                    "description": format!("An error response of {}: one object under `{envelope}`.", api.name),
                    "type": "object",
                    "properties": { envelope.clone(): schema_ref("ErrorFields") },
                    "required": [envelope],
                }));
                out.insert("ErrorFields".into(), fields_schema(api, body));
            }
            None => {
                out.insert("ErrorBody".into(), fields_schema(api, body));
            }
        }
    }
    out.insert("ErrorCode".into(), code_enum(api));
    if let Some(body) = &api.body {
        for field in &body.fields {
            if let Some(list) = &field.codes {
                out.insert(list.enum_name.clone(), sub_code_enum(field, list));
            }
        }
    }
    out.insert("Problem".into(), problem_schema(api));
    out
}

/// The body's fields, in wire order. No field is required: the documented bodies leave some
/// out (Centrapay's 400 has no `error`), and clients must read them all.
fn fields_schema(api: &Api, body: &Body) -> Value {
    let properties: Map<String, Value> = body
        .fields
        .iter()
        .map(|f| (f.wire.clone(), field_schema(f)))
        .collect();
    let mut description = format!(
        "The JSON error body of {}, its fields in the order the API sends them. Any field may be absent; fields not listed here may be present, and clients read past them.",
        api.name
    );
    if body.code_from_message {
        description.push_str(
            " The body carries no code: a code is known by its message (see `ErrorCode`).",
        );
    }
    json!({
        "description": description,
        "type": "object",
        "properties": properties,
    })
}

fn field_schema(f: &BodyField) -> Value {
    let description = f
        .description
        .clone()
        .unwrap_or_else(|| f.role.meaning().to_owned());
    let mut schema = match (f.role, &f.codes) {
        (Role::Code, _) => schema_ref("ErrorCode"),
        (Role::Text, Some(list)) => schema_ref(&list.enum_name),
        (Role::Message | Role::Title | Role::CodeOrMessage | Role::Text, _) => {
            json!({ "type": "string" })
        }
        (Role::Status, _) => json!({ "type": "integer", "minimum": 100, "maximum": 599 }),
        (Role::StatusString, _) => json!({ "type": "string", "pattern": "^[1-5][0-9]{2}$" }),
        (Role::Details, _) => json!({ "type": "array" }),
        (Role::Json, _) => json!({}),
    };
    if let Some(object) = schema.as_object_mut() {
        object.insert("description".into(), description.into());
        if let Some(value) = &f.value {
            object.insert("default".into(), value.clone().into());
        }
    }
    schema
}

/// What every open code enum says about itself.
const OPEN: &str = "The list is open: a newer server may send a code that is not listed, and a client must accept it (errspec's generated clients keep it as an unknown code). The codes are therefore listed in `x-extensible-enum`, not `enum`, which validators and code generators would use to reject a new code.";

/// The wire codes of `api`, as an open string enum with each code's meaning.
fn code_enum(api: &Api) -> Value {
    let codes: Vec<&str> = api.errors.iter().map(|e| e.code.as_str()).collect();
    let descriptions: Vec<String> = api
        .errors
        .iter()
        .map(|e| {
            let status = &api.statuses[e.status];
            let retired = e
                .retired
                .as_ref()
                .map(|r| format!(" Retired since {}: no longer sent.", r.since))
                .unwrap_or_default();
            format!("{} {}: {}{retired}", status.key, status.title, e.message)
        })
        .collect();
    let names: Vec<&str> = api.errors.iter().map(|e| e.rust_name.as_str()).collect();
    let how = if api.body.as_ref().is_some_and(|b| b.code_from_message) {
        " The body carries no code field: the code is the one whose message, or `match` pattern, the body's message holds."
    } else {
        ""
    };
    json!({
        "description": format!("An error code of {}, exactly as sent.{how} {OPEN}", api.name),
        "type": "string",
        "x-extensible-enum": codes,
        "x-enum-descriptions": descriptions,
        "x-enum-varnames": names,
    })
}

/// A second level of codes (Stripe's `decline_code`, GitHub's `errors[].code`).
fn sub_code_enum(field: &BodyField, list: &CodeList) -> Value {
    let codes: Vec<&str> = list.codes.iter().map(|c| c.code.as_str()).collect();
    let descriptions: Vec<&str> = list.codes.iter().map(|c| c.description.as_str()).collect();
    let names: Vec<&str> = list.codes.iter().map(|c| c.rust_name.as_str()).collect();
    let at = if field.role == Role::Details {
        format!("the `{}` of an item of `{}`", list.code_key, field.wire)
    } else {
        format!("`{}`", field.wire)
    };
    json!({
        "description": format!("A code of {at}. {OPEN}"),
        "type": "string",
        "x-extensible-enum": codes,
        "x-enum-descriptions": descriptions,
        "x-enum-varnames": names,
    })
}

/// RFC 9457's problem details, with the API's code as the extension member `code`.
fn problem_schema(api: &Api) -> Value {
    json!({
        "description": format!("An error of {} as RFC 9457 problem details (`application/problem+json`), which errspec servers send when a client prefers it; `code` carries the error code.", api.name),
        "type": "object",
        "properties": {
            "type": { "type": "string", "format": "uri-reference", "default": "about:blank", "description": "A URI reference identifying the problem type." },
            "title": { "type": "string", "description": "The status's title." },
            "status": { "type": "integer", "minimum": 100, "maximum": 599, "description": "The HTTP status code." },
            "detail": { "type": "string", "description": "The error's message." },
            "instance": { "type": "string", "format": "uri-reference", "description": "A URI reference naming this occurrence." },
            "code": { "$ref": "#/components/schemas/ErrorCode", "description": "The error code, exactly as in the JSON body." },
        },
    })
}
