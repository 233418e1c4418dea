//! axum 0.8 (feature `axum`): the catalog's replies as axum responses, and axum's own errors
//! in the catalog's words.
//!
//! - [`Reply`], and every generated `ErrorCode` and `Status`, implement axum's
//!   `IntoResponse`: a handler returns `Err(ErrorCode::VersionConflict)` and the client gets
//!   the documented status, content type and body.
//! - [`CatalogLayer`] answers what axum answers by itself (wrong methods, rejected JSON,
//!   paths and queries, panics in handlers) with the catalog's documented reply for that
//!   status, and [`fallback`] does the same for unknown routes: see [`Reply::for_status`].
//! - [`CatalogLayer`] also negotiates: a request whose `Accept` prefers
//!   `application/problem+json` gets every errspec reply as an RFC 9457 problem document.
//!
//! ```
//! use axum::{Router, routing::get};
//! use errspec::funder_offers::{Api, ErrorCode};
//!
//! async fn update_offer() -> Result<&'static str, ErrorCode> {
//!     Err(ErrorCode::VersionConflict)
//! }
//!
//! let app: Router = Router::new()
//!     .route("/offers/{id}", get(update_offer))
//!     .fallback(errspec::axum::fallback::<Api>)
//!     .layer(errspec::axum::CatalogLayer::<Api>::new());
//! # let _ = app;
//! ```

use crate::Catalog;
use crate::problem;
use crate::server::{JSON, Reply};
use ::axum::body::Body;
use ::axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use http::{HeaderMap, HeaderValue, Request, header};
use std::panic::AssertUnwindSafe;
use std::task::{Context, Poll};
use tower::Service;

/// The most bytes of a framework error's text kept as the reply's detail.
const MAX_DETAIL: usize = 16 * 1024;

/// Marks a response errspec built, so [`CatalogLayer`] leaves it as it is, with the
/// problem+json body to swap in when the client asks for one.
#[derive(Clone, Debug)]
struct Built {
    problem: Option<Vec<u8>>,
}

/// `reply` as an axum response; what `IntoResponse` does for replies, codes and statuses.
pub fn reply<A: Catalog>(reply: Reply<A>) -> Response {
    marked(reply)
}

/// `reply` as an `http::Response`, marked as errspec's for [`CatalogLayer`].
pub(crate) fn marked<A: Catalog, B: From<Vec<u8>>>(reply: Reply<A>) -> http::Response<B> {
    let problem = reply.problem_alternative();
    let mut response = reply.into_http_response();
    response.extensions_mut().insert(Built { problem });
    response
}

impl<A: Catalog> IntoResponse for Reply<A> {
    fn into_response(self) -> Response {
        reply(self)
    }
}

/// The handler for unknown routes: the spec's answer for them (`answers: unknown_route`,
/// [`Catalog::ANSWERS`]), else the catalog's 404 (see [`Reply::for_status`]). Use it with
/// `Router::fallback`.
pub async fn fallback<A: Catalog>() -> Response {
    reply(Reply::<A>::for_answer(A::ANSWERS.unknown_route, 404, None))
}

crate::api_layer::api_layer!(
    /// A layer for an axum `Router` that puts axum's own errors in the catalog's words (see
    /// [`Reply::for_status`]): it keeps their headers (`Allow` on a 405), catches panics in
    /// handlers (answered with the catalog's 500), and sends errspec's replies as problem+json
    /// to clients whose `Accept` prefers `application/problem+json`.
    ///
    /// Responses it leaves alone: those errspec built, successful ones, and error responses with
    /// a body that is not plain text (the handler's own JSON, HTML, ...).
    CatalogLayer,
    /// The service [`CatalogLayer`] wraps around an inner one.
    CatalogService
);

