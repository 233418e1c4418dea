//! gRPC through tonic 0.14 (feature `tonic`): the catalog's errors as `tonic::Status`, with
//! Google's rich error details (AIP-193), and a `tonic::Status` read back into the typed code
//! and a retry decision.
//!
//! A [`Reply`] (or a code, with [`status`]) becomes a status whose gRPC code is the spec's for
//! the code or status (`grpc:`, [`CatalogCode::grpc`]), else the reply's HTTP status through
//! [`grpc_code`], whose message is the body's, and whose details carry:
//!
//! - `ErrorInfo`: the wire code as `reason`, the API's name ([`Catalog::NAME`]) as `domain`;
//! - `RetryInfo`, unless the code (or status) is never retried: the wait the reply's retry and
//!   rate-limit headers give (`Retry-After`, `X-RateLimit-Reset`), when they give one;
//! - `Help`: the code's section of the published docs, when the spec has a site URL.
//!
//! ```
//! use errspec::funder_offers::{Api, ErrorCode};
//! use errspec::tonic::GrpcError;
//!
//! let status = errspec::tonic::status(ErrorCode::VersionConflict);
//! assert_eq!(status.code(), tonic::Code::Aborted);
//! let read = GrpcError::<Api>::read(&status);
//! assert_eq!(read.known_code(), Some(ErrorCode::VersionConflict));
//! assert_eq!(read.decision, errspec::RetryDecision::Refresh);
//! ```

use crate::server::Reply;
use crate::{
    Catalog, CatalogCode, CatalogStatus, Code, GrpcCode, RateLimitHeaders, Retry, RetryDecision,
    Wait, WireBody, WireCode, default_retry,
};
use std::collections::HashMap;
use std::time::{Duration, SystemTime};
use tonic_types::{ErrorDetails, StatusExt};

/// The gRPC code of an HTTP status when the spec names none: [`GrpcCode::for_http`], the
/// mapping `google.rpc.Code` documents (`INVALID_ARGUMENT` for 400, `ABORTED` for 409,
/// `INTERNAL` for 500), gRPC's own for the rest (502 is `UNAVAILABLE`), `UNKNOWN` otherwise.
///
/// ```
/// use errspec::tonic::grpc_code;
/// use tonic::Code;
///
/// assert_eq!(grpc_code(429), Code::ResourceExhausted);
/// assert_eq!(grpc_code(404), Code::NotFound);
/// assert_eq!(grpc_code(418), Code::Unknown);
/// ```
#[must_use]
pub fn grpc_code(status: u16) -> tonic::Code {
    to_tonic(GrpcCode::for_http(status))
}

/// The HTTP status `google.rpc.Code` documents for a gRPC code ([`GrpcCode::http_status`]).
#[must_use]
pub fn http_status(code: tonic::Code) -> u16 {
    from_tonic(code).http_status()
}

/// errspec's gRPC code as tonic's: the same `google.rpc.Code` number.
#[must_use]
pub fn to_tonic(code: GrpcCode) -> tonic::Code {
    tonic::Code::from_i32(code.number())
}

/// tonic's gRPC code as errspec's.
#[must_use]
pub fn from_tonic(code: tonic::Code) -> GrpcCode {
    GrpcCode::ALL
        .iter()
        .map(|(_, g)| *g)
        .find(|g| g.number() == code as i32)
        .unwrap_or(GrpcCode::Unknown)
}

/// The catalog's status for a gRPC code read back: the first whose gRPC code it is (the spec's
/// `grpc:` or the default), else the status `google.rpc.Code` documents for it.
fn status_of<A: Catalog>(code: tonic::Code) -> u16 {
    let grpc = from_tonic(code);
    A::Status::ALL
        .iter()
        .find(|s| s.grpc() == grpc)
        .map_or_else(|| grpc.http_status(), |s| s.code())
}

/// The status for a documented error code: `Reply::from_code(code).into()`.
#[must_use]
pub fn status<C: CatalogCode>(code: C) -> tonic::Status {
    Reply::<C::Api>::from_code(code).into()
}

