//! A catalog's rate limits as `governor` quotas, so that a client throttled by them stays
//! under every documented limit in every sliding window. Feature `governor`.
//!
//! # Why not `Quota::per_minute(60)`
//!
//! A GCRA quota with burst `b` and replenish interval `T` lets through at most
//! `b - 1 + ceil(W / T)` requests in any window of length `W`. `Quota::per_minute(60)` has
//! `b = 60` and `T = 1s`: a full burst at once, then one a second, which is 119 requests in the
//! first 60 seconds, twice the documented limit. So the quotas here pick `T` from the limits:
//! for burst `b`, `T = max over the limits of ceil(W / (N - b + 1))`, which keeps every window
//! of every limit at `N` or fewer. With `b = 1` (the default), `T` is the largest `W / N`, and
//! the client reaches the full documented throughput of the tightest limit.
//!
//! ```
//! use errspec::funder_offers::Api;
//! use std::num::NonZeroU32;
//! use std::time::Duration;
//!
//! // 60 per minute and 5 per second: one request a second.
//! let quota = errspec::quota::for_api::<Api>(NonZeroU32::MIN).unwrap();
//! assert_eq!(quota.replenish_interval(), Duration::from_secs(1));
//! // A burst of 5 (the per-second limit) costs some throughput: 56 per minute.
//! let bursty = errspec::quota::for_api::<Api>(NonZeroU32::new(5).unwrap()).unwrap();
//! assert_eq!(bursty.burst_size().get(), 5);
//! assert_eq!(bursty.replenish_interval(), Duration::from_nanos(1_071_428_572));
//! ```
//!
//! The limits' scopes are not distinguished: one client is bound by its key's, its account's,
//! its address's and the API's total limits alike (a `total` limit is shared with other
//! clients, which a client's own quota cannot account for). Limits on some routes only, or on
//! unauthenticated requests only, bind the requests they count: [`for_request`].

use crate::{Catalog, RateLimit};
use std::num::NonZeroU32;
use std::time::Duration;

/// The quota type of the `governor` version this crate uses.
pub use governor::Quota;

/// The quota for one limit: one request every `window / requests` (rounded up to the
/// nanosecond), no burst. `None` for a limit of zero requests or a zero window.
#[must_use]
pub fn quota(limit: &RateLimit) -> Option<Quota> {
    combined(std::slice::from_ref(limit), NonZeroU32::MIN)
}

/// One quota that keeps a client under all of `limits` at once, allowing bursts of up to
/// `burst` requests. The burst is capped at the smallest limit's request count (a larger burst
/// would break that limit by itself). `None` when `limits` is empty or one of them allows
/// nothing (zero requests or a zero window).
#[must_use]
pub fn combined(limits: &[RateLimit], burst: NonZeroU32) -> Option<Quota> {
    let smallest = limits.iter().map(|l| l.requests).min()?;
    let burst = NonZeroU32::new(burst.get().min(smallest))?;
    let mut period = Duration::ZERO;
    for limit in limits {
        if limit.window.is_zero() {
            return None;
        }
        // `requests >= burst >= 1`, so the divisor is at least 1.
        let spaced = u128::from(limit.requests - burst.get() + 1);
        let nanos = limit.window.as_nanos().div_ceil(spaced);
        period = period.max(duration_from_nanos(nanos));
    }
    Quota::with_period(period).map(|q| q.allow_burst(burst))
}

/// The combined quota (see [`combined`]) of API `A`'s documented rate limits that count every
/// request a client with credentials sends: all of them for an API whose limits neither
/// cover some routes only nor count unauthenticated requests apart. `None` when there are
/// none.
///
/// For requests on the routes of other limits (GitHub's searches), or without credentials,
/// see [`for_request`].
#[must_use]
pub fn for_api<A: Catalog>(burst: NonZeroU32) -> Option<Quota> {
    let everywhere = crate::runtime::counting::for_callers(A::RATE_LIMITS, true)
        .into_iter()
        .filter(|(_, l)| l.routes.is_every())
        .map(|(_, l)| l);
    combined(&everywhere.collect::<Vec<_>>(), burst)
}

