//! The IETF rate-limit header fields of draft-ietf-httpapi-ratelimit-headers:
//! `RateLimit-Policy: "per_minute";q=60;w=60` (the quotas) and `RateLimit: "per_minute";r=12;t=30`
//! (what is left of each and when it resets). Both are lists of structured fields (RFC 9651),
//! written and parsed with `sfv` so that names and numbers are always well formed.
//!
//! Feature `ietf-ratelimit`.

use crate::RateLimit;
use crate::runtime::{LimitState, seconds_up};
use sfv::{BareItem, Integer, KeyRef, ListEntry, ListSerializer, Parser, StringRef};
use std::time::Duration;

/// The `RateLimit-Policy` field name.
pub const POLICY_FIELD: &str = "RateLimit-Policy";
/// The `RateLimit` field name.
pub const RATELIMIT_FIELD: &str = "RateLimit";

/// The largest integer a structured field may carry (15 digits).
const MAX_INTEGER: u64 = 999_999_999_999_999;

/// Whole seconds, rounded up (a client that waits `t` seconds must find the window reset), and
/// capped at what a structured-field integer can carry.
fn integer_seconds_up(d: Duration) -> Integer {
    Integer::try_from(seconds_up(d).min(MAX_INTEGER)).unwrap_or(Integer::constant(0))
}

/// `RateLimit-Policy` for `limits`: one member per limit, `"name";q=<requests>;w=<seconds>`.
/// `None` when there is no limit, or when a name cannot be a structured-field string
/// (non-ASCII or control characters; spec names are snake_case and always can).
#[must_use]
pub fn policy_value(limits: &[RateLimit]) -> Option<String> {
    let mut list = ListSerializer::new();
    for limit in limits {
        let name = StringRef::from_str(limit.name).ok()?;
        let _ = list
            .bare_item(name)
            .parameter(KeyRef::constant("q"), limit.requests)
            .parameter(KeyRef::constant("w"), integer_seconds_up(limit.window));
    }
    list.finish()
}

/// `RateLimit` for `states`: one member per limit, `"name";r=<remaining>;t=<seconds to reset>`.
/// `None` when there is no state, or when a name cannot be a structured-field string.
#[must_use]
pub fn ratelimit_value(states: &[LimitState]) -> Option<String> {
    let mut list = ListSerializer::new();
    for state in states {
        let name = StringRef::from_str(state.limit.name).ok()?;
        let _ = list
            .bare_item(name)
            .parameter(KeyRef::constant("r"), state.remaining)
            .parameter(KeyRef::constant("t"), integer_seconds_up(state.reset_after));
    }
    list.finish()
}

/// One member of a received `RateLimit` field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyState {
    /// The policy's name.
    pub policy: String,
    /// `r`: requests left in the window.
    pub remaining: Option<u64>,
    /// `t`: time until the window resets.
    pub reset_after: Option<Duration>,
}

/// Parses a received `RateLimit` field. Malformed values give an empty list (a header a client
/// cannot read must not make it fail); members that are not a named item are skipped.
#[must_use]
pub fn parse_ratelimit(value: &[u8]) -> Vec<PolicyState> {
    let Ok(list) = Parser::new(value).parse_list::<sfv::List>() else {
        return Vec::new();
    };
    list.into_iter()
        .filter_map(|entry| match entry {
            ListEntry::Item(item) => Some(item),
            ListEntry::InnerList(_) => None,
        })
        .filter_map(|item| {
            let policy = match &item.bare_item {
                BareItem::String(s) => s.as_str().to_owned(),
                BareItem::Token(t) => t.as_str().to_owned(),
                _ => return None,
            };
            let mut state = PolicyState {
                policy,
                remaining: None,
                reset_after: None,
            };
            for (key, value) in &item.params {
                let number = value
                    .as_integer()
                    .and_then(|n| u64::try_from(i64::from(n)).ok());
                match key.as_str() {
                    "r" => state.remaining = number,
                    "t" => state.reset_after = number.map(Duration::from_secs),
                    _ => {}
                }
            }
            Some(state)
        })
        .collect()
}

/// The wait a `RateLimit` field implies: the longest reset among the exhausted policies (`r=0`).
#[must_use]
pub fn wait_from(states: &[PolicyState]) -> Option<Duration> {
    states
        .iter()
        .filter(|s| s.remaining == Some(0))
        .filter_map(|s| s.reset_after)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scope;

    const PER_MINUTE: RateLimit = RateLimit {
        name: "per_minute",
        requests: 60,
        window: Duration::from_secs(60),
        scope: Scope::ApiKey,
        routes: crate::Routes::EVERY,
        unauthenticated: false,
        cost: crate::Cost::ONE,
        per_endpoint: false,
    };

    #[test]
    fn writes_policy_and_state() {
        assert_eq!(
            policy_value(&[PER_MINUTE]).as_deref(),
            Some(r#""per_minute";q=60;w=60"#)
        );
        let state = LimitState {
            limit: PER_MINUTE,
            remaining: 12,
            reset_after: Duration::from_millis(29_001),
        };
        assert_eq!(
            ratelimit_value(&[state]).as_deref(),
            Some(r#""per_minute";r=12;t=30"#)
        );
        assert_eq!(policy_value(&[]), None);
    }

    #[test]
    fn refuses_names_that_are_not_structured_strings() {
        let odd = RateLimit {
            name: "caf\u{e9}",
            ..PER_MINUTE
        };
        assert_eq!(policy_value(&[odd]), None);
    }

    #[test]
    fn parses_and_finds_the_exhausted_wait() {
        let states =
            parse_ratelimit(br#""per_second";r=0;t=1, "per_minute";r=0;t=42, burst;r=3;t=9"#);
        assert_eq!(states.len(), 3);
        assert_eq!(states[2].policy, "burst");
        assert_eq!(wait_from(&states), Some(Duration::from_secs(42)));
        assert!(parse_ratelimit(b"\"unterminated").is_empty());
        assert!(parse_ratelimit(&[0xff, 0xfe]).is_empty());
        assert_eq!(wait_from(&parse_ratelimit(br#""a";r=-1;t=-5"#)), None);
    }
}
