//! Whether and when to retry: the rate-limit and retry headers of a response, read for any
//! API, and the decision that combines them with the documented [`Retry`] policy.
//!
//! Everything takes `now` as a parameter, so decisions are deterministic and testable.

use crate::{HeaderNames, HeaderRole, ResetFormat, Retry};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The standard retry header (RFC 9110 §10.2.3), read whether or not the spec documents it.
pub const RETRY_AFTER: &str = "Retry-After";

/// A point to wait for, as a header wrote it: a delay, or a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Wait {
    /// Wait this long, counted from when the response was read.
    For(Duration),
    /// Wait until this moment.
    Until(SystemTime),
}

impl Wait {
    /// How long to wait from `now`; zero once the moment has passed.
    #[must_use]
    pub fn from_now(self, now: SystemTime) -> Duration {
        match self {
            Self::For(delay) => delay,
            Self::Until(moment) => moment.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }
}

/// The rate-limit and retry headers of one response, as far as they could be read. A header
/// that is absent or malformed is `None`: a bad header never makes reading fail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateLimitHeaders {
    /// The documented limit header (`X-RateLimit-Limit`): requests allowed per window.
    pub limit: Option<u64>,
    /// The documented remaining header (`X-RateLimit-Remaining`): requests left in the window.
    pub remaining: Option<u64>,
    /// The documented reset header (`X-RateLimit-Reset`), in the documented format.
    pub reset: Option<Wait>,
    /// `Retry-After` (or the retry header the spec names): seconds or an HTTP-date.
    pub retry_after: Option<Wait>,
    /// The documented used header (`X-RateLimit-Used`): requests made in the window.
    pub used: Option<u64>,
    /// The documented resource header (`X-RateLimit-Resource`): the rate limit the request
    /// counted against, as sent.
    pub resource: Option<String>,
    /// The documented should-retry header (`Stripe-Should-Retry`): whether the server says a
    /// retry can succeed (`true` or `false`, in any case).
    pub should_retry: Option<bool>,
    /// The IETF `RateLimit` field, one entry per policy (feature `ietf-ratelimit`; always
    /// empty without it).
    #[cfg(feature = "ietf-ratelimit")]
    pub policies: Vec<crate::ietf::PolicyState>,
}

impl RateLimitHeaders {
    /// Reads the headers named by `names` (an API's `Catalog::HEADERS`) and `Retry-After` from
    /// `headers`, matching names case-insensitively. Values may be any bytes; the first value
    /// of a header that parses wins.
    ///
    /// `headers` can be pairs of `&str`, `String`s, or an `http::HeaderMap`'s `iter()`.
    pub fn read<K, V>(names: &HeaderNames, headers: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut out = Self::default();
        for (name, value) in headers {
            let (name, value) = (name.as_ref(), value.as_ref());
            #[cfg(feature = "ietf-ratelimit")]
            if name.eq_ignore_ascii_case(crate::ietf::RATELIMIT_FIELD) && out.policies.is_empty() {
                out.policies = crate::ietf::parse_ratelimit(value);
                continue;
            }
            let Some(text) = header_text(value) else {
                continue;
            };
            let role = names
                .roles()
                .find(|&(_, documented)| documented.eq_ignore_ascii_case(name));
            match role.map(|(role, _)| role) {
                Some(HeaderRole::Limit) => first(&mut out.limit, || parse_count(text)),
                Some(HeaderRole::Remaining) => first(&mut out.remaining, || parse_count(text)),
                Some(HeaderRole::Used) => first(&mut out.used, || parse_count(text)),
                Some(HeaderRole::Reset) => first(&mut out.reset, || {
                    parse_reset(text, names.reset_format.unwrap_or(ResetFormat::UnixSeconds))
                }),
                Some(HeaderRole::Resource) => first(&mut out.resource, || {
                    Some(text.to_owned()).filter(|t| !t.is_empty())
                }),
                Some(HeaderRole::ShouldRetry) => first(&mut out.should_retry, || parse_bool(text)),
                Some(HeaderRole::RetryAfter) => {
                    first(&mut out.retry_after, || parse_retry_after(text));
                }
                // The standard retry header counts even where the API names another.
                None if name.eq_ignore_ascii_case(RETRY_AFTER) => {
                    first(&mut out.retry_after, || parse_retry_after(text));
                }
                None => {}
            }
        }
        out
    }

    /// How long the headers say to wait before the limit lets requests through again:
    /// `Retry-After` first, then the documented reset header, then the IETF `RateLimit` field's
    /// longest reset among exhausted policies. `None` when no header says.
    #[must_use]
    pub fn wait(&self, now: SystemTime) -> Option<Duration> {
        let from_headers = self
            .retry_after
            .or(self.reset)
            .map(|wait| wait.from_now(now));
        #[cfg(feature = "ietf-ratelimit")]
        let from_headers = from_headers.or_else(|| crate::ietf::wait_from(&self.policies));
        from_headers
    }
}

/// Sets `slot` from `read` unless an earlier header set it: the first value that parses wins.
fn first<T>(slot: &mut Option<T>, read: impl FnOnce() -> Option<T>) {
    if slot.is_none() {
        *slot = read();
    }
}

