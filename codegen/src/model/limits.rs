//! The checked model of an API's limits: rate limits, other bounds and the headers that
//! report them.

use std::time::Duration;

pub use errspec_vocab::Scope;

/// Who a rate limit applies to, in words: "per API key".
pub fn describe_scope(scope: Scope) -> &'static str {
    match scope {
        Scope::ApiKey => "per API key",
        Scope::Account => "per account",
        Scope::Ip => "per client IP address",
        Scope::Total => "in total",
    }
}

/// A duration in the largest whole unit: `5 minutes`, `1 second`, `90 seconds`, `250 ms`.
pub fn human_duration(d: Duration) -> String {
    let ms = d.as_millis();
    let units: [(u128, &str); 4] = [
        (86_400_000, "day"),
        (3_600_000, "hour"),
        (60_000, "minute"),
        (1_000, "second"),
    ];
    for (size, unit) in units {
        if ms >= size && ms.is_multiple_of(size) {
            let n = ms / size;
            return if n == 1 {
                format!("1 {unit}")
            } else {
                format!("{n} {unit}s")
            };
        }
    }
    format!("{ms} ms")
}

/// A request-rate limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// snake_case name.
    pub name: String,
    /// SCREAMING_SNAKE constant name.
    pub const_name: String,
    /// Requests allowed per window.
    pub requests: u32,
    /// Window length.
    pub window: Duration,
    /// Who it applies to.
    pub scope: Scope,
    /// Index of the status returned when exceeded.
    pub status: Option<usize>,
    /// Indexes of the other statuses an exceeded limit may be answered with.
    pub other_statuses: Vec<usize>,
    /// Index of the error code returned when exceeded.
    pub error: Option<usize>,
    /// Markdown description.
    pub description: Option<String>,
}

/// Another documented bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    /// snake_case name.
    pub name: String,
    /// SCREAMING_SNAKE constant name.
    pub const_name: String,
    /// The bound.
    pub value: LimitValue,
    /// The request header it applies to.
    pub header: Option<String>,
    /// Index of the error code returned when exceeded.
    pub error: Option<usize>,
    /// Index of the status returned when exceeded.
    pub status: Option<usize>,
    /// Markdown description.
    pub description: Option<String>,
}

/// The value of a [`Limit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitValue {
    /// A length of time.
    Duration(Duration),
    /// A count or size.
    Count(u64),
}

pub use errspec_vocab::ResetFormat;

/// One header the API sends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The header name, exactly as sent.
    pub name: String,
    /// What it means.
    pub description: Option<String>,
}

/// The rate-limit headers the API sends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers {
    /// Requests allowed per window.
    pub limit: Option<Header>,
    /// Requests left in the window.
    pub remaining: Option<Header>,
    /// When the window resets, and how that is written.
    pub reset: Option<(Header, ResetFormat)>,
    /// How long to wait before retrying (seconds or an HTTP-date).
    pub retry_after: Option<Header>,
    /// Requests made in the window.
    pub used: Option<Header>,
    /// The rate limit the request counted against, by name.
    pub resource: Option<Header>,
    /// Whether a retry can succeed, `true` or `false` (`Stripe-Should-Retry`).
    pub should_retry: Option<Header>,
    /// Other documented headers.
    pub other: Vec<Header>,
    /// Whether the rate-limit headers come on every response, not only on errors.
    pub every_response: bool,
}

impl Headers {
    /// Every documented header, in the order the docs list them.
    pub fn all(&self) -> impl Iterator<Item = &Header> {
        [
            self.limit.as_ref(),
            self.remaining.as_ref(),
            self.used.as_ref(),
            self.reset.as_ref().map(|(h, _)| h),
            self.resource.as_ref(),
            self.retry_after.as_ref(),
            self.should_retry.as_ref(),
        ]
        .into_iter()
        .flatten()
        .chain(&self.other)
    }

    /// Whether the API documents no header.
    pub fn is_empty(&self) -> bool {
        self.limit.is_none()
            && self.remaining.is_none()
            && self.reset.is_none()
            && self.retry_after.is_none()
            && self.used.is_none()
            && self.resource.is_none()
            && self.should_retry.is_none()
            && self.other.is_empty()
    }
}
