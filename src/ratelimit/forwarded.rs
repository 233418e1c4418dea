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

use super::key::{KeyFn, KeyRejection, peer_addr};
use http::{Extensions, HeaderMap, HeaderName};
use std::borrow::Cow;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;
use std::sync::Arc;

/// An IP network, written `10.0.0.0/8` or `2001:db8::/32`; a bare address (`127.0.0.1`) is
/// the network of that address alone. IPv4-mapped IPv6 networks (`::ffff:10.0.0.0/104`) are
/// the IPv4 networks they map (`10.0.0.0/8`), as IPv4-mapped addresses are the IPv4
/// addresses they map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Network {
    addr: IpAddr,
    prefix: u8,
}

impl Network {
    /// The network of the `prefix` leading bits of `addr`: an error when `prefix` is longer
    /// than the address or `addr` has bits set past it (`10.0.0.1/8`, likely a typo).
    pub fn new(addr: IpAddr, prefix: u8) -> Result<Self, InvalidNetwork> {
        let invalid = |reason: String| InvalidNetwork {
            input: format!("{addr}/{prefix}"),
            reason,
        };
        let (version, bits) = match addr {
            IpAddr::V4(_) => (4, 32),
            IpAddr::V6(_) => (6, 128),
        };
        if prefix > bits {
            return Err(invalid(format!(
                "an IPv{version} prefix is at most {bits} bits long"
            )));
        }
        let (addr, prefix) = match addr {
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) if prefix >= 96 => (IpAddr::V4(v4), prefix - 96),
                _ => (addr, prefix),
            },
            IpAddr::V4(_) => (addr, prefix),
        };
        let network = Self { addr, prefix };
        let base = network.base();
        if base != addr {
            return Err(invalid(format!(
                "it has address bits set past its /{prefix} prefix (did you mean `{}`?)",
                Self { addr: base, prefix }
            )));
        }
        Ok(network)
    }

    /// The network's first address.
    #[must_use]
    pub fn addr(&self) -> IpAddr {
        self.addr
    }

    /// How many leading bits of an address the network fixes.
    #[must_use]
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// Whether `ip` is in the network (an IPv4-mapped IPv6 address as the IPv4 address it
    /// maps).
    #[must_use]
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                (u32::from(net) ^ u32::from(ip)) & mask32(self.prefix) == 0
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                (u128::from(net) ^ u128::from(ip)) & mask128(self.prefix) == 0
            }
            _ => false,
        }
    }

    /// `addr` with the bits past the prefix cleared.
    fn base(&self) -> IpAddr {
        match self.addr {
            IpAddr::V4(a) => IpAddr::V4(Ipv4Addr::from(u32::from(a) & mask32(self.prefix))),
            IpAddr::V6(a) => IpAddr::V6(Ipv6Addr::from(u128::from(a) & mask128(self.prefix))),
        }
    }
}

/// The mask of the `prefix` leading bits of an IPv4 address (`prefix` at most 32).
fn mask32(prefix: u8) -> u32 {
    u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0)
}

/// The mask of the `prefix` leading bits of an IPv6 address (`prefix` at most 128).
fn mask128(prefix: u8) -> u128 {
    u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0)
}

impl FromStr for Network {
    type Err = InvalidNetwork;

    fn from_str(text: &str) -> Result<Self, InvalidNetwork> {
        let invalid = |reason: &str| InvalidNetwork {
            input: text.to_owned(),
            reason: reason.to_owned(),
        };
        let trimmed = text.trim();
        let (addr, prefix) = match trimmed.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (trimmed, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| invalid("it is not an IP address, nor one with a /prefix length"))?;
        let prefix = match prefix {
            None if addr.is_ipv4() => 32,
            None => 128,
            Some(prefix) => {
                if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid("its prefix length is not a number"));
                }
                prefix.parse().unwrap_or(u8::MAX)
            }
        };
        Network::new(addr, prefix).map_err(|e| InvalidNetwork {
            input: text.to_owned(),
            reason: e.reason,
        })
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// A trusted network that cannot be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidNetwork {
    input: String,
    reason: String,
}

impl InvalidNetwork {
    /// The network as it was given.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for InvalidNetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a network: {}", self.input, self.reason)
    }
}

impl std::error::Error for InvalidNetwork {}

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

/// What one hop of a forwarding header says of who sent it the request.
#[derive(Debug, PartialEq, Eq)]
enum Node {
    /// This address (IPv4-mapped addresses as IPv4).
    Ip(IpAddr),
    /// The proxy does not say (`unknown`, an obfuscated identifier).
    Hidden,
}

