//! Traits every generated API module implements, so that one generic runtime (the client
//! reader, the retry decision, the server replies, the quotas) serves every API: the generated
//! code only forwards to its own constants instead of repeating that logic per API.

use crate::{HeaderRole, RateLimit, ResetFormat, Retry, WireCode};
use std::fmt;
use std::hash::Hash;

/// One API's catalog as a type: each generated module has `pub struct Api` implementing it
/// (`errspec::funder_offers::Api`). Generic code takes `A: Catalog` and reaches the API's
/// statuses, codes, body, rate limits and headers through it.
pub trait Catalog: Copy + fmt::Debug + Default + Send + Sync + 'static {
    /// The API's display name.
    const NAME: &'static str;
    /// Every documented rate limit, in the order of the docs.
    const RATE_LIMITS: &'static [RateLimit];
    /// The statuses an exceeded rate limit is answered with: a response with one of them
    /// whose headers say no request is left (or when to retry) was rate limited, whatever its
    /// body says.
    const RATE_LIMIT_STATUSES: &'static [u16] = &[];
    /// What each limit of [`RATE_LIMITS`](Self::RATE_LIMITS), at the same index, is answered
    /// with when exceeded: the error code or status the spec gives it (`None` where it gives
    /// neither, or where the list is shorter).
    const RATE_LIMIT_ANSWERS: &'static [Option<LimitAnswer<Self::Code, Self::Status>>] = &[];
    /// The rate-limit headers the API sends.
    const HEADERS: HeaderNames;
    /// What a server answers on its own, where the spec names it (`answers:`).
    const ANSWERS: Answers<Self::Code, Self::Status> = Answers {
        missing_key: None,
        invalid_key: None,
        unknown_route: None,
    };
    /// The API's page of the published site (`https://docs.acme.test/errors/acme.html`), when
    /// the spec says where the site is (`api.docs.site_url`): problem+json `type`s link the
    /// sections of its codes and statuses.
    const DOCS_PAGE: Option<&'static str> = None;
    /// The generated `Status` enum.
    type Status: CatalogStatus<Api = Self>;
    /// The generated `ErrorCode` enum.
    type Code: CatalogCode<Api = Self>;
    /// The generated `ErrorBody`.
    #[cfg(feature = "serde")]
    type Body: WireBody<Api = Self>;
}

/// A generated `Status` enum: every documented HTTP status of one API.
pub trait CatalogStatus:
    Copy + Eq + Hash + fmt::Debug + fmt::Display + Send + Sync + 'static
{
    /// The API this status belongs to.
    type Api: Catalog<Status = Self>;
    /// Every documented status, in the order of the docs.
    const ALL: &'static [Self];
    /// The HTTP status code; for a class such as `5xx`, its lowest code.
    fn code(self) -> u16;
    /// The API's own name for the status.
    fn title(self) -> &'static str;
    /// The body message sent when no error code applies.
    fn message(self) -> &'static str;
    /// The reason phrase a body's title field carries.
    fn reason(self) -> &'static str;
    /// What a client should do when it receives this status.
    fn retry(self) -> Retry;
    /// Its gRPC code: the spec's (`grpc:`), else `GrpcCode::for_http` of its code.
    fn grpc(self) -> crate::GrpcCode;
    /// The declared status for `code` (a class matches any code of its hundred not declared
    /// on its own).
    fn from_code(code: u16) -> Option<Self>;
}

/// A generated `ErrorCode` enum: every documented error code of one API.
pub trait CatalogCode: WireCode + Eq + Hash + fmt::Debug + fmt::Display + Send + Sync {
    /// The API this code belongs to.
    type Api: Catalog<Code = Self>;
    /// Every documented code, in the order of the docs.
    const ALL: &'static [Self];
    /// The status the code is sent with.
    fn status(self) -> <Self::Api as Catalog>::Status;
    /// The documented message.
    fn message(self) -> &'static str;
    /// What a client should do when it receives this code.
    fn retry(self) -> Retry;
    /// Its gRPC code: its own (`grpc:`), else its status's.
    fn grpc(self) -> crate::GrpcCode;
}

