//! The template context: a serialisable view of [`model::Api`] in the words a docs page needs.
//!
//! Every text from the spec is here as written (raw); the templates escape it with the
//! filters of [`super::engine`]. Everything a page says beyond the spec (retry advice, header
//! meanings, windows in words, anchors, pretty JSON) is decided here, so custom templates get
//! it for free. The README's "Docs templates" section lists every field: keep it in step.
//!
//! [`api_value`] turns an API's view into the Tera value that its page and the index both
//! use, built once. What many items hold alike (a status as a link target, an error code's
//! view, which statuses and limits list as well, the retry advice of a policy, an empty list)
//! is built once per API and shared: Tera values of maps, lists and long strings are
//! reference-counted, so every error sent with status 400 holds the same `status` map rather
//! than a copy of it. Fields typed [`Value`] below are such shared values; their shape is
//! given in their documentation.

use super::escape;
use crate::model::{self, Api, HeaderRole, HeaderValue, LimitValue, ResetFormat, Retry, Role};
use serde::Serialize;
use tera::Value;

mod body;
mod limits;
mod parts;

pub use body::*;
pub use limits::*;
pub use parts::retry_view;
use parts::*;

/// The context of `index.md`.
#[derive(Debug, Serialize)]
pub struct IndexPage {
    /// Every API (each an [`ApiView`] as built by [`api_value`]), sorted by module id.
    pub apis: Vec<Value>,
    /// The number of error codes of all APIs together.
    pub error_count: usize,
}

/// The context of `api.md`.
#[derive(Debug, Serialize)]
pub struct ApiPage {
    /// The API the page documents (an [`ApiView`], as built by [`api_value`]).
    pub api: Value,
}

/// The Tera value of `api`'s [`ApiView`]: the `api` of its page and its item of the index's
/// `apis`.
pub fn api_value(api: &Api) -> Result<Value, tera::Error> {
    Value::try_from_serializable(&ApiView::new(api)?)
}

/// One API.
#[derive(Debug, Serialize)]
pub struct ApiView<'a> {
    /// Module id, the spec file's stem (`mugglepay`).
    pub id: &'a str,
    /// The spec's file name (`mugglepay.yaml`), for "generated from" notes.
    pub spec_file: String,
    /// The page's file name beside `index.md` (`mugglepay.md`).
    pub page: String,
    /// Display name.
    pub name: &'a str,
    /// One-line summary (plain text).
    pub summary: Option<&'a str>,
    /// Description (Markdown).
    pub description: Option<&'a str>,
    /// The front matter block, `---` lines included, as YAML; empty when the spec has none.
    pub front_matter: String,
    /// Support contact.
    pub support: Option<SupportView<'a>>,
    /// The JSON error body, when documented.
    pub body: Option<BodyView<'a>>,
    /// Statuses in spec order.
    pub statuses: Vec<StatusView<'a>>,
    /// Error codes in spec order ([`CodeView`]s), retired ones included.
    pub errors: Vec<Value>,
    /// The codes in use, in spec order: [`ApiView::errors`] without the retired ones.
    pub current_errors: Vec<Value>,
    /// The retired codes, in spec order.
    pub retired_errors: Vec<Value>,
    /// The recorded changes of the catalog, newest first: one per retired code.
    pub changes: Vec<ChangeView<'a>>,
    /// Rate limits in spec order.
    pub rate_limits: Vec<RateLimitView<'a>>,
    /// Other limits in spec order.
    pub limits: Vec<LimitView<'a>>,
    /// Every documented header: the roles in the order limit, remaining, used, reset,
    /// resource, retry-after, should-retry, then the others.
    pub headers: Vec<HeaderView<'a>>,
    /// The headers of those roles.
    pub rate_limit_headers: Vec<HeaderView<'a>>,
    /// The other documented headers (`Request-Id`).
    pub other_headers: Vec<HeaderView<'a>>,
    /// Whether the API sends the rate-limit headers on every response, not only on errors.
    pub headers_every_response: bool,
    /// What a server answers on its own, where the spec names it.
    pub answers: Vec<AnswerView>,
}

/// Support contact.
#[derive(Debug, Serialize)]
pub struct SupportView<'a> {
    /// E-mail address.
    pub email: Option<&'a str>,
    /// `mailto:` link to it, percent-encoded.
    pub email_href: Option<String>,
    /// Web page.
    pub url: Option<&'a str>,
    /// Link to it, percent-encoded; absent unless the URL is `http` or `https`.
    pub url_href: Option<String>,
}

/// A link target for a status.
#[derive(Debug, Serialize)]
pub struct StatusRef<'a> {
    /// `400`, or a class such as `5xx`.
    pub key: String,
    /// The API's title for it.
    pub title: &'a str,
    /// Its section's id on the API page.
    pub anchor: String,
}

