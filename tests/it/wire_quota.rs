//! The documented rate limits as governor quotas, checked on a simulated clock (governor's
//! `FakeRelativeClock`): a client that sends whenever its quota allows never exceeds any
//! documented limit in any sliding window, and still reaches the documented throughput.

use errspec::{RateLimit, Scope, funder_offers};
use governor::clock::{Clock, FakeRelativeClock};
use governor::{Quota, RateLimiter};
use proptest::prelude::*;
use std::num::NonZeroU32;
use std::time::Duration;

/// Sends through a limiter on a fake clock for `horizon`: whenever the limiter allows, one
/// request; when it refuses, the client waits exactly as long as it says. Between requests
/// the client idles for `idle(i)` (zero for a client that always has work). Returns the send
/// times.
fn simulate(quota: Quota, horizon: Duration, idle: impl Fn(usize) -> Duration) -> Vec<Duration> {
    let clock = FakeRelativeClock::default();
    let limiter = RateLimiter::direct_with_clock(quota, clock.clone());
    let mut now = Duration::ZERO;
    let mut sent = Vec::new();
    while now < horizon {
        match limiter.check() {
            Ok(()) => {
                sent.push(now);
                let pause = idle(sent.len());
                clock.advance(pause);
                now += pause;
            }
            Err(not_until) => {
                // Never spin in place: a zero wait would not move the clock.
                let wait = not_until
                    .wait_time_from(clock.now())
                    .max(Duration::from_nanos(1));
                clock.advance(wait);
                now += wait;
            }
        }
    }
    sent
}

/// The most requests in any half-open window `[t, t + window)`. Checking windows that start
/// at a request is enough: any window can slide right to its first request without losing one.
fn busiest_window(sent: &[Duration], window: Duration) -> usize {
    let mut most = 0;
    let mut end = 0;
    for (start, &t) in sent.iter().enumerate() {
        while end < sent.len() && sent[end] < t + window {
            end += 1;
        }
        most = most.max(end - start);
    }
    most
}

fn assert_within(sent: &[Duration], limits: &[RateLimit], what: &str) {
    for limit in limits {
        let busiest = busiest_window(sent, limit.window);
        assert!(
            busiest <= limit.requests as usize,
            "{what}: {busiest} requests in one {:?} window, limit {} ({})",
            limit.window,
            limit.requests,
            limit.name
        );
    }
}

const TEN_MINUTES: Duration = Duration::from_secs(600);

#[test]
fn funder_quota_stays_under_both_limits_at_full_throughput() {
    let limits = funder_offers::limits::RATE_LIMITS;
    let quota = errspec::quota::for_api::<funder_offers::Api>(NonZeroU32::MIN).unwrap();
    let sent = simulate(quota, TEN_MINUTES, |_| Duration::ZERO);
    assert_within(&sent, limits, "greedy client");
    assert_eq!(busiest_window(&sent, Duration::from_secs(1)), 1);
    assert_eq!(busiest_window(&sent, Duration::from_secs(60)), 60);
    // The documented throughput is 60 per minute: 600 in ten minutes. The quota reaches it all.
    assert!(sent.len() >= 540, "{} requests in ten minutes", sent.len());
    assert_eq!(sent.len(), 600);
}

#[test]
fn funder_quota_with_bursts_stays_under_both_limits() {
    let limits = funder_offers::limits::RATE_LIMITS;
    let five = NonZeroU32::new(5).unwrap();
    let quota = errspec::quota::for_api::<funder_offers::Api>(five).unwrap();
    assert_eq!(quota.burst_size(), five);
    // A client that works in spurts: idle 7 s after every 11th request, so the quota's burst
    // refills and is spent again.
    let spurts = |i: usize| {
        if i.is_multiple_of(11) {
            Duration::from_secs(7)
        } else {
            Duration::ZERO
        }
    };
    for (what, sent) in [
        ("greedy", simulate(quota, TEN_MINUTES, |_| Duration::ZERO)),
        ("spurts", simulate(quota, TEN_MINUTES, spurts)),
    ] {
        assert_within(&sent, limits, what);
        assert_eq!(
            busiest_window(&sent, Duration::from_secs(1)),
            5,
            "{what}: bursts of 5"
        );
        if what == "greedy" {
            // 56 per minute after the first burst: over 90 % of the documented 60.
            assert!(sent.len() >= 540, "{what}: {} in ten minutes", sent.len());
        }
    }
}

