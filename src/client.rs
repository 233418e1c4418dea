//! Reading error responses: any status, headers and body bytes into a typed error.
//!
//! The body comes from the network and is untrusted. Whatever it holds (nothing, HTML, wrong
//! types, gigabytes, deep nesting, invalid UTF-8), reading gives a typed value: the documented
//! body, a problem document, or the raw bytes with the reason they could not be read. It never
//! panics, and it parses at most a bounded number of bytes ([`DEFAULT_MAX_BODY`]).
//!
//! ```
//! use errspec::client::ErrorResponse;
//! use errspec::funder_offers::{Api, ErrorCode};
//! use errspec::RetryDecision;
//! use std::time::{Duration, SystemTime};
//!
//! let response = ErrorResponse::<Api>::read(
//!     409,
//!     [("Content-Type", "application/json")],
//!     br#"{"error":"VERSION_CONFLICT","message":"Another update happened between your read and write."}"#,
//! );
//! assert_eq!(response.known_code(), Some(ErrorCode::VersionConflict));
//! assert_eq!(response.retry(SystemTime::now()), RetryDecision::Refresh);
//! ```

use crate::problem::Problem;
use crate::retry::{RateLimitHeaders, RetryDecision};
use crate::{
    Catalog, CatalogCode, CatalogStatus, Code, LimitAnswer, Retry, WireBody, default_retry,
};
use std::fmt;
use std::time::{Duration, SystemTime};

/// The most body bytes [`ErrorResponse::read`] parses. Error bodies are small; a larger one is
/// kept (truncated) as raw bytes rather than parsed.
pub const DEFAULT_MAX_BODY: usize = 64 * 1024;

pub use errspec_vocab::body::BodyError;

/// The reader's problem with JSON `error`: data of the wrong shape, or not JSON at all.
fn json_error(error: &serde_json::Error) -> BodyError {
    let reason = error.to_string();
    match error.classify() {
        serde_json::error::Category::Data => BodyError::Unexpected { reason },
        _ => BodyError::NotJson { reason },
    }
}

/// What an error response's body turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Payload<B> {
    /// No body (or only whitespace).
    Empty,
    /// The API's documented body.
    Documented(B),
    /// An RFC 9457 problem document (`Content-Type: application/problem+json`).
    Problem(Problem),
    /// Bytes that could not be read, kept (up to the size limit) for logs.
    Raw {
        /// The body, truncated to the size limit.
        bytes: Vec<u8>,
        /// Why it could not be read.
        error: BodyError,
    },
}

/// An error response read into typed values: the status, the code (known, or unknown and kept
/// as sent), the message, the details, and the rate-limit headers.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorResponse<A: Catalog> {
    status: u16,
    headers: RateLimitHeaders,
    payload: Payload<A::Body>,
}

