//! The four shipped catalogs against the pages they were transcribed from.
//!
//! Every string asserted here is copied from the seed pages, not from `spec/`: a
//! transcription slip in a spec file, or a generator that alters text, fails here.
//! Only the stable part of the generated API (the documented accessors) is used.

use std::str::FromStr;
use std::time::Duration;

use errspec::{RateLimit, Retry, Scope, UnknownCode};

/// Name of a retry policy, so that mismatches print readably without relying on
/// derives of `Retry` that are not part of its stable API.
fn retry_name(retry: Retry) -> &'static str {
    if matches!(retry, Retry::Never) {
        "never"
    } else if matches!(retry, Retry::Backoff) {
        "backoff"
    } else if matches!(retry, Retry::AfterReset) {
        "after_reset"
    } else if matches!(retry, Retry::AfterRefresh) {
        "after_refresh"
    } else {
        "unknown"
    }
}

fn scope_name(scope: &Scope) -> &'static str {
    if matches!(scope, Scope::ApiKey) {
        "api_key"
    } else if matches!(scope, Scope::Account) {
        "account"
    } else if matches!(scope, Scope::Ip) {
        "ip"
    } else if matches!(scope, Scope::Total) {
        "total"
    } else {
        "unknown"
    }
}

fn assert_rate_limit(limit: &RateLimit, name: &str, requests: u32, window: Duration, scope: &str) {
    assert_eq!(limit.name, name);
    assert_eq!(limit.requests, requests, "{name}: requests");
    assert_eq!(limit.window, window, "{name}: window");
    assert_eq!(scope_name(&limit.scope), scope, "{name}: scope");
}

fn assert_is_error<E: std::error::Error + Send + Sync + 'static>() {}

/// Every item of `expected` is in `all`, in the same order: the page's order is kept, and
/// entries a team adds to the spec beside the page's (as the README shows) are allowed.
fn assert_in_order<T: PartialEq + std::fmt::Debug>(all: &[T], expected: &[T], what: &str) {
    let mut rest = all.iter();
    for item in expected {
        assert!(
            rest.any(|x| x == item),
            "{what}: {item:?} is missing or out of the page's order in {all:?}"
        );
    }
}

/// Checks one API's `Status` against a table of (variant, code, title, Display, retry),
/// in the order the page documents them. A macro because each API has its own types.
macro_rules! check_statuses {
    ($api:ident, [$(($variant:ident, $code:expr, $title:expr, $display:expr, $retry:expr)),* $(,)?]) => {{
        use errspec::$api::Status;
        let expected: &[(Status, u16, &str, &str, &str)] =
            &[$((Status::$variant, $code, $title, $display, $retry)),*];
        let order: Vec<Status> = expected.iter().map(|row| row.0).collect();
        assert_in_order(Status::ALL, &order, concat!(stringify!($api), ": statuses in page order"));
        for &(status, code, title, display, retry) in expected {
            assert_eq!(status.code(), code, "{status:?}: code");
            assert_eq!(status.title(), title, "{status:?}: title");
            assert_eq!(status.to_string(), display, "{status:?}: Display");
            assert_eq!(retry_name(status.retry()), retry, "{status:?}: retry");
        }
    }};
}

/// Checks one API's `ErrorCode` against a table of (variant, wire, message, status,
/// retry) in page order, and the `FromStr` round trip of every code.
macro_rules! check_errors {
    ($api:ident, [$(($variant:ident, $wire:expr, $message:expr, $status:ident, $retry:expr)),* $(,)?]) => {{
        use errspec::$api::{ErrorCode, Status};
        let expected: &[(ErrorCode, &str, &str, Status, &str)] =
            &[$((ErrorCode::$variant, $wire, $message, Status::$status, $retry)),*];
        let order: Vec<ErrorCode> = expected.iter().map(|row| row.0).collect();
        assert_in_order(ErrorCode::ALL, &order, concat!(stringify!($api), ": codes in page order"));
        for &(code, wire, message, status, retry) in expected {
            assert_eq!(code.as_str(), wire, "{code:?}: wire code");
            assert_eq!(code.message(), message, "{code:?}: message");
            assert_eq!(code.to_string(), message, "{code:?}: Display is the message");
            assert_eq!(code.status(), status, "{code:?}: status");
            assert_eq!(retry_name(code.retry()), retry, "{code:?}: retry");
            assert_eq!(ErrorCode::from_str(wire).ok(), Some(code), "{wire}: FromStr");
            assert_eq!(wire.parse::<ErrorCode>().ok(), Some(code), "{wire}: parse");
        }
        assert_is_error::<ErrorCode>();
    }};
}

/// `FromStr` rejects `input` with an `UnknownCode` that holds the input.
macro_rules! check_unknown {
    ($api:ident, $input:expr) => {{
        let input: &str = $input;
        let err: UnknownCode = input
            .parse::<errspec::$api::ErrorCode>()
            .expect_err("an undocumented code must not parse");
        let shown = format!("{err:?}");
        assert!(
            shown.contains(input),
            "UnknownCode should hold {input:?}, got {shown}"
        );
    }};
}

mod centrapay;
mod funder_offers;
mod mugglepay;
mod muse_finance;

// ---------------------------------------------------------------------------
// Across the catalogs
// ---------------------------------------------------------------------------

#[test]
fn every_code_round_trips_through_from_str() {
    macro_rules! round_trip {
        ($($api:ident),*) => {$({
            use errspec::$api::ErrorCode;
            for &code in ErrorCode::ALL {
                let parsed: Result<ErrorCode, UnknownCode> = code.as_str().parse();
                assert_eq!(parsed.ok(), Some(code), "{}: {}", stringify!($api), code.as_str());
                assert_eq!(ErrorCode::from_str(code.as_str()).ok(), Some(code));
            }
        })*};
    }
    round_trip!(muse_finance, mugglepay, centrapay, funder_offers);
}

#[test]
fn status_display_is_code_and_title_for_single_codes() {
    macro_rules! display {
        ($($api:ident),*) => {$({
            use errspec::$api::Status;
            for &status in Status::ALL {
                if status.to_string().contains("xx ") {
                    continue;
                }
                assert_eq!(status.to_string(), format!("{} {}", status.code(), status.title()));
            }
        })*};
    }
    display!(muse_finance, mugglepay, centrapay, funder_offers);
}
