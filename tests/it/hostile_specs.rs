//! Generates Rust from specs written to be hostile (quotes, backslashes, braces, `{{ }}`, `*/`,
//! `#[`, `<script>`, non-ASCII, keywords and digits as codes, empty sections), compiles it in a
//! scratch crate under `#![deny(warnings, missing_docs)]`, runs it, and checks that every string
//! comes back exactly as the spec wrote it.

use errspec_codegen::__internals::model::Api;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn hostile_apis() -> Vec<Api> {
    let dir = workspace_root().join("tests/hostile");
    errspec_codegen::__internals::compile_paths(&[dir])
        .unwrap_or_else(|e| panic!("hostile specs must be valid:\n{}", e.render(false)))
}

/// The scratch crate's `main`: prints one line per fact as `api\tkind\tkey\tvalue`, JSON-escaped.
fn main_rs(apis: &[Api]) -> String {
    let mut body = String::new();
    for api in apis {
        let id = &api.id;
        body.push_str(&format!(
            "    emit(\"{id}\", \"name\", \"\", {id}::NAME);\n\
             for (i, s) in {id}::Status::ALL.iter().enumerate() {{ let i = i.to_string(); emit(\"{id}\", \"status\", &i, &s.to_string()); emit(\"{id}\", \"title\", &i, s.title()); emit(\"{id}\", \"message\", &i, s.message()); emit(\"{id}\", \"from_code\", &i, &{id}::Status::from_code(s.code()).map(|f| f.to_string()).unwrap_or_default()); }}\n\
             for c in {id}::ErrorCode::ALL {{ emit(\"{id}\", \"code\", c.as_str(), &c.to_string()); assert_eq!(c.as_str().parse::<{id}::ErrorCode>().ok(), Some(*c)); emit(\"{id}\", \"body\", c.as_str(), &serde_json::to_string(&{id}::ErrorBody::from_code(*c)).unwrap()); emit(\"{id}\", \"problem_type\", c.as_str(), &errspec::problem::Problem::from_code(*c).problem_type); }}\n\
             for r in {id}::limits::RATE_LIMITS {{ emit(\"{id}\", \"rate\", r.name, &format!(\"{{}}/{{}}ms/{{}}\", r.requests, r.window.as_millis(), r.scope)); }}\n"
        ));
    }
    format!(
        "#![deny(warnings)]\n#![allow(deprecated)]\nuse hostile_check::*;\n\
         fn emit(api: &str, kind: &str, key: &str, value: &str) {{\n    \
         println!(\"{{}}\", serde_json::json!([api, kind, key, value]));\n}}\n\
         fn main() {{\n{body}}}\n"
    )
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Builds and runs the scratch crate; returns its output lines.
fn run_scratch_crate(apis: &[Api]) -> Vec<serde_json::Value> {
    let root = workspace_root();
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile-check");
    let _ = std::fs::remove_dir_all(scratch.join("spec"));
    let manifest = format!(
        r#"[package]
name = "hostile-check"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
errspec = {{ path = {root:?} }}
serde_json = "1"

[build-dependencies]
errspec-codegen = {{ path = {codegen:?}, default-features = false }}
"#,
        root = root.display().to_string(),
        codegen = root.join("codegen").display().to_string(),
    );
    write(&scratch.join("Cargo.toml"), &manifest);
    write(
        &scratch.join("build.rs"),
        "fn main() {\n    if let Err(e) = errspec_codegen::Builder::new().spec_dir(\"spec\").compile() {\n        eprintln!(\"{}\", e.render());\n        std::process::exit(1);\n    }\n}\n",
    );
    write(
        &scratch.join("src/lib.rs"),
        "//! Hostile specs, compiled.\n#![deny(warnings, missing_docs)]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/errspec_apis.rs\"));\n",
    );
    write(&scratch.join("src/main.rs"), &main_rs(apis));
    for entry in std::fs::read_dir(root.join("tests/hostile")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::create_dir_all(scratch.join("spec")).unwrap();
        std::fs::copy(&path, scratch.join("spec").join(path.file_name().unwrap())).unwrap();
    }
    // Same dependency versions as the workspace, without a fresh resolution.
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let output = scratch_cargo(&scratch, &["run", "--quiet"]).expect("cargo runs");
    assert!(
        output.status.success(),
        "the scratch crate failed to build or run:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `cargo` in the scratch crate, in the target folder every scratch crate of the test suites
/// shares, with their flags, so that errspec's dependencies compile once for all of them.
fn scratch_cargo(scratch: &Path, args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(scratch)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        // No debug info: these builds are checked and run, never debugged, and a third of a
        // cold build's time is writing it.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_NET_OFFLINE", "true")
        .output()
}

/// `cargo build -vv` in the scratch crate; returns stderr, where cargo reports what it reran.
fn verbose_build(scratch: &Path) -> String {
    let output = scratch_cargo(scratch, &["build", "-vv"]).expect("cargo runs");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fact<'a>(lines: &'a [serde_json::Value], api: &str, kind: &str, key: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l[0] == api && l[1] == kind && l[2] == key)
        .and_then(|l| l[3].as_str())
        .unwrap_or_else(|| panic!("no {kind} {key:?} for {api}"))
}

#[test]
fn hostile_specs_compile_without_warnings_and_keep_every_string() {
    let apis = hostile_apis();
    let lines = run_scratch_crate(&apis);
    check_build_script_reruns_only_on_change(
        &PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile-check"),
    );
    for api in &apis {
        assert_eq!(fact(&lines, &api.id, "name", ""), api.name);
        for (i, status) in api.statuses.iter().enumerate() {
            let i = i.to_string();
            let display = format!("{} {}", status.key, status.title);
            assert_eq!(fact(&lines, &api.id, "title", &i), status.title);
            assert_eq!(fact(&lines, &api.id, "message", &i), status.message);
            assert_eq!(fact(&lines, &api.id, "status", &i), display);
            // from_code(code()) finds the status itself, unless a class's lowest code is
            // declared on its own (4xx and 400), in which case the exact status wins.
            let exact = api.statuses.iter().find(|s| {
                s.key == errspec_codegen::__internals::model::StatusKey::Code(status.key.code())
            });
            let expected = exact.map_or(display.clone(), |s| format!("{} {}", s.key, s.title));
            assert_eq!(fact(&lines, &api.id, "from_code", &i), expected);
        }
        for error in &api.errors {
            // Display returns the message exactly, whatever characters it holds.
            assert_eq!(
                fact(&lines, &api.id, "code", &error.code),
                error.message,
                "{}",
                error.code
            );
            // A problem's `type` links the code's section of the site, where it is published.
            let problem_type = match api.site_page() {
                Some(page) => format!("{page}#{}", errspec_vocab::anchor("code", &error.code)),
                None => "about:blank".to_owned(),
            };
            assert_eq!(
                fact(&lines, &api.id, "problem_type", &error.code),
                problem_type
            );
        }
        assert_eq!(
            lines
                .iter()
                .filter(|l| l[0] == api.id.as_str() && l[1] == "code")
                .count(),
            api.errors.len()
        );
        for limit in &api.rate_limits {
            let expected = format!(
                "{}/{}ms/{}",
                limit.requests,
                limit.window.as_millis(),
                limit.scope.as_str()
            );
            assert_eq!(fact(&lines, &api.id, "rate", &limit.name), expected);
        }
    }
    // The hostile wire body: a keyword field name, a status in a class, details of any shape.
    let body: serde_json::Value =
        serde_json::from_str(fact(&lines, "hostile_api", "body", "\\backslash\\")).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"type": "\\backslash\\", "self": "\\\\ double backslash \\ and r#\"raw\"#", "statusCode": 500})
    );
    let body: serde_json::Value =
        serde_json::from_str(fact(&lines, "message_only", "body", "BAD")).unwrap();
    assert_eq!(body, serde_json::json!({"msg": "Bad"}));
}

/// A second build with no change must not rerun the build script; touching a spec must.
fn check_build_script_reruns_only_on_change(scratch: &Path) {
    let runs_build_script = |log: &str| {
        log.lines()
            .any(|l| l.contains("Running") && l.contains("build-script-build"))
    };
    let noop = verbose_build(scratch);
    assert!(noop.contains("Fresh hostile-check"), "{noop}");
    assert!(
        !runs_build_script(&noop),
        "a no-op build reran the build script:\n{noop}"
    );
    let spec = scratch.join("spec/minimal.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    std::fs::write(&spec, format!("{text}# touched\n")).unwrap();
    let touched = verbose_build(scratch);
    assert!(
        runs_build_script(&touched),
        "editing a spec did not rerun the build script:\n{touched}"
    );
}
