//! A stand-in for API `A` (feature `mock`), for the teams that call it: an axum `Router` (a
//! tower `Service`, usable in process without a port) that answers any method and path with
//! `200` and `{}` unless asked otherwise:
//!
//! - `Prefer: code=WIRE_CODE` answers that code's documented response (status, body, content
//!   type, and `Retry-After` with the rate-limit headers when the code answers a rate limit);
//!   `Prefer: status=NNN` the status's documented body; an unknown code or status gets a 400
//!   problem document naming the nearest documented ones;
//! - `Accept: application/problem+json` gets every documented answer as RFC 9457;
//! - the spec's rate limits are enforced per `X-Api-Key` (or [`Mock::key_header`]) by
//!   [`RateLimitLayer`], with the headers a real server sends (and, where the spec has rate
//!   limits, its 401 to a request without the key); limits per `ip` count per client address
//!   when the router is served with `ConnectInfo` (as `errspec mock` serves it), else per key
//!   header too;
//! - [`Mock::script`] scripts the answers to one method and path, in order (503, 503, then
//!   200), so that retry loops can be tested; once a script is used up, the rules above apply.
//!   [`Mock::scenario_file`] reads scripts from a JSON file, checked against the catalog:
//!   `{"GET /offers/1": [503, 503, 200], "POST /offers": ["VALIDATION_FAILED", 201]}`, each
//!   step a status or a documented code.
//!
//! ```
//! use errspec::funder_offers::Api;
//! use errspec::mock::{Mock, Step};
//!
//! let app: axum::Router = Mock::<Api>::new()
//!     .script("GET", "/offers/1", [Step::Status(503), Step::Status(503), Step::Ok])
//!     .into_router();
//! # let _ = app;
//! ```

mod prefer;
mod scenario;

pub use scenario::ScenarioError;

use crate::axum::CatalogLayer;
use crate::problem::Problem;
use crate::ratelimit::{KeyFn, KeyRejection, RateLimitLayer, header, peer_ip};
use crate::server::{JSON, LimitState, Reply};
use crate::{Catalog, CatalogCode, CatalogStatus, LimitAnswer, RateLimit, Scope, WireCode};
use ::axum::Router;
use ::axum::extract::Request;
use ::axum::response::{IntoResponse, Response};
use http::{Extensions, HeaderMap, HeaderName, StatusCode};
use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

/// One scripted answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `200` with `{}`.
    Ok,
    /// The status's documented reply (an undocumented status as problem+json), as a server
    /// would send it for an outage: `Step::Status(503)`; below 400, `{}` with the status.
    Status(u16),
    /// The documented response of the code with this wire string.
    Code(String),
}

/// The scripts not yet used up, by method and path.
type Scripts = HashMap<(String, String), VecDeque<Step>>;

/// A stand-in for API `A` (see the [module](self)).
#[derive(Debug)]
pub struct Mock<A> {
    scripts: Scripts,
    key: HeaderName,
    api: PhantomData<fn() -> A>,
}

impl<A: Catalog> Default for Mock<A> {
    fn default() -> Self {
        Self::new()
    }
}

impl<A: Catalog> Mock<A> {
    /// A mock with no script, counting rate limits per `X-Api-Key`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            scripts: HashMap::new(),
            key: HeaderName::from_static("x-api-key"),
            api: PhantomData,
        }
    }

    /// Counts rate limits per the value of header `name` instead of `X-Api-Key`.
    #[must_use]
    pub fn key_header(mut self, name: HeaderName) -> Self {
        self.key = name;
        self
    }

    /// Answers requests of `method` (any case) to `path` with `steps`, one each, in order;
    /// scripting the same method and path again appends.
    #[must_use]
    pub fn script(
        mut self,
        method: &str,
        path: &str,
        steps: impl IntoIterator<Item = Step>,
    ) -> Self {
        let key = (method.to_ascii_uppercase(), path.to_owned());
        self.scripts.entry(key).or_default().extend(steps);
        self
    }

    /// Adds the scripts of a scenario (see the [module](self)), read against the catalog.
    ///
    /// # Errors
    ///
    /// A [`ScenarioError`] at the line and column where `text` is not a scenario: not JSON, a
    /// key that is not a method and a path, a status out of range, an undocumented code.
    pub fn scenario(self, text: &str) -> Result<Self, ScenarioError> {
        Ok(self.scripts_of(scenario::parse::<A>(text)?))
    }

    /// [`scenario`](Self::scenario) from the file at `path`; errors name the file.
    ///
    /// # Errors
    ///
    /// As [`scenario`](Self::scenario), and when the file cannot be read.
    pub fn scenario_file(self, path: impl AsRef<std::path::Path>) -> Result<Self, ScenarioError> {
        Ok(self.scripts_of(scenario::read::<A>(path.as_ref())?))
    }

    fn scripts_of(self, scripts: scenario::Scripts) -> Self {
        scripts
            .into_iter()
            .fold(self, |mock, ((method, path), steps)| {
                mock.script(&method, &path, steps)
            })
    }

    /// The mock as an axum `Router`: serve it, or call it in process as a tower `Service`.
    pub fn into_router(self) -> Router {
        let scripts = Arc::new(Mutex::new(self.scripts));
        Router::new()
            .fallback(move |request: Request| {
                let step = next_step(&scripts, &request);
                async move { answer::<A>(step, &request) }
            })
            .layer(
                RateLimitLayer::<A, _>::new(header(self.key.clone()))
                    .key_for(Scope::Ip, ip_or(self.key)),
            )
            .layer(CatalogLayer::<A>::new())
    }
}

