//! Telemetry (feature `telemetry`): every error response in OpenTelemetry's words, by the
//! catalog's error code.
//!
//! [`TelemetryLayer`] is a tower layer. For each error response (status 400 and up) the
//! service sends, it records [`ERROR_TYPE`] (`error.type`) on the request's `tracing` span and
//! increments the `metrics` counter [`ERRORS`], labelled with the API ([`API`]), the error type
//! and the status ([`STATUS`]). The error type is, as OpenTelemetry's HTTP conventions ask, a
//! low-cardinality value ([`error_type`]):
//!
//! - the wire code (`VERSION_CONFLICT`) of a reply errspec built (an `ErrorCode` or a `Reply`
//!   returned by a handler, a rate-limit refusal, a framework error put in the catalog's words);
//! - the status code (`"404"`) of a documented status answered without a code;
//! - [`OTHER`] (`_OTHER`) for a code or a status the catalog does not document.
//!
//! `cargo errspec generate` lists the values each API's `error.type` can take in its docs page.
//!
//! The span is the one current when the request reaches the layer: put the layer inside the
//! one that opens the request's span (in axum, `.layer(TelemetryLayer)` before
//! `.layer(TraceLayer)`), and declare the field there (`error.type = tracing::field::Empty`),
//! since `tracing` records only the fields a span was created with.
//!
//! ```
//! use axum::{Router, routing::get};
//! use errspec::funder_offers::{Api, ErrorCode};
//! use errspec::telemetry::TelemetryLayer;
//!
//! async fn update_offer() -> Result<&'static str, ErrorCode> {
//!     Err(ErrorCode::VersionConflict)
//! }
//!
//! let app: Router = Router::new()
//!     .route("/offers/{id}", get(update_offer))
//!     .layer(TelemetryLayer::<Api>::new());
//! # let _ = app;
//! ```

use crate::{Catalog, CatalogStatus, Code, WireCode};
use http::{Request, Response};
use pin_project_lite::pin_project;
use std::borrow::Cow;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use tower::Service;
use tracing::Span;

/// The span field and the counter label of the error type, OpenTelemetry's `error.type`.
pub const ERROR_TYPE: &str = "error.type";
/// The error type of a code or a status the catalog does not document.
pub const OTHER: &str = "_OTHER";
/// The counter of error responses, in errspec's namespace, as OpenTelemetry names a count of
/// discrete things (unit `{error}`).
pub const ERRORS: &str = "errspec.server.errors";
/// The counter label of the API's name ([`Catalog::NAME`]).
pub const API: &str = "errspec.api";
/// The counter label of the HTTP status, OpenTelemetry's `http.response.status_code`.
pub const STATUS: &str = "http.response.status_code";

/// The `error.type` of a response of API `A` with `status` and, when it carries one, `code`;
/// `None` for a response that is not an error (below 400, with no code).
///
/// ```
/// use errspec::Code;
/// use errspec::funder_offers::{Api, ErrorCode};
/// use errspec::telemetry::error_type;
///
/// let conflict = Code::Known(ErrorCode::VersionConflict);
/// assert_eq!(error_type::<Api>(409, Some(&conflict)).as_deref(), Some("VERSION_CONFLICT"));
/// assert_eq!(error_type::<Api>(403, None).as_deref(), Some("403"));
/// assert_eq!(error_type::<Api>(418, None).as_deref(), Some("_OTHER"));
/// assert_eq!(error_type::<Api>(400, Some(&Code::parse("NEW_CODE"))).as_deref(), Some("_OTHER"));
/// assert_eq!(error_type::<Api>(200, None), None);
/// ```
#[must_use]
pub fn error_type<A: Catalog>(
    status: u16,
    code: Option<&Code<A::Code>>,
) -> Option<Cow<'static, str>> {
    match code {
        Some(Code::Known(code)) => Some(Cow::Borrowed(code.as_wire())),
        Some(Code::Unknown(_)) => Some(Cow::Borrowed(OTHER)),
        None if status < 400 => None,
        None if A::Status::from_code(status).is_some() => Some(Cow::Owned(status.to_string())),
        None => Some(Cow::Borrowed(OTHER)),
    }
}

/// Records `response` of API `A` on `span` and in the counter, when it is an error.
fn record<A: Catalog, B>(span: &Span, response: &Response<B>) {
    let status = response.status().as_u16();
    let Some(error_type) = error_type::<A>(status, response.extensions().get()) else {
        return;
    };
    span.record(ERROR_TYPE, error_type.as_ref());
    metrics::counter!(
        ERRORS,
        API => A::NAME,
        ERROR_TYPE => error_type,
        STATUS => status.to_string(),
    )
    .increment(1);
}

crate::api_layer::api_layer!(
    /// The layer that records each error response of API `A` (see the [module docs](self)).
    TelemetryLayer,
    /// The service [`TelemetryLayer`] wraps around an inner one.
    TelemetryService
);

impl<A, S, R, B> Service<Request<R>> for TelemetryService<A, S>
where
    A: Catalog,
    S: Service<Request<R>, Response = Response<B>>,
{
    type Response = Response<B>;
    type Error = S::Error;
    type Future = TelemetryFuture<A, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<R>) -> Self::Future {
        TelemetryFuture {
            inner: self.inner.call(request),
            span: Span::current(),
            api: PhantomData,
        }
    }
}

pin_project! {
    /// The response future of [`TelemetryService`]: the inner one's, recorded when it is ready.
    pub struct TelemetryFuture<A, F> {
        #[pin]
        inner: F,
        // The request's span, kept from the call: the response may be polled outside it.
        span: Span,
        api: PhantomData<fn() -> A>,
    }
}

impl<A, F> std::fmt::Debug for TelemetryFuture<A, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TelemetryFuture")
    }
}

impl<A, F, B, E> Future for TelemetryFuture<A, F>
where
    A: Catalog,
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let output = ready!(this.inner.poll(cx));
        if let Ok(response) = &output {
            record::<A, B>(this.span, response);
        }
        Poll::Ready(output)
    }
}
