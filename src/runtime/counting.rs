//! Which of a catalog's rate limits count a request: the one rule the rate-limit layer counts
//! by and a client's quotas follow.

use super::RateLimit;
use crate::Scope;

/// Limits, each with its index in the catalog's `RATE_LIMITS`.
pub(crate) type Indexed = Vec<(usize, RateLimit)>;

impl RateLimit {
    /// The limits among `limits` (their indexes) that count a request with `method` on
    /// `path` (without its query), sent with credentials (`authenticated`) or without:
    ///
    /// - a limit with routes counts the requests on them, a limit without routes every
    ///   request, except the requests on the routes of a `separate` limit;
    /// - where some limits count only unauthenticated requests, a request without
    ///   credentials counts under those and the other limits of scopes `ip` and `total`, and
    ///   a request with credentials under every other limit; elsewhere, every limit counts
    ///   both.
    ///
    /// ```
    /// use errspec::{RateLimit, Routes, Scope};
    /// use std::time::Duration;
    ///
    /// let limit = |name, scope, unauthenticated, routes| RateLimit {
    ///     name, requests: 10, window: Duration::from_secs(60), scope, routes, unauthenticated,
    ///     cost: errspec::Cost::ONE, per_endpoint: false,
    /// };
    /// let search = Routes { patterns: &["GET /search/*"], separate: true };
    /// let github = [
    ///     limit("unauthenticated", Scope::Ip, true, Routes::EVERY),
    ///     limit("authenticated", Scope::Account, false, Routes::EVERY),
    ///     limit("search", Scope::Account, false, search),
    /// ];
    /// assert_eq!(RateLimit::counting(&github, "GET", "/user", true), [1]);
    /// assert_eq!(RateLimit::counting(&github, "GET", "/user", false), [0]);
    /// assert_eq!(RateLimit::counting(&github, "GET", "/search/code", true), [2]);
    /// ```
    #[must_use]
    pub fn counting(
        limits: &[RateLimit],
        method: &str,
        path: &str,
        authenticated: bool,
    ) -> Vec<usize> {
        let theirs = for_callers(limits, authenticated);
        on_route(&theirs, method, path)
            .into_iter()
            .map(|(i, _)| i)
            .collect()
    }
}

/// Whether some of `limits` count only unauthenticated requests.
pub(crate) fn counts_unauthenticated(limits: &[RateLimit]) -> bool {
    limits.iter().any(|l| l.unauthenticated)
}

/// Whether a limit of `scope` counts requests by their credentials.
pub(crate) fn is_credential(scope: Scope) -> bool {
    matches!(scope, Scope::ApiKey | Scope::Account)
}

/// The limits among `limits` that may count a request with credentials or without, on any
/// route (see [`RateLimit::counting`]).
pub(crate) fn for_callers(limits: &[RateLimit], authenticated: bool) -> Indexed {
    let apart = !authenticated && counts_unauthenticated(limits);
    let theirs = |l: &RateLimit| match apart {
        true => !is_credential(l.scope),
        false => !l.unauthenticated,
    };
    let all = limits.iter().copied().enumerate();
    all.filter(|(_, l)| theirs(l)).collect()
}

/// The limits among `selected` that count a request with `method` on `path`: those on its
/// routes, and those on every route unless one of its routes' limits is `separate`.
pub(crate) fn on_route(selected: &[(usize, RateLimit)], method: &str, path: &str) -> Indexed {
    let on_routes = |l: &RateLimit| !l.routes.is_every() && l.routes.covers(method, path);
    let separate = selected
        .iter()
        .any(|(_, l)| on_routes(l) && l.routes.separate);
    selected
        .iter()
        .copied()
        .filter(|(_, l)| on_routes(l) || (!separate && l.routes.is_every()))
        .collect()
}