/// A forwarding header's node: an IP address, with or without a port (`192.0.2.7:4711`,
/// `2001:db8::1`, `[2001:db8::1]:4711`, a port obfuscated as `_p1`), `unknown`, or an
/// obfuscated identifier (`_hidden`); `None` for anything else.
fn node(text: &str) -> Option<Node> {
    let text = text.trim_matches([' ', '\t']);
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(Node::Ip(ip.to_canonical()));
    }
    let (host, port) = match text.strip_prefix('[') {
        Some(rest) => {
            let (inner, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                after => Some(after.strip_prefix(':')?),
            };
            let ip = inner.parse::<Ipv6Addr>().ok()?;
            (Some(Node::Ip(IpAddr::V6(ip).to_canonical())), port)
        }
        None => {
            let (host, port) = match text.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (text, None),
            };
            let node = if host.eq_ignore_ascii_case("unknown") || obfuscated(host) {
                Some(Node::Hidden)
            } else {
                host.parse::<Ipv4Addr>()
                    .ok()
                    .map(|ip| Node::Ip(IpAddr::V4(ip)))
            };
            (node, port)
        }
    };
    match port {
        None => host,
        Some(port) if obfuscated(port) => host,
        Some(port) if port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()) => {
            port.parse::<u16>().ok().and(host)
        }
        Some(_) => None,
    }
}

/// Whether `text` is an RFC 7239 obfuscated identifier: `_` and letters, digits, `.`, `_`, `-`.
fn obfuscated(text: &str) -> bool {
    text.strip_prefix('_').is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    })
}

/// `text`, cut to a length fit for an error message.
fn shorten(text: &str) -> String {
    const MAX: usize = 64;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// Appends the `for` value of each element of one `Forwarded` header line to `hops` (`None`
/// for an element without one; empty elements, such as a trailing comma, are no hop), or says
/// why the line cannot be read. Tolerates what proxies are known to write beyond RFC 7239:
/// whitespace around `;` and `,`, and unquoted values with `:`, `[` and `]`.
fn forwarded_elements<'r>(
    line: &'r str,
    hops: &mut Vec<Option<Cow<'r, str>>>,
) -> Result<(), String> {
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        let (mut pairs, mut r#for) = (0usize, None);
        loop {
            at = skip_whitespace(bytes, at);
            if let Some(&b) = bytes.get(at)
                && b != b';'
                && b != b','
            {
                let start = at;
                while bytes.get(at).is_some_and(|&b| is_tchar(b)) {
                    at += 1;
                }
                if at == start {
                    return Err(format!("unexpected `{}` at byte {at}", char::from(b)));
                }
                let name = &line[start..at];
                if bytes.get(at) != Some(&b'=') {
                    return Err(format!(
                        "the parameter `{}` at byte {start} has no `=`",
                        shorten(name)
                    ));
                }
                let value;
                (value, at) = parameter_value(line, at + 1)?;
                if name.eq_ignore_ascii_case("for") {
                    if r#for.is_some() {
                        return Err(format!(
                            "an element has two `for` parameters (byte {start})"
                        ));
                    }
                    r#for = Some(value);
                }
                pairs += 1;
                at = skip_whitespace(bytes, at);
            }
            match bytes.get(at) {
                Some(b';') => at += 1,
                _ => break,
            }
        }
        if pairs > 0 {
            hops.push(r#for);
        }
        match bytes.get(at) {
            None => return Ok(()),
            Some(b',') => at += 1,
            Some(&b) => return Err(format!("unexpected `{}` at byte {at}", char::from(b))),
        }
    }
}

/// The parameter value at `at` (a token, or a quoted string without its quotes and escapes)
/// and where it ends.
fn parameter_value(line: &str, at: usize) -> Result<(Cow<'_, str>, usize), String> {
    let bytes = line.as_bytes();
    if bytes.get(at) != Some(&b'"') {
        let mut end = at;
        while bytes
            .get(end)
            .is_some_and(|&b| is_tchar(b) || matches!(b, b':' | b'[' | b']'))
        {
            end += 1;
        }
        if end == at {
            return Err(format!("a parameter at byte {at} has an empty value"));
        }
        return Ok((Cow::Borrowed(&line[at..end]), end));
    }
    let start = at + 1;
    let mut unescaped: Option<String> = None;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let value = match unescaped {
                    Some(value) => Cow::Owned(value),
                    None => Cow::Borrowed(&line[start..i]),
                };
                return Ok((value, i + 1));
            }
            b'\\' => {
                let escaped = *bytes
                    .get(i + 1)
                    .ok_or_else(|| format!("the quoted string at byte {at} is not closed"))?;
                unescaped
                    .get_or_insert_with(|| line[start..i].to_owned())
                    .push(char::from(escaped));
                i += 2;
            }
            b => {
                if let Some(value) = &mut unescaped {
                    value.push(char::from(b));
                }
                i += 1;
            }
        }
    }
    Err(format!("the quoted string at byte {at} is not closed"))
}

/// The index of the first byte at or after `at` that is not a space or tab.
fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// Whether `b` may be part of an HTTP token (RFC 9110 `tchar`).
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests;
