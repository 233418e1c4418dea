//! `errspec diff` and `errspec explain` run as a user runs them: the binary as a subprocess,
//! on the repository's specs and on scratch folders. `diff --base` on a scratch git repository
//! is a `tools` test (`git_diff`), since it needs git.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    crate::common::repo_root()
}

fn errspec(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errspec"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("PAGER")
        .output()
        .expect("errspec runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const OLD_CENTRAPAY: &str = "codegen/tests/fixtures/diff/centrapay_002.yaml";

#[test]
fn the_older_centrapay_page_differs_from_the_current_spec_exactly_where_the_pages_differ() {
    let run = errspec(
        &[
            "diff",
            OLD_CENTRAPAY,
            "spec/centrapay.yaml",
            "--format",
            "json",
        ],
        &repo(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let changes: serde_json::Value = serde_json::from_str(&stdout(&run)).expect("JSON");
    let got: Vec<(String, String, String, u64, u64)> = changes
        .as_array()
        .expect("an array")
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap().to_owned(),
                c["wire"].as_str().unwrap().to_owned(),
                c["rust"].as_str().unwrap().to_owned(),
                c["old"]["line"].as_u64().unwrap(),
                c["new"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        // The support address: devsupport@ became integrations@.
        ("api-doc-changed", "info", "none", 18, 22),
        // 400's debugging list: five items became seven.
        ("status-doc-changed", "info", "none", 48, 53),
        // 401: "missing" became "missing, expired or invalid".
        ("status-doc-changed", "info", "none", 62, 70),
        // 403: "Permission Denied" became "Forbidden", and so did its Rust variant.
        ("status-title-changed", "none", "breaking", 70, 79),
        // 404: "a typo in the URL" gained "or HTTP method".
        ("status-doc-changed", "info", "none", 105, 115),
        // 429: "See Rate Limits for more details." was added.
        ("status-doc-changed", "info", "none", 115, 125),
        // 5xx: "Retrying should solve the issue." and the new address.
        ("status-doc-changed", "info", "none", 125, 140),
    ];
    let want: Vec<(String, String, String, u64, u64)> = want
        .iter()
        .map(|(r, w, u, o, n)| (r.to_string(), w.to_string(), u.to_string(), *o, *n))
        .collect();
    assert_eq!(got, want);
    let paths = &changes[0];
    assert_eq!(paths["old"]["path"], OLD_CENTRAPAY);
    assert_eq!(paths["new"]["path"], "spec/centrapay.yaml");
    assert!(
        changes[3]["message"]
            .as_str()
            .unwrap()
            .contains("`Status::PermissionDenied` is now `Status::Forbidden`")
    );
}

#[test]
fn text_shows_both_lines_and_github_writes_annotations() {
    let run = errspec(&["diff", OLD_CENTRAPAY, "spec/centrapay.yaml"], &repo());
    let text = stdout(&run);
    assert!(text.contains("spec/centrapay.yaml:79:5: breaking[status-title-changed]: status 403's title changed from `Permission Denied` to `Forbidden`"), "{text}");
    assert!(
        text.contains("70 |     title: Permission Denied")
            && text.contains("79 |     title: Forbidden"),
        "{text}"
    );
    assert!(
        text.contains("before")
            && text.contains("after")
            && text.contains("wire: none, rust: breaking")
    );
    assert!(
        text.trim_end()
            .ends_with("7 changes: 0 breaking on the wire, 1 breaking in Rust"),
        "{text}"
    );

    let run = errspec(
        &[
            "diff",
            OLD_CENTRAPAY,
            "spec/centrapay.yaml",
            "--format",
            "github",
        ],
        &repo(),
    );
    let lines: Vec<String> = stdout(&run).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 7);
    assert_eq!(
        lines[3],
        "::warning file=spec/centrapay.yaml,line=79,col=5,title=status-title-changed::status 403's title changed from `Permission Denied` to `Forbidden`; its Rust variant `Status::PermissionDenied` is now `Status::Forbidden` (wire: none, rust: breaking)"
    );
    assert!(
        lines[0]
            .starts_with("::notice file=spec/centrapay.yaml,line=22,col=5,title=api-doc-changed::")
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const ACME: &str = "api: { name: Acme }\nbody:\n  fields: { code: code, message: message }\nstatuses:\n  400: { title: Bad Request }\nerrors:\n  CARD_DECLINED: { status: 400, message: The card was declined. }\n  OLD_CODE: { status: 400, message: Old. }\n";

#[test]
fn the_exit_status_follows_the_threshold_and_the_side() {
    let dir = scratch("diff-exit");
    std::fs::write(dir.join("old.yaml"), ACME).unwrap();
    let retired = ACME.replace(
        "message: Old. }",
        "message: Old., retired: { since: \"2026-01-01\" } }",
    );
    std::fs::write(dir.join("retired.yaml"), &retired).unwrap();
    let removed = ACME.replace("  OLD_CODE: { status: 400, message: Old. }\n", "");
    std::fs::write(dir.join("removed.yaml"), &removed).unwrap();
    let status = |args: &[&str]| errspec(args, &dir).status.code();
    // Retiring is not breaking on the wire (info) but warns Rust code (deprecated).
    assert_eq!(status(&["diff", "old.yaml", "retired.yaml"]), Some(0));
    assert_eq!(
        status(&["diff", "old.yaml", "retired.yaml", "--fail-on", "info"]),
        Some(1)
    );
    assert_eq!(
        status(&["diff", "old.yaml", "retired.yaml", "--fail-on", "warning"]),
        Some(0)
    );
    assert_eq!(
        status(&[
            "diff",
            "old.yaml",
            "retired.yaml",
            "--fail-on",
            "warning",
            "--side",
            "rust"
        ]),
        Some(1)
    );
    // Deleting a code breaks both.
    let run = errspec(&["diff", "old.yaml", "removed.yaml"], &dir);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stdout(&run).contains("removed.yaml")
            || stdout(&run).contains("old.yaml:8:3: breaking[code-removed]"),
        "{}",
        stdout(&run)
    );
    assert!(
        stdout(&run)
            .contains("old.yaml:8:3: breaking[code-removed]: error code `OLD_CODE` was removed"),
        "{}",
        stdout(&run)
    );
    assert_eq!(status(&["diff", "old.yaml", "old.yaml"]), Some(0));
    assert!(stdout(&errspec(&["diff", "old.yaml", "old.yaml"], &dir)).contains("no changes"));
}

#[test]
fn folders_pair_files_by_stem() {
    let dir = scratch("diff-folders");
    for (folder, files) in [("v1", vec!["acme", "gone"]), ("v2", vec!["acme", "fresh"])] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        for file in files {
            std::fs::write(dir.join(folder).join(format!("{file}.yaml")), ACME).unwrap();
        }
    }
    let run = errspec(&["diff", "v1", "v2", "--format", "json"], &dir);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let changes: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    let rules: Vec<(&str, &str)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap(),
                if c["old"].is_null() {
                    c["new"]["path"].as_str().unwrap()
                } else {
                    c["old"]["path"].as_str().unwrap()
                },
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("api-removed", "v1/gone.yaml"),
            ("api-added", "v2/fresh.yaml")
        ]
    );
}

#[test]
fn invalid_specs_and_usage_errors_exit_2() {
    let dir = scratch("diff-usage");
    std::fs::write(dir.join("ok.yaml"), ACME).unwrap();
    std::fs::write(
        dir.join("bad.yaml"),
        ACME.replace("status: 400, message: Old.", "status: 401, message: Old."),
    )
    .unwrap();
    let run = errspec(&["diff", "ok.yaml", "bad.yaml"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("bad.yaml:8:23: error: status 401 is not declared"),
        "{}",
        stderr(&run)
    );
    assert_eq!(errspec(&["diff", "ok.yaml"], &dir).status.code(), Some(2));
    assert_eq!(
        errspec(&["diff", "ok.yaml", "."], &dir).status.code(),
        Some(2)
    );
    assert_eq!(
        errspec(&["diff", "ok.yaml", "missing.yaml"], &dir)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        errspec(&["diff", "--base", "HEAD"], &dir).status.code(),
        Some(2)
    );
}

#[test]
fn explain_finds_a_code_by_wire_code_variant_or_status() {
    let run = errspec(&["explain", "VERSION_CONFLICT"], &repo());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = stdout(&run);
    for part in [
        "VERSION_CONFLICT (Funder Offers, funder_offers)",
        "Status:     409 Conflict",
        "Message:    Another update happened between your read and write.",
        "Rust:       funder_offers::ErrorCode::VersionConflict",
        "Retry:      after_refresh: Fetch the current state of the resource",
        "Resolution\n  1. Fetch the latest version number and retry",
        "As problem+json (application/problem+json)",
        "\"code\": \"VERSION_CONFLICT\"",
        "\"error\": \"VERSION_CONFLICT\"",
    ] {
        assert!(text.contains(part), "lacks {part:?}:\n{text}");
    }
    let run = errspec(&["explain", "InvoiceCanceledFailed"], &repo());
    assert!(
        stdout(&run).starts_with("INVOICE_CANCELED_FAIILED (MugglePay, mugglepay)"),
        "{}",
        stdout(&run)
    );
    let run = errspec(&["explain", "429", "--api", "centrapay"], &repo());
    let text = stdout(&run);
    assert!(
        text.starts_with("429 Too Many Requests (Centrapay, centrapay)"),
        "{text}"
    );
    assert!(
        text.contains("Waits on:   Retry-After")
            && text.contains("Codes:      RATE_LIMIT_EXCEEDED"),
        "{text}"
    );
    // A class answers for the codes of its hundred.
    assert!(
        stdout(&errspec(&["explain", "503", "--api", "centrapay"], &repo()))
            .starts_with("5xx Server Error")
    );
}

/// `explain` says what the server sends a code or status for on its own: the rate limits it
/// answers, with their routes, and the spec's `answers:`.
#[test]
fn explain_names_the_limits_and_answers_a_code_is_sent_for() {
    let catalogs = repo().join("catalogs");
    let text = stdout(&errspec(&["explain", "rate_limit_exceeded"], &catalogs));
    for line in [
        "Sent for",
        "- rate limit `authenticated` exceeded: 5000 requests per 1 hour per account",
        "- rate limit `code_search` exceeded: 10 requests per 1 minute per account, on \
         `GET /search/code` only, separate from the limits on every route",
        "- rate limit `unauthenticated` exceeded: 60 requests per 1 hour per client IP \
         address, for unauthenticated requests",
    ] {
        assert!(text.contains(line), "lacks {line:?}:\n{text}");
    }
    let run = errspec(
        &["explain", "bad_credentials", "--format", "json"],
        &catalogs,
    );
    let found: serde_json::Value = serde_json::from_str(&stdout(&run)).expect("JSON");
    assert_eq!(
        found[0]["sent_for"],
        serde_json::json!(["a request whose key cannot be read, before any handler"])
    );
}

#[test]
fn explain_json_and_unknown_codes() {
    let run = errspec(
        &["explain", "RATE_LIMIT_EXCEEDED", "--format", "json"],
        &repo(),
    );
    let found: serde_json::Value = serde_json::from_str(&stdout(&run)).expect("JSON");
    assert_eq!(found[0]["api"], "centrapay");
    assert_eq!(found[0]["status"]["key"], "429");
    assert_eq!(found[0]["retry"]["header"], "Retry-After");
    assert_eq!(
        found[0]["example"],
        serde_json::json!({"statusCode": 429, "error": "Too Many Requests", "message": "RATE_LIMIT_EXCEEDED"})
    );
    assert_eq!(
        found[0]["problem"],
        serde_json::json!({"type": "about:blank", "title": "Too Many Requests", "status": 429, "detail": "Centrapay API rate limits have been exceeded.", "code": "RATE_LIMIT_EXCEEDED"})
    );

    let run = errspec(&["explain", "SIGNATURE_INVALD"], &repo());
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("no spec documents `SIGNATURE_INVALD`"));
    assert!(
        stderr(&run).contains("`SIGNATURE_INVALID` (funder_offers)"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        errspec(&["explain", "X", "--api", "nope"], &repo())
            .status
            .code(),
        Some(2)
    );
}