/// A header value as text: UTF-8, without the optional whitespace around it.
fn header_text(value: &[u8]) -> Option<&str> {
    std::str::from_utf8(value)
        .ok()
        .map(|t| t.trim_matches([' ', '\t']))
}

/// Whole seconds written as ASCII digits, saturating (a server asking for more than `u64::MAX`
/// seconds means "not in any useful time").
fn parse_seconds(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

/// Seconds with an optional fraction (`1700000000` or `1700000000.25`), as a duration.
fn parse_decimal_seconds(text: &str) -> Option<Duration> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let secs = parse_seconds(whole)?;
    let nanos = match fraction {
        None => 0,
        Some(fraction) => {
            // Digits only, at least one; beyond nine the digits cannot change a wait.
            parse_seconds(fraction)?;
            fraction
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(9)
                .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
        }
    };
    Some(Duration::new(secs, nanos))
}

/// A count header (`X-RateLimit-Limit: 60`).
fn parse_count(text: &str) -> Option<u64> {
    parse_seconds(text)
}

/// `true` or `false`, in any case, with surrounding whitespace.
fn parse_bool(text: &str) -> Option<bool> {
    let text = text.trim_matches([' ', '\t']);
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
#[must_use]
pub fn parse_retry_after(text: &str) -> Option<Wait> {
    let text = text.trim_matches([' ', '\t']);
    match parse_seconds(text) {
        Some(secs) => Some(Wait::For(Duration::from_secs(secs))),
        None => httpdate::parse_http_date(text).ok().map(Wait::Until),
    }
}

/// A reset header in the documented format: Unix seconds (a moment) or delta seconds.
#[must_use]
pub fn parse_reset(text: &str, format: ResetFormat) -> Option<Wait> {
    let value = parse_decimal_seconds(text.trim_matches([' ', '\t']))?;
    match format {
        ResetFormat::DeltaSeconds => Some(Wait::For(value)),
        // A moment too far to represent is ignored rather than wrapped.
        ResetFormat::UnixSeconds => UNIX_EPOCH.checked_add(value).map(Wait::Until),
    }
}

/// What a client should do next about an error response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryDecision {
    /// Do not send the same request again: it cannot succeed until the request changes.
    Never,
    /// Send the same request again once this delay has passed (the rate limit has reset).
    After(Duration),
    /// A transient failure: retry with exponential backoff, waiting at least `at_least` first
    /// (a `Retry-After` sent with it, or a rate limit whose reset the response did not say).
    Backoff {
        /// The shortest first wait; zero when the response gave none.
        at_least: Duration,
    },
    /// The resource changed under the request: re-read it, then retry against its current
    /// state (for example with its new version).
    Refresh,
}

impl RetryDecision {
    /// Decides from a documented `policy` and the response's headers, at `now`.
    ///
    /// - `Never` stays never, whatever the headers say (a `400` does not heal with time).
    /// - `AfterRefresh` is [`RetryDecision::Refresh`].
    /// - `AfterReset` waits as long as the headers say ([`RateLimitHeaders::wait`]); when they
    ///   say nothing it backs off.
    /// - `Backoff` backs off, no sooner than a `Retry-After` sent with it.
    ///
    /// A documented should-retry header overrides the policy, since the server knows what the
    /// code alone cannot say (Stripe: "`false`: it should not, because it won't have an
    /// additional effect"): `false` is `Never`, and `true` on a `Never` policy backs off.
    #[must_use]
    pub fn decide(policy: Retry, headers: &RateLimitHeaders, now: SystemTime) -> Self {
        let policy = match (headers.should_retry, policy) {
            (Some(false), _) => return Self::Never,
            (Some(true), Retry::Never) => Retry::Backoff,
            _ => policy,
        };
        match policy {
            Retry::Never => Self::Never,
            Retry::AfterRefresh => Self::Refresh,
            Retry::AfterReset => match headers.wait(now) {
                Some(delay) => Self::After(delay),
                None => Self::Backoff {
                    at_least: Duration::ZERO,
                },
            },
            Retry::Backoff => Self::Backoff {
                at_least: headers
                    .retry_after
                    .map_or(Duration::ZERO, |wait| wait.from_now(now)),
            },
        }
    }

    /// Whether the request may be sent again at all.
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        !matches!(self, Self::Never)
    }

    /// The wait before attempt number `attempt` (0 for the first retry): `None` for `Never`,
    /// zero for `Refresh` (after the re-read), the delay for `After`, and for `Backoff`
    /// `base * 2^attempt`, capped at `cap` but never below `at_least`. Jitter, if wanted, is
    /// the caller's to add.
    #[must_use]
    pub fn delay(self, attempt: u32, base: Duration, cap: Duration) -> Option<Duration> {
        match self {
            Self::Never => None,
            Self::Refresh => Some(Duration::ZERO),
            Self::After(delay) => Some(delay),
            Self::Backoff { at_least } => {
                let factor = 1u32.checked_shl(attempt).unwrap_or(u32::MAX);
                let grown = base.checked_mul(factor).unwrap_or(Duration::MAX);
                Some(grown.min(cap).max(at_least))
            }
        }
    }
}

#[cfg(test)]
mod tests;
