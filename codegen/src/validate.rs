//! Stage 2: check a parsed [`SpecFile`] and build the [`model::Api`] the emitters use.
//!
//! Every rule reports at the exact line and column of the offending value, and every problem
//! of a file is reported in one run: validation keeps going after the first problem and only
//! fails at the end.

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::load::spec::{self, Scalar, Spanned, SpecFile};
use crate::model::{
    self, Api, Body, BodyField, Case, ErrorDef, Header, Headers, Limit, LimitValue, RateLimit,
    ResetFormat, Retry, Role, Scope, StatusKey, Support,
};
use crate::naming;
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

/// Checks `spec`, read from `path`, and builds its model.
pub fn validate(path: &Path, spec: SpecFile) -> Result<Api, Diagnostics> {
    let mut v = Validator {
        path,
        problems: Diagnostics::default(),
    };
    let api = v.api(spec);
    if v.problems.is_empty() {
        Ok(api)
    } else {
        v.problems.sort();
        Err(v.problems)
    }
}

/// The module name a spec file gets: its stem, which must be a snake_case identifier.
pub fn module_name(path: &Path) -> Result<String, Diagnostic> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if stem == "index" {
        // The docs index page is `docs/index.md`: an API page of that name would replace it.
        Err(Diagnostic::new(
            path,
            Position::new(1, 1, 1),
            "file name `index` is the name of the docs index page",
        )
        .with_help("rename the file, for example to `index_api.yaml`"))
    } else if naming::is_snake_identifier(stem) {
        Ok(stem.to_owned())
    } else {
        let suggestion = heck::ToSnakeCase::to_snake_case(stem);
        let mut d = Diagnostic::new(
            path,
            Position::new(1, 1, 1),
            format!("file name `{stem}` is not a valid Rust module name"),
        );
        d = if naming::is_snake_identifier(&suggestion) {
            d.with_help(format!("rename the file to `{suggestion}.yaml`"))
        } else {
            d.with_help(
                "name spec files in snake_case, starting with a letter, and not a Rust keyword",
            )
        };
        Err(d)
    }
}

struct Validator<'a> {
    path: &'a Path,
    problems: Diagnostics,
}

fn at<T>(s: &Spanned<T>) -> Position {
    Position::from(s.referenced)
}

