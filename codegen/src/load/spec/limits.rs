//! The limit sections of a spec file as written: `rate_limits:`, `limits:` and `headers:`.

use super::{OrderedMap, Scalar, Spanned, StatusKey};
use errspec_vocab::HeaderRole;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

#[cfg(feature = "schema")]
use super::schema_fields;

/// One entry of `rate_limits:`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RateLimitEntry {
    /// snake_case name, unique among the rate limits; the Rust constant is its
    /// SCREAMING_SNAKE_CASE.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema_fields::snake_name")
    )]
    pub name: Spanned<String>,
    /// Requests allowed per window: a whole number from 1 to 4,294,967,295.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::requests"))]
    pub requests: Spanned<i64>,
    /// Window length: a positive whole number and a unit, ms, s, m, h or d (`1s`, `1m`, `5m`).
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::duration"))]
    pub window: Spanned<Scalar>,
    /// Who the limit counts: `api_key` (each API key), `account` (each account), `ip` (each
    /// client IP address) or `total` (all requests together).
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::scope"))]
    pub scope: Spanned<String>,
    /// Status returned when the limit is exceeded: a key of `statuses:`.
    pub status: Option<Spanned<StatusKey>>,
    /// Instead of `status`, for an API that answers an exceeded limit with one of several
    /// statuses (GitHub: 403 or 429): keys of `statuses:`, the one a server sends first.
    pub statuses: Option<Spanned<Vec<Spanned<StatusKey>>>>,
    /// Error code returned when the limit is exceeded: a key of `errors:`, sent with `status`
    /// when both are given.
    pub error: Option<Spanned<String>>,
    /// Which requests the limit counts, as method and path patterns (`GET /search/*`):
    /// an optional method in capitals, then a path whose `{name}` segments match any one
    /// segment and whose last segment may be `*`, anything that follows. Without it, every
    /// request.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::routes"))]
    #[serde(default)]
    pub routes: Option<Spanned<Vec<Spanned<String>>>>,
    /// `true` when a request on `routes` counts under this limit instead of the limits that
    /// cover every route (GitHub's search limit is separate from its core limit); otherwise
    /// it counts under both.
    pub separate: Option<Spanned<bool>>,
    /// `true` when the limit counts only requests that carry no credentials (GitHub's 60 an
    /// hour per IP address for unauthenticated requests): requests with an API key or an
    /// account count under the limits of those scopes instead. Only for scopes `ip` and
    /// `total`.
    pub unauthenticated: Option<Spanned<bool>>,
    /// What one request costs under the limit, by method in capitals, when some cost more
    /// than 1 (GitHub's secondary limit: `{ POST: 5, PATCH: 5, PUT: 5, DELETE: 5 }`); any
    /// other method costs 1. `requests` is then the points allowed per window.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema_fields::cost"))]
    #[serde(default)]
    pub cost: Option<Spanned<OrderedMap<String, i64>>>,
    /// `true` when the limit counts each endpoint (method and route) of a caller apart
    /// (GitHub's 900 points a minute per endpoint). Not on scope `total`.
    pub per_endpoint: Option<Spanned<bool>>,
    /// What the limit is (Markdown).
    pub description: Option<String>,
}

/// `answers:`, what a server answers on its own, before any handler runs: each names an
/// error code (`error`), a status (`status`), or both when the code is sent with that
/// status. Without an entry, the answer is the status's own body.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswersSection {
    /// A request that does not say who sends it (no API key where the rate limits need one);
    /// 401 unless given.
    pub missing_key: Option<Spanned<AnswerEntry>>,
    /// A request whose key cannot be read (not valid text, a forged address); 400 unless
    /// given.
    pub invalid_key: Option<Spanned<AnswerEntry>>,
    /// A request for a route the server does not have; 404 unless given.
    pub unknown_route: Option<Spanned<AnswerEntry>>,
}

/// One entry of `answers:`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerEntry {
    /// The error code answered: a key of `errors:`.
    pub error: Option<Spanned<String>>,
    /// The status answered: a key of `statuses:`; with `error`, the code's own status.
    pub status: Option<Spanned<StatusKey>>,
}

