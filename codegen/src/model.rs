//! The checked model: what [`crate::validate`] proves about a spec, in the form the emitters
//! want. Every reference is resolved (an error's status is an index into `statuses`), every
//! default is applied, every Rust name is decided and unique. Emitters never fail.

mod json;
mod limits;

pub use errspec_vocab::GrpcCode;
pub use json::{built_body, problem};
pub use limits::{
    Answer, Answers, Header, HeaderRole, HeaderSent, HeaderValue, Headers, Limit, LimitValue,
    RateLimit, ResetFormat, Scope, describe_scope, human_duration,
};

/// One API, from one spec file.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// Module name: the spec file's stem (`mugglepay`).
    pub id: String,
    /// The spec file as named to the generator, for the `@generated` header.
    pub source: String,
    /// Display name.
    pub name: String,
    /// One-line summary.
    pub summary: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// Support contact.
    pub support: Option<Support>,
    /// Front matter for the docs page, in file order.
    pub front_matter: Vec<(String, serde_json::Value)>,
    /// The URL of the folder the site is published in, ending in `/`.
    pub site_url: Option<String>,
    /// The JSON error body, when the API documents one.
    pub body: Option<Body>,
    /// Statuses in file order.
    pub statuses: Vec<Status>,
    /// Error codes in file order.
    pub errors: Vec<ErrorDef>,
    /// Rate limits in file order.
    pub rate_limits: Vec<RateLimit>,
    /// Other limits in file order.
    pub limits: Vec<Limit>,
    /// Rate-limit headers.
    pub headers: Headers,
    /// What a server answers on its own.
    pub answers: Answers,
}

impl Api {
    /// The URL of this API's page of the published site, when the spec says where it is.
    pub fn site_page(&self) -> Option<String> {
        self.site_url
            .as_ref()
            .map(|base| format!("{base}{}.html", self.id))
    }

    /// The gRPC code of status `index`: the spec's, else `google.rpc.Code`'s for its code.
    pub fn status_grpc(&self, index: usize) -> GrpcCode {
        let status = &self.statuses[index];
        status
            .grpc
            .unwrap_or_else(|| GrpcCode::for_http(status.key.code()))
    }

    /// The gRPC code of `error`: its own, else its status's.
    pub fn error_grpc(&self, error: &ErrorDef) -> GrpcCode {
        error.grpc.unwrap_or_else(|| self.status_grpc(error.status))
    }

    /// Whether the spec names a gRPC code anywhere: the docs then show each one.
    pub fn names_grpc(&self) -> bool {
        self.statuses.iter().any(|s| s.grpc.is_some())
            || self.errors.iter().any(|e| e.grpc.is_some())
    }

    /// The error codes sent with status `index`.
    pub fn errors_of(&self, index: usize) -> impl Iterator<Item = &ErrorDef> {
        self.errors.iter().filter(move |e| e.status == index)
    }
}

/// Support contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Support {
    /// E-mail address.
    pub email: Option<String>,
    /// Web page.
    pub url: Option<String>,
}

/// The documented JSON error body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// The key the fields are nested under (`{"error": {...}}`), if any.
    pub envelope: Option<String>,
    /// Whether a body's code is read from its message (the API sends no code field).
    pub code_from_message: bool,
    /// Fields in wire order.
    pub fields: Vec<BodyField>,
}

impl Body {
    /// The field that plays `role`, if any.
    pub fn field(&self, role: Role) -> Option<&BodyField> {
        self.fields.iter().find(|f| f.role == role)
    }
}

/// One field of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyField {
    /// The JSON key, exactly as sent.
    pub wire: String,
    /// The Rust field name.
    pub rust_name: String,
    /// What the field carries.
    pub role: Role,
    /// The text a `text` field holds for every error that gives none of its own.
    pub value: Option<String>,
    /// What the field carries, in the spec's words (Markdown).
    pub description: Option<String>,
    /// The documented codes a `text` field or `details` items carry, with the Rust enum they
    /// become.
    pub codes: Option<CodeList>,
    /// For `details`: the item key holding a retry delay (a protobuf JSON duration).
    pub retry_delay: Option<String>,
}

/// The documented codes of a second level: Stripe's decline codes, GitHub's validation error
/// codes, Google's `ErrorInfo` reasons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeList {
    /// The Rust enum: the field's name in UpperCamelCase, or `DetailCode` for `details`.
    pub enum_name: String,
    /// For `details`: the item key holding the code.
    pub code_key: String,
    /// For `details`: the `domain` an item must name for its code to be known.
    pub domain: Option<String>,
    /// The codes, in spec order.
    pub codes: Vec<SubCode>,
}

/// One documented code of a [`CodeList`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubCode {
    /// The code as sent.
    pub code: String,
    /// Its Rust variant.
    pub rust_name: String,
    /// What it means (Markdown).
    pub description: String,
}

pub use crate::load::role::Role;

/// An HTTP status code or a class of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKey {
    /// One code, 100..=599.
    Code(u16),
    /// A class: 1 to 5 for `1xx` to `5xx`.
    Class(u8),
}