impl<A: Catalog> ErrorResponse<A> {
    /// Reads a response: its HTTP `status`, its `headers` (pairs of name and value, such as
    /// `[("Retry-After", "30")]` or an `http::HeaderMap`'s `iter()`) and its `body`, parsing at
    /// most [`DEFAULT_MAX_BODY`] bytes.
    pub fn read<K, V>(status: u16, headers: impl IntoIterator<Item = (K, V)>, body: &[u8]) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        Self::read_with_limit(status, headers, body, DEFAULT_MAX_BODY)
    }

    /// [`read`](Self::read) with another size limit for the body.
    pub fn read_with_limit<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = (K, V)>,
        body: &[u8],
        max_body: usize,
    ) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let headers: Vec<(K, V)> = headers.into_iter().collect();
        let is_problem = headers.iter().any(|(name, value)| {
            name.as_ref().eq_ignore_ascii_case("content-type")
                && errspec_vocab::body::is_problem(value.as_ref())
        });
        let rate_limits = RateLimitHeaders::read(&A::HEADERS, headers.iter().map(|(k, v)| (k, v)));
        Self {
            status,
            headers: rate_limits,
            payload: read_payload::<A::Body>(body, is_problem, max_body),
        }
    }

    /// The HTTP status of the response.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The documented status the response's HTTP status is, if the API declares it.
    #[must_use]
    pub fn declared_status(&self) -> Option<A::Status> {
        A::Status::from_code(self.status)
    }

    /// The error code the body carries: a documented one, or an unknown one exactly as sent.
    #[must_use]
    pub fn code(&self) -> Option<Code<A::Code>> {
        match &self.payload {
            Payload::Documented(body) => body.raw_code().map(Code::parse),
            Payload::Problem(problem) => problem.error_code(),
            Payload::Empty | Payload::Raw { .. } => None,
        }
    }

    /// The documented error code, when the body carries one.
    #[must_use]
    pub fn known_code(&self) -> Option<A::Code> {
        self.code().as_ref().and_then(Code::known)
    }

    /// The human-readable message the body carries (a problem's `detail`, else its `title`).
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        match &self.payload {
            Payload::Documented(body) => body.message_text(),
            Payload::Problem(problem) => problem.detail.as_deref().or(problem.title.as_deref()),
            Payload::Empty | Payload::Raw { .. } => None,
        }
    }

    /// The body's details, such as the fields that failed validation.
    #[must_use]
    pub fn details(&self) -> &[serde_json::Value] {
        match &self.payload {
            Payload::Documented(body) => body.details(),
            _ => &[],
        }
    }

    /// The documented body, when the response carried one.
    #[must_use]
    pub fn body(&self) -> Option<&A::Body> {
        match &self.payload {
            Payload::Documented(body) => Some(body),
            _ => None,
        }
    }

    /// What the body turned out to be.
    #[must_use]
    pub fn payload(&self) -> &Payload<A::Body> {
        &self.payload
    }

    /// The rate-limit and retry headers.
    #[must_use]
    pub fn rate_limit_headers(&self) -> &RateLimitHeaders {
        &self.headers
    }

    /// The documented retry policy: [`Retry::AfterReset`] when the status is one a rate limit
    /// is answered with and the headers say no request is left or when to retry (GitHub's
    /// 403 with `x-ratelimit-remaining: 0`); else the code's when the body names a documented
    /// code, else the status's, else the default for an undeclared status ([`default_retry`]).
    #[must_use]
    pub fn policy(&self) -> Retry {
        let exhausted = self.headers.remaining == Some(0) || self.headers.retry_after.is_some();
        if exhausted && A::RATE_LIMIT_STATUSES.contains(&self.status) {
            return Retry::AfterReset;
        }
        if let Some(code) = self.known_code() {
            return code.retry();
        }
        match self.declared_status() {
            Some(status) => status.retry(),
            None => default_retry(self.status),
        }
    }

    /// What to do next, at `now`: wait as long as the body says, when it gives a retry delay
    /// (Google's `RetryInfo`); otherwise the [`policy`](Self::policy) combined with the
    /// headers (see [`RetryDecision::decide`]). A backoff for the answer of a documented rate
    /// limit waits at least that limit's window (the shortest, where several answer alike):
    /// when the response does not say when the limit resets, sooner is a request it refuses
    /// again (GitHub: "wait for at least one minute" after a secondary limit's 403).
    #[must_use]
    pub fn retry(&self, now: SystemTime) -> RetryDecision {
        // A delay the body gives is the server saying when to retry: it overrides the policy,
        // and a longer wait the headers ask for still holds.
        let from_body = match &self.payload {
            Payload::Documented(body) => body.retry_delay(),
            _ => None,
        };
        match from_body {
            Some(delay) => {
                let headers = self.headers.wait(now).unwrap_or_default();
                RetryDecision::After(delay.max(headers))
            }
            None => match RetryDecision::decide(self.policy(), &self.headers, now) {
                RetryDecision::Backoff { at_least } => RetryDecision::Backoff {
                    at_least: at_least.max(self.limit_window().unwrap_or_default()),
                },
                decision => decision,
            },
        }
    }

    /// The shortest window of the documented rate limits this response is the answer of: by
    /// its code, or by its status when the limit names a status and the body no code.
    fn limit_window(&self) -> Option<Duration> {
        let code = self.known_code();
        let status = self.declared_status();
        A::RATE_LIMITS
            .iter()
            .zip(A::RATE_LIMIT_ANSWERS)
            .filter(|(_, answer)| match answer {
                Some(LimitAnswer::Code(c)) => code == Some(*c),
                Some(LimitAnswer::Status(s)) => code.is_none() && status == Some(*s),
                None => false,
            })
            .map(|(limit, _)| limit.window)
            .min()
    }
}

impl<A: Catalog> fmt::Display for ErrorResponse<A> {
    /// `Funder Offers: 409 Conflict: VERSION_CONFLICT: Another update happened ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", A::NAME)?;
        match self.declared_status() {
            // A class such as `5xx Server Error` is shown with the actual code.
            Some(status) => write!(f, "{} {}", self.status, status.title())?,
            None => write!(f, "HTTP {}", self.status)?,
        }
        if let Some(code) = self.code() {
            write!(f, ": {code}")?;
        }
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl<A: Catalog> std::error::Error for ErrorResponse<A> {}

/// Reads `bytes` as a problem document or as the documented body `B`, within `limit`.
fn read_payload<B: WireBody>(bytes: &[u8], is_problem: bool, limit: usize) -> Payload<B> {
    let raw = |error| Payload::Raw {
        bytes: bytes[..bytes.len().min(limit)].to_vec(),
        error,
    };
    let json = match errspec_vocab::body::json_text(bytes, limit) {
        Ok(Some(json)) => json,
        Ok(None) => return Payload::Empty,
        Err(error) => return raw(error),
    };
    if is_problem {
        return match serde_json::from_str::<Problem>(json) {
            Ok(problem) => Payload::Problem(problem),
            Err(e) => raw(json_error(&e)),
        };
    }
    if !B::DOCUMENTED {
        return raw(BodyError::Undocumented);
    }
    match serde_json::from_str::<B>(json) {
        Ok(body) => Payload::Documented(body),
        Err(e) => raw(json_error(&e)),
    }
}
