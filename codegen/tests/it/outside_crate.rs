//! errspec as a team outside this repository uses it: a fresh crate, with exactly the
//! `Cargo.toml`, `build.rs` and `src/lib.rs` lines of the README's "Use it in your crate", its
//! own spec written by `cargo errspec new`, built with `-D warnings` and run for every feature
//! set of errspec, and the installed `cargo errspec` command run in it through cargo.
//!
//! The README is the single source of those lines: this test reads them from it, so the two
//! cannot drift. Every scratch build shares one target folder (`scratch-target` under the
//! test's temporary folder), so errspec's dependencies compile once for all of them, and
//! builds offline from this workspace's lock file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ is inside the repository")
        .to_path_buf()
}

/// The README's lines for a user's crate.
struct Recipe {
    manifest: String,
    build_rs: String,
    lib_rs: String,
}

/// The fenced blocks of the README's "Use it in your crate" section, by the file each names.
fn recipe() -> Recipe {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("Use it in your crate"))
        .expect("the README has a section \"Use it in your crate\"");
    let mut blocks = Vec::new();
    let mut label = String::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("```") {
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            blocks.push((label.clone(), body.join("\n") + "\n"));
        } else if !line.trim().is_empty() {
            label = line.to_owned();
        }
    }
    let block = |name: &str| {
        blocks
            .iter()
            .find(|(label, _)| label.contains(name))
            .map(|(_, body)| body.clone())
            .unwrap_or_else(|| panic!("no block after a line naming {name} in {blocks:?}"))
    };
    Recipe {
        manifest: block("`Cargo.toml`"),
        build_rs: block("`build.rs`"),
        lib_rs: block("`src/lib.rs`"),
    }
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, text).expect("write");
}

/// The line of the README's `Cargo.toml` that names errspec, by path to a clone beside the crate.
const ERRSPEC_LINE: &str = "errspec = { path = \"../errspec\" }";

/// The scratch crate's manifest: the README's lines, errspec's dependency line given
/// `features`, with this repository as the clone the README's paths point at.
fn manifest(dependencies: &str, name: &str, features: Option<&[&str]>) -> String {
    assert!(
        dependencies.lines().any(|l| l == ERRSPEC_LINE),
        "the README's Cargo.toml has the line {ERRSPEC_LINE}:\n{dependencies}"
    );
    let dependencies = match features {
        None => dependencies.to_owned(),
        Some(features) => dependencies.replace(
            ERRSPEC_LINE,
            &format!(
                "errspec = {{ path = \"../errspec\", default-features = false, features = {features:?} }}"
            ),
        ),
    };
    let repo = repo().display().to_string();
    let dependencies =
        dependencies.replace("\"../errspec", format!("{repo:?}").trim_end_matches('"'));
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Not part of any enclosing workspace.\n[workspace]\n\n{dependencies}"
    )
}

