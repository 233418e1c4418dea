//! The JSON an API sends, built from the model where the spec shows none: the body the
//! generated code writes for a code or status, and its RFC 9457 problem form. The docs, the
//! OpenAPI documents and `errspec explain` show both.

use super::{Api, Body, ErrorDef, Role, Status, text_value};
use serde_json::{Map, Value};

/// The body the generated `ErrorBody::from_code` sends for `error` (with its `status`), or
/// `from_status` for `status` alone: details are left out, as they are there.
pub fn built_body(body: &Body, error: Option<&ErrorDef>, status: Option<&Status>) -> Value {
    let mut map = Map::new();
    for (index, field) in body.fields.iter().enumerate() {
        let value = match (field.role, error, status) {
            (Role::Text, _, _) => {
                let own = match (error, status) {
                    (Some(e), _) => e.field_values.as_slice(),
                    (None, Some(s)) => s.field_values.as_slice(),
                    (None, None) => &[],
                };
                match text_value(own, body, index) {
                    Some(text) => text.into(),
                    None => continue,
                }
            }
            (Role::Code, Some(e), _) | (Role::CodeOrMessage, Some(e), _) => e.code.clone().into(),
            (Role::Message, Some(e), _) => e.message.clone().into(),
            (Role::Message | Role::CodeOrMessage, None, Some(s)) => s.message.clone().into(),
            (Role::Status, _, Some(s)) => s.key.code().into(),
            (Role::StatusString, _, Some(s)) => s.key.code().to_string().into(),
            (Role::Title, _, Some(s)) => s.reason.clone().into(),
            _ => continue,
        };
        map.insert(field.wire.clone(), value);
    }
    match &body.envelope {
        Some(envelope) => serde_json::json!({ envelope.clone(): map }),
        None => Value::Object(map),
    }
}

/// The RFC 9457 body errspec's servers send for a code (or a status without one) of `api`:
/// its `type` links the code's (or status's) section of the published site when the spec
/// says where that is, and is `about:blank` otherwise.
pub fn problem(api: &Api, status: &Status, error: Option<&ErrorDef>) -> Value {
    let mut p = Map::new();
    let problem_type = match (api.site_page(), error) {
        (Some(page), Some(e)) => format!("{page}#{}", errspec_vocab::anchor("code", &e.code)),
        (Some(page), None) => format!(
            "{page}#{}",
            errspec_vocab::anchor("status", &status.key.to_string())
        ),
        (None, _) => "about:blank".to_owned(),
    };
    p.insert("type".into(), problem_type.into());
    p.insert("title".into(), status.title.clone().into());
    p.insert("status".into(), status.key.code().into());
    match error {
        Some(e) => {
            p.insert("detail".into(), e.message.clone().into());
            p.insert("code".into(), e.code.clone().into());
        }
        None if status.message != status.title => {
            p.insert("detail".into(), status.message.clone().into());
        }
        None => {}
    }
    Value::Object(p)
}
