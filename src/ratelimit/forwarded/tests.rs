//! The client's address behind trusted proxies, with forged and broken headers.

use super::*;
use http::HeaderValue;
use proptest::prelude::*;
use std::net::SocketAddr;

/// Trusts the proxies of 10.0.0.0/8 and 2001:db8:ffff::/48.
fn behind_proxies() -> ClientIp {
    ClientIp::behind(["10.0.0.0/8", "2001:db8:ffff::/48"]).unwrap()
}

/// A request from `peer` with `headers` (name, value; repeated names are header lines in
/// order).
fn request(peer: &str, headers: &[(&str, &str)]) -> (HeaderMap, Extensions) {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    let mut extensions = Extensions::new();
    extensions.insert(peer.parse::<SocketAddr>().unwrap());
    (map, extensions)
}

/// The key `key` gives the request, or the rejection's status and detail.
fn key_of(key: &ClientIp, peer: &str, headers: &[(&str, &str)]) -> Result<String, (u16, String)> {
    let (headers, extensions) = request(peer, headers);
    key.key(&headers, &extensions)
        .map(Cow::into_owned)
        .map_err(|rejection| (rejection.status(), rejection.detail().to_owned()))
}

#[test]
fn networks_are_read_once_with_a_clear_error() {
    let network: Network = "10.0.0.0/8".parse().unwrap();
    assert_eq!(network.to_string(), "10.0.0.0/8");
    assert!(network.contains("10.255.0.1".parse().unwrap()));
    assert!(network.contains("::ffff:10.1.2.3".parse().unwrap()));
    assert!(!network.contains("11.0.0.1".parse().unwrap()));
    assert!(!network.contains("::a00:1".parse().unwrap()));
    assert_eq!(
        "127.0.0.1".parse::<Network>().unwrap().to_string(),
        "127.0.0.1/32"
    );
    assert_eq!(" ::1 ".parse::<Network>().unwrap().to_string(), "::1/128");
    assert_eq!(
        "::ffff:10.0.0.0/104"
            .parse::<Network>()
            .unwrap()
            .to_string(),
        "10.0.0.0/8"
    );
    let everything: Network = "0.0.0.0/0".parse().unwrap();
    assert!(everything.contains("203.0.113.9".parse().unwrap()));
    let v6: Network = "2001:db8::/32".parse().unwrap();
    assert!(v6.contains("2001:db8:1::7".parse().unwrap()));
    assert!(!v6.contains("2001:db9::7".parse().unwrap()));

    let error = |text: &str| text.parse::<Network>().unwrap_err().to_string();
    assert_eq!(
        error("10.0.0.1/8"),
        "`10.0.0.1/8` is not a network: it has address bits set past its /8 prefix (did you \
         mean `10.0.0.0/8`?)"
    );
    assert_eq!(
        error("10.0.0.0/33"),
        "`10.0.0.0/33` is not a network: an IPv4 prefix is at most 32 bits long"
    );
    assert_eq!(
        error("::/129"),
        "`::/129` is not a network: an IPv6 prefix is at most 128 bits long"
    );
    assert_eq!(
        error("10.0.0.0/999999999999"),
        "`10.0.0.0/999999999999` is not a network: an IPv4 prefix is at most 32 bits long"
    );
    assert_eq!(
        error("10.0.0.0/x"),
        "`10.0.0.0/x` is not a network: its prefix length is not a number"
    );
    assert_eq!(
        error("10.0.0.0/"),
        "`10.0.0.0/` is not a network: its prefix length is not a number"
    );
    assert_eq!(
        error("localhost"),
        "`localhost` is not a network: it is not an IP address, nor one with a /prefix length"
    );
    let bad = ClientIp::behind(["10.0.0.0/8", "10.0.0.0/+8"]).unwrap_err();
    assert_eq!(bad.input(), "10.0.0.0/+8");
}

#[test]
fn a_client_that_is_not_behind_a_trusted_proxy_keeps_its_own_address() {
    let key = behind_proxies();
    for headers in [
        &[("x-forwarded-for", "1.2.3.4")][..],
        &[("x-forwarded-for", "10.0.0.1")],
        &[("x-forwarded-for", "garbage, \"")],
        &[("forwarded", "for=1.2.3.4")],
        &[("x-forwarded-for", &"9.9.9.9,".repeat(5000))],
    ] {
        assert_eq!(
            key_of(&key, "203.0.113.7:5000", headers).unwrap(),
            "203.0.113.7"
        );
    }
    // Nothing is trusted: the peer is always the client.
    let nobody = ClientIp::behind(Vec::<String>::new()).unwrap();
    assert_eq!(
        key_of(&nobody, "10.0.0.1:80", &[("x-forwarded-for", "1.2.3.4")]).unwrap(),
        "10.0.0.1"
    );
}