/// The retry policy of an error of API `A` with HTTP status `http` and, maybe, `code`.
fn policy<A: Catalog>(http: u16, code: Option<&Code<A::Code>>) -> Retry {
    match code.and_then(Code::known) {
        Some(code) => code.retry(),
        None => A::Status::from_code(http).map_or_else(|| default_retry(http), |s| s.retry()),
    }
}

impl<A: Catalog> From<Reply<A>> for tonic::Status {
    fn from(reply: Reply<A>) -> Self {
        let http = reply.status();
        let code = reply.code();
        let declared = A::Status::from_code(http);
        let message = reply
            .body()
            .and_then(WireBody::message_text)
            .map(str::to_owned)
            .or_else(|| code.as_ref()?.known().map(|c| c.message().to_owned()))
            .or_else(|| declared.map(|s| s.message().to_owned()))
            .unwrap_or_default();
        let policy = policy::<A>(http, code.as_ref());
        let response = reply.finish();
        let headers =
            RateLimitHeaders::read(&A::HEADERS, response.headers.iter().map(|(n, v)| (n, v)));
        let mut details = ErrorDetails::new();
        if let Some(code) = &code {
            details.set_error_info(code.as_str(), A::NAME, HashMap::new());
            if let (Some(page), Some(known)) = (A::DOCS_PAGE, code.known()) {
                let anchor = errspec_vocab::anchor("code", known.as_wire());
                details.add_help_link(known.message(), format!("{page}#{anchor}"));
            }
        }
        if policy != Retry::Never {
            details.set_retry_info(headers.wait(SystemTime::now()));
        }
        // The spec's gRPC code for the code or status (`grpc:`), else the HTTP mapping.
        let grpc = match (code.as_ref().and_then(Code::known), declared) {
            (Some(known), _) => known.grpc(),
            (None, Some(status)) => status.grpc(),
            (None, None) => GrpcCode::for_http(http),
        };
        tonic::Status::with_error_details(to_tonic(grpc), message, details)
    }
}

/// A `tonic::Status` read as an error of API `A`.
#[derive(Clone, Debug, PartialEq)]
pub struct GrpcError<A: Catalog> {
    /// The gRPC code.
    pub grpc_code: tonic::Code,
    /// The error code of `ErrorInfo.reason`, when the status carries one from API `A` (its
    /// `domain` is the API's name), known or not.
    pub code: Option<Code<A::Code>>,
    /// The status's message.
    pub message: String,
    /// How long `RetryInfo` says to wait, when it says.
    pub retry_delay: Option<Duration>,
    /// The first link of `Help`: the code's section of the API's docs, when the server sent
    /// one.
    pub help: Option<String>,
    /// What to do next: the code's retry policy (else the policy of the catalog's status with
    /// that gRPC code, or of the one [`http_status`] gives), with `RetryInfo`'s delay as a
    /// `Retry-After`.
    pub decision: RetryDecision,
}

impl<A: Catalog> GrpcError<A> {
    /// Reads `status`; details that do not decode are ignored, never an error.
    #[must_use]
    pub fn read(status: &tonic::Status) -> Self {
        let details = status.get_error_details();
        let code = details
            .error_info()
            .filter(|info| info.domain == A::NAME)
            .map(|info| Code::parse(&info.reason));
        let retry_delay = details.retry_info().and_then(|info| info.retry_delay);
        let help = details
            .help()
            .and_then(|help| help.links.first())
            .map(|link| link.url.clone());
        let headers = RateLimitHeaders {
            retry_after: retry_delay.map(Wait::For),
            ..RateLimitHeaders::default()
        };
        let policy = policy::<A>(status_of::<A>(status.code()), code.as_ref());
        Self {
            grpc_code: status.code(),
            code,
            message: status.message().to_owned(),
            retry_delay,
            help,
            decision: RetryDecision::decide(policy, &headers, SystemTime::now()),
        }
    }

    /// The documented code, if the status carries one the catalog knows.
    #[must_use]
    pub fn known_code(&self) -> Option<A::Code> {
        self.code.as_ref()?.known()
    }
}
