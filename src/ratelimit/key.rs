//! Who a request counts against: the key functions of the rate-limit layer.

use http::{Extensions, HeaderMap, HeaderName};
use std::borrow::Cow;
use std::fmt;
use std::net::SocketAddr;

/// Why a request has no key, and so cannot be counted: answered with the API's documented 401
/// (missing credentials) or 400 (unreadable ones) rather than let through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyRejection {
    /// The request does not say who sends it (no API key header): 401.
    Missing(String),
    /// It says so in a form that cannot be read: 400.
    Invalid(String),
}

impl KeyRejection {
    /// The HTTP status the rejection is answered with.
    #[must_use]
    pub fn status(&self) -> u16 {
        match self {
            Self::Missing(_) => 401,
            Self::Invalid(_) => 400,
        }
    }

    /// What is wrong, for the reply's detail.
    #[must_use]
    pub fn detail(&self) -> &str {
        match self {
            Self::Missing(detail) | Self::Invalid(detail) => detail,
        }
    }
}

impl fmt::Display for KeyRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.detail())
    }
}

impl std::error::Error for KeyRejection {}

/// Who a request counts against, from its headers and extensions. Any
/// `Fn(&HeaderMap, &Extensions) -> Result<String, KeyRejection>` is one; [`header`],
/// [`peer_ip`], [`client_ip`](super::client_ip) (the client's address behind trusted
/// proxies) and [`extension`] are the usual ones.
pub trait KeyFn: Clone + Send + Sync + 'static {
    /// The caller's key, borrowed from the request where it can be.
    fn key<'r>(
        &self,
        headers: &'r HeaderMap,
        extensions: &'r Extensions,
    ) -> Result<Cow<'r, str>, KeyRejection>;
}

impl<F> KeyFn for F
where
    F: Fn(&HeaderMap, &Extensions) -> Result<String, KeyRejection> + Clone + Send + Sync + 'static,
{
    fn key<'r>(
        &self,
        headers: &'r HeaderMap,
        extensions: &'r Extensions,
    ) -> Result<Cow<'r, str>, KeyRejection> {
        self(headers, extensions).map(Cow::Owned)
    }
}

/// [`KeyFn`] behind a pointer: the layer keeps the key functions of single scopes as
/// `Arc<dyn DynKey>`, since [`KeyFn`] is `Clone` and so not object safe.
pub(crate) trait DynKey: Send + Sync {
    /// [`KeyFn::key`].
    fn key_dyn<'r>(
        &self,
        headers: &'r HeaderMap,
        extensions: &'r Extensions,
    ) -> Result<Cow<'r, str>, KeyRejection>;
}

impl<K: KeyFn> DynKey for K {
    fn key_dyn<'r>(
        &self,
        headers: &'r HeaderMap,
        extensions: &'r Extensions,
    ) -> Result<Cow<'r, str>, KeyRejection> {
        self.key(headers, extensions)
    }
}

/// The value of request header `name`, such as `X-Api-Key`: a request without it is
/// [`KeyRejection::Missing`], one whose value is not visible ASCII is
/// [`KeyRejection::Invalid`].
#[must_use]
pub fn header(name: HeaderName) -> Header {
    Header { name }
}

/// The key function of [`header`].
#[derive(Clone, Debug)]
pub struct Header {
    name: HeaderName,
}

impl KeyFn for Header {
    fn key<'r>(
        &self,
        headers: &'r HeaderMap,
        _: &'r Extensions,
    ) -> Result<Cow<'r, str>, KeyRejection> {
        let value = headers.get(&self.name).ok_or_else(|| {
            KeyRejection::Missing(format!("the request has no `{}` header", self.name))
        })?;
        let text = value.to_str().map_err(|_| {
            KeyRejection::Invalid(format!("the `{}` header is not visible ASCII", self.name))
        })?;
        // Visible ASCII, spaces and tabs only (`to_str`): trimmed as bytes, nothing to decode.
        match text.trim_ascii() {
            "" => Err(KeyRejection::Missing(format!(
                "the request's `{}` header is empty",
                self.name
            ))),
            text => Ok(Cow::Borrowed(text)),
        }
    }
}

