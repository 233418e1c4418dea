//! IP networks, the trusted proxies of [`client_ip`](super::client_ip): `10.0.0.0/8`,
//! `2001:db8::/32`, a bare address.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

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