/// A generated `ErrorBody`: the documented JSON error body of one API, with the accessors the
/// generic client and server need.
#[cfg(feature = "serde")]
pub trait WireBody:
    serde::Serialize
    + serde::de::DeserializeOwned
    + Clone
    + fmt::Debug
    + Default
    + PartialEq
    + Send
    + Sync
    + 'static
{
    /// The API this body belongs to.
    type Api: Catalog<Body = Self>;
    /// Whether the API documents a JSON error body at all. When it does not, the body has no
    /// fields, and replies are sent without a body.
    const DOCUMENTED: bool;
    /// The body the API sends for `code`.
    fn from_code(code: <Self::Api as Catalog>::Code) -> Self;
    /// The body the API sends for `status` when no error code applies.
    fn from_status(status: <Self::Api as Catalog>::Status) -> Self;
    /// The error code, when the body carries one this catalog knows.
    fn known_code(&self) -> Option<<Self::Api as Catalog>::Code>;
    /// The error code exactly as sent, known or not.
    fn raw_code(&self) -> Option<&str>;
    /// The HTTP status the body states, when it states one.
    fn status_code(&self) -> Option<u16>;
    /// The human-readable message, when the body carries one.
    fn message_text(&self) -> Option<&str>;
    /// The details, such as the fields that failed validation; empty when there are none.
    fn details(&self) -> &[serde_json::Value];
    /// How long the body says to wait before retrying (Google's `RetryInfo.retryDelay`), when
    /// the spec documents where it says so and it does.
    fn retry_delay(&self) -> Option<std::time::Duration> {
        None
    }
    /// The body with `details` in its details field; unchanged when it has none.
    fn with_detail_values(self, details: Vec<serde_json::Value>) -> Self {
        let _ = details;
        self
    }
}

/// What an exceeded rate limit is answered with, as the spec documents it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LimitAnswer<C, S> {
    /// The limit's error code (and so its status and body).
    Code(C),
    /// The limit's status, with the body the API sends for it.
    Status(S),
}

/// What a server answers on its own, before any handler runs, as the spec names it
/// (`answers:`); `None` where it names nothing, for the status's own body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Answers<C, S> {
    /// A request that does not say who sends it (no API key): 401 unless named.
    pub missing_key: Option<LimitAnswer<C, S>>,
    /// A request whose key cannot be read: 400 unless named.
    pub invalid_key: Option<LimitAnswer<C, S>>,
    /// A request for a route the server does not have: 404 unless named.
    pub unknown_route: Option<LimitAnswer<C, S>>,
}

/// The headers an API documents: one name per [`HeaderRole`] it sends, and the others.
///
/// ```
/// use errspec::{HeaderNames, HeaderRole, ResetFormat};
///
/// const HEADERS: HeaderNames = HeaderNames::NONE
///     .with(HeaderRole::Limit, "X-RateLimit-Limit")
///     .with(HeaderRole::Reset, "X-RateLimit-Reset")
///     .with_reset_format(ResetFormat::UnixSeconds);
/// assert_eq!(HEADERS.get(HeaderRole::Limit), Some("X-RateLimit-Limit"));
/// assert_eq!(HEADERS.get(HeaderRole::Used), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HeaderNames {
    /// The name of each role's header, indexed by [`HeaderRole::index`].
    names: [Option<&'static str>; HeaderRole::COUNT],
    /// How the reset header writes time.
    pub reset_format: Option<ResetFormat>,
    /// The other headers the API documents with its errors (`Request-Id`).
    pub other: &'static [&'static str],
    /// Whether the rate-limit headers come on every response, not only on errors.
    pub every_response: bool,
}

impl HeaderNames {
    /// No documented header.
    pub const NONE: HeaderNames = HeaderNames {
        names: [None; HeaderRole::COUNT],
        reset_format: None,
        other: &[],
        every_response: false,
    };

    /// The header that carries `role`, when the API documents one.
    #[must_use]
    pub const fn get(&self, role: HeaderRole) -> Option<&'static str> {
        self.names[role.index()]
    }

    /// These names, with `name` as the header of `role`.
    #[must_use]
    pub const fn with(mut self, role: HeaderRole, name: &'static str) -> Self {
        self.names[role.index()] = Some(name);
        self
    }

    /// These names, with the reset header writing time as `format`.
    #[must_use]
    pub const fn with_reset_format(mut self, format: ResetFormat) -> Self {
        self.reset_format = Some(format);
        self
    }

    /// These names, with `other` as the other documented headers.
    #[must_use]
    pub const fn with_other(mut self, other: &'static [&'static str]) -> Self {
        self.other = other;
        self
    }

    /// These names, with the rate-limit headers on every response.
    #[must_use]
    pub const fn on_every_response(mut self) -> Self {
        self.every_response = true;
        self
    }

    /// Each documented role with its header name, in the order of the docs.
    pub fn roles(&self) -> impl Iterator<Item = (HeaderRole, &'static str)> + '_ {
        HeaderRole::ALL
            .iter()
            .filter_map(|&(_, role)| Some((role, self.get(role)?)))
    }
}

pub use errspec_vocab::default_retry;

pub use errspec_vocab::looks_like_code;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_for_undeclared_statuses() {
        assert_eq!(default_retry(429), Retry::AfterReset);
        assert_eq!(default_retry(503), Retry::Backoff);
        assert_eq!(default_retry(400), Retry::Never);
        assert_eq!(default_retry(0), Retry::Never);
    }
}