#[test]
fn a_forged_address_left_of_the_client_changes_nothing() {
    let key = behind_proxies();
    // The client 203.0.113.7 sent `X-Forwarded-For: 198.51.100.1`; the proxies appended.
    let chains = [
        "198.51.100.1, 203.0.113.7",
        "198.51.100.1, 203.0.113.7, 10.0.0.2",
        "10.0.0.3, 203.0.113.7, 10.1.0.2",
        "unknown, garbage\"[, 203.0.113.7, 10.0.0.2",
    ];
    for chain in chains {
        assert_eq!(
            key_of(&key, "10.0.0.1:443", &[("x-forwarded-for", chain)]).unwrap(),
            "203.0.113.7",
            "{chain}"
        );
    }
    // A header line of its own, before the proxies' line.
    let lines = [
        ("x-forwarded-for", "198.51.100.1"),
        ("x-forwarded-for", "203.0.113.7, 10.0.0.2"),
    ];
    assert_eq!(key_of(&key, "10.0.0.1:443", &lines).unwrap(), "203.0.113.7");
}

#[test]
fn two_clients_cannot_take_each_others_key() {
    let key = behind_proxies();
    let alice = key_of(&key, "10.0.0.1:1", &[("x-forwarded-for", "198.51.100.1")]).unwrap();
    // Bob claims to be Alice, and to be Alice behind a trusted proxy.
    for claim in ["198.51.100.1", "198.51.100.1, 10.0.0.9"] {
        let bob = format!("{claim}, 198.51.100.2");
        let bob = key_of(&key, "10.0.0.1:2", &[("x-forwarded-for", &bob)]).unwrap();
        assert_eq!(
            (alice.as_str(), bob.as_str()),
            ("198.51.100.1", "198.51.100.2")
        );
    }
    // Reading `Forwarded`, a forged `X-Forwarded-For` is not read at all, nor the reverse.
    let forwarded = behind_proxies().reading(ForwardingHeader::Forwarded);
    let bob = [
        ("x-forwarded-for", "198.51.100.1"),
        ("forwarded", "for=198.51.100.2"),
    ];
    assert_eq!(
        key_of(&forwarded, "10.0.0.1:2", &bob).unwrap(),
        "198.51.100.2"
    );
    let bob = [
        ("forwarded", "for=198.51.100.1"),
        ("x-forwarded-for", "198.51.100.2"),
    ];
    assert_eq!(key_of(&key, "10.0.0.1:2", &bob).unwrap(), "198.51.100.2");
}

#[test]
fn trusted_hops_without_a_client_and_hidden_clients() {
    let key = behind_proxies();
    // Every hop trusted: the leftmost is the client (a proxy's own request).
    assert_eq!(
        key_of(
            &key,
            "10.0.0.1:1",
            &[("x-forwarded-for", "10.0.0.3, 10.0.0.2")]
        )
        .unwrap(),
        "10.0.0.3"
    );
    // No forwarding header behind a trusted peer: the peer (a health check).
    assert_eq!(key_of(&key, "10.0.0.1:1", &[]).unwrap(), "10.0.0.1");
    assert_eq!(
        key_of(&key, "10.0.0.1:1", &[("x-forwarded-for", " , ,")]).unwrap(),
        "10.0.0.1"
    );
    // A trusted proxy that hides its client: counted under that proxy's address.
    assert_eq!(
        key_of(
            &key,
            "10.0.0.1:1",
            &[("x-forwarded-for", "unknown, 10.0.0.2")]
        )
        .unwrap(),
        "10.0.0.2"
    );
    let forwarded = behind_proxies().reading(ForwardingHeader::Forwarded);
    for hidden in [
        "for=_hidden",
        "for=unknown",
        "for=\"_x.y-z:_port\"",
        "proto=https",
    ] {
        let header = format!("for=198.51.100.1, {hidden}, for=10.0.0.2");
        assert_eq!(
            key_of(&forwarded, "10.0.0.1:1", &[("forwarded", &header)]).unwrap(),
            "10.0.0.2",
            "{header}"
        );
    }
    // Without a peer address: missing, as with `peer_ip`.
    let rejection = key.key(&HeaderMap::new(), &Extensions::new()).unwrap_err();
    assert_eq!(rejection.status(), 401);
}

