//! Reading the forwarding headers: the nodes of `X-Forwarded-For` and the `for=` elements of
//! RFC 7239's `Forwarded`, from any bytes, with no panic.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What one hop of a forwarding header says of who sent it the request.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Node {
    /// This address (IPv4-mapped addresses as IPv4).
    Ip(IpAddr),
    /// The proxy does not say (`unknown`, an obfuscated identifier).
    Hidden,
}

/// A forwarding header's node: an IP address, with or without a port (`192.0.2.7:4711`,
/// `2001:db8::1`, `[2001:db8::1]:4711`, a port obfuscated as `_p1`), `unknown`, or an
/// obfuscated identifier (`_hidden`); `None` for anything else.
pub(super) fn node(text: &str) -> Option<Node> {
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
pub(super) fn shorten(text: &str) -> String {
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
pub(super) fn forwarded_elements<'r>(
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
