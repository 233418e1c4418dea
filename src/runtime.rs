//! Types shared by every generated API module.

pub(crate) mod counting;

use std::fmt;
use std::time::Duration;

pub use errspec_vocab::{GrpcCode, HeaderRole, ResetFormat, Retry, Scope};

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
    /// Which requests it counts.
    pub routes: Routes,
    /// Whether it counts only the requests that carry no credentials, no key for scope
    /// `api_key` or `account` (GitHub's 60 an hour per IP address for unauthenticated
    /// requests); those that carry one count under the limits of those scopes instead. Only
    /// on limits of scope `ip` and `total`.
    pub unauthenticated: bool,
    /// What one request costs under it: 1, unless its method costs more (GitHub counts
    /// points, 5 for a write). `requests` is then the points allowed per window.
    pub cost: Cost,
    /// Whether it counts each endpoint (method and route) of a caller apart: GitHub's 900
    /// points a minute are per endpoint.
    pub per_endpoint: bool,
}

/// What one request costs under a [`RateLimit`], by its method.
///
/// ```
/// use errspec::Cost;
///
/// const POINTS: Cost = Cost { methods: &[("POST", 5), ("DELETE", 5)] };
/// assert_eq!(POINTS.of("POST"), 5);
/// assert_eq!(POINTS.of("GET"), 1);
/// assert_eq!(Cost::ONE.of("POST"), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cost {
    /// The methods (in capitals) whose requests cost other than 1, each with its cost.
    pub methods: &'static [(&'static str, u32)],
}

impl Cost {
    /// Every request costs 1.
    pub const ONE: Cost = Cost { methods: &[] };

    /// Whether every request costs 1.
    #[must_use]
    pub const fn is_one(&self) -> bool {
        self.methods.is_empty()
    }

    /// What a request with `method` costs.
    #[must_use]
    pub fn of(&self, method: &str) -> u32 {
        let found = self.methods.iter().find(|(m, _)| *m == method);
        found.map_or(1, |&(_, cost)| cost)
    }
}

/// The requests a [`RateLimit`] counts: every request, or those on some routes.
///
/// A pattern is an optional method and a path (`GET /search/*`): `{name}` matches any one
/// segment, a last `*` whatever follows (see [`errspec_vocab::route`]).
///
/// ```
/// use errspec::Routes;
///
/// const SEARCH: Routes = Routes { patterns: &["GET /search/*"], separate: true };
/// assert!(SEARCH.covers("GET", "/search/code"));
/// assert!(!SEARCH.covers("GET", "/user"));
/// assert!(Routes::EVERY.covers("DELETE", "/anything"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Routes {
    /// Method and path patterns; empty for every request.
    pub patterns: &'static [&'static str],
    /// Whether a request on these routes counts under this limit instead of the limits on
    /// every route (GitHub's search limit is separate from its core limit), rather than
    /// under both.
    pub separate: bool,
}

impl Routes {
    /// Every request.
    pub const EVERY: Routes = Routes {
        patterns: &[],
        separate: false,
    };

    /// Whether these are every request's routes.
    #[must_use]
    pub const fn is_every(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether a request with `method` on `path` (without its query) is on one of the routes.
    #[must_use]
    pub fn covers(&self, method: &str, path: &str) -> bool {
        self.is_every()
            || self
                .patterns
                .iter()
                .any(|p| errspec_vocab::route::matches(p, method, path))
    }
}

impl RateLimit {
    /// The shortest even spacing between requests that stays within the limit: the window
    /// divided by the requests, rounded up to the nanosecond so that `requests` requests at
    /// this spacing never fit in one window.
    #[must_use]
    pub const fn min_interval(&self) -> Duration {
        // `requests` is validated to be at least 1.
        let requests = if self.requests == 0 {
            1
        } else {
            self.requests as u128
        };
        let nanos = self.window.as_nanos().div_ceil(requests);
        if nanos > u64::MAX as u128 {
            Duration::from_nanos(u64::MAX)
        } else {
            Duration::from_nanos(nanos as u64)
        }
    }
}

/// Where one rate limit stands for the caller when a response is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LimitState {
    /// The documented limit.
    pub limit: RateLimit,
    /// Requests the caller has left in the current window.
    pub remaining: u32,
    /// Time until the window resets.
    pub reset_after: Duration,
}

/// Whole seconds, rounded up: a client that waits that long finds the window reset.
pub(crate) fn seconds_up(d: Duration) -> u64 {
    d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(requests: u32, window: Duration) -> RateLimit {
        RateLimit {
            name: "test",
            requests,
            window,
            scope: Scope::ApiKey,
            routes: crate::Routes::EVERY,
            unauthenticated: false,
            cost: crate::Cost::ONE,
            per_endpoint: false,
        }
    }

    #[test]
    fn min_interval_never_lets_one_request_too_many_into_a_window() {
        assert_eq!(
            limit(5, Duration::from_secs(1)).min_interval(),
            Duration::from_millis(200)
        );
        assert_eq!(
            limit(600, Duration::from_secs(300)).min_interval(),
            Duration::from_millis(500)
        );
        for requests in 1..=1000u32 {
            for window in [
                Duration::from_secs(1),
                Duration::from_millis(999),
                Duration::from_secs(7),
            ] {
                let interval = limit(requests, window).min_interval();
                // `requests` evenly spaced requests span (requests - 1) intervals; the next one,
                // `requests` intervals after the first, must fall outside the window.
                assert!(
                    interval * requests >= window,
                    "{requests} per {window:?}: {interval:?}"
                );
                assert!(interval * requests < window + Duration::from_nanos(u64::from(requests)));
            }
        }
    }
}
