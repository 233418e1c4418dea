//! Sending the documented error responses: the body exactly as the docs show it, the status,
//! the content type, and the rate-limit headers the API documents (optionally also the IETF
//! `RateLimit-Policy` and `RateLimit` fields), or an RFC 9457 problem document instead.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use errspec::server::Reply;
//! use errspec::centrapay::ErrorCode;
//! use std::time::Duration;
//!
//! let response = Reply::from_code(ErrorCode::RateLimitExceeded)
//!     .with_retry_after(Duration::from_secs(30))
//!     .finish();
//! assert_eq!(response.status, 429);
//! assert_eq!(response.header("retry-after"), Some("30"));
//! assert_eq!(
//!     response.body,
//!     br#"{"statusCode":429,"error":"Too Many Requests","message":"RATE_LIMIT_EXCEEDED"}"#
//! );
//! # }
//! ```

#[cfg(all(feature = "serde", feature = "ietf-ratelimit"))]
use crate::RateLimit;
#[cfg(feature = "serde")]
use crate::problem::{self, Problem};
#[cfg(feature = "serde")]
use crate::retry::RETRY_AFTER;
use crate::{Catalog, HeaderRole, ResetFormat};
#[cfg(feature = "serde")]
use crate::{CatalogCode, CatalogStatus, Code, WireBody};
use std::borrow::Cow;
#[cfg(feature = "serde")]
use std::time::Duration;
use std::time::{SystemTime, UNIX_EPOCH};

/// The media type of a documented JSON body.
pub const JSON: &str = errspec_vocab::body::JSON;

pub use crate::runtime::LimitState;
use crate::runtime::seconds_up;

/// The limit the headers report when several apply: the one with the fewest requests left
/// (what the caller can still send before it is limited), and of those the one that resets
/// last, since that is the one that stops the caller longest.
fn binding(states: &[LimitState]) -> Option<&LimitState> {
    states
        .iter()
        .min_by(|a, b| (a.remaining, b.reset_after).cmp(&(b.remaining, a.reset_after)))
}

/// The rate-limit headers API `A` documents, for the caller's `states` at `now`: the limit,
/// remaining, used and reset headers (reset in the documented format: Unix seconds or delta
/// seconds, rounded up), the resource header (the limit's name), and, when the binding limit is exhausted and the API documents one,
/// the retry header in seconds. APIs that document no header get none.
///
/// The headers carry one limit; with several (5 per second and 60 per minute) they report the
/// binding one, the one with the fewest requests left. Use it on every response of an API that
/// sends them on every response.
#[must_use]
pub fn rate_limit_headers<A: Catalog>(
    states: &[LimitState],
    now: SystemTime,
) -> Vec<(&'static str, String)> {
    let names = A::HEADERS;
    let Some(state) = binding(states) else {
        return Vec::new();
    };
    let used = state.limit.requests.saturating_sub(state.remaining);
    let reset = match names.reset_format.unwrap_or(ResetFormat::UnixSeconds) {
        ResetFormat::DeltaSeconds => seconds_up(state.reset_after),
        ResetFormat::UnixSeconds => {
            let at = now.checked_add(state.reset_after).unwrap_or(now);
            seconds_up(at.duration_since(UNIX_EPOCH).unwrap_or_default())
        }
    };
    let mut headers = Vec::new();
    for (role, name) in names.roles() {
        let value = match role {
            HeaderRole::Limit => state.limit.requests.to_string(),
            HeaderRole::Remaining => state.remaining.to_string(),
            HeaderRole::Used => used.to_string(),
            HeaderRole::Reset => reset.to_string(),
            HeaderRole::Resource => state.limit.name.to_owned(),
            // Only once nothing is left: the caller must wait.
            HeaderRole::RetryAfter if state.remaining == 0 => {
                seconds_up(state.reset_after).to_string()
            }
            // Whether to retry depends on the error, not on the limit's state.
            HeaderRole::RetryAfter | HeaderRole::ShouldRetry => continue,
        };
        headers.push((name, value));
    }
    headers
}

