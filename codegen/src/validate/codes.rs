//! Statuses and error codes: keys, titles, retry policies, cases, Rust names and the
//! references between codes and statuses.

use super::*;

/// Examples held back until every code of the file is known.
type HeldExamples = Vec<Spanned<spec::Value>>;

impl Validator<'_> {
    pub(super) fn statuses(
        &mut self,
        body: Option<&Body>,
        entries: spec::OrderedMap<spec::StatusKey, spec::StatusEntry>,
    ) -> Vec<(model::Status, Pending)> {
        let mut out: Vec<(model::Status, Pending)> = Vec::new();
        let mut seen = FirstSeen::new();
        for (key, entry) in entries.0 {
            let Some(parsed) = self.status_key(&key) else {
                continue;
            };
            if let Some(first) = seen.again(parsed, at(&key)) {
                let message = STATUS_TWICE.with("status", parsed);
                self.twice(at(&key), first, "declared", message);
                continue;
            }
            out.push(self.status(body, parsed, entry.value));
        }
        out
    }

    /// One status whose key is valid and declared once.
    fn status(
        &mut self,
        body: Option<&Body>,
        parsed: StatusKey,
        entry: spec::StatusEntry,
    ) -> (model::Status, Pending) {
        if entry.title.value.trim().is_empty() {
            self.error(at(&entry.title), &STATUS_TITLE_EMPTY);
        }
        let (rust_name, name_at) = self.status_rust_name(parsed, &entry);
        let retry = self.retry(entry.retry.as_ref(), crate::model::default_retry(parsed));
        let (cases, case_examples) = self.cases(entry.cases.unwrap_or_default());
        let examples = self.example_list(entry.example, entry.examples);
        let field_values = entry
            .fields
            .map(|values| self.field_values(body, values))
            .unwrap_or_default();
        let title = entry.title.value;
        let status = model::Status {
            key: parsed,
            message: entry.message.unwrap_or_else(|| title.clone()),
            reason: entry.reason.unwrap_or_else(|| title.clone()),
            title,
            rust_name,
            description: entry.description,
            when: entry.when,
            debugging: entry.debugging.unwrap_or_default(),
            retry,
            grpc: self.grpc(entry.grpc.as_ref()),
            examples: Vec::new(),
            cases,
            field_values,
        };
        let pending = Pending {
            name_at,
            key_at: name_at,
            status_ok: true,
            examples,
            case_examples,
            replaced_by: None,
        };
        (status, pending)
    }

    /// A status's Rust name, and where it comes from: its `rust_name`, else its title, else
    /// its key.
    fn status_rust_name(
        &mut self,
        parsed: StatusKey,
        entry: &spec::StatusEntry,
    ) -> (String, Position) {
        if let Some(explicit) = &entry.rust_name {
            return self.explicit_rust_name(explicit);
        }
        let fallback = match parsed {
            StatusKey::Code(c) => format!("Status{c}"),
            StatusKey::Class(n) => format!("Status{n}xx"),
        };
        let name = naming::variant_name(&entry.title.value, "Status").unwrap_or(fallback);
        (name, at(&entry.title))
    }

    /// A status's `cases:`, and the examples of each, checked once every code is known.
    fn cases(&mut self, entries: Vec<Spanned<spec::CaseEntry>>) -> (Vec<Case>, Vec<HeldExamples>) {
        let mut case_examples = Vec::new();
        let mut cases = Vec::new();
        for case in entries {
            let case = case.value;
            if case.title.value.trim().is_empty() {
                self.error(at(&case.title), &CASE_TITLE_EMPTY);
            }
            case_examples.push(self.example_list(case.example, case.examples));
            cases.push(Case {
                title: case.title.value,
                description: case.description,
                debugging: case.debugging.unwrap_or_default(),
                examples: Vec::new(),
            });
        }
        (cases, case_examples)
    }

    /// `example:` and `examples:` together, in that order.
    pub(super) fn example_list(
        &mut self,
        one: Option<Spanned<spec::Value>>,
        many: Option<HeldExamples>,
    ) -> HeldExamples {
        one.into_iter().chain(many.unwrap_or_default()).collect()
    }

    pub(super) fn errors(
        &mut self,
        api: &Api,
        entries: spec::OrderedMap<String, spec::ErrorEntry>,
    ) -> Vec<(ErrorDef, Pending)> {
        let mut out: Vec<(ErrorDef, Pending)> = Vec::new();
        let mut seen = FirstSeen::new();
        for (code, entry) in entries.0 {
            if let Some(first) = seen.again(code.value.clone(), at(&code)) {
                let message = CODE_TWICE.with("code", &code.value);
                self.twice(at(&code), first, "declared", message);
                continue;
            }
            out.push(self.error_def(api, code, entry.value));
        }
        out
    }

    /// One error code declared once.
    fn error_def(
        &mut self,
        api: &Api,
        code: Spanned<String>,
        entry: spec::ErrorEntry,
    ) -> (ErrorDef, Pending) {
        if code.value.is_empty() {
            self.error(at(&code), &CODE_EMPTY);
        }
        let status = self.status_ref(api, &entry.status);
        let (rust_name, name_at) = self.error_rust_name(&code, entry.rust_name.as_ref());
        let default_retry = status.map_or(Retry::Never, |s| api.statuses[s].retry);
        let retry = self.retry(entry.retry.as_ref(), default_retry);
        let examples = self.example_list(entry.example, entry.examples);
        let field_values = self.error_field_values(api, status, entry.fields);
        let patterns = self.patterns(api, &entry.message, entry.patterns);
        let key_at = at(&code);
        let mut deprecated = match entry.deprecated {
            None | Some(spec::Deprecated::Flag(false)) => None,
            Some(spec::Deprecated::Flag(true)) => Some(String::new()),
            Some(spec::Deprecated::Reason(r)) => Some(r),
        };
        let (retired, replaced_by) = match entry.retired {
            Some(retired) => self.retired(retired, &mut deprecated),
            None => (None, None),
        };
        let error = ErrorDef {
            code: code.value,
            rust_name,
            status: status.unwrap_or(0),
            message: entry.message.value,
            description: entry.description,
            causes: entry.causes.unwrap_or_default(),
            resolution: entry.resolution.unwrap_or_default(),
            retry,
            grpc: self.grpc(entry.grpc.as_ref()),
            deprecated,
            retired,
            examples: Vec::new(),
            field_values,
            patterns,
        };
        let pending = Pending {
            name_at,
            key_at,
            status_ok: status.is_some(),
            examples,
            case_examples: Vec::new(),
            replaced_by,
        };
        (error, pending)
    }

    /// An error code's Rust name, and where it comes from: its `rust_name`, else its code.
    fn error_rust_name(
        &mut self,
        code: &Spanned<String>,
        explicit: Option<&Spanned<String>>,
    ) -> (String, Position) {
        if let Some(explicit) = explicit {
            return self.explicit_rust_name(explicit);
        }
        match naming::variant_name(&code.value, "Code") {
            Some(name) => (name, at(code)),
            None if code.value.is_empty() => (String::new(), at(code)),
            None => {
                self.error(at(code), CODE_UNNAMEABLE.with("code", &code.value));
                (String::new(), at(code))
            }
        }
    }

    /// An error code's `fields:` values, then those of its status it does not override.
    fn error_field_values(
        &mut self,
        api: &Api,
        status: Option<usize>,
        fields: Option<spec::OrderedMap<String, String>>,
    ) -> Vec<(usize, String)> {
        let mut field_values = fields
            .map(|values| self.field_values(api.body.as_ref(), values))
            .unwrap_or_default();
        // A code says what its status says, unless it says otherwise.
        if let Some(status) = status {
            for (index, value) in &api.statuses[status].field_values {
                if !field_values.iter().any(|(i, _)| i == index) {
                    field_values.push((*index, value.clone()));
                }
            }
        }
        field_values
    }

    /// A code's `retired:`, and its `replaced_by` left to resolve once every code is known.
    /// A retired code reads as deprecated since its retirement, so `deprecated` is set.
    fn retired(
        &mut self,
        retired: Spanned<spec::RetiredEntry>,
        deprecated: &mut Option<String>,
    ) -> (Option<Retired>, Option<Spanned<String>>) {
        let retired_at = at(&retired);
        let spec::RetiredEntry { since, replaced_by } = retired.value;
        if since.value.trim().is_empty() {
            self.error(at(&since), &RETIRED_SINCE_EMPTY);
        }
        if deprecated.is_some() {
            self.error(retired_at, &RETIRED_AND_DEPRECATED);
        }
        *deprecated = Some(format!("retired since {}", since.value));
        let retired = Retired {
            since: since.value,
            replaced_by: None,
        };
        (Some(retired), replaced_by)
    }

    /// Resolves each retired code's `replaced_by`, once every code is known: the replacement
    /// must be another code that is not retired itself.
    pub(super) fn replacements(&mut self, api: &mut Api, pending: &mut [Pending]) {
        for (index, p) in pending.iter_mut().enumerate() {
            let Some(name) = p.replaced_by.take() else {
                continue;
            };
            let Some(target) = self.error_ref(api, &name) else {
                continue;
            };
            if target == index {
                self.error(at(&name), &REPLACED_BY_ITSELF);
            } else if api.errors[target].retired.is_some() {
                let next = api.errors[target]
                    .retired
                    .as_ref()
                    .and_then(|r| r.replaced_by)
                    .map(|next| &api.errors[next].code);
                let message = REPLACED_BY_RETIRED
                    .with("code", &name.value)
                    .with_some("next", next);
                self.error(at(&name), message);
            } else {
                let replacement = api.errors[target].code.clone();
                let error = &mut api.errors[index];
                if let Some(retired) = error.retired.as_mut() {
                    retired.replaced_by = Some(target);
                    error.deprecated = Some(format!(
                        "retired since {}; use `{replacement}` instead",
                        retired.since
                    ));
                }
            }
        }
    }

    /// An explicit `rust_name`, with where it is written. It must be a usable variant name;
    /// the help suggests one.
    fn explicit_rust_name(&mut self, name: &Spanned<String>) -> (String, Position) {
        if let Err(rule) = naming::check_variant_name(&name.value) {
            let suggestion = match naming::variant_name(&name.value, "Variant") {
                Some(fixed)
                    if fixed != name.value && naming::check_variant_name(&fixed).is_ok() =>
                {
                    fixed
                }
                _ => "PaymentDeclined".to_owned(),
            };
            let mut message = rule.with("suggestion", suggestion);
            // An empty name is not quoted back: `rust-name-empty` has no `{name}`.
            if rule.holes().contains(&"name") {
                message = message.with("name", &name.value);
            }
            self.error(at(name), message);
        }
        (name.value.clone(), at(name))
    }

    /// Two entries that become the same Rust identifier: both lines are named.
    pub(super) fn check_rust_names<'n>(
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
                let message = RUST_NAME_CLASH
                    .with("what", what)
                    .with("line", first.line)
                    .with("rust_name", name);
                self.error(position, message)
                    .add_note(first, format!("`{name}` is first taken here"));
            } else {
                seen.insert(name, position);
            }
        }
    }
}
