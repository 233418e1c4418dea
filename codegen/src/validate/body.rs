//! The body: its envelope, fields and roles, the values codes give them, and the front matter.

use super::*;

impl Validator<'_> {
    pub(super) fn body(&mut self, body: Spanned<spec::BodySection>) -> Body {
        let mut fields: Vec<BodyField> = Vec::new();
        let mut seen_roles: HashMap<Role, Position> = HashMap::new();
        let mut seen_names: HashMap<String, (String, Position)> = HashMap::new();
        let mut seen_keys = FirstSeen::new();
        let mut enum_names: HashMap<String, Position> = HashMap::new();
        let envelope = body.value.envelope.map(|e| {
            if e.value.is_empty() {
                self.error(at(&e), &BODY_ENVELOPE_EMPTY);
            }
            e.value
        });
        for (key, entry) in body.value.fields.0 {
            if let Some(first) = seen_keys.again(key.value.clone(), at(&key)) {
                let message = BODY_FIELD_TWICE.with("field", &key.value);
                self.twice(at(&key), first, "declared", message);
                continue;
            }
            let spec = match entry.value {
                spec::FieldEntry::Role(role) => spec::FieldSpec {
                    role: Spanned {
                        value: role,
                        referenced: entry.referenced,
                        defined: entry.defined,
                    },
                    value: None,
                    description: None,
                    codes: None,
                    code_key: None,
                    domain: None,
                    retry_delay: None,
                },
                spec::FieldEntry::Full(spec) => *spec,
            };
            let Some(parsed) = self.spelled(&spec.role, Role::ALL, &ROLE_UNKNOWN) else {
                continue;
            };
            if let Some(value) = &spec.value
                && parsed != Role::Text
            {
                let message = VALUE_NOT_ON_TEXT
                    .with("field", &key.value)
                    .with("role", parsed.as_str());
                self.error(at(value), message);
            }
            self.role_once(parsed, at(&spec.role), &mut seen_roles);
            let Some(rust_name) = self.field_rust_name(&key, &mut seen_names) else {
                continue;
            };
            let codes = self.code_list(&key.value, parsed, &spec, &mut enum_names);
            let retry_delay = self.retry_delay_key(&key.value, parsed, spec.retry_delay);
            fields.push(BodyField {
                wire: key.value,
                rust_name,
                role: parsed,
                value: spec.value.map(|v| v.value),
                description: spec.description,
                codes,
                retry_delay,
            });
        }
        let code_from_message = body
            .value
            .code_from_message
            .is_some_and(|flag| flag.value && self.code_from_message_fits(at(&flag), &fields));
        Body {
            envelope,
            code_from_message,
            fields,
        }
    }

    /// Codes read from the message need a message field, and no field that carries codes.
    fn code_from_message_fits(&mut self, flag: Position, fields: &[BodyField]) -> bool {
        if let Some(field) = fields
            .iter()
            .find(|f| matches!(f.role, Role::Code | Role::CodeOrMessage))
        {
            self.error(
                flag,
                CODE_FROM_MESSAGE_WITH_CODE_FIELD.with("field", &field.wire),
            );
            return false;
        }
        if !fields.iter().any(|f| f.role == Role::Message) {
            self.error(flag, &CODE_FROM_MESSAGE_WITHOUT_MESSAGE);
            return false;
        }
        true
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
                let message = ROLE_TWICE
                    .with("role", role.as_str())
                    .with("other", other.as_str());
                self.error(position, message)
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
            self.error(at(key), BODY_FIELD_UNNAMEABLE.with("field", &key.value));
            return None;
        };
        if let Some((other, first)) = seen.get(&rust_name) {
            let (other, first) = (other.clone(), *first);
            let message = BODY_FIELD_RUST_NAME_CLASH
                .with("other", &other)
                .with("field", &key.value)
                .with("rust_name", &rust_name);
            self.error(at(key), message)
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
                let message = FIELD_VALUE_TWICE.with("field", &key.value);
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
                    let message = FIELD_VALUE_NOT_TEXT.with("field", &key.value).with_some(
                        "text_fields",
                        (!text_fields.is_empty()).then(|| text_fields.join(", ")),
                    );
                    self.error(at(&key), message);
                }
            }
        }
        out
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
                        let message = EXAMPLE_KEY_TWICE.with("key", &key.value);
                        self.twice(at(key), first, "given", message);
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
                let message = FRONT_MATTER_KEY_TWICE.with("key", &key.value);
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
