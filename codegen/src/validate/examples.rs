//! Example bodies: each a mapping of the body's fields (under the envelope, when there is
//! one), every value fitting its field's role and agreeing with the status or code it
//! documents.

use super::*;
use body::value_to_json;

impl Validator<'_> {
    pub(super) fn examples(
        &mut self,
        api: &Api,
        owner: Option<Owner>,
        examples: Vec<Spanned<spec::Value>>,
    ) -> Vec<serde_json::Value> {
        examples
            .iter()
            .map(|example| {
                if let Some(owner) = owner {
                    self.example(api, owner, example);
                }
                self.json(example)
            })
            .collect()
    }

    /// An example must be a mapping whose fields are body fields of the right type, agreeing
    /// with the status or code it documents. Each problem points at the offending field.
    pub(super) fn example(&mut self, api: &Api, owner: Owner, example: &Spanned<spec::Value>) {
        let position = at(example);
        let Some(body) = &api.body else {
            self.error(position, &EXAMPLE_WITHOUT_BODY);
            return;
        };
        let Some(object) = self.example_fields(body, example) else {
            return;
        };
        let (status_index, own_code) = match owner {
            Owner::Status(i) => (i, None),
            Owner::Error(i) => (api.errors[i].status, Some(&api.errors[i])),
        };
        let Some(status) = api.statuses.get(status_index) else {
            return;
        };
        for (key, value) in &object.0 {
            let Some(index) = body.fields.iter().position(|f| f.wire == key.value) else {
                let known: Vec<&str> = body.fields.iter().map(|f| f.wire.as_str()).collect();
                let message = EXAMPLE_FIELD_UNKNOWN
                    .with("field", &key.value)
                    .with("fields", known.join(", "))
                    .with_some(
                        "best",
                        naming::did_you_mean(&key.value, known.iter().copied()),
                    );
                self.error(at(key), message);
                continue;
            };
            let field = &body.fields[index];
            let json = value_to_json(&value.value);
            let own_values = match own_code {
                Some(code) => &code.field_values,
                None => &status.field_values,
            };
            let expected_text = crate::model::text_value(own_values, body, index);
            let problem = match (field.role, &json) {
                (Role::Message, serde_json::Value::String(s)) if body.code_from_message => {
                    own_code.and_then(|code| message_problem(code, s))
                }
                (Role::Text, serde_json::Value::String(s)) => expected_text
                    .filter(|expected| expected != s)
                    .map(|expected| {
                        EXAMPLE_TEXT_DIFFERS
                            .with("value", s)
                            .with("expected", expected)
                    }),
                _ => example_field_problem(api, field.role, &json, status, own_code),
            };
            if let Some(problem) = problem {
                self.error(at(value), problem.with("field", &key.value));
            }
        }
    }

    /// The mapping of body fields an example holds: the example itself, or for a body with an
    /// envelope, the one mapping under the envelope's key.
    fn example_fields<'v>(
        &mut self,
        body: &Body,
        example: &'v Spanned<spec::Value>,
    ) -> Option<&'v spec::OrderedMap<String, spec::Value>> {
        let spec::Value::Map(object) = &example.value else {
            let what = if body.envelope.is_some() {
                "the envelope"
            } else {
                "body fields"
            };
            let message = EXAMPLE_NOT_MAPPING
                .with("what", what)
                .with("kind", example.value.kind());
            self.error(at(example), message);
            return None;
        };
        let Some(envelope) = &body.envelope else {
            return Some(object);
        };
        let mut inner = None;
        for (key, value) in &object.0 {
            if key.value != *envelope {
                let message = EXAMPLE_OUTSIDE_ENVELOPE
                    .with("key", &key.value)
                    .with("envelope", envelope);
                self.error(at(key), message);
                continue;
            }
            match &value.value {
                spec::Value::Map(fields) => inner = Some(fields),
                other => {
                    let message = EXAMPLE_ENVELOPE_NOT_MAPPING
                        .with("envelope", envelope)
                        .with("kind", other.kind());
                    self.error(at(value), message);
                }
            }
        }
        if inner.is_none() && !object.0.iter().any(|(k, _)| k.value != *envelope) {
            self.error(
                at(example),
                EXAMPLE_ENVELOPE_MISSING.with("envelope", envelope),
            );
        }
        inner
    }
}

/// Why an example for `code` whose codes are read from the message cannot have `message`:
/// the rule broken, its field left to fill.
fn message_problem(code: &ErrorDef, message: &str) -> Option<Message> {
    let matched = code
        .message_parts()
        .iter()
        .any(|parts| errspec_vocab::pattern::matches(parts, message));
    (!matched).then(|| {
        EXAMPLE_MESSAGE_NOT_CODE
            .with("value", message)
            .with("code", &code.code)
    })
}

/// Why `value` cannot stand in a field of `role` of an example for `status` (and `code`): the
/// rule broken, its field left to fill.
pub(super) fn example_field_problem(
    api: &Api,
    role: Role,
    value: &serde_json::Value,
    status: &model::Status,
    code: Option<&ErrorDef>,
) -> Option<Message> {
    use serde_json::Value;
    let status_matches = |n: u64| u16::try_from(n).is_ok_and(|n| status.key.contains(n));
    let code_problem = |text: &str, strict: bool| -> Option<Message> {
        match (code, api.errors.iter().find(|e| e.code == text)) {
            (Some(own), _) if own.code != text => strict.then(|| {
                EXAMPLE_CODE_OTHER
                    .with("value", text)
                    .with("code", &own.code)
            }),
            (None, Some(other)) if api.statuses[other.status].key != status.key => Some(
                EXAMPLE_CODE_OTHER_STATUS
                    .with("value", text)
                    .with("sent", api.statuses[other.status].key)
                    .with("status", status.key),
            ),
            (None, None) if strict => Some(EXAMPLE_CODE_UNDECLARED.with("value", text)),
            _ => None,
        }
    };
    match (role, value) {
        (Role::Code, Value::String(s)) => code_problem(s, true),
        (Role::CodeOrMessage, Value::String(s)) => code_problem(s, false),
        (Role::Message, Value::String(_)) => None,
        (Role::Title, Value::String(s)) if *s == status.reason => None,
        (Role::Title, Value::String(s)) => Some(
            EXAMPLE_TITLE_DIFFERS
                .with("value", s)
                .with("status", status.key)
                .with("reason", &status.reason),
        ),
        (Role::Status, Value::Number(n)) => match n.as_u64() {
            Some(n) if status_matches(n) => None,
            _ => Some(
                EXAMPLE_STATUS_DIFFERS
                    .with("value", n)
                    .with("status", status.key),
            ),
        },
        (Role::StatusString, Value::String(s)) => match s.parse::<u64>() {
            Ok(n) if status_matches(n) => None,
            _ => Some(
                EXAMPLE_STATUS_TEXT_DIFFERS
                    .with("value", s)
                    .with("status", status.key),
            ),
        },
        (Role::Details, Value::Array(_)) => None,
        (Role::Json, _) => None,
        (role, _) => Some(EXAMPLE_WRONG_TYPE.with("role", role.as_str())),
    }
}