impl Validator<'_> {
    fn error(&mut self, position: Position, message: impl Into<String>) -> &mut Diagnostic {
        self.problems
            .push(Diagnostic::new(self.path, position, message));
        self.problems.0.last_mut().expect("just pushed")
    }

    fn api(&mut self, spec: SpecFile) -> Api {
        let id = match module_name(self.path) {
            Ok(id) => id,
            Err(d) => {
                self.problems.push(d);
                String::new()
            }
        };
        let api_section = spec.api.value;
        if api_section.name.value.trim().is_empty() {
            self.error(at(&api_section.name), "api.name is empty");
        }
        let front_matter = api_section
            .docs
            .as_ref()
            .and_then(|d| d.front_matter.as_ref())
            .map(|m| self.front_matter(m))
            .unwrap_or_default();
        let body = spec.body.map(|b| self.body(b));
        let statuses = self.statuses(spec.statuses.unwrap_or_default());
        let mut api = Api {
            id,
            source: self.path.display().to_string().replace('\\', "/"),
            name: api_section.name.value,
            summary: api_section.summary,
            description: api_section.description,
            support: api_section.support.map(|s| Support {
                email: s.email,
                url: s.url,
            }),
            front_matter: Vec::new(),
            body,
            statuses: Vec::new(),
            errors: Vec::new(),
            rate_limits: Vec::new(),
            limits: Vec::new(),
            headers: Headers::default(),
        };
        api.front_matter = front_matter;
        let (statuses, status_examples) = statuses.into_iter().unzip::<_, _, Vec<_>, Vec<_>>();
        api.statuses = statuses;
        let (errors, error_examples) = self
            .errors(&api, spec.errors.unwrap_or_default())
            .into_iter()
            .unzip::<_, _, Vec<_>, Vec<_>>();
        api.errors = errors;
        self.check_rust_names(
            api.statuses.iter().map(|s| s.rust_name.as_str()),
            &status_examples
                .iter()
                .map(|e| e.name_at)
                .collect::<Vec<_>>(),
            "status",
        );
        self.check_rust_names(
            api.errors.iter().map(|e| e.rust_name.as_str()),
            &error_examples.iter().map(|e| e.name_at).collect::<Vec<_>>(),
            "error code",
        );
        // Examples are checked last: they may name any code of the file.
        for (index, pending) in status_examples.into_iter().enumerate() {
            let examples = self.examples(&api, Some(Owner::Status(index)), pending.examples);
            api.statuses[index].examples = examples;
            for (case_index, case_examples) in pending.case_examples.into_iter().enumerate() {
                let examples = self.examples(&api, Some(Owner::Status(index)), case_examples);
                api.statuses[index].cases[case_index].examples = examples;
            }
        }
        for (index, pending) in error_examples.into_iter().enumerate() {
            // An error whose status is not declared has nothing to check its examples against.
            let owner = pending.status_ok.then_some(Owner::Error(index));
            let examples = self.examples(&api, owner, pending.examples);
            api.errors[index].examples = examples;
        }
        api.rate_limits = self.rate_limits(&api, spec.rate_limits.unwrap_or_default());
        api.limits = self.limits(&api, spec.limits.unwrap_or_default());
        api.headers = spec.headers.map(|h| self.headers(h)).unwrap_or_default();
        api
    }

    fn body(&mut self, body: Spanned<spec::BodySection>) -> Body {
        let mut fields: Vec<BodyField> = Vec::new();
        let mut seen_roles: HashMap<Role, Position> = HashMap::new();
        let mut seen_names: HashMap<String, (String, Position)> = HashMap::new();
        let mut seen_keys: HashMap<String, Position> = HashMap::new();
        for (key, role) in body.value.fields.0 {
            if let Some(first) = seen_keys.get(&key.value).copied() {
                self.error(
                    at(&key),
                    format!("body field `{}` is declared twice", key.value),
                )
                .add_note(first, "first declared here");
                continue;
            }
            seen_keys.insert(key.value.clone(), at(&key));
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
                    .notes
                    .push(model_note(first, "the other field is here"));
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
                .notes
                .push(model_note(first, format!("`{other}` is here")));
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

    /// Parses a value spelled as one of `table`'s names, suggesting the closest on a typo.
    fn spelled<T: Copy>(
        &mut self,
        value: &Spanned<String>,
        table: &[(&'static str, T)],
        what: &str,
    ) -> Option<T> {
        if let Some((_, t)) = table.iter().find(|(name, _)| *name == value.value) {
            return Some(*t);
        }
        let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
        let help = match naming::did_you_mean(&value.value, names.iter().copied()) {
            Some(best) => format!(
                "did you mean `{best}`? expected one of: {}",
                names.join(", ")
            ),
            None => format!("expected one of: {}", names.join(", ")),
        };
        let d = self.error(at(value), format!("unknown {what} `{}`", value.value));
        d.help = Some(help);
        None
    }

    fn status_key(&mut self, key: &Spanned<spec::StatusKey>) -> Option<StatusKey> {
        match parse_status_key(&key.value) {
            Ok(parsed) => Some(parsed),
            Err(why) => {
                self.error(at(key), why).set_help(
                    "write a status code from 100 to 599 (`404`) or a class from 1xx to 5xx (`5xx`)",
                );
                None
            }
        }
    }

    fn retry(&mut self, value: Option<&Spanned<String>>, default: Retry) -> Retry {
        value
            .and_then(|v| self.spelled(v, Retry::ALL, "retry policy"))
            .unwrap_or(default)
    }

    fn statuses(
        &mut self,
        entries: spec::OrderedMap<spec::StatusKey, spec::StatusEntry>,
    ) -> Vec<(model::Status, Pending)> {
        let mut out: Vec<(model::Status, Pending)> = Vec::new();
        let mut seen: HashMap<StatusKey, Position> = HashMap::new();
        for (key, entry) in entries.0 {
            let Some(parsed) = self.status_key(&key) else {
                continue;
            };
            if let Some(first) = seen.get(&parsed).copied() {
                self.error(at(&key), format!("status {parsed} is declared twice"))
                    .add_note(first, "first declared here")
                    .set_help("keep one entry per status; several cases of one status go under its `cases:`");
                continue;
            }
            seen.insert(parsed, at(&key));
            let entry = entry.value;
            if entry.title.value.trim().is_empty() {
                self.error(at(&entry.title), "status title is empty");
            }
            let (rust_name, name_at) = match &entry.rust_name {
                Some(explicit) => {
                    self.check_rust_name(explicit);
                    (explicit.value.clone(), at(explicit))
                }
                None => {
                    let fallback = match parsed {
                        StatusKey::Code(c) => format!("Status{c}"),
                        StatusKey::Class(n) => format!("Status{n}xx"),
                    };
                    let name =
                        naming::variant_name(&entry.title.value, "Status").unwrap_or(fallback);
                    (name, at(&entry.title))
                }
            };
            let retry = self.retry(entry.retry.as_ref(), crate::model::default_retry(parsed));
            let mut case_examples = Vec::new();
            let mut cases = Vec::new();
            for case in entry.cases.unwrap_or_default() {
                let case = case.value;
                if case.title.value.trim().is_empty() {
                    self.error(at(&case.title), "case title is empty");
                }
                case_examples.push(self.example_list(case.example, case.examples));
                cases.push(Case {
                    title: case.title.value,
                    description: case.description,
                    debugging: case.debugging.unwrap_or_default(),
                    examples: Vec::new(),
                });
            }
            let examples = self.example_list(entry.example, entry.examples);
            let title = entry.title.value;
            out.push((
                model::Status {
                    key: parsed,
                    message: entry.message.unwrap_or_else(|| title.clone()),
                    reason: entry.reason.unwrap_or_else(|| title.clone()),
                    title,
                    rust_name,
                    description: entry.description,
                    when: entry.when,
                    debugging: entry.debugging.unwrap_or_default(),
                    retry,
                    examples: Vec::new(),
                    cases,
                },
                Pending {
                    name_at,
                    status_ok: true,
                    examples,
                    case_examples,
                },
            ));
        }
        out
    }

    /// `example:` and `examples:` together, in that order.
    fn example_list(
        &mut self,
        one: Option<Spanned<spec::Value>>,
        many: Option<Vec<Spanned<spec::Value>>>,
    ) -> Vec<Spanned<spec::Value>> {
        one.into_iter().chain(many.unwrap_or_default()).collect()
    }

    /// The index of the declared status `key` names.
    fn status_ref(&mut self, api: &Api, key: &Spanned<spec::StatusKey>) -> Option<usize> {
        let parsed = self.status_key(key)?;
        let found = api.statuses.iter().position(|s| s.key == parsed);
        if found.is_none() {
            let declared: Vec<String> = api.statuses.iter().map(|s| s.key.to_string()).collect();
            let help = if declared.is_empty() {
                format!("declare it under `statuses:`, e.g. `{parsed}: {{ title: ... }}`")
            } else {
                format!(
                    "declare it under `statuses:`; declared: {}",
                    declared.join(", ")
                )
            };
            self.error(at(key), format!("status {parsed} is not declared"))
                .help = Some(help);
        }
        found
    }

    /// The index of the declared error code `code` names.
    fn error_ref(&mut self, api: &Api, code: &Spanned<String>) -> Option<usize> {
        let found = api.errors.iter().position(|e| e.code == code.value);
        if found.is_none() {
            let suggestion =
                naming::did_you_mean(&code.value, api.errors.iter().map(|e| e.code.as_str()));
            let d = self.error(
                at(code),
                format!("error code `{}` is not declared", code.value),
            );
            d.help = Some(match suggestion {
                Some(best) => format!("did you mean `{best}`?"),
                None => "declare it under `errors:`".to_owned(),
            });
        }
        found
    }

    fn errors(
        &mut self,
        api: &Api,
        entries: spec::OrderedMap<String, spec::ErrorEntry>,
    ) -> Vec<(ErrorDef, Pending)> {
        let mut out: Vec<(ErrorDef, Pending)> = Vec::new();
        let mut seen: HashMap<String, Position> = HashMap::new();
        for (code, entry) in entries.0 {
            if let Some(first) = seen.get(&code.value).copied() {
                self.error(
                    at(&code),
                    format!("error code `{}` is declared twice", code.value),
                )
                .add_note(first, "first declared here")
                .set_help("keep one entry per wire code");
                continue;
            }
            seen.insert(code.value.clone(), at(&code));
            let entry = entry.value;
            if code.value.is_empty() {
                self.error(at(&code), "error code is empty").set_help(
                    "write the code exactly as clients receive it, such as `INVALID_TOKEN`",
                );
            }
            let status = self.status_ref(api, &entry.status);
            let (rust_name, name_at) = match &entry.rust_name {
                Some(explicit) => {
                    self.check_rust_name(explicit);
                    (explicit.value.clone(), at(explicit))
                }
                None => match naming::variant_name(&code.value, "Code") {
                    Some(name) => (name, at(&code)),
                    None if code.value.is_empty() => (String::new(), at(&code)),
                    None => {
                        self.error(
                            at(&code),
                            format!("error code `{}` has no ASCII letter or digit to name a Rust variant after", code.value),
                        )
                        .help = Some("give it a `rust_name:`, such as `rust_name: PaymentDeclined`".into());
                        (String::new(), at(&code))
                    }
                },
            };
            let default_retry = status.map_or(Retry::Never, |s| api.statuses[s].retry);
            let retry = self.retry(entry.retry.as_ref(), default_retry);
            let examples = self.example_list(entry.example, entry.examples);
            out.push((
                ErrorDef {
                    code: code.value,
                    rust_name,
                    status: status.unwrap_or(0),
                    message: entry.message.value,
                    description: entry.description,
                    causes: entry.causes.unwrap_or_default(),
                    resolution: entry.resolution.unwrap_or_default(),
                    retry,
                    deprecated: match entry.deprecated {
                        None | Some(spec::Deprecated::Flag(false)) => None,
                        Some(spec::Deprecated::Flag(true)) => Some(String::new()),
                        Some(spec::Deprecated::Reason(r)) => Some(r),
                    },
                    examples: Vec::new(),
                },
                Pending {
                    name_at,
                    status_ok: status.is_some(),
                    examples,
                    case_examples: Vec::new(),
                },
            ));
        }
        out
    }

    /// An explicit `rust_name` must be a usable variant name; the help suggests one.
    fn check_rust_name(&mut self, name: &Spanned<String>) {
        if let Err(why) = naming::check_variant_name(&name.value) {
            let help = match naming::variant_name(&name.value, "Variant") {
                Some(fixed) if fixed != name.value && naming::check_variant_name(&fixed).is_ok() => {
                    format!("write it in UpperCamelCase of ASCII letters and digits, such as `rust_name: {fixed}`")
                }
                _ => "write it in UpperCamelCase of ASCII letters and digits, such as `rust_name: PaymentDeclined`".to_owned(),
            };
            self.error(at(name), why).set_help(help);
        }
    }

    /// Two entries that become the same Rust identifier: both lines are named.
    fn check_rust_names<'n>(
        &mut self,
        names: impl Iterator<Item = &'n str>,
        positions: &[Position],
        what: &str,
    ) {
        let mut seen: HashMap<&str, Position> = HashMap::new();
        for (name, position) in names.zip(positions.iter().copied()) {
            if name.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(name).copied() {
                let d = self.error(
                    position,
                    format!(
                        "this {what} and the one at line {} both become the Rust variant `{name}`",
                        first.line
                    ),
                );
                d.notes
                    .push(model_note(first, format!("`{name}` is first taken here")));
                d.help = Some("give one of them a different `rust_name:`".into());
            } else {
                seen.insert(name, position);
            }
        }
    }

    fn examples(
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
    fn example(&mut self, api: &Api, owner: Owner, example: &Spanned<spec::Value>) {
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
    fn json(&mut self, value: &Spanned<spec::Value>) -> serde_json::Value {
        self.duplicate_keys(value);
        value_to_json(&value.value)
    }

    fn duplicate_keys(&mut self, value: &Spanned<spec::Value>) {
        match &value.value {
            spec::Value::Map(entries) => {
                let mut seen: HashMap<&str, Position> = HashMap::new();
                for (key, item) in &entries.0 {
                    if let Some(first) = seen.get(key.value.as_str()).copied() {
                        self.error(at(key), format!("key `{}` is given twice", key.value))
                            .add_note(first, "first given here")
                            .set_help("remove one of them");
                    } else {
                        seen.insert(&key.value, at(key));
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
    fn front_matter(
        &mut self,
        entries: &spec::OrderedMap<String, spec::Value>,
    ) -> Vec<(String, serde_json::Value)> {
        let mut seen: HashMap<&str, Position> = HashMap::new();
        let mut out = Vec::new();
        for (key, value) in &entries.0 {
            if let Some(first) = seen.get(key.value.as_str()).copied() {
                self.error(
                    at(key),
                    format!("front matter key `{}` is given twice", key.value),
                )
                .add_note(first, "first given here");
                continue;
            }
            seen.insert(&key.value, at(key));
            out.push((key.value.clone(), self.json(value)));
        }
        out
    }

    fn rate_limits(
        &mut self,
        api: &Api,
        entries: Vec<Spanned<spec::RateLimitEntry>>,
    ) -> Vec<RateLimit> {
        let mut out: Vec<RateLimit> = Vec::new();
        let mut seen: HashMap<String, Position> = HashMap::new();
        for entry in entries {
            let entry = entry.value;
            let name = &entry.name;
            if !naming::is_snake_identifier(&name.value) {
                self.error(
                    at(name),
                    format!("rate limit name `{}` is not snake_case", name.value),
                )
                .help = Some("use a snake_case name such as `per_minute`".into());
            } else if let Some(first) = seen.get(&name.value).copied() {
                self.error(
                    at(name),
                    format!("rate limit `{}` is declared twice", name.value),
                )
                .notes
                .push(model_note(first, "first declared here"));
            } else if name.value == "rate_limits" {
                self.error(
                    at(name),
                    "rate limit `rate_limits` would clash with the constant `RATE_LIMITS`",
                )
                .help =
                    Some("`limits::RATE_LIMITS` lists every rate limit: rename this one".into());
            }
            seen.insert(name.value.clone(), at(name));
            let requests = match u32::try_from(entry.requests.value) {
                Ok(n) if n > 0 => n,
                _ => {
                    let n = entry.requests.value;
                    let why = if n <= 0 {
                        "a rate limit allows at least one request"
                    } else {
                        "that is more than a rate limit can count"
                    };
                    self.error(
                        at(&entry.requests),
                        format!("`requests: {n}` is out of range: {why}"),
                    )
                    .set_help(format!("write a whole number from 1 to {}", u32::MAX));
                    1
                }
            };
            let window = self
                .duration(&entry.window)
                .unwrap_or(Duration::from_secs(1));
            let scope = self
                .spelled(&entry.scope, Scope::ALL, "rate limit scope")
                .unwrap_or(Scope::Total);
            let status = entry.status.as_ref().and_then(|s| self.status_ref(api, s));
            let error = entry.error.as_ref().and_then(|e| self.error_ref(api, e));
            self.check_error_status(api, entry.error.as_ref(), error, status);
            out.push(RateLimit {
                const_name: naming::const_name(&name.value),
                name: name.value.clone(),
                requests,
                window,
                scope,
                status,
                error,
                description: entry.description,
            });
        }
        out
    }

    /// A limit that names both an error and a status must name the error's own status.
    fn check_error_status(
        &mut self,
        api: &Api,
        code: Option<&Spanned<String>>,
        error: Option<usize>,
        status: Option<usize>,
    ) {
        if let (Some(code), Some(e), Some(s)) = (code, error, status)
            && api.errors[e].status != s
        {
            let own = api.statuses[api.errors[e].status].key;
            let named = api.statuses[s].key;
            self.error(
                at(code),
                format!(
                    "error `{}` is sent with status {own}, but this limit says {named}",
                    code.value
                ),
            );
        }
    }

    fn limits(
        &mut self,
        api: &Api,
        entries: spec::OrderedMap<String, spec::LimitEntry>,
    ) -> Vec<Limit> {
        let mut out: Vec<Limit> = Vec::new();
        let taken: Vec<String> = api
            .rate_limits
            .iter()
            .map(|r| r.const_name.clone())
            .collect();
        let mut seen: HashMap<String, Position> = HashMap::new();
        for (name, entry) in entries.0 {
            let entry = entry.value;
            let const_name = naming::const_name(&name.value);
            if let Some(first) = seen.get(&name.value).copied() {
                self.error(
                    at(&name),
                    format!("limit `{}` is declared twice", name.value),
                )
                .add_note(first, "first declared here");
                continue;
            }
            seen.insert(name.value.clone(), at(&name));
            if !naming::is_snake_identifier(&name.value) {
                self.error(
                    at(&name),
                    format!("limit name `{}` is not snake_case", name.value),
                );
            } else if taken.contains(&const_name) || const_name == "RATE_LIMITS" {
                self.error(
                    at(&name),
                    format!(
                        "limit `{}` would clash with the constant `{const_name}`",
                        name.value
                    ),
                );
            }
            let value = match &entry.value.value {
                Scalar::Int(n) if *n > 0 => Some(LimitValue::Count(n.unsigned_abs())),
                Scalar::Int(n) => {
                    self.error(
                        at(&entry.value),
                        format!("limit value {n} is out of range: a limit must be positive"),
                    )
                    .set_help("write a whole number from 1 up, or a duration such as `5m`");
                    None
                }
                Scalar::Float(_) => {
                    self.error(
                        at(&entry.value),
                        "a limit must be a whole number or a duration such as 5m",
                    );
                    None
                }
                Scalar::Text(_) => self.duration(&entry.value).map(LimitValue::Duration),
            };
            let status = entry.status.as_ref().and_then(|s| self.status_ref(api, s));
            let error = entry.error.as_ref().and_then(|e| self.error_ref(api, e));
            self.check_error_status(api, entry.error.as_ref(), error, status);
            out.push(Limit {
                name: name.value,
                const_name,
                value: value.unwrap_or(LimitValue::Count(1)),
                header: entry.header,
                error,
                status,
                description: entry.description,
            });
        }
        out
    }

    fn duration(&mut self, value: &Spanned<Scalar>) -> Option<Duration> {
        let parsed = match &value.value {
            Scalar::Text(t) => parse_duration(t),
            Scalar::Int(_) | Scalar::Float(_) => Err("a duration needs a unit".to_owned()),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(why) => {
                let shown = match &value.value {
                    Scalar::Int(n) => n.to_string(),
                    Scalar::Float(f) => f.to_string(),
                    Scalar::Text(t) => t.clone(),
                };
                self.error(at(value), format!("invalid duration `{shown}`: {why}"))
                    .help = Some("write a positive whole number and a unit: ms, s, m, h or d (`90s`, `5m`, `1h`)".into());
                None
            }
        }
    }

    fn headers(&mut self, headers: Spanned<spec::HeadersSection>) -> Headers {
        let h = headers.value;
        let plain = |entry: Option<Spanned<spec::HeaderEntry>>, this: &mut Self| {
            entry.map(|e| {
                if let Some(format) = &e.value.format {
                    this.error(
                        at(format),
                        format!(
                            "header `{}` takes no `format` (only `reset` does)",
                            e.value.name
                        ),
                    );
                }
                this.header_name(&e);
                Header {
                    name: e.value.name,
                    description: e.value.description,
                }
            })
        };
        let limit = plain(h.limit, self);
        let remaining = plain(h.remaining, self);
        let retry_after = plain(h.retry_after, self);
        let reset = h.reset.and_then(|e| {
            self.header_name(&e);
            let format = match &e.value.format {
                None => {
                    self.error(at(&e), format!("reset header `{}` needs a `format`", e.value.name))
                        .help = Some("write `reset: { name: ..., format: unix_seconds }` or `format: delta_seconds`".into());
                    None
                }
                Some(f) => self.spelled(f, ResetFormat::ALL, "reset header format"),
            }?;
            Some((Header { name: e.value.name, description: e.value.description }, format))
        });
        Headers {
            limit,
            remaining,
            reset,
            retry_after,
        }
    }

    /// Header names are HTTP tokens: printable ASCII without separators.
    fn header_name(&mut self, entry: &Spanned<spec::HeaderEntry>) {
        let name = &entry.value.name;
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !valid {
            self.error(
                at(entry),
                format!("`{name}` is not a valid HTTP header name"),
            );
        }
    }
}

/// What an example documents.
#[derive(Clone, Copy)]
enum Owner {
    Status(usize),
    Error(usize),
}

/// Examples and name positions held back until every code of the file is known.
struct Pending {
    name_at: Position,
    /// Whether the owner's status is known (always, for a status).
    status_ok: bool,
    examples: Vec<Spanned<spec::Value>>,
    case_examples: Vec<Vec<Spanned<spec::Value>>>,
}

fn model_note(position: Position, message: impl Into<String>) -> crate::diagnostic::Note {
    crate::diagnostic::Note {
        position,
        message: message.into(),
    }
}

/// The JSON form of a YAML value. Numbers that JSON cannot hold (the parser already refuses
/// NaN and infinities) become `null`.
fn value_to_json(value: &spec::Value) -> serde_json::Value {
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
fn example_field_problem(
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

/// A status key as written: a code 100..=599, or a class `1xx`..`5xx` (any case), or the text
/// of a code (`"404"`, which is the same status as `404`).
pub fn parse_status_key(key: &spec::StatusKey) -> Result<StatusKey, String> {
    let code = |c: i64, shown: &str| match u16::try_from(c) {
        Ok(c) if (100..=599).contains(&c) => Ok(StatusKey::Code(c)),
        _ => Err(format!(
            "status {shown} is out of range: HTTP status codes run from 100 to 599"
        )),
    };
    match key {
        spec::StatusKey::Code(c) => code(*c, &c.to_string()),
        spec::StatusKey::Text(t) => {
            let lower = t.trim().to_ascii_lowercase();
            if let Some(digit) = lower.strip_suffix("xx") {
                return match digit.as_bytes() {
                    [d @ b'1'..=b'5'] => Ok(StatusKey::Class(d - b'0')),
                    _ => Err(format!(
                        "`{t}` is not a status class: classes run from 1xx to 5xx"
                    )),
                };
            }
            match lower.parse::<i64>() {
                Ok(c) => code(c, &format!("`{t}`")),
                Err(_) => Err(format!(
                    "`{t}` is not an HTTP status: expected a code from 100 to 599 or a class from 1xx to 5xx"
                )),
            }
        }
    }
}

/// Parses `90s`, `5m`, `1h`, `500ms`, `1d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err("a duration must be positive".into());
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    if digits.is_empty() {
        return Err("expected a number followed by a unit".into());
    }
    let n: u64 = digits.parse().map_err(|_| "number too large".to_owned())?;
    if n == 0 {
        return Err("a duration must be longer than zero".into());
    }
    let per_unit_ms: u64 = match unit.trim() {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "" => return Err("missing unit".into()),
        other => return Err(format!("unknown unit `{other}`")),
    };
    n.checked_mul(per_unit_ms)
        .map(Duration::from_millis)
        .ok_or_else(|| "duration too long".to_owned())
}
