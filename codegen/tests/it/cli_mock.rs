//! `errspec mock` as a calling team runs it: the command builds the funder offers API's mock
//! server (into the test build's own folder, so later runs reuse it), serves it on a loopback
//! port it picks, and answers real HTTP/1.1 requests the way the spec documents: `{}` by
//! default, a code's exact response on `Prefer`, the nearest codes for an unknown one, the
//! 401 for a request without the key header, the scenario's steps in order, and the spec's 5
//! requests a second per key. A bad scenario is refused at its line and column.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The first build compiles axum and tokio; a slow machine gets this long.
const BUILD_TIME: Duration = Duration::from_secs(900);

/// Where the tests build mock servers: kept between runs.
fn build_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("errspec-mock")
}

/// `errspec mock --api funder_offers` on a free loopback port, with `extra` arguments.
fn mock(extra: &[&str]) -> Command {
    mock_of("funder_offers", "../spec", extra)
}

/// `errspec mock --api ID` of the specs in `specs` (from `codegen/`), on a free loopback port.
fn mock_of(id: &str, specs: &str, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_errspec"));
    command
        .args(["mock", "--api", id, "--addr", "127.0.0.1:0"])
        .arg("--spec-dir")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(specs))
        .arg("--build-dir")
        .arg(build_dir())
        .args(extra)
        .env("NO_COLOR", "1");
    command
}

/// A running mock, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `command` and waits for the address it prints for Funder Offers.
fn start(command: Command) -> Server {
    start_named(command, "Funder Offers")
}

/// Starts `command` and waits for the address it prints for the API `name`.
fn start_named(mut command: Command, name: &str) -> Server {
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .expect("errspec runs");
    let stdout = child.stdout.take().expect("piped");
    let (sent, printed) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sent.send(line);
    });
    let line = printed.recv_timeout(BUILD_TIME).unwrap_or_default();
    let mut server = Server {
        child,
        addr: String::new(),
    };
    let printed = format!("errspec mock: {name} on http://");
    let addr = line.trim().strip_prefix(printed.as_str());
    server.addr = addr
        .unwrap_or_else(|| panic!("the mock prints where it listens, got {line:?}"))
        .to_owned();
    server
}

/// One HTTP/1.1 response: status, headers (names lowercased), body.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        let found = self.headers.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str())
    }
}

/// `method path` with `headers`, on a connection of its own.
fn request(server: &Server, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut stream = TcpStream::connect(&server.addr).expect("connects to the mock");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut text = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        server.addr
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    stream.write_all(text.as_bytes()).expect("sends");
    let mut received = String::new();
    stream.read_to_string(&mut received).expect("reads");
    let (head, body) = received.split_once("\r\n\r\n").expect("a head and a body");
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1));
    let status = status.and_then(|s| s.parse().ok()).expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
    }
}