/// What a client should do, as the spec spells it and in words.
#[derive(Debug, Serialize)]
pub struct RetryView {
    /// `never`, `backoff`, `after_reset` or `after_refresh`.
    pub policy: &'static str,
    /// Advice in plain text, naming the API's own headers where it has them.
    pub advice: String,
}

/// One status.
#[derive(Debug, Serialize)]
pub struct StatusView<'a> {
    /// `400`, or a class such as `5xx`.
    pub key: String,
    /// The code, or a class's lowest code.
    pub code: u16,
    /// Whether this is a class (`5xx`).
    pub is_class: bool,
    /// Whether it reports an error (4xx or 5xx), so retry advice applies.
    pub is_error: bool,
    /// Section id (`status-400`).
    pub anchor: String,
    /// The API's own name for it.
    pub title: &'a str,
    /// What it means (Markdown).
    pub description: Option<&'a str>,
    /// When it is returned (Markdown).
    pub when: Option<&'a str>,
    /// Body message when no error code applies.
    pub message: &'a str,
    /// Text of a `title` body field.
    pub reason: &'a str,
    /// Debugging tips (a list of plain texts).
    pub debugging: Value,
    /// Retry policy and advice (a [`RetryView`]).
    pub retry: Value,
    /// Its gRPC code (`RESOURCE_EXHAUSTED`), shown where the spec names gRPC codes.
    pub grpc: Option<&'static str>,
    /// Example bodies as pretty JSON (a list of strings).
    pub examples: Value,
    /// The values this status gives the body's `text` fields.
    pub fields: Vec<FieldValueView<'a>>,
    /// Documented cases.
    pub cases: Vec<CaseView<'a>>,
    /// The error codes sent with this status: their [`CodeView`]s, the very values of
    /// [`ApiView::errors`].
    pub codes: Value,
}

/// A case documented under a status.
#[derive(Debug, Serialize)]
pub struct CaseView<'a> {
    /// Heading.
    pub title: &'a str,
    /// Section id (`status-403-case-1`).
    pub anchor: String,
    /// Description (Markdown).
    pub description: Option<&'a str>,
    /// Debugging tips (a list of plain texts).
    pub debugging: Value,
    /// Example bodies as pretty JSON (a list of strings).
    pub examples: Value,
}

/// One error code.
#[derive(Debug, Serialize)]
pub struct CodeView<'a> {
    /// The wire code.
    pub code: &'a str,
    /// Section id (`code-INVOICE_NOT_EXIST`).
    pub anchor: String,
    /// The Rust variant name.
    pub rust_name: &'a str,
    /// The status it is sent with (a [`StatusRef`]).
    pub status: Value,
    /// Its message (plain text).
    pub message: &'a str,
    /// Description (Markdown).
    pub description: Option<&'a str>,
    /// Common causes (a list of plain texts).
    pub causes: Value,
    /// Steps that resolve it (a list of plain texts).
    pub resolution: Value,
    /// Retry policy and advice (a [`RetryView`]).
    pub retry: Value,
    /// Its gRPC code (`RESOURCE_EXHAUSTED`), shown where the spec names gRPC codes.
    pub grpc: Option<&'static str>,
    /// Whether the code is deprecated (a retired code is).
    pub deprecated: bool,
    /// Since when and for what the code is retired; absent while it is in use.
    pub retired: Option<RetiredView>,
    /// Why, when the spec says (plain text).
    pub deprecation: Option<&'a str>,
    /// Example bodies as pretty JSON (a list of strings).
    pub examples: Value,
    /// The values this code gives the body's `text` fields, its own or its status's.
    pub fields: Vec<FieldValueView<'a>>,
    /// The message patterns that identify it, where codes are read from the message (plain
    /// text, `{name}` marking a value).
    pub patterns: Vec<&'a str>,
    /// Its code, Rust variant and message in lower case, for the site's filter.
    pub search_text: String,
    /// An example body as pretty JSON: the spec's first, else the one the generated code
    /// sends; absent when the API documents no body.
    pub body: Option<String>,
    /// Its RFC 9457 problem form as pretty JSON.
    pub problem: String,
}

/// A link target for an error code.
#[derive(Debug, Serialize)]
pub struct CodeRef<'a> {
    /// The wire code.
    pub code: &'a str,
    /// Its section's id on the API page.
    pub anchor: String,
}

/// A retired code's record.
#[derive(Debug, Serialize)]
pub struct RetiredView {
    /// From when (plain text: a date or a version).
    pub since: String,
    /// The code to use instead, as a [`CodeRef`].
    pub replaced_by: Option<Value>,
}

/// One recorded change of the catalog: a code retired.
#[derive(Debug, Serialize)]
pub struct ChangeView<'a> {
    /// From when (plain text).
    pub since: &'a str,
    /// The retired code (a [`CodeRef`]).
    pub code: Value,
    /// The code that replaces it (a [`CodeRef`]).
    pub replaced_by: Option<Value>,
}

