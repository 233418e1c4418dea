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
            self.error(
                position,
                "an example body is given but the spec declares no `body:`",
            )
            .set_help("declare the body's fields under `body: { fields: ... }`");
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
                let help = match naming::did_you_mean(&key.value, known.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `{best}`? body fields: {}", known.join(", "))
                    }
                    None => format!("body fields: {}", known.join(", ")),
                };
                self.error(
                    at(key),
                    format!(
                        "example has field `{}`, which the body does not declare",
                        key.value
                    ),
                )
                .set_help(help);
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
                        format!("is `{s}`, but the spec gives this field `{expected}`")
                    }),
                _ => example_field_problem(api, field.role, &json, status, own_code),
            };
            if let Some(problem) = problem {
                self.error(
                    at(value),
                    format!("example field `{}` {problem}", key.value),
                );
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
            self.error(
                at(example),
                format!(
                    "an example body must be a mapping of {what}, not {}",
                    example.value.kind()
                ),
            );
            return None;
        };
        let Some(envelope) = &body.envelope else {
            return Some(object);
        };
        let mut inner = None;
        for (key, value) in &object.0 {
            if key.value != *envelope {
                self.error(
                    at(key),
                    format!(
                        "example has key `{}`, but the body's fields are nested under `{envelope}`",
                        key.value
                    ),
                )
                .set_help(format!("write the example as `{envelope}: {{ ... }}`"));
                continue;
            }
            match &value.value {
                spec::Value::Map(fields) => inner = Some(fields),
                other => {
                    self.error(
                        at(value),
                        format!(
                            "the envelope `{envelope}` must hold a mapping of body fields, not {}",
                            other.kind()
                        ),
                    );
                }
            }
        }
        if inner.is_none() && !object.0.iter().any(|(k, _)| k.value != *envelope) {
            self.error(
                at(example),
                format!("example has no `{envelope}`, the envelope the body's fields are under"),
            );
        }
        inner
    }
}

/// Why an example for `code` whose codes are read from the message cannot have `message`.
fn message_problem(code: &ErrorDef, message: &str) -> Option<String> {
    let matched = code
        .message_parts()
        .iter()
        .any(|parts| errspec_vocab::pattern::matches(parts, message));
    (!matched).then(|| {
        format!(
            "is `{message}`, which does not read as `{}`: it matches neither its message nor its `match` patterns",
            code.code
        )
    })
}

/// Why `value` cannot stand in a field of `role` of an example for `status` (and `code`).
pub(super) fn example_field_problem(
    api: &Api,
    role: Role,
    value: &serde_json::Value,
    status: &model::Status,
    code: Option<&ErrorDef>,
) -> Option<String> {
    use serde_json::Value;
    let status_matches = |n: u64| u16::try_from(n).is_ok_and(|n| status.key.contains(n));
    let code_problem = |text: &str, strict: bool| -> Option<String> {
        match (code, api.errors.iter().find(|e| e.code == text)) {
            (Some(own), _) if own.code != text => {
                strict.then(|| format!("names `{text}`, but this example documents `{}`", own.code))
            }
            (None, Some(other)) if api.statuses[other.status].key != status.key => Some(format!(
                "names `{text}`, which is sent with status {}, not {}",
                api.statuses[other.status].key, status.key
            )),
            (None, None) if strict => Some(format!("`{text}` is not a declared error code")),
            _ => None,
        }
    };
    match (role, value) {
        (Role::Code, Value::String(s)) => code_problem(s, true),
        (Role::CodeOrMessage, Value::String(s)) => code_problem(s, false),
        (Role::Message, Value::String(_)) => None,
        (Role::Title, Value::String(s)) if *s == status.reason => None,
        (Role::Title, Value::String(s)) => Some(format!(
            "is `{s}`, but status {}'s reason is `{}`; set `reason:` on the status if the body says otherwise",
            status.key, status.reason
        )),
        (Role::Status, Value::Number(n)) => match n.as_u64() {
            Some(n) if status_matches(n) => None,
            _ => Some(format!(
                "is {n}, but this example documents status {}",
                status.key
            )),
        },
        (Role::StatusString, Value::String(s)) => match s.parse::<u64>() {
            Ok(n) if status_matches(n) => None,
            _ => Some(format!(
                "is \"{s}\", but this example documents status {}",
                status.key
            )),
        },
        (Role::Details, Value::Array(_)) => None,
        (Role::Json, _) => None,
        (role, _) => Some(format!("has the wrong type for role `{}`", role.as_str())),
    }
}
