//! A tower layer that checks every response a service sends against catalog `A` (feature
//! `conformance`): in a server's tests, to prove it sends only documented errors; in
//! production, to log the ones it does not.
//!
//! Each response breaks none, one or several rules, by id: `status-undocumented` (an error
//! status the spec does not declare), `body-unreadable` (an error body that is neither the
//! documented body nor problem+json), `code-unknown` (a code the catalog does not have),
//! `code-status-mismatch` (a known code with another status), `header-missing` (a rate-limit
//! answer, or any response where the spec says every response carries them, without the
//! documented rate-limit headers) and `content-type` (an error body with another media type).
//! `errspec verify` applies the same rules, worded the same, to recorded traffic.
//!
//! Error bodies are read up to a limit ([`DEFAULT_BODY_LIMIT`]) and then passed on unchanged:
//! the client receives exactly what the service sent. An error response goes on once its body
//! has ended or passed the limit, so an error body that streams without end stalls it;
//! successful bodies are not read, so streams of data are not delayed.
//!
//! ```
//! use axum::{Router, routing::get};
//! use errspec::conformance::ConformanceLayer;
//! use errspec::funder_offers::{Api, ErrorCode};
//!
//! let conformance = ConformanceLayer::<Api>::new();
//! let app: Router = Router::new()
//!     .route("/offers/{id}", get(|| async { Err::<(), _>(ErrorCode::VersionConflict) }))
//!     .layer(conformance.clone());
//! // ... send the test's requests to `app`, then:
//! conformance.assert_conforms();
//! ```

mod body;
mod spec;

pub use body::Replay;
pub use errspec_vocab::conformance::{Rule, Violation};

use crate::Catalog;
use body::Prefix;
use futures_util::future::BoxFuture;
use http::{Request, Response};
use http_body::Body;
use spec::Seen;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use tower::{Layer, Service};

/// The most bytes of an error body the layer reads: as many as errspec's client parses.
pub const DEFAULT_BODY_LIMIT: usize = crate::client::DEFAULT_MAX_BODY;

/// Where a layer that reports sends each violation.
type Report = Box<dyn Fn(&Violation) + Send + Sync>;

/// What every service of one layer shares.
struct Shared {
    /// The violations found so far; kept only when the layer collects.
    found: Mutex<Vec<Violation>>,
    collect: bool,
    report: Option<Report>,
}

/// A tower layer that checks every response against catalog `A` (see the [module](self)).
/// Clones share what they found.
pub struct ConformanceLayer<A> {
    shared: Arc<Shared>,
    limit: usize,
    api: PhantomData<fn() -> A>,
}

impl<A> Clone for ConformanceLayer<A> {
    fn clone(&self) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
            limit: self.limit,
            api: PhantomData,
        }
    }
}

impl<A> fmt::Debug for ConformanceLayer<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConformanceLayer")
            .field("limit", &self.limit)
            .field("collect", &self.shared.collect)
            .finish_non_exhaustive()
    }
}

impl<A: Catalog> Default for ConformanceLayer<A> {
    fn default() -> Self {
        Self::new()
    }
}

impl<A: Catalog> ConformanceLayer<A> {
    /// A layer that collects every violation, for a test to assert there are none.
    #[must_use]
    pub fn new() -> Self {
        Self::with(true, None)
    }

    /// A layer that hands each violation to `report` (a log line, a metric) and keeps none,
    /// for production, where collecting would grow without end.
    #[must_use]
    pub fn reporting(report: impl Fn(&Violation) + Send + Sync + 'static) -> Self {
        Self::with(false, Some(Box::new(report)))
    }

    fn with(collect: bool, report: Option<Report>) -> Self {
        Self {
            shared: Arc::new(Shared {
                found: Mutex::new(Vec::new()),
                collect,
                report,
            }),
            limit: DEFAULT_BODY_LIMIT,
            api: PhantomData,
        }
    }

    /// This layer reading at most `bytes` of an error body; a longer one breaks
    /// `body-unreadable`, since errspec's client would not parse it either.
    #[must_use]
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// The violations found so far, in the order the responses were sent.
    #[must_use]
    pub fn violations(&self) -> Vec<Violation> {
        self.shared
            .found
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// `Ok` when no response broke a rule, else every violation.
    ///
    /// # Errors
    ///
    /// [`Violations`], whose `Display` lists each one.
    pub fn verdict(&self) -> Result<(), Violations> {
        let found = self.violations();
        if found.is_empty() {
            Ok(())
        } else {
            Err(Violations(found))
        }
    }

    /// Asserts that no response broke a rule, for tests.
    ///
    /// # Panics
    ///
    /// When one did, with a message that lists every violation.
    #[track_caller]
    pub fn assert_conforms(&self) {
        if let Err(violations) = self.verdict() {
            panic!("{violations}");
        }
    }

    fn record(&self, violations: Vec<Violation>) {
        if let Some(report) = &self.shared.report {
            violations.iter().for_each(report);
        }
        if self.shared.collect && !violations.is_empty() {
            let mut found = self
                .shared
                .found
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            found.extend(violations);
        }
    }
}

/// The violations a layer found, one per line when displayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} response{} broke the spec:",
            if n == 1 { "" } else { "s" }
        )?;
        for violation in &self.0 {
            write!(f, "\n  {violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl<S, A> Layer<S> for ConformanceLayer<A> {
    type Service = Conformance<S, A>;

    fn layer(&self, inner: S) -> Self::Service {
        Conformance {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service of [`ConformanceLayer`]: `S`, with every response checked.
pub struct Conformance<S, A> {
    inner: S,
    layer: ConformanceLayer<A>,
}

impl<S: Clone, A> Clone for Conformance<S, A> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            layer: self.layer.clone(),
        }
    }
}

impl<S: fmt::Debug, A> fmt::Debug for Conformance<S, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Conformance")
            .field("inner", &self.inner)
            .field("layer", &self.layer)
            .finish()
    }
}

impl<S, A, ReqBody, ResBody> Service<Request<ReqBody>> for Conformance<S, A>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ResBody: Body + Send + 'static,
    ResBody::Data: Send,
    ResBody::Error: Send,
    A: Catalog,
{
    type Response = Response<Replay<ResBody>>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Self::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let method = request.method().as_str().to_owned();
        let path = request.uri().path().to_owned();
        let layer = self.layer.clone();
        let response = self.inner.call(request);
        Box::pin(async move {
            let (parts, body) = response.await?.into_parts();
            let status = parts.status.as_u16();
            // Only error bodies are checked; a success may stream without end.
            let (body, prefix) = if status >= 400 {
                let (body, prefix) = Replay::read(body, layer.limit).await;
                (body, Some(prefix))
            } else {
                (Replay::untouched(body), None)
            };
            let headers: Vec<(&str, &str)> = parts
                .headers
                .iter()
                // A value that is not text is there all the same; its text is empty.
                .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or_default()))
                .collect();
            let seen = match &prefix {
                Some(Prefix::Whole(bytes)) => Seen::Whole(bytes),
                Some(Prefix::TooLarge) => Seen::TooLarge,
                Some(Prefix::Failed) | None => Seen::Unchecked,
            };
            let found = spec::violations::<A>(&method, &path, status, &headers, seen, layer.limit);
            drop(headers);
            layer.record(found);
            Ok(Response::from_parts(parts, body))
        })
    }
}
