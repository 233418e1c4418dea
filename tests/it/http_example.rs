//! The example server and client, run as a user runs them: `examples/serve.rs` on a loopback
//! port, called over HTTP, and `examples/client.rs` against it; the traffic, recorded as HAR,
//! passes `errspec verify`.

use crate::http_support::{client, free_port};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// An example's binary, which `cargo test` builds beside the test binaries.
fn example(name: &str) -> PathBuf {
    let deps = std::env::current_exe().expect("test binary");
    let path = deps
        .parent()
        .and_then(|d| d.parent())
        .map(|d| d.join("examples").join(name))
        .expect("target folder");
    assert!(
        path.exists(),
        "{} is missing: run `cargo test --workspace`, which builds the examples",
        path.display()
    );
    path
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the example server with `args` besides `--addr` and waits for its `listening on`
/// line.
fn start_server(args: &[&str]) -> (Server, String) {
    let addr = format!("127.0.0.1:{}", free_port());
    let mut child = Command::new(example("serve"))
        .args(["--addr", &addr])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the example server starts");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a line from the server");
    assert_eq!(line.trim(), format!("listening on {addr}"));
    (server, format!("http://{addr}"))
}

#[tokio::test]
async fn the_example_server_answers_as_the_spec_documents() {
    let (_server, url) = start_server(&[]);
    let client = client();
    let get = |path: &str, key: &str| {
        client
            .get(format!("{url}{path}"))
            .header("x-api-key", key)
            .send()
    };
    let ok = get("/", "a").await.unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.headers()["x-ratelimit-limit"], "5");
    assert_eq!(ok.json::<Value>().await.unwrap(), json!({"ok": true}));
    let conflict = get("/errors/VERSION_CONFLICT", "a").await.unwrap();
    assert_eq!(conflict.status(), 409);
    assert_eq!(
        conflict.text().await.unwrap(),
        r#"{"error":"VERSION_CONFLICT","message":"Another update happened between your read and write."}"#
    );
    let missing = get("/no/such/route", "a").await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(
        missing.json::<Value>().await.unwrap(),
        json!({"message": "Not Found"})
    );
    for _ in 0..2 {
        assert_eq!(get("/", "a").await.unwrap().status(), 200);
    }
    let limited = get("/", "a").await.unwrap();
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "1");
}

/// `--window gcra` counts in GCRA cells: 5 at once, then one every 200 ms, where the exact
/// window of the test above refuses a 6th request for the rest of the second.
#[tokio::test]
async fn the_example_server_counts_approximately_with_window_gcra() {
    let (_server, url) = start_server(&["--window", "gcra"]);
    let client = client();
    let get = || {
        client
            .get(format!("{url}/"))
            .header("x-api-key", "g")
            .send()
    };
    let start = std::time::Instant::now();
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(get().await.unwrap().status().as_u16());
    }
    if start.elapsed() < std::time::Duration::from_millis(200) {
        assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
    }
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    assert_eq!(get().await.unwrap().status(), 200, "one interval on");
}

#[tokio::test]
async fn the_example_server_serves_the_api_it_is_given() {
    let (_server, url) = start_server(&["--api", "mugglepay"]);
    let client = client();
    let get = |path: &str| client.get(format!("{url}{path}")).send();
    // MugglePay documents no rate limits: no key is asked for, none counted.
    for _ in 0..8 {
        let not_found = get("/errors/INVOICE_NOT_EXIST").await.unwrap();
        assert_eq!(not_found.status(), 400);
        assert!(!not_found.headers().contains_key("retry-after"));
        assert_eq!(
            not_found.text().await.unwrap(),
            r#"{"error":"Invoice does not exist.","error_code":"INVOICE_NOT_EXIST","status":"400"}"#
        );
    }
    // The wire code as documented, misspelling included.
    let canceled = get("/errors/INVOICE_CANCELED_FAIILED").await.unwrap();
    assert_eq!(canceled.status(), 400);
    assert_eq!(
        canceled.json::<Value>().await.unwrap()["error_code"],
        "INVOICE_CANCELED_FAIILED"
    );
    // A funder offers code is no MugglePay code.
    assert_eq!(get("/errors/VERSION_CONFLICT").await.unwrap().status(), 404);
}

