//! `http` crate interop (feature `http`): a ready `http::Response<Vec<u8>>` from a reply, and
//! typed errors read from an `http::Response`.

#[cfg(feature = "serde")]
use crate::Catalog;
#[cfg(feature = "serde")]
use crate::client::ErrorResponse;
#[cfg(feature = "serde")]
use crate::server::Reply;
use crate::server::Response;

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
}

#[cfg(feature = "serde")]
impl<A: Catalog> Reply<A> {
    /// The reply as an `http::Response` (see [`Response::into_http`]).
    pub fn into_http(self) -> Result<http::Response<Vec<u8>>, http::Error> {
        self.into_response().into_http()
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