/// A program that uses the generated module with what `features` make available, through
/// nothing but `errspec` and the crate itself.
fn main_rs(features: &[&str]) -> String {
    let mut body = String::from(
        r#"    use acme_errors::acme::{ErrorCode, Status, limits};
    let code: ErrorCode = "RATE_LIMITED".parse().unwrap();
    assert_eq!(code.to_string(), "Too many requests; retry after the rate limit resets.");
    assert_eq!(code.status(), Status::TooManyRequests);
    assert_eq!(code.retry(), errspec::Retry::AfterReset);
    assert!("BRAND_NEW".parse::<ErrorCode>().is_err());
    assert_eq!(Status::from_code(503).unwrap().to_string(), "5xx Server Error");
    assert_eq!(limits::PER_MINUTE.requests, 60);
    assert_eq!(<acme_errors::acme::Api as errspec::Catalog>::NAME, "Acme");
    println!("enums ok");
"#,
    );
    if features.contains(&"serde") {
        body.push_str(
            r##"    let sent = errspec::server::Reply::from_code(ErrorCode::InvalidParameter).finish();
    assert_eq!(sent.status, 400);
    assert_eq!(sent.body, br#"{"code":"INVALID_PARAMETER","message":"A parameter is missing or not valid."}"#);
    let read = errspec::client::ErrorResponse::<acme_errors::acme::Api>::read(400, sent.headers.iter().map(|(k, v)| (k.as_ref(), v.as_str())), &sent.body);
    assert_eq!(read.known_code(), Some(ErrorCode::InvalidParameter));
    let unknown = errspec::client::ErrorResponse::<acme_errors::acme::Api>::read(400, [("a", "b")], br#"{"code":"NEW_CODE","message":"new"}"#);
    assert_eq!(unknown.code().map(|c| c.as_str().to_owned()), Some("NEW_CODE".to_owned()));
    println!("serde ok");
"##,
        );
    }
    if features.contains(&"serde") && features.contains(&"http") {
        body.push_str(
            r#"    let response = errspec::server::Reply::from_code(ErrorCode::Unauthorized).into_http().unwrap();
    assert_eq!(response.status().as_u16(), 401);
    println!("http ok");
"#,
        );
    }
    if features.contains(&"governor") {
        body.push_str(
            r#"    assert!(errspec::quota::for_api::<acme_errors::acme::Api>(std::num::NonZeroU32::MIN).is_some());
    println!("governor ok");
"#,
        );
    }
    if features.contains(&"ietf-ratelimit") {
        body.push_str(
            r#"    let policy = errspec::ietf::policy_value(limits::RATE_LIMITS).unwrap();
    assert!(policy.contains("q=60"), "{policy}");
    println!("ietf ok");
"#,
        );
    }
    if features.contains(&"axum") {
        // The crate has no axum dependency of its own: the generated impls reach axum through
        // errspec.
        body.push_str(
            r#"    fn is_response<T: errspec::__private::axum::IntoResponse>(_: T) {}
    is_response(ErrorCode::Unauthorized);
    is_response(Status::TooManyRequests);
    let layer = errspec::ratelimit::RateLimitLayer::<acme_errors::acme::Api, _>::new(errspec::ratelimit::peer_ip());
    let _ = layer;
    println!("axum ok");
"#,
        );
    }
    format!("//! Uses the generated catalog.\n\nfn main() {{\n{body}}}\n")
}

/// Runs `cargo` in `dir` with the shared target folder, `-D warnings`, offline, and with
/// `bin` (holding `cargo-errspec`) first on the PATH.
fn cargo(dir: &Path, bin: &Path, args: &[&str]) -> Output {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        // No debug info: these builds are checked and run, never debugged, and a third of a
        // cold build's time is writing it.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_NET_OFFLINE", "true")
        .env("CARGO_TERM_COLOR", "never")
        .env("PATH", path)
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .output()
        .expect("cargo runs")
}

fn text(output: &Output) -> String {
    format!(
        "status: {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A name, errspec's `features = [...]` (`None`: its defaults) and the features then on.
type FeatureSet<'a> = (&'a str, Option<&'a [&'a str]>, &'a [&'a str]);

/// A fresh crate laid out as the README says, outside this repository (whose cargo
/// configuration it must not see), and a folder holding `cargo-errspec`.
///
/// Each test's crate has a name of its own: cargo tells path packages apart by name and
/// version only, so two crates of one name would share their build script's output folder
/// in the shared target folder.
fn scratch_crate(recipe: &Recipe, name: &str) -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::Builder::new()
        .prefix("errspec-outside-")
        .tempdir()
        .expect("temporary folder");
    let dir = scratch.path().join("acme-errors");
    // `cargo errspec` finds the installed binary on the PATH, as after `cargo install`.
    let bin = scratch.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin folder");
    std::fs::copy(
        env!("CARGO_BIN_EXE_cargo-errspec"),
        bin.join("cargo-errspec"),
    )
    .expect("copy cargo-errspec");
    write(
        &dir.join("Cargo.toml"),
        &manifest(&recipe.manifest, name, None),
    );
    write(&dir.join("build.rs"), &recipe.build_rs);
    write(&dir.join("src/lib.rs"), &recipe.lib_rs);
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    (scratch, bin)
}

