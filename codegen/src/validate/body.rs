//! The body, its fields and roles, every example body against it, and the front matter.

use super::*;

impl Validator<'_> {
    pub(super) fn body(&mut self, body: Spanned<spec::BodySection>) -> Body {
        let mut fields: Vec<BodyField> = Vec::new();
        let mut seen_roles: HashMap<Role, Position> = HashMap::new();
        let mut seen_names: HashMap<String, (String, Position)> = HashMap::new();
        let mut seen_keys = FirstSeen::new();
        for (key, role) in body.value.fields.0 {
            if let Some(first) = seen_keys.again(key.value.clone(), at(&key)) {
                let message = format!("body field `{}` is declared twice", key.value);
                self.twice(at(&key), first, "declared", message);
                continue;
            }
            let Some(parsed) = self.spelled(&role, Role::ALL, "body field role") else {
                continue;
            };
            let conflicting = match parsed {
                Role::Code => Some(Role::CodeOrMessage),
                Role::CodeOrMessage => Some(Role::Code),
                Role::Status => Some(Role::StatusString),
                Role::StatusString => Some(Role::Status),
                _ => None,
            };
            for other in std::iter::once(parsed).chain(conflicting) {
                if let Some(first) = seen_roles.get(&other).copied() {
                    self.error(
                        at(&role),
                        format!(
                            "a body has at most one field of role `{}`/`{}`",
                            parsed.as_str(),
                            other.as_str()
                        ),
                    )
                    .add_note(first, "the other field is here");
                }
            }
            seen_roles.insert(parsed, at(&role));
            let Some(rust_name) = naming::field_name(&key.value) else {
                self.error(
                    at(&key),
                    format!(
                        "body field `{}` has no letter or digit to name a Rust field after",
                        key.value
                    ),
                );
                continue;
            };
            if let Some((other, first)) = seen_names.get(&rust_name) {
                let (other, first) = (other.clone(), *first);
                self.error(
                    at(&key),
                    format!(
                        "body fields `{other}` and `{}` both become the Rust field `{rust_name}`",
                        key.value
                    ),
                )
                .add_note(first, format!("`{other}` is here"));
                continue;
            }
            seen_names.insert(rust_name.clone(), (key.value.clone(), at(&key)));
            fields.push(BodyField {
                wire: key.value,
                rust_name,
                role: parsed,
            });
        }
        Body { fields }
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
        let spec::Value::Map(object) = &example.value else {
            self.error(
                position,
                format!(
                    "an example body must be a mapping of body fields, not {}",
                    example.value.kind()
                ),
            );
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
            let Some(field) = body.fields.iter().find(|f| f.wire == key.value) else {
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
            let json = value_to_json(&value.value);
            if let Some(problem) = example_field_problem(api, field.role, &json, status, own_code) {
                self.error(
                    at(value),
                    format!("example field `{}` {problem}", key.value),
                );
            }
        }
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
        (role, _) => Some(format!("has the wrong type for role `{}`", role.as_str())),
    }
}
