//! Stage 2: check a parsed [`SpecFile`] and build the [`model::Api`] the emitters use.
//!
//! Every rule reports at the exact line and column of the offending value, and every problem
//! of a file is reported in one run: validation keeps going after the first problem and only
//! fails at the end.

use crate::diagnostic::rules::{Message, Rule, catalog::*, files::*, limits::*};
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::load::spec::{self, Scalar, Spanned, SpecFile};
use crate::model::{
    self, Api, Body, BodyField, Case, ErrorDef, Header, Headers, Limit, LimitValue, RateLimit,
    ResetFormat, Retired, Retry, Role, Scope, StatusKey, Support,
};
use crate::naming;
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

mod answers;
mod body;
mod code_lists;
mod codes;
mod examples;
mod limits;
mod parse;
mod patterns;

pub use parse::{parse_duration, parse_status_key};

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
            &FILE_NAME_INDEX,
        ))
    } else if naming::is_snake_identifier(stem) {
        Ok(stem.to_owned())
    } else {
        let suggestion = heck::ToSnakeCase::to_snake_case(stem);
        let message = FILE_NAME_INVALID.with("stem", stem).with_some(
            "suggestion",
            naming::is_snake_identifier(&suggestion).then_some(suggestion),
        );
        Err(Diagnostic::new(path, Position::new(1, 1, 1), message))
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
    /// Records a rule broken at `position`.
    pub(super) fn error(
        &mut self,
        position: Position,
        message: impl Into<Message>,
    ) -> &mut Diagnostic {
        self.problems
            .push(Diagnostic::new(self.path, position, message));
        self.problems.0.last_mut().expect("just pushed")
    }

    pub(super) fn api(&mut self, spec: SpecFile) -> Api {
        let mut api = self.api_section(spec.api.value, spec.body);
        let (statuses, status_pending) = self
            .statuses(api.body.as_ref(), spec.statuses.unwrap_or_default())
            .into_iter()
            .unzip::<_, _, Vec<_>, Vec<_>>();
        api.statuses = statuses;
        let (errors, mut error_pending) = self
            .errors(&api, spec.errors.unwrap_or_default())
            .into_iter()
            .unzip::<_, _, Vec<_>, Vec<_>>();
        api.errors = errors;
        self.replacements(&mut api, &mut error_pending);
        self.code_clashes(&api, &status_pending, &error_pending);
        // Examples are checked last: they may name any code of the file.
        self.held_examples(&mut api, status_pending, error_pending);
        api.rate_limits = self.rate_limits(&api, spec.rate_limits.unwrap_or_default());
        api.limits = self.limits(&api, spec.limits.unwrap_or_default());
        api.headers = spec.headers.map(|h| self.headers(h)).unwrap_or_default();
        api.answers = spec
            .answers
            .map(|a| self.answers(&api, a))
            .unwrap_or_default();
        api
    }

    /// The `api:` section and the body, in a model that declares nothing yet: statuses and
    /// codes are checked against the body, so it comes first.
    fn api_section(
        &mut self,
        section: spec::ApiSection,
        body: Option<Spanned<spec::BodySection>>,
    ) -> Api {
        let id = match module_name(self.path) {
            Ok(id) => id,
            Err(d) => {
                self.problems.push(d);
                String::new()
            }
        };
        if section.name.value.trim().is_empty() {
            self.error(at(&section.name), &API_NAME_EMPTY);
        }
        let front_matter = section
            .docs
            .as_ref()
            .and_then(|d| d.front_matter.as_ref())
            .map(|m| self.front_matter(m))
            .unwrap_or_default();
        let site_url = section
            .docs
            .as_ref()
            .and_then(|d| d.site_url.as_ref())
            .and_then(|url| self.site_url(url));
        let body = body.map(|b| self.body(b));
        Api {
            id,
            source: self.path.display().to_string().replace('\\', "/"),
            name: section.name.value,
            summary: section.summary,
            description: section.description,
            support: section.support.map(|s| Support {
                email: s.email,
                url: s.url,
            }),
            front_matter,
            site_url,
            body,
            statuses: Vec::new(),
            errors: Vec::new(),
            rate_limits: Vec::new(),
            limits: Vec::new(),
            headers: Headers::default(),
            answers: model::Answers::default(),
        }
    }

    /// Codes whose message patterns overlap, and statuses or codes that share a Rust name:
    /// both can only be seen once every status and code is known.
    fn code_clashes(&mut self, api: &Api, statuses: &[Pending], errors: &[Pending]) {
        self.patterns_overlap(api, &errors.iter().map(|e| e.key_at).collect::<Vec<_>>());
        self.check_rust_names(
            api.statuses.iter().map(|s| s.rust_name.as_str()),
            &statuses.iter().map(|e| e.name_at).collect::<Vec<_>>(),
            "status",
        );
        self.check_rust_names(
            api.errors.iter().map(|e| e.rust_name.as_str()),
            &errors.iter().map(|e| e.name_at).collect::<Vec<_>>(),
            "error code",
        );
    }

    /// Checks the examples held back for each status, case and code, and gives them to it.
    fn held_examples(&mut self, api: &mut Api, statuses: Vec<Pending>, errors: Vec<Pending>) {
        for (index, pending) in statuses.into_iter().enumerate() {
            let examples = self.examples(api, Some(Owner::Status(index)), pending.examples);
            api.statuses[index].examples = examples;
            for (case_index, case_examples) in pending.case_examples.into_iter().enumerate() {
                let examples = self.examples(api, Some(Owner::Status(index)), case_examples);
                api.statuses[index].cases[case_index].examples = examples;
            }
        }
        for (index, pending) in errors.into_iter().enumerate() {
            // An error whose status is not declared has nothing to check its examples against.
            let owner = pending.status_ok.then_some(Owner::Error(index));
            let examples = self.examples(api, owner, pending.examples);
            api.errors[index].examples = examples;
        }
    }

    /// `api.docs.site_url`: an `http` or `https` URL without spaces, quotes or angle
    /// brackets, given back ending in `/`.
    fn site_url(&mut self, url: &Spanned<String>) -> Option<String> {
        let text = url.value.trim();
        let lower = text.to_ascii_lowercase();
        let web = lower.starts_with("https://") || lower.starts_with("http://");
        let clean = !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\#?".contains(c));
        if web && clean && text.len() > "https://".len() {
            Some(if text.ends_with('/') {
                text.to_owned()
            } else {
                format!("{text}/")
            })
        } else {
            self.error(at(url), SITE_URL_INVALID.with("url", &url.value));
            None
        }
    }

    /// Parses a value spelled as one of `table`'s names, suggesting the closest on a typo;
    /// `unknown` is the rule a value that is none of them breaks.
    pub(super) fn spelled<T: Copy>(
        &mut self,
        value: &Spanned<String>,
        table: &[(&'static str, T)],
        unknown: &'static Rule,
    ) -> Option<T> {
        if let Some((_, t)) = table.iter().find(|(name, _)| *name == value.value) {
            return Some(*t);
        }
        let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
        let message = unknown
            .with("value", &value.value)
            .with("expected", names.join(", "))
            .with_some(
                "best",
                naming::did_you_mean(&value.value, names.iter().copied()),
            );
        self.error(at(value), message);
        None
    }

    pub(super) fn status_key(&mut self, key: &Spanned<spec::StatusKey>) -> Option<StatusKey> {
        match parse_status_key(&key.value) {
            Ok(parsed) => Some(parsed),
            Err(problem) => {
                self.error(at(key), problem);
                None
            }
        }
    }

    pub(super) fn retry(&mut self, value: Option<&Spanned<String>>, default: Retry) -> Retry {
        value
            .and_then(|v| self.spelled(v, Retry::ALL, &RETRY_UNKNOWN))
            .unwrap_or(default)
    }

    /// A status's or code's `grpc:`, a `google.rpc.Code` name.
    pub(super) fn grpc(&mut self, value: Option<&Spanned<String>>) -> Option<model::GrpcCode> {
        value.and_then(|v| self.spelled(v, model::GrpcCode::ALL, &GRPC_UNKNOWN))
    }

    /// The index of the declared status `key` names.
    pub(super) fn status_ref(
        &mut self,
        api: &Api,
        key: &Spanned<spec::StatusKey>,
    ) -> Option<usize> {
        let parsed = self.status_key(key)?;
        let found = api.statuses.iter().position(|s| s.key == parsed);
        if found.is_none() {
            let declared: Vec<String> = api.statuses.iter().map(|s| s.key.to_string()).collect();
            let message = STATUS_UNDECLARED.with("status", parsed).with_some(
                "declared",
                (!declared.is_empty()).then(|| declared.join(", ")),
            );
            self.error(at(key), message);
        }
        found
    }

    /// The index of the declared error code `code` names.
    pub(super) fn error_ref(&mut self, api: &Api, code: &Spanned<String>) -> Option<usize> {
        let found = api.errors.iter().position(|e| e.code == code.value);
        if found.is_none() {
            let suggestion =
                naming::did_you_mean(&code.value, api.errors.iter().map(|e| e.code.as_str()));
            let message = CODE_UNDECLARED
                .with("code", &code.value)
                .with_some("best", suggestion);
            self.error(at(code), message);
        }
        found
    }

    pub(super) fn duration(&mut self, value: &Spanned<Scalar>) -> Option<Duration> {
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
                let message = DURATION_INVALID.with("value", shown).with("why", why);
                self.error(at(value), message);
                None
            }
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
    /// Where its key is.
    key_at: Position,
    /// Whether the owner's status is known (always, for a status).
    status_ok: bool,
    examples: Vec<Spanned<spec::Value>>,
    case_examples: Vec<Vec<Spanned<spec::Value>>>,
    /// A retired code's `replaced_by`, resolved once every code is known.
    replaced_by: Option<Spanned<String>>,
}

/// The first place of every key of one mapping, so that a key written twice is reported at
/// its second place, with a note at the first, by every check alike.
struct FirstSeen<K>(HashMap<K, Position>);

impl<K: std::hash::Hash + Eq> FirstSeen<K> {
    fn new() -> Self {
        Self(HashMap::new())
    }

    /// `None` the first time `key` is seen (remembering `position`), else its first place.
    fn again(&mut self, key: K, position: Position) -> Option<Position> {
        match self.0.entry(key) {
            std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(position);
                None
            }
        }
    }
}

impl Validator<'_> {
    /// `message` at `position`, the second place of something `verb` twice ("declared",
    /// "given"), with a note at its `first` place.
    fn twice(
        &mut self,
        position: Position,
        first: Position,
        verb: &str,
        message: impl Into<Message>,
    ) -> &mut Diagnostic {
        self.error(position, message)
            .add_note(first, format!("first {verb} here"))
    }
}
