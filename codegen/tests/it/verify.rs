//! `errspec verify FILE.har` as users run it: a subprocess over hand-written HAR files of
//! funder_offers traffic, each drift caught once by its rule, a clean recording passing, a
//! file that is not HAR refused at its place.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/har")
        .join(name)
}

/// `errspec verify` on `har` against the repository's funder_offers spec.
fn verify(har: &Path, extra: &[&str]) -> Output {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    Command::new(env!("CARGO_BIN_EXE_errspec"))
        .arg("verify")
        .arg(har)
        .args(["--api", "funder_offers", "--spec-dir"])
        .arg(specs)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .expect("errspec runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_clean_recording_passes() {
    let output = verify(&fixture("clean.har"), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{}{stderr}", stdout(&output));
    assert_eq!(stdout(&output), "");
    // The aborted entry (status 0) is not a response.
    assert!(
        stderr
            .contains(": 5 responses checked against funder_offers (Funder Offers): 0 violations"),
        "{stderr}"
    );
}

#[test]
fn each_drift_is_caught_once_by_its_rule() {
    let output = verify(&fixture("drift.har"), &[]);
    assert_eq!(output.status.code(), Some(1));
    let expected = "\
entry 0: GET https://api.test/teapot: status-undocumented: 418 is not a status the spec declares
entry 1: GET https://api.test/oops: body-unreadable: 400 error body is neither the documented error body nor problem+json: body is not JSON: expected value at line 1 column 1
entry 2: PUT https://api.test/offers/1: code-unknown: code `EDIT_CONFLICT` (with 409) is not in the catalog
entry 3: GET https://api.test/offers/9: code-status-mismatch: code `VERSION_CONFLICT` sent with 404; the spec documents it with 409
entry 4: GET https://api.test/offers: header-missing: 200 response without `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`; the spec sends them with every response
entry 5: PUT https://api.test/offers/2: content-type: 409 error body sent as `text/plain`; expected `application/json` or `application/problem+json`
";
    assert_eq!(stdout(&output), expected);
}

#[test]
fn json_lists_entry_rule_and_message() {
    let output = verify(&fixture("drift.har"), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let items: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let items = items.as_array().expect("an array");
    let rules: Vec<(u64, &str)> = items
        .iter()
        .map(|i| (i["entry"].as_u64().unwrap(), i["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [
            (0, "status-undocumented"),
            (1, "body-unreadable"),
            (2, "code-unknown"),
            (3, "code-status-mismatch"),
            (4, "header-missing"),
            (5, "content-type"),
        ]
    );
    assert_eq!(items[3]["method"], "GET");
    assert_eq!(items[3]["url"], "https://api.test/offers/9");
    assert_eq!(items[3]["status"], 404);
    assert_eq!(
        items[3]["message"],
        "code `VERSION_CONFLICT` sent with 404; the spec documents it with 409"
    );
}

#[test]
fn a_file_that_is_not_har_is_refused_at_its_place() {
    let har = fixture("not_har.har");
    let output = verify(&har, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let headline = format!(
        "{}:4:16: error: not a HAR 1.2 file: invalid type: map, expected a sequence",
        har.display()
    );
    assert!(stderr.starts_with(&headline), "{stderr}");
}

#[test]
fn text_that_is_not_json_is_refused_at_its_place() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("verify-not-json");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let har = dir.join("traffic.har");
    std::fs::write(&har, "{\"log\": {\"entries\": [\n  {\"request\": ").expect("written");
    let output = verify(&har, &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{}:2:14: error: not a HAR 1.2 file: EOF",
            har.display()
        )),
        "{stderr}"
    );
}

#[test]
fn several_specs_need_api() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let output = Command::new(env!("CARGO_BIN_EXE_errspec"))
        .arg("verify")
        .arg(fixture("clean.har"))
        .arg("--spec-dir")
        .arg(specs)
        .output()
        .expect("errspec runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--api (one of: "), "{stderr}");
}