#[test]
fn the_mock_answers_as_the_spec_documents() {
    let scratch = tempfile::tempdir().expect("temporary folder");
    let scenario = scratch.path().join("retries.json");
    std::fs::write(
        &scenario,
        r#"{"GET /offers/1": [500, "VERSION_CONFLICT", 200]}"#,
    )
    .expect("scenario");
    let server = start(mock(&["--scenario", scenario.to_str().expect("UTF-8")]));
    let key = [("X-Api-Key", "caller-1")];

    let ok = request(&server, "GET", "/anything", &key);
    assert_eq!((ok.status, ok.body.as_str()), (200, "{}"));
    assert_eq!(ok.header("content-type"), Some("application/json"));
    // The spec sends its rate-limit headers on every response.
    assert_eq!(ok.header("x-ratelimit-limit"), Some("5"));
    assert_eq!(ok.header("x-ratelimit-remaining"), Some("4"));

    let asked = [
        ("X-Api-Key", "caller-2"),
        ("Prefer", "code=VERSION_CONFLICT"),
    ];
    let conflict = request(&server, "PUT", "/offers/7", &asked);
    assert_eq!(conflict.status, 409);
    assert_eq!(
        conflict.body,
        r#"{"error":"VERSION_CONFLICT","message":"Another update happened between your read and write."}"#
    );
    let asked = [
        ("X-Api-Key", "caller-2"),
        ("Prefer", "code=VERSION_CONFLICTS"),
    ];
    let unknown = request(&server, "GET", "/", &asked);
    assert_eq!(unknown.status, 400);
    assert_eq!(
        unknown.header("content-type"),
        Some("application/problem+json")
    );
    assert!(
        unknown.body.contains(r#""nearest":["VERSION_CONFLICT","#),
        "{}",
        unknown.body
    );

    let anonymous = request(&server, "GET", "/", &[]);
    assert_eq!(anonymous.status, 401);
    assert!(anonymous.body.contains("x-api-key"), "{}", anonymous.body);

    // The scenario's steps in order, then the default.
    let key = [("X-Api-Key", "caller-3")];
    let steps: Vec<u16> = (0..4)
        .map(|_| request(&server, "GET", "/offers/1", &key).status)
        .collect();
    assert_eq!(steps, [500, 409, 200, 200]);

    // 5 requests a second per key: the sixth within the second is refused.
    let key = [("X-Api-Key", "caller-4")];
    let statuses: Vec<u16> = (0..6)
        .map(|_| request(&server, "GET", "/", &key).status)
        .collect();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
    drop(server);

    // The server's own source is formatted, as all generated Rust is.
    let main = build_dir().join("funder_offers/src/main.rs");
    let rustfmt = Command::new("rustfmt")
        .args(["--check", "--edition", "2024"])
        .arg(&main)
        .output()
        .expect("rustfmt runs");
    assert!(
        rustfmt.status.success(),
        "{}",
        String::from_utf8_lossy(&rustfmt.stdout)
    );
}

#[test]
fn a_bad_scenario_is_refused_at_its_place() {
    let scratch = tempfile::tempdir().expect("temporary folder");
    let scenario = scratch.path().join("bad.json");
    std::fs::write(
        &scenario,
        "{\n  \"GET /offers/1\": [\"VERSION_CONFLICTS\"]\n}\n",
    )
    .expect("scenario");
    let output = mock(&["--scenario", scenario.to_str().expect("UTF-8")])
        .output()
        .expect("errspec runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    // A second run finds the server's files as they are: none is written again.
    let main = build_dir().join("funder_offers/src/main.rs");
    let written = || {
        std::fs::metadata(&main)
            .and_then(|m| m.modified())
            .expect("main.rs")
    };
    let before = written();
    let again = mock(&["--scenario", scenario.to_str().expect("UTF-8")])
        .output()
        .expect("errspec runs");
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(written(), before, "main.rs was written again");
    let expected = format!("{}:2:", scenario.display());
    let line = stderr.lines().find(|l| l.starts_with(&expected));
    let line = line.unwrap_or_else(|| panic!("no line starting {expected} in {stderr}"));
    assert!(
        line.contains("error: ") && line.contains("VERSION_CONFLICT"),
        "{line}"
    );
}

#[test]
fn a_bad_key_header_is_refused_before_any_build() {
    let output = mock(&["--key-header", "x api key"])
        .output()
        .expect("errspec runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`x api key` is not an HTTP header name"),
        "{stderr}"
    );
    assert!(!stderr.contains("building"), "{stderr}");
}

/// Any spec, not only this repository's seeds: GitHub's catalog, whose limits count requests
/// without a token per client address (60 an hour) and requests with one per account.
#[test]
fn a_github_mock_counts_unauthenticated_callers_per_address() {
    let command = mock_of(
        "github",
        "../catalogs/spec",
        &["--key-header", "authorization"],
    );
    let server = start_named(command, "GitHub REST");
    let statuses: Vec<u16> = (0..61)
        .map(|_| request(&server, "GET", "/user", &[]).status)
        .collect();
    assert_eq!(statuses[..60], [200; 60], "{statuses:?}");
    let refused = request(&server, "GET", "/user", &[]);
    assert_eq!(refused.status, 403, "GitHub answers 403 first");
    assert_eq!(
        refused.header("x-ratelimit-resource"),
        Some("unauthenticated")
    );
    assert!(
        refused.body.contains("API rate limit exceeded"),
        "{}",
        refused.body
    );
    // A request with a token counts under the account's limits, not the address's.
    let signed = request(
        &server,
        "GET",
        "/user",
        &[("Authorization", "token octocat")],
    );
    assert_eq!(signed.status, 200);
}

#[test]
fn a_missing_scenario_is_refused_before_any_build() {
    let output = mock(&["--scenario", "no/such/scenario.json"])
        .output()
        .expect("errspec runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no/such/scenario.json: no such file (--scenario)"),
        "{stderr}"
    );
    assert!(!stderr.contains("building"), "{stderr}");
}
