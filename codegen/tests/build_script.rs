//! A bad spec fails `cargo build` of a crate whose build script uses [`errspec_codegen::Builder`],
//! with the located message and without a panic or a backtrace.
//!
//! The crate is written under the test's temporary folder and built with its own target folder
//! there, which is kept between runs: the first run compiles the generator's dependencies once,
//! later runs only the tiny crate. It builds offline from this workspace's lock file.

use std::path::{Path, PathBuf};
use std::process::Command;

const BAD_SPEC: &str = "\
api:
  name: Acme
statuses:
  400: { title: Bad Request }
errors:
  CARD_DECLINED:
    status: 404
    message: The card was declined.
";

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, text).expect("write");
}

/// A crate with `spec/acme.yaml` and a build script that runs the builder on `spec/`.
fn user_crate(spec: &str) -> PathBuf {
    let codegen = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script-crate");
    let manifest = format!(
        "[package]\n\
         name = \"errspec-build-script-check\"\n\
         version = \"0.0.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [build-dependencies]\n\
         errspec-codegen = {{ path = {:?}, default-features = false }}\n\
         \n\
         # Not part of any enclosing workspace.\n\
         [workspace]\n",
        codegen.display().to_string()
    );
    write(&dir.join("Cargo.toml"), &manifest);
    write(
        &dir.join("build.rs"),
        "fn main() {\n\
         \x20   if let Err(error) = errspec_codegen::Builder::new().spec_dir(\"spec\").compile() {\n\
         \x20       eprintln!(\"{}\", error.render());\n\
         \x20       std::process::exit(1);\n\
         \x20   }\n\
         }\n",
    );
    write(&dir.join("src/lib.rs"), "//! Uses a generated catalog.\n");
    write(&dir.join("spec/acme.yaml"), spec);
    // The workspace's lock file, so that the build resolves offline to the same versions.
    let lock = codegen.join("../Cargo.lock");
    std::fs::copy(lock, dir.join("Cargo.lock")).expect("copy Cargo.lock");
    dir
}

#[test]
fn a_bad_spec_fails_the_build_with_the_located_message() {
    let dir = user_crate(BAD_SPEC);
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUST_BACKTRACE", "1")
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the build must fail:\n{stderr}");
    assert!(
        stderr.contains("spec/acme.yaml:7:13: error: status 404 is not declared"),
        "no located message in:\n{stderr}"
    );
    assert!(
        stderr.contains("7 |     status: 404"),
        "no source line:\n{stderr}"
    );
    assert!(
        stderr.contains("help: declare it under `statuses:`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("stack backtrace"), "{stderr}");
}