impl<A, S, B> Service<Request<B>> for CatalogService<A, S>
where
    A: Catalog,
    S: Service<Request<B>, Response = Response>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let problem = prefers_problem(request.headers());
        // A handler that panics while its future is made or polled gets the catalog's 500,
        // never a dropped connection.
        let call = std::panic::catch_unwind(AssertUnwindSafe(|| self.inner.call(request)));
        Box::pin(async move {
            let outcome = match call {
                Ok(future) => AssertUnwindSafe(future).catch_unwind().await,
                Err(panic) => Err(panic),
            };
            let response = match outcome {
                Ok(result) => result?,
                Err(_) => reply(Reply::<A>::for_status(500, None)),
            };
            Ok(in_catalog_words::<A>(response, problem).await)
        })
    }
}

/// `response` as the client should get it: errspec's replies as they are (or their problem
/// form), framework errors as the catalog's reply.
async fn in_catalog_words<A: Catalog>(mut response: Response, problem: bool) -> Response {
    if let Some(built) = response.extensions_mut().remove::<Built>() {
        return match built.problem {
            Some(body) if problem => swap_body(response, problem::CONTENT_TYPE, body),
            _ => response,
        };
    }
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || !is_plain(response.headers()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let detail = ::axum::body::to_bytes(body, MAX_DETAIL)
        .await
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .filter(|text| !text.is_empty());
    let mut ours = Reply::<A>::for_status(status.as_u16(), detail);
    if problem {
        ours = ours.into_problem();
    }
    let mut answer = reply(ours);
    answer.extensions_mut().remove::<Built>();
    // The framework's headers stay (`Allow` on a 405), except those describing its body.
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            answer.headers_mut().append(name.clone(), value.clone());
        }
    }
    answer
}

/// Whether a response's body is a framework's plain text (or there is none).
fn is_plain(headers: &HeaderMap) -> bool {
    match headers.get(header::CONTENT_TYPE) {
        None => true,
        Some(value) => value
            .as_bytes()
            .split(|&b| b == b';')
            .next()
            .is_some_and(|media| media.trim_ascii().eq_ignore_ascii_case(b"text/plain")),
    }
}

/// `response` with `body` of `content_type` in place of its own.
fn swap_body(response: Response, content_type: &'static str, body: Vec<u8>) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    Response::from_parts(parts, Body::from(body))
}

/// Whether the request's `Accept` prefers problem+json to the documented JSON body: it
/// accepts `application/problem+json` with a higher weight than `application/json`.
#[must_use]
pub fn prefers_problem(headers: &HeaderMap) -> bool {
    let (mut problem, mut json) = (0u16, 0u16);
    for value in headers.get_all(header::ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for range in value.split(',') {
            let mut params = range.split(';');
            let media = params.next().unwrap_or_default().trim();
            let weight = params
                .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                .find_map(parse_weight)
                .unwrap_or(1000);
            if media.eq_ignore_ascii_case(problem::CONTENT_TYPE) {
                problem = problem.max(weight);
            } else if media.eq_ignore_ascii_case(JSON) {
                json = json.max(weight);
            }
        }
    }
    problem > json
}

/// An HTTP weight (`0.8`) in thousandths (RFC 9110 §12.4.2); `None` when malformed.
fn parse_weight(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn problem_json_only_when_preferred() {
        assert!(prefers_problem(&accept("application/problem+json")));
        assert!(prefers_problem(&accept(
            "application/json;q=0.5, application/problem+json"
        )));
        assert!(!prefers_problem(&accept(
            "application/json, application/problem+json"
        )));
        assert!(!prefers_problem(&accept("application/problem+json;q=0")));
        assert!(!prefers_problem(&accept("*/*")));
        assert!(!prefers_problem(&HeaderMap::new()));
        assert!(prefers_problem(&accept(
            "APPLICATION/PROBLEM+JSON ; q=0.9, application/json; q=0.8"
        )));
    }

    #[test]
    fn weights_are_read_as_rfc_9110_writes_them() {
        assert_eq!(parse_weight("1"), Some(1000));
        assert_eq!(parse_weight("1.000"), Some(1000));
        assert_eq!(parse_weight("0.5"), Some(500));
        assert_eq!(parse_weight("0.005"), Some(5));
        assert_eq!(parse_weight("0"), Some(0));
        assert_eq!(parse_weight("1.5"), None);
        assert_eq!(parse_weight("0.0001"), None);
        assert_eq!(parse_weight("x"), None);
    }
}