#[test]
fn an_outside_crate_builds_and_runs_for_every_feature_set_and_cargo_errspec_works_in_it() {
    let recipe = recipe();
    let (scratch, bin) = scratch_crate(&recipe, "acme-errors");
    let dir = scratch.path().join("acme-errors");

    let version = cargo(&dir, &bin, &["errspec", "--version"]);
    assert!(version.status.success(), "{}", text(&version));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("errspec {}", env!("CARGO_PKG_VERSION"))
    );
    let new = cargo(&dir, &bin, &["errspec", "new", "acme"]);
    assert!(new.status.success(), "{}", text(&new));
    assert!(String::from_utf8_lossy(&new.stdout).contains("wrote spec/acme.yaml"));
    let again = cargo(&dir, &bin, &["errspec", "new", "acme"]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let check = cargo(&dir, &bin, &["errspec", "check"]);
    assert!(check.status.success(), "{}", text(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("ok: spec/acme.yaml (Acme)"));

    let defaults = ["serde", "http", "governor"];
    let all = ["serde", "http", "governor", "ietf-ratelimit"];
    let sets: [FeatureSet; 7] = [
        ("defaults", None, &defaults),
        (
            "axum and tower",
            Some(&["axum", "tower"]),
            &["axum", "serde", "http"],
        ),
        ("no default features", Some(&[]), &[]),
        ("serde", Some(&["serde"]), &["serde"]),
        ("http", Some(&["http"]), &["http"]),
        // The two runtime-only features share a set: the catalog's macros depend on neither.
        (
            "governor and ietf-ratelimit",
            Some(&["governor", "ietf-ratelimit"]),
            &["governor", "ietf-ratelimit"],
        ),
        ("all features", Some(&all), &all),
    ];
    for (name, features, on) in sets {
        write(
            &dir.join("Cargo.toml"),
            &manifest(&recipe.manifest, "acme-errors", features),
        );
        write(&dir.join("src/main.rs"), &main_rs(on));
        let run = cargo(&dir, &bin, &["run", "--quiet"]);
        assert!(run.status.success(), "{name}: {}", text(&run));
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(stdout.contains("enums ok"), "{name}: {stdout}");
        for feature in on.iter().filter(|f| **f != "http") {
            let part = feature.split('-').next().unwrap_or(feature);
            assert!(stdout.contains(&format!("{part} ok")), "{name}: {stdout}");
        }
    }

    let generate = cargo(&dir, &bin, &["errspec", "generate"]);
    assert!(generate.status.success(), "{}", text(&generate));
    let page = std::fs::read_to_string(dir.join("generated/docs/acme.md")).expect("docs page");
    assert!(page.contains("RATE_LIMITED"), "{page}");
    let fresh = cargo(&dir, &bin, &["errspec", "generate", "--check"]);
    assert!(fresh.status.success(), "{}", text(&fresh));
}

#[test]
fn check_and_build_refuse_the_same_specs_with_the_same_located_message() {
    let recipe = recipe();
    let (scratch, bin) = scratch_crate(&recipe, "acme-refused");
    let dir = scratch.path().join("acme-errors");
    write(&dir.join("src/main.rs"), "fn main() {}\n");
    // A name the crate uses beside the include, and a spec that breaks a rule.
    write(
        &dir.join("src/lib.rs"),
        &format!(
            "/// The crate's own client.\npub mod client {{}}\n\n{}",
            recipe.lib_rs
        ),
    );
    write(&dir.join("spec/client.yaml"), "api: { name: Client }\n");
    write(
        &dir.join("spec/acme.yaml"),
        "api:\n  name: Acme\nstatuses:\n  400: { title: Bad Request }\nerrors:\n  CARD_DECLINED:\n    status: 404\n    message: The card was declined.\n",
    );
    let check = cargo(&dir, &bin, &["errspec", "check"]);
    let build = cargo(&dir, &bin, &["build", "--quiet"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(!build.status.success(), "{}", text(&build));
    let build_stderr = String::from_utf8_lossy(&build.stderr);
    let check_stderr = String::from_utf8_lossy(&check.stderr);
    for expected in [
        "spec/acme.yaml:7:13: error: status 404 is not declared",
        "7 |     status: 404",
        "help: declare it under `statuses:`",
        "spec/client.yaml:1:1: error: the module name `client` is already taken in this crate",
    ] {
        assert!(
            check_stderr.contains(expected),
            "check: {expected}\n{check_stderr}"
        );
        assert!(
            build_stderr.contains(expected),
            "build: {expected}\n{build_stderr}"
        );
    }
    assert!(!build_stderr.contains("panicked"), "{build_stderr}");
    let new = cargo(&dir, &bin, &["errspec", "new", "client"]);
    assert_eq!(new.status.code(), Some(1), "{}", text(&new));
    let refused = String::from_utf8_lossy(&new.stderr);
    assert!(
        refused.contains("the module name `client` is already taken"),
        "{refused}"
    );
    let bad = cargo(&dir, &bin, &["errspec", "new", "Bad-Id"]);
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    let bad = String::from_utf8_lossy(&bad.stderr);
    assert!(bad.contains("error: `Bad-Id` is not a valid id"), "{bad}");
    assert!(
        bad.contains("help: use `bad_id` instead, which writes spec/bad_id.yaml"),
        "{bad}"
    );
    assert!(!dir.join("spec/Bad-Id.yaml").exists());
}

#[test]
fn a_crate_with_its_catalog_checked_in_builds_with_errspec_alone() {
    let recipe = recipe();
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let lib_rs = "mod apis;\npub use apis::acme;\n";
    assert!(
        readme.contains("`mod apis; pub use apis::acme;`")
            && readme.contains("cargo errspec generate --rust-out src/apis"),
        "the README's recipe for a crate without a build script"
    );
    let (scratch, bin) = scratch_crate(&recipe, "acme-checked-in");
    let dir = scratch.path().join("acme-errors");
    std::fs::remove_file(dir.join("build.rs")).expect("no build script");
    let dependencies = format!("[dependencies]\n{ERRSPEC_LINE}\n");
    write(
        &dir.join("Cargo.toml"),
        &manifest(&dependencies, "acme-checked-in", None),
    );
    write(&dir.join("src/lib.rs"), lib_rs);
    for args in [
        &["errspec", "new", "acme"][..],
        &["errspec", "generate", "--rust-out", "src/apis"][..],
        &["errspec", "generate", "--check", "--rust-out", "src/apis"][..],
    ] {
        let run = cargo(&dir, &bin, args);
        assert!(run.status.success(), "{args:?}: {}", text(&run));
    }
    let tree = cargo(
        &dir,
        &bin,
        &["tree", "--edges", "normal,build", "--prefix", "none"],
    );
    let tree = String::from_utf8_lossy(&tree.stdout);
    assert!(tree.contains("errspec v"), "{tree}");
    for generator in ["errspec-codegen ", "syn ", "prettyplease ", "serde-saphyr "] {
        assert!(
            !tree.lines().any(|l| l.starts_with(generator)),
            "{generator}in\n{tree}"
        );
    }
    let all: &[&str] = &[
        "serde",
        "http",
        "governor",
        "ietf-ratelimit",
        "axum",
        "tower",
    ];
    for (features, on) in [(None, &["serde", "http", "governor"][..]), (Some(all), all)] {
        write(
            &dir.join("Cargo.toml"),
            &manifest(&dependencies, "acme-checked-in", features),
        );
        write(
            &dir.join("src/main.rs"),
            &main_rs(on).replace("acme_errors::", "acme_checked_in::"),
        );
        let run = cargo(&dir, &bin, &["run", "--quiet"]);
        assert!(run.status.success(), "{on:?}: {}", text(&run));
        assert!(String::from_utf8_lossy(&run.stdout).contains("enums ok"));
    }
}
