//! `http` crate interop (feature `http`): a ready `http::Response<Vec<u8>>` from a reply, and
//! typed errors read from an `http::Response`.

#[cfg(feature = "serde")]
use crate::client::ErrorResponse;
#[cfg(feature = "serde")]
use crate::problem::Problem;
#[cfg(feature = "serde")]
use crate::server::Reply;
use crate::server::Response;
#[cfg(feature = "serde")]
use crate::{Catalog, CatalogCode, CatalogStatus, LimitAnswer, WireBody};

impl Response {
    /// The `http::Response`: status, headers in order, body. Fails (never panics) when a
    /// header name or value is not valid HTTP, such as a value with a line break.
    pub fn into_http(self) -> Result<http::Response<Vec<u8>>, http::Error> {
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in self.headers {
            builder = builder.header(name.as_ref(), value);
        }
        builder.body(self.body)
    }

    /// The `http::Response` with any body made from bytes (axum's `Body`, ...). A header that
    /// is not valid HTTP (a value with a line break, which only a hand-set header can have) is
    /// left out rather than failing the response.
    #[must_use]
    pub fn into_http_response<B: From<Vec<u8>>>(self) -> http::Response<B> {
        let mut response = http::Response::new(B::from(self.body));
        *response.status_mut() = http::StatusCode::from_u16(self.status)
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in self.headers {
            let name = http::HeaderName::try_from(name.as_ref());
            let value = http::HeaderValue::try_from(value);
            if let (Ok(name), Ok(value)) = (name, value) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }
}

#[cfg(feature = "serde")]
impl<A: Catalog> Reply<A> {
    /// The reply as an `http::Response` (see [`Response::into_http`]).
    pub fn into_http(self) -> Result<http::Response<Vec<u8>>, http::Error> {
        self.finish().into_http()
    }

    /// The reply as an `http::Response` with any body made from bytes (see
    /// [`Response::into_http_response`]), carrying its error code ([`Reply::code`]), when it
    /// sends one, as a response extension of type `errspec::Code<A::Code>`: how layers outside
    /// the handler, such as the telemetry layer, learn the code without reading the body.
    #[must_use]
    pub fn into_http_response<B: From<Vec<u8>>>(self) -> http::Response<B> {
        let code = self.code();
        let mut response = self.finish().into_http_response();
        if let Some(code) = code {
            response.extensions_mut().insert(code);
        }
        response
    }

    /// The catalog's reply for an error a framework (or a handler's plain status) answered
    /// with `status`, with the framework's own text as `detail`:
    ///
    /// - a request the API cannot read (axum's JSON, path and query rejections: 400, 413, 415,
    ///   422) is answered with the API's documented 400 when it does not document the status
    ///   itself, and with the status's one error code when it has exactly one (the funder offers
    ///   API's `VALIDATION_FAILED`), the detail in the body's details field;
    /// - any other documented status (Centrapay's 404 "Route Not Found", a 405, a 500 for a panic)
    ///   with the body the API documents for the status;
    /// - a status the API does not document as an RFC 9457 problem document.
    pub fn for_status(status: u16, detail: Option<String>) -> Self {
        let unreadable = matches!(status, 400 | 413 | 415 | 422);
        let status = match A::Status::from_code(status) {
            None if unreadable && A::Status::from_code(400).is_some() => 400,
            _ => status,
        };
        let Some(declared) = A::Status::from_code(status) else {
            let title = http::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or_default();
            let mut problem = Problem::new(status, title);
            if let Some(detail) = detail {
                problem = problem.with_detail(detail);
            }
            return Reply::new(status, A::Body::default()).with_problem(problem);
        };
        let mut codes = A::Code::ALL.iter().filter(|c| c.status() == declared);
        let only_code = match (codes.next(), codes.next()) {
            (Some(code), None) if unreadable && declared.code() == status => Some(*code),
            _ => None,
        };
        let reply = match only_code {
            Some(code) => Reply::from_code(code),
            None => Reply::from_status(declared).with_status_code(status),
        };
        match detail {
            Some(detail) => reply.map_body(|body| body.with_detail_values(vec![detail.into()])),
            None => reply,
        }
    }

    /// The answer the spec names for a situation (one of [`Catalog::ANSWERS`], or a rate
    /// limit's): its code's reply, or its status's, with `detail` in the body's details field
    /// where it has one; without one, [`for_status`](Self::for_status) with `status`.
    pub fn for_answer(
        answer: Option<LimitAnswer<A::Code, A::Status>>,
        status: u16,
        detail: Option<String>,
    ) -> Self {
        let reply = match answer {
            Some(LimitAnswer::Code(code)) => Reply::from_code(code),
            Some(LimitAnswer::Status(status)) => Reply::from_status(status),
            None => return Reply::for_status(status, detail),
        };
        match detail {
            Some(detail) => reply.map_body(|body| body.with_detail_values(vec![detail.into()])),
            None => reply,
        }
    }
}

#[cfg(feature = "serde")]
impl<A: Catalog> ErrorResponse<A> {
    /// Reads an `http::Response` whose body is bytes (see [`ErrorResponse::read`]).
    pub fn from_http<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        Self::read(
            response.status().as_u16(),
            response.headers().iter(),
            response.body().as_ref(),
        )
    }

    /// Reads a response from its parts: status, header map and body bytes.
    pub fn from_parts(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> Self {
        Self::read(status.as_u16(), headers.iter(), body)
    }
}
