//! Changes between two versions of a spec, like `buf breaking` or `oasdiff` but in the terms of
//! an error catalog: each change has a [`Rule`] id, a message, and two [`Level`]s, one for
//! clients that read the JSON (`wire`) and one for Rust code that matches on the generated
//! enums (`rust`), and is located in the old file, the new one, or both.
//!
//! The comparison works on the checked models, so reordering, comments, quoting and block or
//! flow style are never changes; [`Locations`] finds the lines again for the report. Entries
//! are paired by what clients see: codes by wire code, statuses by key, body fields by JSON
//! key, limits by name, headers by role.

mod about;
mod answers;
mod codes;
mod common;
mod headers;
mod limits;
mod locate;
pub mod report;
mod statuses;

pub use locate::{Locations, Step};

use crate::diagnostic::Position;
use crate::model::Api;

/// How much a change matters to one side: ordered, so the worst of several is their `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// No effect on this side.
    None,
    /// Worth knowing; nothing breaks.
    Info,
    /// Behaviour changes without a compile or parse error: review it.
    Warning,
    /// Breaks existing clients (wire) or existing code (rust).
    Breaking,
}

impl Level {
    /// Every level, mildest first.
    pub const ALL: &'static [Level] = &[Self::None, Self::Info, Self::Warning, Self::Breaking];

    /// `none`, `info`, `warning` or `breaking`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Breaking => "breaking",
        }
    }
}

/// A rule: the id tests and users rely on, and what it reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The id, such as `code-removed`.
    pub id: &'static str,
    /// What the rule reports, for `--help` and the README.
    pub summary: &'static str,
}

macro_rules! rules {
    ($($name:ident = $id:literal: $summary:literal,)*) => {
        $(
            #[doc = $summary]
            pub const $name: Rule = Rule { id: $id, summary: $summary };
        )*
        /// Every rule, in the order the README lists them.
        pub const RULES: &[Rule] = &[$($name),*];
    };
}

rules! {
    API_ADDED = "api-added": "A spec file that the old version does not have.",
    API_REMOVED = "api-removed": "A spec file that the new version no longer has: its module is gone.",
    API_RENAMED = "api-renamed": "The API's display name changed.",
    API_DOC_CHANGED = "api-doc-changed": "Documentation outside statuses and codes changed: the API's summary, description, support contact or front matter, or the description of a body field, limit or header.",
    CODE_REMOVED = "code-removed": "An error code was deleted without being retired first.",
    CODE_ADDED = "code-added": "A new error code: a new variant of an exhaustive enum.",
    CODE_RETIRED = "code-retired": "An error code was retired: still read, no longer sent.",
    CODE_UNRETIRED = "code-unretired": "A retired error code is in use again.",
    CODE_STATUS_CHANGED = "code-status-changed": "An error code is sent with another status.",
    CODE_MESSAGE_CHANGED = "code-message-changed": "An error code's message changed: breaking where clients match on the text.",
    CODE_RETRY_CHANGED = "code-retry-changed": "An error code's retry policy changed.",
    CODE_RUST_NAME_CHANGED = "code-rust-name-changed": "An error code's Rust variant has another name.",
    CODE_DEPRECATED = "code-deprecated": "An error code was deprecated, or is no longer.",
    CODE_MATCH_CHANGED = "code-match-changed": "The message patterns that read as an error code changed.",
    CODE_FIELD_VALUE_CHANGED = "code-field-value-changed": "The value an error code gives a `text` body field changed.",
    CODE_DOC_CHANGED = "code-doc-changed": "An error code's description, causes, resolution or examples changed.",
    STATUS_REMOVED = "status-removed": "A status is no longer documented.",
    STATUS_ADDED = "status-added": "A new status: a new variant of an exhaustive enum.",
    STATUS_TITLE_CHANGED = "status-title-changed": "A status's title changed (and with it, unless `rust_name` holds it, its Rust variant).",
    STATUS_RUST_NAME_CHANGED = "status-rust-name-changed": "A status's Rust variant has another name.",
    STATUS_MESSAGE_CHANGED = "status-message-changed": "The body message of a status without a code changed.",
    STATUS_REASON_CHANGED = "status-reason-changed": "The text of the body's `title` field for a status changed.",
    STATUS_RETRY_CHANGED = "status-retry-changed": "A status's retry policy changed.",
    STATUS_FIELD_VALUE_CHANGED = "status-field-value-changed": "The value a status gives a `text` body field changed.",
    STATUS_DOC_CHANGED = "status-doc-changed": "A status's description, when, debugging tips, cases or examples changed.",
    BODY_FIELD_REMOVED = "body-field-removed": "A field of the error body is gone.",
    BODY_FIELD_ADDED = "body-field-added": "A new field of the error body: a new public field of `ErrorBody`.",
    BODY_FIELD_ROLE_CHANGED = "body-field-role-changed": "A body field carries something else.",
    BODY_FIELD_VALUE_CHANGED = "body-field-value-changed": "The constant of a `text` body field changed.",
    BODY_FIELD_CODES_CHANGED = "body-field-codes-changed": "The second-level codes a body field carries changed.",
    BODY_ENVELOPE_CHANGED = "body-envelope-changed": "The key the body's fields are nested under changed.",
    BODY_CODE_SOURCE_CHANGED = "body-code-source-changed": "Codes are now read from the message, or no longer.",
    RATE_LIMIT_TIGHTENED = "rate-limit-tightened": "A rate limit allows fewer requests, over a longer window, or counts a wider scope.",
    RATE_LIMIT_LOOSENED = "rate-limit-loosened": "A rate limit allows more requests or counts a narrower scope.",
    RATE_LIMIT_REMOVED = "rate-limit-removed": "A rate limit is no longer documented: its constant is gone.",
    RATE_LIMIT_ADDED = "rate-limit-added": "A new rate limit.",
    RATE_LIMIT_ANSWER_CHANGED = "rate-limit-answer-changed": "An exceeded rate limit is answered with another status or code.",
    GRPC_CHANGED = "grpc-changed": "A status or code is sent over gRPC with another gRPC code.",
    RATE_LIMIT_ROUTES_CHANGED = "rate-limit-routes-changed": "A rate limit counts the requests of other routes, or counts them apart from the limits on every route, or no longer.",
    RATE_LIMIT_UNAUTHENTICATED_CHANGED = "rate-limit-unauthenticated-changed": "A rate limit counts only unauthenticated requests, or no longer only them.",
    RATE_LIMIT_COST_CHANGED = "rate-limit-cost-changed": "What a request costs under a rate limit changed.",
    RATE_LIMIT_PER_ENDPOINT_CHANGED = "rate-limit-per-endpoint-changed": "A rate limit counts each endpoint apart, or no longer.",
    ANSWER_CHANGED = "answer-changed": "What a server answers on its own (a request without a key, with an unreadable key, for an unknown route) changed.",
    LIMIT_CHANGED = "limit-changed": "Another limit's value, header or answer changed.",
    LIMIT_REMOVED = "limit-removed": "Another limit is no longer documented: its constant is gone.",
    LIMIT_ADDED = "limit-added": "A new limit.",
    HEADER_RENAMED = "header-renamed": "A rate-limit header has another name.",
    HEADER_REMOVED = "header-removed": "A header is no longer sent.",
    HEADER_ADDED = "header-added": "A new header.",
    HEADER_FORMAT_CHANGED = "header-format-changed": "The reset header's format changed.",
    HEADER_SCOPE_CHANGED = "header-scope-changed": "The rate-limit headers come on every response, or only on errors.",
}