/// The values an API's items share, each built once.
struct Shared {
    /// An empty list.
    empty: Value,
    /// Each status as a [`StatusRef`], by index.
    status_refs: Vec<Value>,
    /// Each error code as a [`CodeView`], by index (built last: it uses the others).
    codes: Vec<Value>,
    /// The [`RetryView`] of each policy, in the order of [`retry_index`].
    retry: [Value; 4],
}

impl Shared {
    fn new(api: &Api) -> Result<Self, tera::Error> {
        let status_refs = api
            .statuses
            .iter()
            .map(|s| {
                Value::try_from_serializable(&StatusRef {
                    key: s.key.to_string(),
                    title: &s.title,
                    anchor: status_anchor(s),
                })
            })
            .collect::<Result<_, _>>()?;
        let retry = |policy| Value::try_from_serializable(&retry_view(policy, &api.headers));
        let mut shared = Self {
            empty: Value::from(Vec::<Value>::new()),
            status_refs,
            codes: Vec::new(),
            retry: [
                retry(Retry::Never)?,
                retry(Retry::Backoff)?,
                retry(Retry::AfterReset)?,
                retry(Retry::AfterRefresh)?,
            ],
        };
        shared.codes = api
            .errors
            .iter()
            .map(|e| Value::try_from_serializable(&code_view(api, &shared, e)?))
            .collect::<Result<_, _>>()?;
        Ok(shared)
    }

    fn retry(&self, policy: Retry) -> Value {
        self.retry[retry_index(policy)].clone()
    }

    fn status_ref(&self, index: usize) -> Option<Value> {
        self.status_refs.get(index).cloned()
    }

    fn code(&self, index: usize) -> Option<Value> {
        self.codes.get(index).cloned()
    }

    /// `items` as a list of strings; the shared empty list when there are none.
    fn strings(&self, items: &[String]) -> Result<Value, tera::Error> {
        if items.is_empty() {
            Ok(self.empty.clone())
        } else {
            Value::try_from_serializable(items)
        }
    }

    /// Example bodies as a list of pretty JSON strings.
    fn examples(&self, values: &[serde_json::Value]) -> Result<Value, tera::Error> {
        if values.is_empty() {
            Ok(self.empty.clone())
        } else {
            let blocks: Vec<String> = values.iter().map(escape::json_block).collect();
            Value::try_from_serializable(&blocks)
        }
    }
}

/// The position of `policy` in [`Shared::retry`].
fn retry_index(policy: Retry) -> usize {
    match policy {
        Retry::Never => 0,
        Retry::Backoff => 1,
        Retry::AfterReset => 2,
        Retry::AfterRefresh => 3,
    }
}

impl<'a> ApiView<'a> {
    /// The view of `api`. Fails only if a shared piece cannot be made a Tera value, which
    /// these plain structs always can.
    pub fn new(api: &'a Api) -> Result<Self, tera::Error> {
        let shared = Shared::new(api)?;
        // Built from the id (a Rust identifier), so it is safe in any page text.
        let extension = match std::path::Path::new(&api.source)
            .extension()
            .and_then(|e| e.to_str())
        {
            Some("yml") => "yml",
            _ => "yaml",
        };
        let spec_file = format!("{}.{extension}", api.id);
        Ok(Self {
            id: &api.id,
            spec_file,
            page: format!("{}.md", api.id),
            name: &api.name,
            summary: api.summary.as_deref(),
            description: api.description.as_deref(),
            front_matter: super::yaml::front_matter(&api.front_matter),
            support: api
                .support
                .as_ref()
                .filter(|s| s.email.is_some() || s.url.is_some())
                .map(|s| SupportView {
                    email: s.email.as_deref(),
                    email_href: s.email.as_deref().map(escape::mailto_href),
                    url: s.url.as_deref(),
                    url_href: s.url.as_deref().and_then(escape::web_href),
                }),
            body: api.body.as_ref().map(|body| body_view(api, body)),
            statuses: (0..api.statuses.len())
                .map(|i| status_view(api, &shared, i))
                .collect::<Result<_, _>>()?,
            errors: shared.codes.clone(),
            current_errors: codes_where(api, &shared, |e| e.retired.is_none()),
            retired_errors: codes_where(api, &shared, |e| e.retired.is_some()),
            changes: change_views(api)?,
            rate_limits: api
                .rate_limits
                .iter()
                .map(|r| rate_limit_view(&shared, r))
                .collect(),
            limits: api.limits.iter().map(|l| limit_view(&shared, l)).collect(),
            headers: header_views(&api.headers),
            rate_limit_headers: header_views(&api.headers)
                .into_iter()
                .filter(|h| h.role != "other")
                .collect(),
            other_headers: header_views(&api.headers)
                .into_iter()
                .filter(|h| h.role == "other")
                .collect(),
            headers_every_response: api.headers.every_response,
            answers: answer_views(&shared, &api.answers),
        })
    }
}