/// A response ready to send, independent of any HTTP crate (`into_http` converts it to an
/// `http::Response` with feature `http`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// Headers in the order they were set, `Content-Type` first when there is a body.
    pub headers: Vec<(Cow<'static, str>, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// The first value of header `name` (case-insensitive).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(feature = "serde")]
/// What a reply's body is.
#[derive(Clone, Debug, PartialEq)]
enum ReplyBody<B> {
    Documented(B),
    Problem(Problem),
}

#[cfg(feature = "serde")]
/// An error reply of API `A` under construction: status, body and headers.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply<A: Catalog> {
    status: u16,
    code: Option<A::Code>,
    declared: Option<A::Status>,
    body: ReplyBody<A::Body>,
    headers: Vec<(Cow<'static, str>, String)>,
}

#[cfg(feature = "serde")]
/// `code` as its catalog's code type. The identity; it lets the compiler see, through the
/// trait's bounds, that `C` is `<C::Api as Catalog>::Code`.
fn catalog_code<C: CatalogCode>(code: C) -> <C::Api as Catalog>::Code {
    code
}

#[cfg(feature = "serde")]
/// `status` as its catalog's status type (see [`catalog_code`]).
fn catalog_status<S: CatalogStatus>(status: S) -> <S::Api as Catalog>::Status {
    status
}

#[cfg(feature = "serde")]
impl<A: Catalog> Reply<A> {
    /// The reply for a documented error code: its status, and the body the API sends for it
    /// (its code and message).
    #[must_use]
    pub fn from_code<C: CatalogCode<Api = A>>(code: C) -> Self {
        let code = catalog_code(code);
        let status = code.status();
        Self {
            status: status.code(),
            code: Some(code),
            declared: Some(status),
            body: ReplyBody::Documented(A::Body::from_code(code)),
            headers: Vec::new(),
        }
    }

    /// The reply for a documented status when no error code applies (MugglePay's 401,
    /// Centrapay's 401 "Missing authentication").
    #[must_use]
    pub fn from_status<S: CatalogStatus<Api = A>>(status: S) -> Self {
        let status = catalog_status(status);
        Self {
            status: status.code(),
            code: None,
            declared: Some(status),
            body: ReplyBody::Documented(A::Body::from_status(status)),
            headers: Vec::new(),
        }
    }

    /// A reply with any `status` and `body`, for bodies built by hand.
    #[must_use]
    pub fn new(status: u16, body: A::Body) -> Self {
        Self {
            status,
            code: body.known_code(),
            declared: A::Status::from_code(status),
            body: ReplyBody::Documented(body),
            headers: Vec::new(),
        }
    }

    /// Changes the documented body, for example to add details:
    /// `.map_body(|b| b.with_details(["buy_rate must be >= 1.0"]))`. A problem body is left
    /// as it is.
    #[must_use]
    pub fn map_body(mut self, change: impl FnOnce(A::Body) -> A::Body) -> Self {
        if let ReplyBody::Documented(body) = self.body {
            self.body = ReplyBody::Documented(change(body));
        }
        self
    }

    /// Sends an RFC 9457 problem document instead of the documented body, built from the
    /// reply's code (or status): see [`Problem::from_code`].
    #[must_use]
    pub fn into_problem(self) -> Self {
        let problem = self.problem();
        self.with_problem(problem)
    }

    /// The problem document for the reply's code, else its status.
    fn problem(&self) -> Problem {
        match (self.code, self.declared) {
            (Some(code), _) => Problem::from_code(code),
            // A class such as `4xx` answered with another code of its hundred keeps that code.
            (None, Some(status)) if status.code() == self.status => Problem::from_status(status),
            (None, Some(status)) => Problem::new(self.status, status.title()),
            (None, None) => Problem::new(self.status, ""),
        }
    }

    /// The problem+json body this reply would send as a problem document, unless it already
    /// is one: what content negotiation swaps in for a client that asks for problem+json.
    #[cfg(feature = "axum")]
    pub(crate) fn problem_alternative(&self) -> Option<Vec<u8>> {
        match &self.body {
            ReplyBody::Documented(_) => Some(self.problem().to_json()),
            ReplyBody::Problem(_) => None,
        }
    }

    /// The same reply with HTTP status `status`, for a class status (`4xx`) answering a code
    /// of its hundred.
    #[cfg(feature = "http")]
    pub(crate) fn with_status_code(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// Sends `problem` as the body (`application/problem+json`).
    #[must_use]
    pub fn with_problem(mut self, problem: Problem) -> Self {
        self.body = ReplyBody::Problem(problem);
        self
    }

    /// Sets a header, replacing any value it had (names compare case-insensitively).
    #[must_use]
    pub fn with_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<String>,
    ) -> Self {
        let name = name.into();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
    }

    /// Adds the rate-limit headers the API documents for the caller's `states` at `now`
    /// (see [`rate_limit_headers`]).
    #[must_use]
    pub fn with_rate_limits(self, states: &[LimitState], now: SystemTime) -> Self {
        rate_limit_headers::<A>(states, now)
            .into_iter()
            .fold(self, |reply, (name, value)| reply.with_header(name, value))
    }

    /// Adds the IETF `RateLimit-Policy` and `RateLimit` fields for `states`, for example
    /// `RateLimit-Policy: "per_minute";q=60;w=60` and `RateLimit: "per_minute";r=12;t=30`.
    /// Nothing is added for a name a structured-field string cannot carry.
    #[cfg(feature = "ietf-ratelimit")]
    #[must_use]
    pub fn with_ietf_rate_limits(self, states: &[LimitState]) -> Self {
        let limits: Vec<RateLimit> = states.iter().map(|s| s.limit).collect();
        let mut reply = self;
        if let (Some(policy), Some(state)) = (
            crate::ietf::policy_value(&limits),
            crate::ietf::ratelimit_value(states),
        ) {
            reply = reply
                .with_header(crate::ietf::POLICY_FIELD, policy)
                .with_header(crate::ietf::RATELIMIT_FIELD, state);
        }
        reply
    }

    /// Sets the retry header to `wait` in whole seconds, rounded up: under the name the API
    /// documents, else the standard `Retry-After`.
    #[must_use]
    pub fn with_retry_after(self, wait: Duration) -> Self {
        let name = A::HEADERS
            .get(HeaderRole::RetryAfter)
            .unwrap_or(RETRY_AFTER);
        self.with_header(name, seconds_up(wait).to_string())
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error code the reply sends: the documented one it was built from, else the one
    /// its body carries, known or not; `None` when it sends none.
    #[must_use]
    pub fn code(&self) -> Option<Code<A::Code>> {
        if let Some(code) = self.code {
            return Some(Code::Known(code));
        }
        let raw = self.body()?.raw_code()?;
        Some(Code::parse(raw))
    }

    /// The documented body, unless the reply sends a problem document.
    #[must_use]
    pub fn body(&self) -> Option<&A::Body> {
        match &self.body {
            ReplyBody::Documented(body) => Some(body),
            ReplyBody::Problem(_) => None,
        }
    }

    /// The response to send: the status, `Content-Type` and the headers, and the body as JSON.
    /// An API that documents no body sends none (and no content type), unless the reply was
    /// turned into a problem document.
    #[must_use]
    pub fn finish(self) -> Response {
        let (content_type, body) = match &self.body {
            ReplyBody::Documented(body) if <A::Body as WireBody>::DOCUMENTED => {
                // A body of strings, numbers and JSON values always serializes.
                (Some(JSON), serde_json::to_vec(body).unwrap_or_default())
            }
            ReplyBody::Documented(_) => (None, Vec::new()),
            ReplyBody::Problem(problem) => (Some(problem::CONTENT_TYPE), problem.to_json()),
        };
        let mut headers = Vec::with_capacity(self.headers.len() + 1);
        if let Some(content_type) = content_type {
            headers.push((Cow::Borrowed("Content-Type"), content_type.to_owned()));
        }
        headers.extend(
            self.headers
                .into_iter()
                .filter(|(n, _)| content_type.is_none() || !n.eq_ignore_ascii_case("content-type")),
        );
        Response {
            status: self.status,
            headers,
            body,
        }
    }
}
