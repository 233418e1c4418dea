//! The client's address behind trusted proxies: [`client_ip`], a key function that reads the
//! forwarding header a server's own proxies write, and only as far as it can trust it.
//!
//! Behind a load balancer the peer of every request is the balancer, and the client's address
//! is in a header the balancer adds: `X-Forwarded-For: client, proxy1, proxy2` or (RFC 7239)
//! `Forwarded: for=client, for=proxy1`. Every proxy appends the address it received the
//! request from, so the header is read from the right: the peer and each address that is one
//! of the configured proxies says who sent it the request, and the first address that is not
//! one of them is the client. Whatever a client writes in the header itself is to the left of
//! that address, so it can neither change its own key nor take another's.

mod network;
mod parse;

pub use network::{InvalidNetwork, Network};

use super::key::{KeyFn, KeyRejection, peer_addr};
use http::{Extensions, HeaderMap, HeaderName};
use parse::{Node, forwarded_elements, node, shorten};
use std::borrow::Cow;
use std::net::IpAddr;
use std::sync::Arc;

/// The forwarding header a [`ClientIp`] reads: the one the server's own proxies write. Only
/// that one: a header the proxies do not write comes from the client as it sent it, and
/// would let it choose its key. The other header is ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ForwardingHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2`: what most load balancers and proxies
    /// append to (nginx's `$proxy_add_x_forwarded_for`, HAProxy, the cloud balancers). The
    /// default. Addresses may carry a port (`192.0.2.7:4711`, `[2001:db8::1]:4711`).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client, for=proxy1;proto=https`: the `for` parameter of each
    /// element, quoted or not (`for="[2001:db8::1]:4711"`).
    Forwarded,
}

impl ForwardingHeader {
    /// The header's name.
    #[must_use]
    pub fn name(self) -> HeaderName {
        match self {
            Self::XForwardedFor => HeaderName::from_static("x-forwarded-for"),
            Self::Forwarded => http::header::FORWARDED,
        }
    }
}

/// The client's address behind the proxies in `trusted` (`"10.0.0.0/8"`, `"127.0.0.1"`,
/// `"2001:db8::/32"`), read from `X-Forwarded-For` (see [`ClientIp`]); an error names the
/// first network that cannot be read.
///
/// ```
/// use errspec::funder_offers::Api;
/// use errspec::ratelimit::{ForwardingHeader, RateLimitLayer, client_ip};
///
/// let key = client_ip(["10.0.0.0/8", "fd00::/8"])?.reading(ForwardingHeader::Forwarded);
/// let layer = RateLimitLayer::<Api, _>::new(key);
/// // serve with `into_make_service_with_connect_info::<SocketAddr>()`, for the peer address.
/// # let _ = layer;
/// # Ok::<(), errspec::ratelimit::InvalidNetwork>(())
/// ```
pub fn client_ip<I>(trusted: I) -> Result<ClientIp, InvalidNetwork>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    ClientIp::behind(trusted)
}

/// The key function of [`client_ip`]: the client's IP address (without the port), where the
/// peer (as [`peer_ip`](super::peer_ip) finds it) may be one of the server's own proxies.
///
/// - A peer that is not a trusted proxy is the client, whatever its forwarding headers say.
/// - Behind a trusted peer, the [`ForwardingHeader`] is read from the right, its header lines
///   in order: each trusted address is skipped, and the first untrusted one is the client. When
///   every address is trusted, the leftmost is the client; when there is none (no header), the
///   peer is.
/// - A trusted proxy that hides the client (`for=unknown`, an obfuscated `for=_hidden`, an
///   element without `for`) has every client it hides counted as one caller under its own
///   address: a hidden client can neither escape the limits nor take another's key.
/// - Where the client should be, an address that cannot be read is
///   [`KeyRejection::Invalid`] (400), as is a `Forwarded` header whose syntax cannot be read
///   (its elements cannot be told apart then), a header that is not visible ASCII, and one
///   longer than [`MAX_HEADER_BYTES`](Self::MAX_HEADER_BYTES) in all: a client's garbage
///   costs it its own request, never its key. What lies left of the client is not read.
/// - IPv4-mapped IPv6 addresses (`::ffff:192.0.2.7`) are the IPv4 addresses they map.
/// - Without a peer address the request is [`KeyRejection::Missing`], as with `peer_ip`.
#[derive(Clone, Debug)]
pub struct ClientIp {
    trusted: Arc<[Network]>,
    header: ForwardingHeader,
}

