//! Types shared by every generated API module.

use std::fmt;
use std::time::Duration;

/// What a client should do about an error response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Retrying the same request cannot succeed: fix the request first.
    Never,
    /// A transient failure: retry with exponential backoff.
    Backoff,
    /// Rate limited: retry once the window resets (see `Retry-After` or the reset header).
    AfterReset,
    /// The resource changed under the request: re-read it, then retry.
    AfterRefresh,
}

impl Retry {
    /// Whether the same request may succeed later, in some way.
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        !matches!(self, Self::Never)
    }

    /// The spelling used in spec files: `never`, `backoff`, `after_reset`, `after_refresh`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Never => "never",
            Self::Backoff => "backoff",
            Self::AfterReset => "after_reset",
            Self::AfterRefresh => "after_refresh",
        }
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a rate limit applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Each API key has its own budget.
    ApiKey,
    /// Each account has its own budget.
    Account,
    /// Each client IP address has its own budget.
    Ip,
    /// One budget for all requests.
    Total,
}

impl Scope {
    /// The spelling used in spec files: `api_key`, `account`, `ip`, `total`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ApiKey => "api_key",
            Self::Account => "account",
            Self::Ip => "ip",
            Self::Total => "total",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A documented request-rate limit: at most `requests` requests in any `window`, per `scope`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// The limit's name in the spec (snake_case).
    pub name: &'static str,
    /// Requests allowed per window.
    pub requests: u32,
    /// The window's length.
    pub window: Duration,
    /// Who the limit applies to.
    pub scope: Scope,
}

impl RateLimit {
    /// The shortest even spacing between requests that stays within the limit.
    #[must_use]
    pub const fn min_interval(&self) -> Duration {
        // `requests` is validated to be at least 1.
        let requests = if self.requests == 0 { 1 } else { self.requests };
        match self.window.checked_div(requests) {
            Some(interval) => interval,
            None => self.window,
        }
    }
}

/// How a rate-limit reset header writes time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResetFormat {
    /// Seconds since the Unix epoch at which the window resets.
    UnixSeconds,
    /// Seconds from now until the window resets.
    DeltaSeconds,
}

/// An error code this version of a catalog does not know. Holds the code exactly as received,
/// so nothing is lost when a server adds a code before its clients update.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownCode(Box<str>);

impl UnknownCode {
    /// Records `code` as unknown.
    #[must_use]
    pub fn new(code: &str) -> Self {
        Self(code.into())
    }

    /// The code as received.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.0)
    }
}

impl std::error::Error for UnknownCode {}

/// An HTTP status a catalog does not declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnknownStatus(pub u16);

impl fmt::Display for UnknownStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP status {} is not declared by this API", self.0)
    }
}

impl std::error::Error for UnknownStatus {}

/// An error-code enum generated from a spec: every `ErrorCode` implements it.
pub trait WireCode: Copy + Sized + 'static {
    /// The wire code.
    fn as_wire(self) -> &'static str;
    /// The code whose wire string is exactly `code`.
    fn from_wire(code: &str) -> Option<Self>;
}

/// An error code as received: one the catalog knows, or the unknown string kept as is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Code<C> {
    /// A documented code.
    Known(C),
    /// A code this version of the catalog does not know, exactly as sent.
    Unknown(Box<str>),
}

impl<C: WireCode> Code<C> {
    /// Classifies `code`.
    #[must_use]
    pub fn parse(code: &str) -> Self {
        match C::from_wire(code) {
            Some(known) => Self::Known(known),
            None => Self::Unknown(code.into()),
        }
    }

    /// The wire string, known or not.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(c) => c.as_wire(),
            Self::Unknown(s) => s,
        }
    }

    /// The documented code, if it is one.
    #[must_use]
    pub fn known(&self) -> Option<C> {
        match self {
            Self::Known(c) => Some(*c),
            Self::Unknown(_) => None,
        }
    }
}

impl<C: WireCode> From<C> for Code<C> {
    fn from(code: C) -> Self {
        Self::Known(code)
    }
}

impl<C: WireCode> fmt::Display for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