#[test]
fn ipv6_ports_and_mapped_addresses() {
    let key = behind_proxies();
    let cases = [
        ("[2001:db8::1]:4711, 10.0.0.2", "2001:db8::1"),
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("192.0.2.7:4711", "192.0.2.7"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("[::ffff:192.0.2.7]:80", "192.0.2.7"),
        ("192.0.2.7:_port", "192.0.2.7"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("192.0.2.7, 2001:db8:ffff::5", "192.0.2.7"),
    ];
    for (chain, client) in cases {
        assert_eq!(
            key_of(&key, "10.0.0.1:1", &[("x-forwarded-for", chain)]).unwrap(),
            client,
            "{chain}"
        );
    }
    // A dual-stack listener sees IPv4 peers as mapped addresses; they are trusted as IPv4.
    let (headers, mut extensions) = request("10.0.0.1:1", &[("x-forwarded-for", "192.0.2.7")]);
    extensions.insert("[::ffff:10.0.0.1]:80".parse::<SocketAddr>().unwrap());
    assert_eq!(key.key(&headers, &extensions).unwrap(), "192.0.2.7");
    extensions.insert("[::ffff:203.0.113.7]:80".parse::<SocketAddr>().unwrap());
    assert_eq!(key.key(&headers, &extensions).unwrap(), "203.0.113.7");
    // An IPv6 proxy.
    assert_eq!(
        key_of(
            &key,
            "[2001:db8:ffff::1]:443",
            &[("x-forwarded-for", "192.0.2.7")]
        )
        .unwrap(),
        "192.0.2.7"
    );
}

#[test]
fn forwarded_elements_quoting_and_lines() {
    let key = behind_proxies().reading(ForwardingHeader::Forwarded);
    let cases = [
        (
            &[("forwarded", "for=\"[2001:db8:cafe::17]:4711\"")][..],
            "2001:db8:cafe::17",
        ),
        (
            &[("forwarded", "For=192.0.2.60;proto=http;by=203.0.113.43")],
            "192.0.2.60",
        ),
        (
            &[("forwarded", "for=192.0.2.43, for=198.51.100.17")],
            "198.51.100.17",
        ),
        (
            &[("forwarded", "for=192.0.2.43,for=10.0.0.7;by=10.0.0.1")],
            "192.0.2.43",
        ),
        (
            &[("forwarded", "for=\"192.0.2.43:47011\" ; proto=https")],
            "192.0.2.43",
        ),
        (&[("forwarded", "for=\"\\[2001:db8::1\\]\"")], "2001:db8::1"),
        // A comma or semicolon inside quotes does not end an element.
        (
            &[("forwarded", "host=\"a,b;c\";for=192.0.2.1")],
            "192.0.2.1",
        ),
        (
            &[("forwarded", "for=192.0.2.1, ;, for=10.0.0.2,")],
            "192.0.2.1",
        ),
        // Lines in order: the last line is the rightmost.
        (
            &[
                ("forwarded", "for=198.51.100.1"),
                ("forwarded", "for=192.0.2.9"),
            ],
            "192.0.2.9",
        ),
        (
            &[
                ("forwarded", "for=198.51.100.1"),
                ("forwarded", "for=10.0.0.2"),
            ],
            "198.51.100.1",
        ),
    ];
    for (headers, client) in cases {
        assert_eq!(
            key_of(&key, "10.0.0.1:1", headers).unwrap(),
            client,
            "{headers:?}"
        );
    }
}

#[test]
fn garbage_where_the_client_should_be_is_a_clear_400() {
    let xff = behind_proxies();
    let forwarded = behind_proxies().reading(ForwardingHeader::Forwarded);
    let rejected = |key: &ClientIp, headers: &[(&str, &str)]| {
        let (status, detail) = key_of(key, "10.0.0.1:1", headers).unwrap_err();
        assert_eq!(status, 400, "{detail}");
        detail
    };
    assert_eq!(
        rejected(&xff, &[("x-forwarded-for", "1.2.3.4, not-an-ip, 10.0.0.2")]),
        "the `x-forwarded-for` header gives \"not-an-ip\" as the client's address, which is not \
         an IP address"
    );
    for garbage in [
        "256.1.1.1",
        "1.2.3.4:99999",
        "1.2.3.4:",
        "[2001:db8::1",
        "[1.2.3.4]",
        "fe80::1%eth0",
        "01.2.3.4",
        "_",
        "\"1.2.3.4\"",
    ] {
        rejected(&xff, &[("x-forwarded-for", garbage)]);
    }
    let long = format!("{}192.0.2.1", "x".repeat(200));
    let detail = rejected(&xff, &[("x-forwarded-for", &long)]);
    assert!(detail.len() < 200, "{detail}");
    assert_eq!(
        rejected(
            &forwarded,
            &[("forwarded", "for=\"192.0.2.1, for=10.0.0.2")]
        ),
        "the `forwarded` header cannot be read: the quoted string at byte 4 is not closed"
    );
    for garbage in [
        "for=192.0.2.1;for=192.0.2.2",
        "for",
        "for=",
        "=1.2.3.4",
        "for=1.2.3.4 x",
        "for=\"1.2.3.4\\",
        "for=\"a\"b",
        "for=host.example",
    ] {
        rejected(&forwarded, &[("forwarded", garbage)]);
    }
    // Not visible ASCII.
    let (mut headers, extensions) = request("10.0.0.1:1", &[]);
    headers.insert(
        "x-forwarded-for",
        HeaderValue::from_bytes(b"caf\xE9").unwrap(),
    );
    assert_eq!(xff.key(&headers, &extensions).unwrap_err().status(), 400);
}

#[test]
fn an_oversized_header_is_refused_unread() {
    let key = behind_proxies();
    let just = format!("{}192.0.2.1", " ".repeat(ClientIp::MAX_HEADER_BYTES - 10));
    assert_eq!(
        key_of(&key, "10.0.0.1:1", &[("x-forwarded-for", &just)]).unwrap(),
        "192.0.2.1"
    );
    let over = format!(" {just}");
    assert_eq!(
        key_of(&key, "10.0.0.1:1", &[("x-forwarded-for", &over)]).unwrap_err(),
        (
            400,
            "the `x-forwarded-for` header is longer than the 8192 bytes read from it".to_owned()
        )
    );
    // Many short lines count too.
    let lines = vec![("x-forwarded-for", "1.2.3.4"); 1100];
    assert_eq!(key_of(&key, "10.0.0.1:1", &lines).unwrap_err().0, 400);
}

/// An address of 198.51.100.0/24 (not trusted).
fn client_address() -> impl Strategy<Value = String> {
    (0u8..=255).prop_map(|last| format!("198.51.100.{last}"))
}

/// Text a client might forge: forwarding syntax, quotes, brackets, addresses.
fn forged_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-fA-F:.,;=\"\\\\\\[\\] _-]{0,40}",
        "(for=|For=|by=|unknown|_x|10\\.0\\.0\\.[0-9]|\"|, |;|\\[::1\\]|:80){0,12}",
        any::<Vec<u8>>().prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ]
}