/// The peer's IP address (without the port), from the connection: axum's
/// `ConnectInfo<SocketAddr>` (serve with `into_make_service_with_connect_info::<SocketAddr>`)
/// or a `SocketAddr` extension another layer set. Without either, the request is
/// [`KeyRejection::Missing`]: a server that forgot to record peers must not count everyone
/// as one caller.
///
/// Behind a load balancer or proxy the peer is the proxy, and every client would share its
/// key: use [`client_ip`](super::client_ip) there.
#[must_use]
pub fn peer_ip() -> PeerIp {
    PeerIp
}

/// The key function of [`peer_ip`].
#[derive(Clone, Copy, Debug)]
pub struct PeerIp;

impl KeyFn for PeerIp {
    fn key<'r>(
        &self,
        _: &'r HeaderMap,
        extensions: &'r Extensions,
    ) -> Result<Cow<'r, str>, KeyRejection> {
        peer_addr(extensions).map(|addr| Cow::Owned(addr.ip().to_string()))
    }
}

/// The peer's address as [`peer_ip`] finds it: axum's `ConnectInfo<SocketAddr>`, else a
/// `SocketAddr` extension; [`KeyRejection::Missing`] without either.
pub(super) fn peer_addr(extensions: &Extensions) -> Result<SocketAddr, KeyRejection> {
    #[cfg(feature = "axum")]
    if let Some(info) = extensions.get::<::axum::extract::ConnectInfo<SocketAddr>>() {
        return Ok(info.0);
    }
    extensions
        .get::<SocketAddr>()
        .copied()
        .ok_or_else(|| KeyRejection::Missing("the server recorded no peer address".to_owned()))
}

/// The request extension of type `T` (an account id an authentication layer set), written
/// with `Display`; a request without it is [`KeyRejection::Missing`].
#[must_use]
pub fn extension<T: fmt::Display + Clone + Send + Sync + 'static>() -> Extension<T> {
    Extension {
        kind: std::marker::PhantomData,
    }
}

/// The key function of [`extension`].
pub struct Extension<T> {
    kind: std::marker::PhantomData<fn() -> T>,
}

impl<T> Clone for Extension<T> {
    fn clone(&self) -> Self {
        Self {
            kind: std::marker::PhantomData,
        }
    }
}

impl<T> fmt::Debug for Extension<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Extension<{}>", std::any::type_name::<T>())
    }
}

impl<T: fmt::Display + Clone + Send + Sync + 'static> KeyFn for Extension<T> {
    fn key<'r>(
        &self,
        _: &'r HeaderMap,
        extensions: &'r Extensions,
    ) -> Result<Cow<'r, str>, KeyRejection> {
        extensions
            .get::<T>()
            .map(|t| Cow::Owned(t.to_string()))
            .ok_or_else(|| {
                KeyRejection::Missing(format!(
                    "the request carries no {}",
                    std::any::type_name::<T>()
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn the_header_key_says_what_is_missing_or_wrong() {
        let key = header(HeaderName::from_static("x-api-key"));
        let mut headers = HeaderMap::new();
        let none = Extensions::new();
        assert!(matches!(
            key.key(&headers, &none),
            Err(KeyRejection::Missing(m)) if m == "the request has no `x-api-key` header"
        ));
        headers.insert("x-api-key", HeaderValue::from_static(" \t "));
        assert_eq!(key.key(&headers, &none).unwrap_err().status(), 401);
        headers.insert("x-api-key", HeaderValue::from_static("\t sk_live_1  "));
        assert_eq!(
            key.key(&headers, &none).unwrap(),
            "sk_live_1",
            "spaces and tabs trimmed"
        );
        headers.insert("x-api-key", HeaderValue::from_bytes(b"caf\xE9").unwrap());
        assert_eq!(key.key(&headers, &none).unwrap_err().status(), 400);
        headers.insert("x-api-key", HeaderValue::from_static("sk_live_1"));
        assert_eq!(key.key(&headers, &none).unwrap(), "sk_live_1");
    }

    #[test]
    fn peers_and_extensions() {
        let headers = HeaderMap::new();
        let mut extensions = Extensions::new();
        assert_eq!(
            peer_ip().key(&headers, &extensions).unwrap_err().status(),
            401
        );
        extensions.insert(SocketAddr::from(([127, 0, 0, 1], 4000)));
        assert_eq!(peer_ip().key(&headers, &extensions).unwrap(), "127.0.0.1");
        assert!(extension::<u64>().key(&headers, &extensions).is_err());
        extensions.insert(42u64);
        assert_eq!(extension::<u64>().key(&headers, &extensions).unwrap(), "42");
    }
}
