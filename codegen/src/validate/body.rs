//! The body, its fields and roles, every example body against it, and the front matter.

use super::*;

impl Validator<'_> {
    pub(super) fn body(&mut self, body: Spanned<spec::BodySection>) -> Body {
        let mut fields: Vec<BodyField> = Vec::new();
        let mut seen_roles: HashMap<Role, Position> = HashMap::new();
        let mut seen_names: HashMap<String, (String, Position)> = HashMap::new();
        let mut seen_keys = FirstSeen::new();
        let envelope = body.value.envelope.map(|e| {
            if e.value.is_empty() {
                self.error(at(&e), "body envelope is empty")
                    .set_help("name the key the fields are nested under, such as `error`");
            }
            e.value
        });
        for (key, entry) in body.value.fields.0 {
            if let Some(first) = seen_keys.again(key.value.clone(), at(&key)) {
                let message = format!("body field `{}` is declared twice", key.value);
                self.twice(at(&key), first, "declared", message);
                continue;
            }
            let (role, value, description) = match entry.value {
                spec::FieldEntry::Role(role) => (
                    Spanned {
                        value: role,
                        referenced: entry.referenced,
                        defined: entry.defined,
                    },
                    None,
                    None,
                ),
                spec::FieldEntry::Full {
                    role,
                    value,
                    description,
                } => (role, value, description),
            };
            let Some(parsed) = self.spelled(&role, Role::ALL, "body field role") else {
                continue;
            };
            if let Some(value) = &value
                && parsed != Role::Text
            {
                self.error(
                    at(value),
                    format!(
                        "body field `{}` has role `{}`, which takes no `value` (only `text` does)",
                        key.value,
                        parsed.as_str()
                    ),
                );
            }
            self.role_once(parsed, at(&role), &mut seen_roles);
            let Some(rust_name) = self.field_rust_name(&key, &mut seen_names) else {
                continue;
            };
            fields.push(BodyField {
                wire: key.value,
                rust_name,
                role: parsed,
                value: value.map(|v| v.value),
                description,
            });
        }
        Body { envelope, fields }
    }

    /// Each role but `text` and `json` at most once, and `code` and `status` in one form.
    fn role_once(&mut self, role: Role, position: Position, seen: &mut HashMap<Role, Position>) {
        if matches!(role, Role::Text | Role::Json) {
            return;
        }
        let conflicting = match role {
            Role::Code => Some(Role::CodeOrMessage),
            Role::CodeOrMessage => Some(Role::Code),
            Role::Status => Some(Role::StatusString),
            Role::StatusString => Some(Role::Status),
            _ => None,
        };
        for other in std::iter::once(role).chain(conflicting) {
            if let Some(first) = seen.get(&other).copied() {
                self.error(
                    position,
                    format!(
                        "a body has at most one field of role `{}`/`{}`",
                        role.as_str(),
                        other.as_str()
                    ),
                )
                .add_note(first, "the other field is here");
            }
        }
        seen.insert(role, position);
    }

    /// The Rust field a body key becomes, unless it has none or another key has it already.
    fn field_rust_name(
        &mut self,
        key: &Spanned<String>,
        seen: &mut HashMap<String, (String, Position)>,
    ) -> Option<String> {
        let Some(rust_name) = naming::field_name(&key.value) else {
            self.error(
                at(key),
                format!(
                    "body field `{}` has no letter or digit to name a Rust field after",
                    key.value
                ),
            );
            return None;
        };
        if let Some((other, first)) = seen.get(&rust_name) {
            let (other, first) = (other.clone(), *first);
            self.error(
                at(key),
                format!(
                    "body fields `{other}` and `{}` both become the Rust field `{rust_name}`",
                    key.value
                ),
            )
            .add_note(first, format!("`{other}` is here"));
            return None;
        }
        seen.insert(rust_name.clone(), (key.value.clone(), at(key)));
        Some(rust_name)
    }

    /// An error code's `fields:`: each names a `text` field of the body, once.
    pub(super) fn field_values(
        &mut self,
        body: Option<&Body>,
        values: spec::OrderedMap<String, String>,
    ) -> Vec<(usize, String)> {
        let mut seen = FirstSeen::new();
        let mut out = Vec::new();
        let text_fields: Vec<&str> = body
            .iter()
            .flat_map(|b| &b.fields)
            .filter(|f| f.role == Role::Text)
            .map(|f| f.wire.as_str())
            .collect();
        for (key, value) in values.0 {
            if let Some(first) = seen.again(key.value.clone(), at(&key)) {
                let message = format!("field `{}` is given twice", key.value);
                self.twice(at(&key), first, "given", message);
                continue;
            }
            let index = body.and_then(|b| {
                b.fields
                    .iter()
                    .position(|f| f.wire == key.value && f.role == Role::Text)
            });
            match index {
                Some(index) => out.push((index, value.value)),
                None => {
                    let help = if text_fields.is_empty() {
                        "declare the field under `body: fields:` with `role: text`".to_owned()
                    } else {
                        format!("the body's `text` fields: {}", text_fields.join(", "))
                    };
                    self.error(
                        at(&key),
                        format!(
                            "`{}` is not a `text` field of the body, so no code can give it a value",
                            key.value
                        ),
                    )
                    .set_help(help);
                }
            }
        }
        out
    }

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

    /// The JSON form of a YAML value, reporting keys given twice.
    pub(super) fn json(&mut self, value: &Spanned<spec::Value>) -> serde_json::Value {
        self.duplicate_keys(value);
        value_to_json(&value.value)
    }

    pub(super) fn duplicate_keys(&mut self, value: &Spanned<spec::Value>) {
        match &value.value {
            spec::Value::Map(entries) => {
                let mut seen = FirstSeen::new();
                for (key, item) in &entries.0 {
                    if let Some(first) = seen.again(key.value.as_str(), at(key)) {
                        let message = format!("key `{}` is given twice", key.value);
                        self.twice(at(key), first, "given", message)
                            .set_help("remove one of them");
                    }
                    self.duplicate_keys(item);
                }
            }
            spec::Value::List(items) => {
                for item in items {
                    self.duplicate_keys(item);
                }
            }
            _ => {}
        }
    }

    /// `api.docs.front_matter`, in file order.
    pub(super) fn front_matter(
        &mut self,
        entries: &spec::OrderedMap<String, spec::Value>,
    ) -> Vec<(String, serde_json::Value)> {
        let mut seen = FirstSeen::new();
        let mut out = Vec::new();
        for (key, value) in &entries.0 {
            if let Some(first) = seen.again(key.value.as_str(), at(key)) {
                let message = format!("front matter key `{}` is given twice", key.value);
                self.twice(at(key), first, "given", message);
                continue;
            }
            out.push((key.value.clone(), self.json(value)));
        }
        out
    }
}

/// The JSON form of a YAML value. Numbers that JSON cannot hold (the parser already refuses
/// NaN and infinities) become `null`.
pub(super) fn value_to_json(value: &spec::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        spec::Value::Null => J::Null,
        spec::Value::Bool(b) => J::Bool(*b),
        spec::Value::Int(n) => J::from(*n),
        spec::Value::UInt(n) => J::from(*n),
        spec::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        spec::Value::String(s) => J::String(s.clone()),
        spec::Value::List(items) => {
            J::Array(items.iter().map(|i| value_to_json(&i.value)).collect())
        }
        spec::Value::Map(entries) => J::Object(
            entries
                .0
                .iter()
                .map(|(k, v)| (k.value.clone(), value_to_json(&v.value)))
                .collect(),
        ),
    }
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
