//! HAR 1.2 files written from responses, checked with `errspec verify` in process; and every
//! documented reply of every seed catalog, as errspec's server writes it, passing `verify`
//! (so the generator's reading of each body agrees with the generated one's).

use errspec::server::{LimitState, Reply, Response};
use errspec::{Catalog, CatalogCode, CatalogStatus};
use serde_json::{Value, json};
use std::ffi::OsString;
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

/// One HAR entry: a `method` request to `url`, answered with `status`, `headers` and `body`
/// (written as base64 when asked, as mitmproxy does with binary bodies).
pub fn entry(
    method: &str,
    url: &str,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    base64: bool,
) -> Value {
    use base64::Engine as _;
    let headers: Vec<Value> = headers
        .iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect();
    let mime = headers
        .iter()
        .find(|h| {
            h["name"]
                .as_str()
                .unwrap()
                .eq_ignore_ascii_case("content-type")
        })
        .map_or(json!(""), |h| h["value"].clone());
    let content = if base64 {
        let text = base64::engine::general_purpose::STANDARD.encode(body);
        json!({"size": body.len(), "mimeType": mime, "text": text, "encoding": "base64"})
    } else {
        json!({"size": body.len(), "mimeType": mime, "text": String::from_utf8_lossy(body)})
    };
    json!({
        "startedDateTime": "2026-01-01T00:00:00Z",
        "time": 1,
        "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": [],
                    "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1",
                     "headers": headers, "cookies": [], "content": content,
                     "redirectURL": "", "headersSize": -1, "bodySize": -1},
        "cache": {},
        "timings": {"send": 0, "wait": 1, "receive": 0}
    })
}

/// `errspec verify` on a HAR file of `entries` against the seed spec `api`.
pub fn verify(entries: Vec<Value>, api: &str) -> ExitCode {
    let har = json!({"log": {"version": "1.2", "creator": {"name": "errspec tests", "version": "1"},
                             "entries": entries}});
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), serde_json::to_vec_pretty(&har).unwrap()).unwrap();
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/spec");
    let path = file.path().to_str().unwrap();
    let args = ["errspec", "verify", path, "--api", api, "--spec-dir", spec];
    errspec_codegen::cli::run(args.map(OsString::from))
}

/// An entry for `response` as errspec's server sends it.
fn sent(response: &Response, index: usize) -> Value {
    let headers: Vec<(&str, &str)> = response
        .headers
        .iter()
        .map(|(name, value)| (name.as_ref(), value.as_str()))
        .collect();
    let url = format!("https://api.test/{index}");
    entry(
        "GET",
        &url,
        response.status,
        &headers,
        &response.body,
        index.is_multiple_of(2),
    )
}

/// Every code's and every error status's reply of `A`, as documented and as problem+json, with the rate-limit headers
/// of exhausted limits (which any response may carry, and a rate-limit answer must).
fn every_reply<A: Catalog>() -> Vec<Value> {
    let now = SystemTime::now();
    let states: Vec<LimitState> = A::RATE_LIMITS
        .iter()
        .map(|&limit| LimitState {
            limit,
            remaining: 0,
            reset_after: Duration::from_secs(1),
        })
        .collect();
    // Each declared status once: a class answers for every code of its hundred.
    let statuses =
        (400..=599).filter_map(|code| A::Status::from_code(code).filter(|s| s.code() == code));
    let replies = <A::Code as CatalogCode>::ALL
        .iter()
        .map(|&code| Reply::from_code(code))
        .chain(statuses.map(Reply::from_status));
    let mut entries = Vec::new();
    for reply in replies {
        for reply in [reply.clone(), reply.into_problem()] {
            // Without rate limits (Centrapay), a 429 still says when to retry.
            let reply = match states.is_empty() {
                true => reply.with_retry_after(Duration::from_secs(1)),
                false => reply.with_rate_limits(&states, now),
            };
            entries.push(sent(&reply.finish(), entries.len()));
        }
    }
    entries
}

#[test]
fn every_documented_reply_of_every_seed_passes_verify() {
    let seeds = [
        (
            "funder_offers",
            every_reply::<errspec::funder_offers::Api>(),
        ),
        ("mugglepay", every_reply::<errspec::mugglepay::Api>()),
        ("centrapay", every_reply::<errspec::centrapay::Api>()),
        ("muse_finance", every_reply::<errspec::muse_finance::Api>()),
    ];
    for (api, entries) in seeds {
        assert!(!entries.is_empty());
        assert_eq!(verify(entries, api), ExitCode::SUCCESS, "{api}");
    }
}