/// One entry of `limits:`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LimitEntry {
    /// A duration (`5m`: a positive whole number and a unit, ms, s, m, h or d), or a count
    /// (a whole number from 1 up).
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema_fields::limit_value")
    )]
    pub value: Spanned<Scalar>,
    /// The request header the limit applies to: an HTTP header name (`X-Timestamp`).
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema_fields::limit_header")
    )]
    #[serde(default)]
    pub header: Option<Spanned<String>>,
    /// Error code returned when the limit is exceeded: a key of `errors:`, sent with `status`
    /// when both are given.
    pub error: Option<Spanned<String>>,
    /// Status returned when the limit is exceeded: a key of `statuses:`.
    pub status: Option<Spanned<StatusKey>>,
    /// What the limit is (Markdown).
    pub description: Option<String>,
}

/// `headers:`, the rate-limit headers; each is a header name, or a mapping with `name` and
/// `description` (and `format`, on `reset` only).
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HeadersSection {
    /// The header carrying the requests allowed per window (`X-RateLimit-Limit`).
    pub limit: Option<Spanned<HeaderEntry>>,
    /// The header carrying the requests left in the window (`X-RateLimit-Remaining`).
    pub remaining: Option<Spanned<HeaderEntry>>,
    /// The header carrying when the window resets (`X-RateLimit-Reset`); it needs a `format`,
    /// `unix_seconds` or `delta_seconds`.
    pub reset: Option<Spanned<HeaderEntry>>,
    /// The header carrying how long to wait before retrying, in seconds or as an HTTP date
    /// (`Retry-After`).
    pub retry_after: Option<Spanned<HeaderEntry>>,
    /// The header carrying the requests made in the window (`X-RateLimit-Used`).
    pub used: Option<Spanned<HeaderEntry>>,
    /// The header naming the rate limit the request counted against (`X-RateLimit-Resource`).
    pub resource: Option<Spanned<HeaderEntry>>,
    /// The header saying whether a retry can succeed, `true` or `false`
    /// (`Stripe-Should-Retry`); clients follow it over the code's retry policy.
    pub should_retry: Option<Spanned<HeaderEntry>>,
    /// Any other header the API documents with its errors (`Request-Id`), for the docs and
    /// the generated `HEADERS.other`.
    pub other: Option<Vec<Spanned<HeaderEntry>>>,
    /// `true` when the API sends the rate-limit headers on every response, not only on
    /// errors ("Rate limit headers are included in every response"); servers then add them
    /// to successful responses too.
    pub every_response: Option<bool>,
}

impl HeadersSection {
    /// Each role's entry, in the order of `HeaderRole::ALL`: the one place that pairs the
    /// section's keys with the roles.
    pub fn take_roles(
        &mut self,
    ) -> [(HeaderRole, Option<Spanned<HeaderEntry>>); HeaderRole::COUNT] {
        [
            (HeaderRole::Limit, self.limit.take()),
            (HeaderRole::Remaining, self.remaining.take()),
            (HeaderRole::Used, self.used.take()),
            (HeaderRole::Reset, self.reset.take()),
            (HeaderRole::Resource, self.resource.take()),
            (HeaderRole::RetryAfter, self.retry_after.take()),
            (HeaderRole::ShouldRetry, self.should_retry.take()),
        ]
    }
}

/// A header: a plain name, or a name with a format and description.
#[derive(Debug)]
pub struct HeaderEntry {
    /// The header name, exactly as sent: an HTTP token.
    pub name: String,
    /// `unix_seconds` or `delta_seconds`: required on `reset`, refused on the other headers.
    pub format: Option<Spanned<String>>,
    /// What the header means (Markdown).
    pub description: Option<String>,
}

impl HeaderEntry {
    fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            format: None,
            description: None,
        }
    }
}

hand_written_schema!(HeaderEntry, named "HeaderEntry", schema_fields::header_entry());

/// Accepts `limit: X-RateLimit-Limit` as shorthand for `limit: { name: X-RateLimit-Limit }`.
impl<'de> Deserialize<'de> for HeaderEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(HeaderVisitor)
    }
}

struct HeaderVisitor;
impl<'de> Visitor<'de> for HeaderVisitor {
    type Value = HeaderEntry;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a header name, or a mapping with `name`, `format` and `description`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<HeaderEntry, E> {
        Ok(HeaderEntry::named(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<HeaderEntry, A::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            name: String,
            format: Option<Spanned<String>>,
            description: Option<String>,
        }
        let full = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(HeaderEntry {
            name: full.name,
            format: full.format,
            description: full.description,
        })
    }
}