#[test]
fn wrong_arguments_exit_2_and_say_why() {
    let addr = ["--addr", "127.0.0.1:9"];
    let cases: [(&[&str], &str); 6] = [
        (&["--api", "stripe"], "--api: unknown API `stripe`"),
        (
            &["--window", "sliding"],
            "--window: `sliding` is neither `exact` nor `gcra`",
        ),
        (
            &["--api", "mugglepay", "--api", "centrapay"],
            "--api is given twice",
        ),
        (&["--api"], "--api needs a value"),
        (&["--verbose"], "unexpected argument `--verbose`"),
        (
            &[
                "--redis",
                "redis://127.0.0.1:9/",
                "--redis-cluster",
                "redis://127.0.0.1:9/",
            ],
            "--redis and --redis-cluster exclude each other",
        ),
    ];
    for (args, says) in cases {
        let output = Command::new(example("serve"))
            .args(addr)
            .args(args)
            .output()
            .expect("the example server runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(
            stderr.contains("funder_offers, mugglepay, centrapay, muse_finance"),
            "{stderr}"
        );
    }
}

#[test]
fn the_example_client_prints_each_typed_error_and_what_to_do() {
    let (_server, url) = start_server(&[]);
    let output = Command::new(example("client"))
        .args(["--url", &url])
        .output()
        .expect("the example client runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(
            "Funder Offers: 409 Conflict: VERSION_CONFLICT: Another update happened between your read and write.\n  code: Some(VersionConflict), retry: Refresh"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("retry: Never"), "{stdout}");
    // The burst over 5 a second: every call ends in a 200, the retry loop waiting it out.
    assert_eq!(stdout.matches("GET / -> 200 OK").count(), 6, "{stdout}");
}

/// One HAR 1.2 entry for a response as received, its body base64 when asked.
async fn har_entry(method: &str, response: reqwest::Response, base64: bool) -> Value {
    let url = response.url().to_string();
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    let body = response.bytes().await.unwrap();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    crate::har::entry(method, &url, status, &headers, &body, base64)
}

#[tokio::test]
async fn traffic_recorded_from_the_example_server_passes_errspec_verify() {
    let (_server, url) = start_server(&[]);
    let client = client();
    let get = |path: &str, key: &str| {
        client
            .get(format!("{url}{path}"))
            .header("x-api-key", key)
            .send()
    };
    let mut entries = vec![
        har_entry("GET", get("/", "a").await.unwrap(), false).await,
        har_entry(
            "GET",
            get("/errors/VERSION_CONFLICT", "b").await.unwrap(),
            true,
        )
        .await,
        har_entry("GET", get("/no/such/route", "c").await.unwrap(), false).await,
    ];
    // A request without a key: the spec's 401, with the rate-limit headers funder_offers
    // documents on every response.
    let keyless = client.get(format!("{url}/")).send().await.unwrap();
    assert_eq!(keyless.status(), 401);
    entries.push(har_entry("GET", keyless, false).await);
    let problem = client
        .get(format!("{url}/errors/SIGNATURE_INVALID"))
        .header("x-api-key", "d")
        .header("accept", "application/problem+json")
        .send()
        .await
        .unwrap();
    entries.push(har_entry("GET", problem, false).await);
    // Five requests a second per key: the sixth within the second, or a later one, is refused.
    for _ in 0..61 {
        let response = get("/", "f").await.unwrap();
        let refused = response.status() == 429;
        entries.push(har_entry("GET", response, false).await);
        if refused {
            break;
        }
    }
    assert!(entries.iter().any(|e| e["response"]["status"] == 429));
    let status = crate::har::verify(entries, "funder_offers");
    assert_eq!(status, std::process::ExitCode::SUCCESS);
}
