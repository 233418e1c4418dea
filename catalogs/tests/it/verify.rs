//! `errspec verify` reads each catalog's bodies as the generated code writes them: every
//! code's reply, as errspec's server sends it, passes (GitHub's codes known by their
//! messages, Stripe's and Google's enveloped bodies).

use errspec::server::{LimitState, Reply};
use errspec::{Catalog, CatalogCode, CatalogStatus, WireCode};
use serde_json::{Value, json};
use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

/// The HAR entries of every code's reply of `A`, each with the headers of its exhausted
/// limits; `moved`, each sent with another declared error status than its own.
fn recording<A: Catalog>(moved: bool) -> Vec<Value> {
    let exhausted: Vec<LimitState> = A::RATE_LIMITS
        .iter()
        .map(|&limit| LimitState {
            limit,
            remaining: 0,
            reset_after: Duration::from_secs(30),
        })
        .collect();
    let wait = Duration::from_secs(30);
    <A::Code as CatalogCode>::ALL
        .iter()
        .map(|&code| {
            let sent = Reply::from_code(code)
                .with_rate_limits(&exhausted, SystemTime::now())
                .with_retry_after(wait)
                .finish();
            let headers: Vec<Value> = sent
                .headers
                .iter()
                .map(|(name, value)| json!({"name": name, "value": value}))
                .collect();
            let text = String::from_utf8(sent.body).expect("a JSON body");
            let other = (400..=599).find(|&c| {
                c != sent.status && A::Status::from_code(c).is_some_and(|s| s.code() == c)
            });
            let status = match moved {
                true => other.expect("a second declared error status"),
                false => sent.status,
            };
            json!({
                "request": {"method": "POST", "url": format!("https://api.test/{}", code.as_wire())},
                "response": {"status": status, "headers": headers,
                             "content": {"size": text.len(), "mimeType": "", "text": text}},
            })
        })
        .collect()
}

/// `errspec verify` on `entries` against the catalog `id`.
fn verify(id: &str, entries: &[Value]) -> ExitCode {
    let har = json!({"log": {"version": "1.2", "entries": entries}});
    // A file per call: the tests run at once.
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, Ordering::Relaxed);
    let name = format!("verify-{id}-{n}.har");
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&file, har.to_string()).expect("written");
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/spec");
    let file = file.to_str().expect("a UTF-8 path");
    let args = ["errspec", "verify", file, "--api", id, "--spec-dir", specs];
    let status = errspec_codegen::cli::run(args.map(OsString::from));
    let _ = std::fs::remove_file(file);
    status
}

/// Every catalog's id and recording.
fn recordings(moved: bool) -> [(&'static str, Vec<Value>); 3] {
    [
        ("github", recording::<errspec_catalogs::github::Api>(moved)),
        ("stripe", recording::<errspec_catalogs::stripe::Api>(moved)),
        (
            "google_rpc",
            recording::<errspec_catalogs::google_rpc::Api>(moved),
        ),
    ]
}

#[test]
fn every_reply_of_every_catalog_passes_verify() {
    for (id, entries) in &recordings(false) {
        assert!(!entries.is_empty());
        assert_eq!(verify(id, entries), ExitCode::SUCCESS, "{id}");
    }
}

#[test]
fn every_code_is_read_so_another_status_is_caught() {
    // One entry at a time: only a code read from the body can break a rule (its status).
    for (id, entries) in &recordings(true) {
        for entry in entries {
            let caught = verify(id, std::slice::from_ref(entry));
            assert_eq!(caught, ExitCode::from(1), "{id}: {entry}");
        }
    }
}