/// A place in one version: the file as named on the command line, and the position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file, as given (or `REV:path` for a file read from git).
    pub path: String,
    /// Line and column.
    pub position: Position,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What kind of change.
    pub rule: Rule,
    /// What it means for clients that read the JSON.
    pub wire: Level,
    /// What it means for Rust code that uses the generated module.
    pub rust: Level,
    /// What changed, in words.
    pub message: String,
    /// Where, in the old version.
    pub old: Option<Place>,
    /// Where, in the new version.
    pub new: Option<Place>,
}

impl Change {
    /// The worse of its two levels.
    pub fn level(&self) -> Level {
        self.wire.max(self.rust)
    }
}

/// One version of one spec: its model, where it was read from, and its located tree.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// The checked model.
    pub api: &'a Api,
    /// The file, as the report names it.
    pub path: &'a str,
    /// Where its keys are.
    pub locations: &'a Locations,
}

/// The changes from `old` to `new`, in the order of the spec's sections.
pub fn compare(old: Side<'_>, new: Side<'_>) -> Vec<Change> {
    let mut diff = Diff {
        old,
        new,
        changes: Vec::new(),
    };
    diff.api();
    diff.body();
    diff.statuses();
    diff.codes();
    diff.rate_limits();
    diff.limits();
    diff.answers();
    diff.headers();
    diff.changes
}

/// The whole-file changes: a spec only one version has.
pub fn added(new: Side<'_>) -> Change {
    Change {
        rule: API_ADDED,
        wire: Level::Info,
        rust: Level::Info,
        message: format!("API `{}` ({}) is new", new.api.id, new.api.name),
        old: None,
        new: Some(place(new, &[])),
    }
}

/// A spec the new version no longer has.
pub fn removed(old: Side<'_>) -> Change {
    Change {
        rule: API_REMOVED,
        wire: Level::Breaking,
        rust: Level::Breaking,
        message: format!(
            "API `{}` ({}) was removed, and with it the module `{}`",
            old.api.id, old.api.name, old.api.id
        ),
        old: Some(place(old, &[])),
        new: None,
    }
}

fn place(side: Side<'_>, path: &[Step<'_>]) -> Place {
    Place {
        path: side.path.to_owned(),
        position: side.locations.at(path),
    }
}

/// One comparison under way.
struct Diff<'a> {
    old: Side<'a>,
    new: Side<'a>,
    changes: Vec<Change>,
}

/// Where a change is: the path in the old file, in the new one, or both.
enum At<'p> {
    Old(&'p [Step<'p>]),
    New(&'p [Step<'p>]),
    Both(&'p [Step<'p>], &'p [Step<'p>]),
}

impl Diff<'_> {
    fn report(&mut self, rule: Rule, wire: Level, rust: Level, message: String, at: At<'_>) {
        let (old, new) = match at {
            At::Old(p) => (Some(place(self.old, p)), None),
            At::New(p) => (None, Some(place(self.new, p))),
            At::Both(o, n) => (Some(place(self.old, o)), Some(place(self.new, n))),
        };
        self.changes.push(Change {
            rule,
            wire,
            rust,
            message,
            old,
            new,
        });
    }

    /// Whether clients tell codes apart by message text in either version: a body whose code
    /// travels in the message field (`code_or_message`) or is read from the message.
    fn codes_are_text(&self) -> bool {
        [self.old.api, self.new.api].iter().any(|api| {
            api.body.as_ref().is_some_and(|b| {
                b.code_from_message || b.field(crate::model::Role::CodeOrMessage).is_some()
            })
        })
    }
}

/// `a` to `b` in words, each in backticks.
fn was_now(a: &str, b: &str) -> String {
    format!("`{a}` to `{b}`")
}