proptest! {
    /// Whatever a client sends, once a trusted proxy appends its address the key is that
    /// address, or the request is refused with a 400; never another address, never a panic.
    #[test]
    fn a_forged_header_never_changes_the_key(
        forged in forged_text(),
        client in client_address(),
        own_line in any::<bool>(),
    ) {
        let Ok(value) = HeaderValue::from_str(&forged) else { return Ok(()) };
        for reading in [ForwardingHeader::XForwardedFor, ForwardingHeader::Forwarded] {
            let key = behind_proxies().reading(reading);
            let name = reading.name();
            let appended = match reading {
                ForwardingHeader::XForwardedFor => client.clone(),
                ForwardingHeader::Forwarded => format!("for={client}"),
            };
            let mut headers = HeaderMap::new();
            if own_line {
                headers.append(&name, value.clone());
                headers.append(&name, HeaderValue::from_str(&appended).unwrap());
            } else {
                let joined = format!("{forged}, {appended}");
                let Ok(joined) = HeaderValue::from_str(&joined) else { continue };
                headers.append(&name, joined);
            }
            let mut extensions = Extensions::new();
            extensions.insert(SocketAddr::from(([10, 0, 0, 1], 443)));
            match key.key(&headers, &extensions) {
                Ok(found) => prop_assert_eq!(found.as_ref(), client.as_str()),
                Err(rejection) => {
                    prop_assert_eq!(rejection.status(), 400);
                    // Only `Forwarded` syntax, or bytes that are not visible ASCII, stop
                    // the read.
                    let ascii = forged.bytes().all(|b| b == b'\t' || (32..127).contains(&b));
                    prop_assert!(reading == ForwardingHeader::Forwarded || !ascii);
                }
            }
        }
    }

    /// Any bytes in either header, from a trusted peer or not: a key or a 400, never a panic.
    #[test]
    fn any_bytes_are_a_key_or_a_400(
        bytes in any::<Vec<u8>>(),
        forged in forged_text(),
        trusted_peer in any::<bool>(),
    ) {
        let peer = if trusted_peer { "10.0.0.1:1" } else { "203.0.113.7:1" };
        for value in [HeaderValue::from_bytes(&bytes), HeaderValue::from_str(&forged)] {
            let Ok(value) = value else { continue };
            for reading in [ForwardingHeader::XForwardedFor, ForwardingHeader::Forwarded] {
                let key = behind_proxies().reading(reading);
                let (mut headers, extensions) = request(peer, &[]);
                headers.insert(reading.name(), value.clone());
                match key.key(&headers, &extensions) {
                    Ok(found) => prop_assert!(found.parse::<IpAddr>().is_ok(), "{}", found),
                    Err(rejection) => prop_assert_eq!(rejection.status(), 400),
                }
                if !trusted_peer {
                    prop_assert_eq!(key.key(&headers, &extensions).unwrap(), "203.0.113.7");
                }
            }
        }
    }
}
