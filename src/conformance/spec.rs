//! Catalog `A`'s answers to the questions of the conformance rules, and its reading of a
//! body: the rules themselves are `errspec_vocab::conformance`, shared with `errspec verify`.

use crate::client::{ErrorResponse, Payload};
use crate::{Catalog, CatalogCode, CatalogStatus, HeaderRole, LimitAnswer, WireBody, WireCode};
use errspec_vocab::conformance::{BodyRead, Exchange, Spec, StatusKey, Violation, check};
use std::marker::PhantomData;

/// Catalog `A` as a [`Spec`].
pub(super) struct CatalogSpec<A>(PhantomData<fn() -> A>);

impl<A> Default for CatalogSpec<A> {
    fn default() -> Self {
        Self(PhantomData)
    }
}

/// A declared status as the spec writes it: `Display` writes the key first (`5xx Server
/// Error`), which is how a class tells itself from a code.
fn key_of<S: CatalogStatus>(status: S) -> StatusKey {
    let shown = status.to_string();
    let class = shown
        .split(' ')
        .next()
        .is_some_and(|key| key.ends_with("xx"));
    StatusKey {
        code: status.code(),
        class,
    }
}

impl<A: Catalog> Spec for CatalogSpec<A> {
    fn declared_status(&self, status: u16) -> Option<StatusKey> {
        A::Status::from_code(status).map(key_of)
    }

    fn code_status(&self, wire: &str) -> Option<StatusKey> {
        A::Code::from_wire(wire).map(|code| key_of(code.status()))
    }

    fn documents_body(&self) -> bool {
        A::Body::DOCUMENTED
    }

    fn is_limit_status(&self, status: u16) -> bool {
        A::RATE_LIMIT_STATUSES.contains(&status)
    }

    fn is_limit_code(&self, wire: &str) -> bool {
        A::RATE_LIMIT_ANSWERS
            .iter()
            .flatten()
            .any(|answer| matches!(answer, LimitAnswer::Code(code) if code.as_wire() == wire))
    }

    fn header(&self, role: HeaderRole) -> Option<&str> {
        A::HEADERS.get(role)
    }

    fn headers_on_every_response(&self) -> bool {
        A::HEADERS.every_response
    }
}

/// The body of a response, as far as it was read.
pub(super) enum Seen<'a> {
    /// The whole body.
    Whole(&'a [u8]),
    /// More than `limit` bytes: the body is too large to be an error body a client reads.
    TooLarge,
    /// Not read (a success, or a body that failed while being read): not checked.
    Unchecked,
}

/// Every rule a response of `status` with `headers` and `body` breaks under catalog `A`.
pub(super) fn violations<A: Catalog>(
    method: &str,
    target: &str,
    status: u16,
    headers: &[(&str, &str)],
    body: Seen<'_>,
    limit: usize,
) -> Vec<Violation> {
    let read;
    let body = match body {
        Seen::Unchecked => BodyRead::NotRecorded,
        Seen::TooLarge => BodyRead::Unreadable {
            reason: format!("it is longer than the limit of {limit} bytes"),
        },
        Seen::Whole(bytes) => {
            // The client's own reader decides, so the layer accepts exactly what errspec's
            // client can read.
            read =
                ErrorResponse::<A>::read_with_limit(status, headers.iter().copied(), bytes, limit);
            match read.payload() {
                Payload::Empty => BodyRead::Empty,
                Payload::Documented(body) => BodyRead::Documented {
                    code: body.raw_code(),
                },
                Payload::Problem(problem) => BodyRead::Problem {
                    code: problem.code.as_deref(),
                },
                Payload::Raw { error, .. } => BodyRead::Unreadable {
                    reason: error.to_string(),
                },
            }
        }
    };
    let exchange = Exchange {
        method,
        target,
        status,
        headers,
        body,
    };
    check(&CatalogSpec::<A>::default(), &exchange)
}
