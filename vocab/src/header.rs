//! The roles of the headers an API sends about its rate limits: one table, read by the
//! generator (the spec's `headers:` keys, validation, docs, OpenAPI, diff) and by the runtime
//! (which header carries what). Adding a role is a row here, its key in the spec loader, and
//! what the runtime reads or writes for it.

use crate::spelled;

spelled! {
    /// What a rate-limit header carries: the role a spec's `headers:` section gives it. The
    /// order is the order of the docs.
    pub enum HeaderRole {
        /// The requests allowed per window (`X-RateLimit-Limit`).
        Limit = "limit",
        /// The requests left in the window (`X-RateLimit-Remaining`).
        Remaining = "remaining",
        /// The requests made in the window (`X-RateLimit-Used`).
        Used = "used",
        /// When the window resets (`X-RateLimit-Reset`), in the spec's reset format.
        Reset = "reset",
        /// The rate limit the request counted against, by name (`X-RateLimit-Resource`).
        Resource = "resource",
        /// How long to wait before retrying, seconds or an HTTP date (`Retry-After`).
        RetryAfter = "retry_after",
        /// Whether a retry can succeed, `true` or `false` (`Stripe-Should-Retry`); clients
        /// follow it over the code's retry policy.
        ShouldRetry = "should_retry",
    }
}

/// How a header writes its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderValue {
    /// A number of requests.
    Count,
    /// A time, in the spec's reset format (`unix_seconds` or `delta_seconds`).
    Time,
    /// Seconds to wait, or an HTTP date.
    Wait,
    /// A name.
    Name,
    /// `true` or `false`.
    Flag,
}

/// When an API sends a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderSent {
    /// With rate-limit answers, and with every response where the spec says
    /// `every_response: true`.
    WithRateLimits,
    /// With rate-limit answers only.
    WhenRateLimited,
    /// With any error.
    WithErrors,
}

impl HeaderRole {
    /// The number of roles.
    pub const COUNT: usize = Self::ALL.len();

    /// The role's position in [`ALL`](Self::ALL), for tables indexed by role.
    #[must_use]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// What the header means, as a sentence for the docs and OpenAPI.
    #[must_use]
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::Limit => "The number of requests allowed in the current window.",
            Self::Remaining => "The number of requests left in the current window.",
            Self::Used => "The number of requests made in the current window.",
            Self::Reset => "When the current window resets.",
            Self::Resource => "The rate limit the request counted against.",
            Self::RetryAfter => "How long to wait before retrying.",
            Self::ShouldRetry => {
                "Whether a retry can succeed; clients follow it over the code's retry advice."
            }
        }
    }

    /// How the header writes its value.
    #[must_use]
    pub const fn value(self) -> HeaderValue {
        match self {
            Self::Limit | Self::Remaining | Self::Used => HeaderValue::Count,
            Self::Reset => HeaderValue::Time,
            Self::Resource => HeaderValue::Name,
            Self::RetryAfter => HeaderValue::Wait,
            Self::ShouldRetry => HeaderValue::Flag,
        }
    }

    /// When the API sends it.
    #[must_use]
    pub const fn sent(self) -> HeaderSent {
        match self {
            Self::RetryAfter => HeaderSent::WhenRateLimited,
            Self::ShouldRetry => HeaderSent::WithErrors,
            _ => HeaderSent::WithRateLimits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_index_their_table_in_docs_order() {
        for (index, &(spelling, role)) in HeaderRole::ALL.iter().enumerate() {
            assert_eq!(role.index(), index);
            assert_eq!(role.as_str(), spelling);
            assert!(role.meaning().ends_with('.'));
        }
        assert_eq!(HeaderRole::COUNT, 7);
        assert_eq!(HeaderRole::Reset.value(), HeaderValue::Time);
        assert_eq!(HeaderRole::RetryAfter.sent(), HeaderSent::WhenRateLimited);
    }
}