#[test]
fn a_plain_burst_quota_breaks_the_documented_limit() {
    // What the quota module avoids: governor's `per_minute(60)` lets a full burst of 60
    // through at once and then one a second, 119 in the first minute.
    let naive = Quota::per_minute(NonZeroU32::new(60).unwrap());
    let sent = simulate(naive, TEN_MINUTES, |_| Duration::ZERO);
    assert_eq!(busiest_window(&sent, Duration::from_secs(60)), 119);
    assert!(busiest_window(&sent, Duration::from_secs(1)) > 5);
}

#[test]
fn muse_finance_total_limit() {
    let limits = errspec::muse_finance::limits::RATE_LIMITS;
    let quota = errspec::quota::for_api::<errspec::muse_finance::Api>(NonZeroU32::MIN).unwrap();
    assert_eq!(quota.replenish_interval(), Duration::from_millis(500));
    let sent = simulate(quota, Duration::from_secs(1800), |_| Duration::ZERO);
    assert_within(&sent, limits, "muse finance");
    assert_eq!(busiest_window(&sent, Duration::from_secs(300)), 600);
}

#[test]
fn apis_without_rate_limits_have_no_quota() {
    assert!(errspec::quota::for_api::<errspec::mugglepay::Api>(NonZeroU32::MIN).is_none());
    assert!(errspec::quota::for_api::<errspec::centrapay::Api>(NonZeroU32::MIN).is_none());
}

fn limit_strategy() -> impl Strategy<Value = RateLimit> {
    // Windows in whole milliseconds, including awkward ones (7 requests per 1 s, 13 per 997 ms).
    (1u32..=120, 1u64..=120_000).prop_map(|(requests, millis)| RateLimit {
        name: "limit",
        requests,
        window: Duration::from_millis(millis),
        scope: Scope::ApiKey,
        routes: errspec::Routes::EVERY,
        unauthenticated: false,
        cost: errspec::Cost::ONE,
        per_endpoint: false,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any set of limits, any burst, any idle pattern: no sliding window of any limit ever
    /// holds more than its requests, and a greedy client reaches the tightest limit's rate
    /// (within rounding) when the burst is 1.
    #[test]
    fn combined_quotas_never_exceed_any_limit(
        limits in prop::collection::vec(limit_strategy(), 1..4),
        burst in 1u32..=20,
        idles in prop::collection::vec(0u64..3_000, 1..16),
    ) {
        let quota = errspec::quota::combined(&limits, NonZeroU32::new(burst).unwrap()).unwrap();
        let longest = limits.iter().map(|l| l.window).max().unwrap();
        let horizon = longest * 4;
        let idle = |i: usize| Duration::from_millis(idles[i % idles.len()]);
        let sent = simulate(quota, horizon, idle);
        for limit in &limits {
            prop_assert!(busiest_window(&sent, limit.window) <= limit.requests as usize);
        }
        let greedy = simulate(quota, horizon, |_| Duration::ZERO);
        for limit in &limits {
            prop_assert!(busiest_window(&greedy, limit.window) <= limit.requests as usize);
        }
        if burst == 1 {
            let tightest = limits
                .iter()
                .map(|l| l.window.as_secs_f64() / f64::from(l.requests))
                .fold(0.0, f64::max);
            let expected = horizon.as_secs_f64() / tightest;
            prop_assert!(greedy.len() as f64 >= expected.floor() - 1.0);
        }
    }
}