impl StatusKey {
    /// The code, or a class's lowest code (`5xx` gives 500).
    pub fn code(self) -> u16 {
        match self {
            Self::Code(c) => c,
            Self::Class(n) => u16::from(n) * 100,
        }
    }

    /// Whether `code` is this status (for a class: any code of its hundred).
    pub fn contains(self, code: u16) -> bool {
        match self {
            Self::Code(c) => c == code,
            Self::Class(n) => code / 100 == u16::from(n),
        }
    }
}

impl std::fmt::Display for StatusKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Code(c) => write!(f, "{c}"),
            Self::Class(n) => write!(f, "{n}xx"),
        }
    }
}

pub use errspec_vocab::Retry;

/// The retry policy of a status whose spec entry names none: the runtime's own rule, so the
/// generator and the client cannot disagree (a class has the policy of its lowest code).
pub fn default_retry(key: StatusKey) -> Retry {
    errspec_vocab::default_retry(key.code())
}

/// One declared status.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Code or class.
    pub key: StatusKey,
    /// The API's own name for it.
    pub title: String,
    /// Rust variant name.
    pub rust_name: String,
    /// What it means.
    pub description: Option<String>,
    /// Body message when no code applies (defaults to the title).
    pub message: String,
    /// Text for a body field of role `title` (defaults to the title).
    pub reason: String,
    /// When it is returned.
    pub when: Option<String>,
    /// Debugging tips.
    pub debugging: Vec<String>,
    /// Retry policy.
    pub retry: Retry,
    /// Its gRPC code, when the spec names one.
    pub grpc: Option<GrpcCode>,
    /// Example bodies.
    pub examples: Vec<serde_json::Value>,
    /// Distinct documented cases.
    pub cases: Vec<Case>,
    /// The values this status gives the body's `text` fields: an index into the body's
    /// fields, and the text.
    pub field_values: Vec<(usize, String)>,
}

/// A distinct case documented under one status.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// Heading.
    pub title: String,
    /// Markdown description.
    pub description: Option<String>,
    /// Debugging tips.
    pub debugging: Vec<String>,
    /// Example bodies.
    pub examples: Vec<serde_json::Value>,
}

/// One declared error code.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorDef {
    /// The wire code, exactly as sent.
    pub code: String,
    /// Rust variant name.
    pub rust_name: String,
    /// Index into [`Api::statuses`].
    pub status: usize,
    /// Display text.
    pub message: String,
    /// Markdown description.
    pub description: Option<String>,
    /// Common causes.
    pub causes: Vec<String>,
    /// Steps that resolve it.
    pub resolution: Vec<String>,
    /// Retry policy.
    pub retry: Retry,
    /// Its own gRPC code, when the spec names one.
    pub grpc: Option<GrpcCode>,
    /// `Some(reason)` when deprecated; the reason may be empty. A retired code is deprecated,
    /// with a reason that says since when and what replaces it.
    pub deprecated: Option<String>,
    /// When the code is retired: no longer sent, kept so that older servers' bodies still read.
    pub retired: Option<Retired>,
    /// Example bodies.
    pub examples: Vec<serde_json::Value>,
    /// The values this code gives the body's `text` fields, its own or its status's: an
    /// index into the body's fields, and the text.
    pub field_values: Vec<(usize, String)>,
    /// The message patterns that identify this code when codes are read from messages;
    /// empty: its message, exactly.
    pub patterns: Vec<String>,
}

impl ErrorDef {
    /// The parsed patterns a body's message is matched against for this code: its own, or
    /// else its message as literal text (braces and all).
    pub fn message_parts(&self) -> Vec<Vec<Part<'_>>> {
        if self.patterns.is_empty() {
            vec![vec![Part::Text(&self.message)]]
        } else {
            // The validator refuses patterns that do not parse.
            self.patterns
                .iter()
                .filter_map(|p| errspec_vocab::pattern::parse(p).ok())
                .collect()
        }
    }
}

pub use errspec_vocab::pattern::Part;

/// A retired error code's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retired {
    /// From when: a date or a version, as the spec writes it.
    pub since: String,
    /// Index into [`Api::errors`] of the code that replaces it.
    pub replaced_by: Option<usize>,
}

impl Api {
    /// The codes still in use, then the retired ones: the order the docs list them in.
    pub fn errors_active_first(&self) -> impl Iterator<Item = &ErrorDef> {
        let active = self.errors.iter().filter(|e| e.retired.is_none());
        active.chain(self.errors.iter().filter(|e| e.retired.is_some()))
    }
}

/// The text a constructor puts in the `text` field at `index` of `body` for an error code or
/// status with `own` values: its own value, or else the field's constant.
pub fn text_value<'a>(own: &'a [(usize, String)], body: &'a Body, index: usize) -> Option<&'a str> {
    own.iter()
        .find(|(i, _)| *i == index)
        .map(|(_, v)| v.as_str())
        .or_else(|| body.fields.get(index).and_then(|f| f.value.as_deref()))
}