/// The combined quota (see [`combined`]) of the limits of API `A` that a request with
/// `method` on `path` counts under, sent with credentials or without
/// ([`RateLimit::counting`]): a client keeps one limiter per set of routes it calls (per
/// endpoint, where a limit counts per endpoint). Under a limit where the request costs more
/// than one, the quota allows as many such requests as the limit's points pay for.
///
/// ```
/// use std::num::NonZeroU32;
/// use std::time::Duration;
///
/// // Funder Offers counts every request alike: one quota, a request a second.
/// let quota = errspec::quota::for_request::<errspec::funder_offers::Api>(
///     "POST", "/offers", true, NonZeroU32::MIN,
/// );
/// assert_eq!(quota.unwrap().replenish_interval(), Duration::from_secs(1));
/// ```
#[must_use]
pub fn for_request<A: Catalog>(
    method: &str,
    path: &str,
    authenticated: bool,
    burst: NonZeroU32,
) -> Option<Quota> {
    request_quota(A::RATE_LIMITS, method, path, authenticated, burst)
}

/// [`for_request`] over `limits`.
fn request_quota(
    limits: &[RateLimit],
    method: &str,
    path: &str,
    authenticated: bool,
    burst: NonZeroU32,
) -> Option<Quota> {
    let counting = RateLimit::counting(limits, method, path, authenticated);
    let limits: Vec<RateLimit> = counting
        .iter()
        .map(|&i| limits[i])
        .map(|limit| RateLimit {
            // A cost is at most the limit's requests (the generator checks), so at least 1.
            requests: limit.requests / limit.cost.of(method).max(1),
            ..limit
        })
        .collect();
    combined(&limits, burst)
}

/// The sustained rate a quota allows, as requests per `window`: what a client reaches when it
/// sends as fast as the quota lets it.
#[must_use]
pub fn requests_per(quota: &Quota, window: Duration) -> f64 {
    window.as_secs_f64() / quota.replenish_interval().as_secs_f64()
}

fn duration_from_nanos(nanos: u128) -> Duration {
    const NANOS_PER_SEC: u128 = 1_000_000_000;
    let secs = u64::try_from(nanos / NANOS_PER_SEC).unwrap_or(u64::MAX);
    // The remainder is below 10^9, so it fits.
    let sub = u32::try_from(nanos % NANOS_PER_SEC).unwrap_or(0);
    Duration::new(secs, sub)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scope;

    fn limit(requests: u32, window: Duration) -> RateLimit {
        RateLimit {
            name: "l",
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
    fn rounds_the_period_up() {
        let q = quota(&limit(7, Duration::from_secs(1))).unwrap();
        assert_eq!(q.replenish_interval(), Duration::from_nanos(142_857_143));
        assert_eq!(q.burst_size(), NonZeroU32::MIN);
    }

    #[test]
    fn caps_the_burst_and_refuses_empty_limits() {
        let q = combined(
            &[limit(3, Duration::from_secs(1))],
            NonZeroU32::new(10).unwrap(),
        )
        .unwrap();
        assert_eq!(q.burst_size().get(), 3);
        assert_eq!(q.replenish_interval(), Duration::from_secs(1));
        assert!(combined(&[], NonZeroU32::MIN).is_none());
        assert!(quota(&limit(0, Duration::from_secs(1))).is_none());
        assert!(quota(&limit(1, Duration::ZERO)).is_none());
    }

    /// Under 900 points a minute where a write costs 5, a client's writes are paced at 180 a
    /// minute and its reads at 900.
    #[test]
    fn a_request_quota_pays_for_its_cost() {
        let points = RateLimit {
            cost: crate::Cost {
                methods: &[("POST", 5)],
            },
            ..limit(900, Duration::from_secs(60))
        };
        let per_minute = |method| {
            let quota = request_quota(&[points], method, "/repos/o/r", true, NonZeroU32::MIN);
            requests_per(&quota.unwrap(), Duration::from_secs(60)).round()
        };
        assert_eq!(per_minute("POST"), 180.0);
        assert_eq!(per_minute("GET"), 900.0);
    }

    #[test]
    fn huge_windows_do_not_overflow() {
        let q = quota(&limit(1, Duration::MAX)).unwrap();
        assert_eq!(q.replenish_interval(), Duration::MAX);
    }
}