impl ClientIp {
    /// The most bytes of forwarding header read from one request (all its lines together,
    /// one more for each line): a longer header is [`KeyRejection::Invalid`].
    pub const MAX_HEADER_BYTES: usize = 8192;

    /// The client's address behind the proxies in `trusted`, read from `X-Forwarded-For`:
    /// [`client_ip`].
    pub fn behind<I>(trusted: I) -> Result<Self, InvalidNetwork>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let trusted = trusted
            .into_iter()
            .map(|network| network.as_ref().parse())
            .collect::<Result<Vec<Network>, _>>()?;
        Ok(Self::behind_networks(trusted))
    }

    /// The same, with networks already read.
    #[must_use]
    pub fn behind_networks<I: IntoIterator<Item = Network>>(trusted: I) -> Self {
        Self {
            trusted: trusted.into_iter().collect(),
            header: ForwardingHeader::default(),
        }
    }

    /// Reads `header` instead: the one the trusted proxies write.
    #[must_use]
    pub fn reading(mut self, header: ForwardingHeader) -> Self {
        self.header = header;
        self
    }

    /// The trusted networks.
    #[must_use]
    pub fn trusted(&self) -> &[Network] {
        &self.trusted
    }

    /// Whether `ip` is one of the trusted proxies.
    #[must_use]
    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.trusted.iter().any(|network| network.contains(ip))
    }

    /// The client's address (the key, before it is written as text).
    pub fn client(
        &self,
        headers: &HeaderMap,
        extensions: &Extensions,
    ) -> Result<IpAddr, KeyRejection> {
        let peer = peer_addr(extensions)?.ip().to_canonical();
        if !self.trusts(peer) {
            return Ok(peer);
        }
        let name = self.header.name();
        let mut hops = Vec::new();
        let mut read = 0usize;
        for line in headers.get_all(&name) {
            read = read.saturating_add(line.len()).saturating_add(1);
            if read > Self::MAX_HEADER_BYTES {
                return Err(KeyRejection::Invalid(format!(
                    "the `{name}` header is longer than the {} bytes read from it",
                    Self::MAX_HEADER_BYTES
                )));
            }
            let line = line.to_str().map_err(|_| {
                KeyRejection::Invalid(format!("the `{name}` header is not visible ASCII"))
            })?;
            match self.header {
                ForwardingHeader::XForwardedFor => hops.extend(
                    line.split(',')
                        .map(|hop| hop.trim_matches([' ', '\t']))
                        .filter(|hop| !hop.is_empty())
                        .map(|hop| Some(Cow::Borrowed(hop))),
                ),
                ForwardingHeader::Forwarded => {
                    forwarded_elements(line, &mut hops).map_err(|why| {
                        KeyRejection::Invalid(format!("the `{name}` header cannot be read: {why}"))
                    })?
                }
            }
        }
        let mut nearest = peer;
        for hop in hops.iter().rev() {
            let Some(hop) = hop else { return Ok(nearest) };
            match node(hop) {
                Some(Node::Hidden) => return Ok(nearest),
                Some(Node::Ip(ip)) if self.trusts(ip) => nearest = ip,
                Some(Node::Ip(ip)) => return Ok(ip),
                None => {
                    return Err(KeyRejection::Invalid(format!(
                        "the `{name}` header gives {:?} as the client's address, which is not \
                         an IP address",
                        shorten(hop)
                    )));
                }
            }
        }
        Ok(nearest)
    }
}

impl KeyFn for ClientIp {
    fn key<'r>(
        &self,
        headers: &'r HeaderMap,
        extensions: &'r Extensions,
    ) -> Result<Cow<'r, str>, KeyRejection> {
        self.client(headers, extensions)
            .map(|ip| Cow::Owned(ip.to_string()))
    }
}

#[cfg(test)]
mod tests;