/// The key of scope `ip`: the peer's address where the server recorded it, else the value of
/// header `name`, so that a mock called in process counts too.
fn ip_or(name: HeaderName) -> impl KeyFn {
    let by_header = header(name);
    move |headers: &HeaderMap, extensions: &Extensions| {
        let key = match peer_ip().key(headers, extensions) {
            Err(KeyRejection::Missing(_)) => by_header.key(headers, extensions),
            found => found,
        };
        key.map(Cow::into_owned)
    }
}

/// The scripted step for `request`, taken from its script.
fn next_step(scripts: &Mutex<Scripts>, request: &Request) -> Option<Step> {
    let key = (
        request.method().as_str().to_owned(),
        request.uri().path().to_owned(),
    );
    let mut scripts = scripts.lock().unwrap_or_else(PoisonError::into_inner);
    scripts.get_mut(&key).and_then(VecDeque::pop_front)
}

/// The answer to `request`: its scripted step, else what its `Prefer` header asks for.
fn answer<A: Catalog>(step: Option<Step>, request: &Request) -> Response {
    let (asked, scripted) = match step {
        Some(step) => (Some(Ok(step)), true),
        None => (prefer::asked(request.headers()), false),
    };
    match asked {
        None | Some(Ok(Step::Ok)) => ok(StatusCode::OK),
        Some(Ok(Step::Code(wire))) => match A::Code::from_wire(&wire) {
            Some(code) => code_reply(code).into_response(),
            None => {
                let codes = A::Code::ALL.iter().map(|c| c.as_wire());
                unknown("code", &wire, prefer::nearest(&wire, codes))
            }
        },
        Some(Ok(Step::Status(status @ 100..=399))) => {
            ok(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
        }
        Some(Ok(Step::Status(status))) => match A::Status::from_code(status) {
            Some(declared) => Reply::<A>::from_status(declared).into_response(),
            None if scripted => Reply::<A>::for_status(status, None).into_response(),
            None => unknown("status", &status.to_string(), nearest_statuses::<A>(status)),
        },
        Some(Err(asked)) => unknown("preference", &asked, Vec::new()),
    }
}

/// `{}` with `status`.
fn ok(status: StatusCode) -> Response {
    (status, [(http::header::CONTENT_TYPE, JSON)], "{}").into_response()
}

/// A code's documented reply; for a code that answers a rate limit, with that limit's headers
/// as exhausted and `Retry-After` its window.
fn code_reply<C: CatalogCode>(code: C) -> Reply<C::Api> {
    let reply = Reply::from_code(code);
    let Some(limit) = limit_of(code) else {
        return reply;
    };
    let reply = if <C::Api as Catalog>::HEADERS.every_response {
        // The rate-limit layer adds the caller's headers to every response itself.
        reply
    } else {
        let state = LimitState {
            limit,
            remaining: 0,
            reset_after: limit.window,
        };
        reply.with_rate_limits(&[state], SystemTime::now())
    };
    reply.with_retry_after(limit.window)
}

/// The rate limit `code` answers, when it answers one.
fn limit_of<C: CatalogCode>(code: C) -> Option<RateLimit> {
    <C::Api as Catalog>::RATE_LIMIT_ANSWERS
        .iter()
        .position(|a| matches!(a, Some(LimitAnswer::Code(c)) if *c == code))
        .and_then(|i| <C::Api as Catalog>::RATE_LIMITS.get(i).copied())
}

/// The declared statuses nearest to `status`, nearest first.
fn nearest_statuses<A: Catalog>(status: u16) -> Vec<String> {
    let mut declared: Vec<u16> = (100..=599)
        .filter(|&code| A::Status::from_code(code).is_some_and(|s| s.code() == code))
        .collect();
    declared.sort_by_key(|&code| code.abs_diff(status));
    declared.iter().take(3).map(u16::to_string).collect()
}

/// A 400 problem document: what was asked for is not documented; the nearest are.
fn unknown(what: &str, asked: &str, nearest: Vec<String>) -> Response {
    let mut detail = format!("`{asked}` is not a documented {what} of this API");
    if !nearest.is_empty() {
        detail.push_str(&format!("; the nearest: {}", nearest.join(", ")));
    }
    let problem = Problem::new(400, "Bad Request").with_detail(detail);
    let problem = match nearest.is_empty() {
        true => problem,
        false => problem.with_extension("nearest", nearest),
    };
    (
        StatusCode::BAD_REQUEST,
        [(http::header::CONTENT_TYPE, crate::problem::CONTENT_TYPE)],
        problem.to_json(),
    )
        .into_response()
}
