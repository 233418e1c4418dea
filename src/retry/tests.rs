//! The headers a retry decision reads (Retry-After in both forms, resets in both formats,
//! GitHub's used and resource headers, Stripe's should-retry, values that are not UTF-8), the
//! decision per policy, and the backoff bounds.

use super::*;

const FUNDER: HeaderNames = HeaderNames::NONE
    .with(HeaderRole::Limit, "X-RateLimit-Limit")
    .with(HeaderRole::Remaining, "X-RateLimit-Remaining")
    .with(HeaderRole::Reset, "X-RateLimit-Reset")
    .with_reset_format(ResetFormat::UnixSeconds)
    .with(HeaderRole::Used, "X-RateLimit-Used")
    .with(HeaderRole::Resource, "X-RateLimit-Resource");

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

#[test]
fn retry_after_seconds_and_dates() {
    assert_eq!(
        parse_retry_after(" 30 "),
        Some(Wait::For(Duration::from_secs(30)))
    );
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(Wait::Until(at(1_445_412_480)))
    );
    assert_eq!(parse_retry_after("-5"), None);
    assert_eq!(parse_retry_after(""), None);
    assert_eq!(parse_retry_after("soon"), None);
    assert_eq!(
        parse_retry_after("99999999999999999999999"),
        Some(Wait::For(Duration::from_secs(u64::MAX)))
    );
}

#[test]
fn reset_in_both_formats() {
    assert_eq!(
        parse_reset("1700000030", ResetFormat::UnixSeconds),
        Some(Wait::Until(at(1_700_000_030)))
    );
    assert_eq!(
        parse_reset("1.5", ResetFormat::DeltaSeconds),
        Some(Wait::For(Duration::from_millis(1500)))
    );
    assert_eq!(parse_reset("1.", ResetFormat::DeltaSeconds), None);
    assert_eq!(parse_reset(".5", ResetFormat::DeltaSeconds), None);
    assert_eq!(parse_reset("1.x", ResetFormat::DeltaSeconds), None);
    assert_eq!(
        parse_reset("18446744073709551615", ResetFormat::UnixSeconds),
        None,
        "a moment past what SystemTime holds is ignored"
    );
}

#[test]
fn reads_documented_names_case_insensitively() {
    let headers = RateLimitHeaders::read(
        &FUNDER,
        [
            ("x-ratelimit-limit", "60"),
            ("X-RATELIMIT-REMAINING", "0"),
            ("X-RateLimit-Reset", "1700000030"),
            ("X-RateLimit-Reset", "garbage"),
        ],
    );
    assert_eq!(headers.limit, Some(60));
    assert_eq!(headers.remaining, Some(0));
    assert_eq!(headers.reset, Some(Wait::Until(at(1_700_000_030))));
    assert_eq!(headers.retry_after, None);
    assert_eq!(
        headers.wait(at(1_700_000_000)),
        Some(Duration::from_secs(30))
    );
    assert_eq!(headers.wait(at(1_800_000_000)), Some(Duration::ZERO));
}

#[test]
fn used_and_resource_headers_as_github_sends_them() {
    // The rate-limits page's example response headers.
    let headers = RateLimitHeaders::read(
        &FUNDER,
        [
            ("x-ratelimit-limit", "60"),
            ("x-ratelimit-remaining", "56"),
            ("x-ratelimit-used", "4"),
            ("x-ratelimit-reset", "1372700873"),
            ("x-ratelimit-resource", "core"),
        ],
    );
    assert_eq!(headers.used, Some(4));
    assert_eq!(headers.resource.as_deref(), Some("core"));
    assert_eq!(headers.reset, Some(Wait::Until(at(1_372_700_873))));
    let blank = RateLimitHeaders::read(&FUNDER, [("X-RateLimit-Resource", " ")]);
    assert_eq!(blank.resource, None);
}

#[test]
fn invalid_utf8_values_are_skipped() {
    let headers = RateLimitHeaders::read(
        &FUNDER,
        [("Retry-After", &[0xff, 0x31][..]), ("Retry-After", b"7")],
    );
    assert_eq!(headers.retry_after, Some(Wait::For(Duration::from_secs(7))));
}

#[test]
fn decisions_follow_the_policy() {
    let now = at(1_000);
    let quiet = RateLimitHeaders::default();
    let told = RateLimitHeaders {
        retry_after: Some(Wait::For(Duration::from_secs(5))),
        ..RateLimitHeaders::default()
    };
    assert_eq!(
        RetryDecision::decide(Retry::Never, &told, now),
        RetryDecision::Never
    );
    assert_eq!(
        RetryDecision::decide(Retry::AfterRefresh, &told, now),
        RetryDecision::Refresh
    );
    assert_eq!(
        RetryDecision::decide(Retry::AfterReset, &told, now),
        RetryDecision::After(Duration::from_secs(5))
    );
    assert_eq!(
        RetryDecision::decide(Retry::AfterReset, &quiet, now),
        RetryDecision::Backoff {
            at_least: Duration::ZERO
        }
    );
    assert_eq!(
        RetryDecision::decide(Retry::Backoff, &told, now),
        RetryDecision::Backoff {
            at_least: Duration::from_secs(5)
        }
    );
}

#[test]
fn a_should_retry_header_overrides_the_policy() {
    let names = HeaderNames::NONE.with(HeaderRole::ShouldRetry, "Stripe-Should-Retry");
    let read =
        |value: &str| RateLimitHeaders::read(&names, [("stripe-should-retry", value)]).should_retry;
    assert_eq!(read("true"), Some(true));
    assert_eq!(read(" FALSE "), Some(false));
    assert_eq!(read("yes"), None);
    let now = at(1_000);
    let says = |should_retry| RateLimitHeaders {
        should_retry,
        ..RateLimitHeaders::default()
    };
    assert_eq!(
        RetryDecision::decide(Retry::Backoff, &says(Some(false)), now),
        RetryDecision::Never
    );
    assert_eq!(
        RetryDecision::decide(Retry::AfterReset, &says(Some(false)), now),
        RetryDecision::Never
    );
    assert_eq!(
        RetryDecision::decide(Retry::Never, &says(Some(true)), now),
        RetryDecision::Backoff {
            at_least: Duration::ZERO
        }
    );
    // `true` does not shorten a documented wait, and absent leaves the policy alone.
    assert_eq!(
        RetryDecision::decide(Retry::AfterRefresh, &says(Some(true)), now),
        RetryDecision::Refresh
    );
    assert_eq!(
        RetryDecision::decide(Retry::Never, &says(None), now),
        RetryDecision::Never
    );
}

#[test]
fn backoff_delays_grow_and_cap() {
    let decision = RetryDecision::Backoff {
        at_least: Duration::from_millis(150),
    };
    let (base, cap) = (Duration::from_millis(100), Duration::from_secs(10));
    assert_eq!(
        decision.delay(0, base, cap),
        Some(Duration::from_millis(150))
    );
    assert_eq!(
        decision.delay(3, base, cap),
        Some(Duration::from_millis(800))
    );
    assert_eq!(decision.delay(200, base, cap), Some(cap));
    assert_eq!(RetryDecision::Never.delay(0, base, cap), None);
}
