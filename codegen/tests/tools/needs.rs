//! Tests that need a program from outside Rust, as libtest-mimic trials: a test whose program
//! is missing is reported as ignored, with the reason, in the summary line a person reads
//! (`N passed; 0 failed; M ignored`) and on its own line (`... ignored (chromium is not
//! installed ...)`); under `CI=true` it fails instead, since CI installs every program.
//!
//! Shared by the `tools` test targets of errspec and errspec-codegen.

use libtest_mimic::{Completion, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether this is a CI run, which must run every test: `CI` set to anything but the empty
/// string, `0` or `false` (CI services set `CI=true`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// A trial that runs `test` with what `probe` found, or is ignored with the probe's reason
/// (a failure under CI) when it found nothing.
pub fn needs<T: 'static>(name: &str, probe: fn() -> Result<T, String>, test: fn(T)) -> Trial {
    Trial::ignorable_test(name, move || match probe() {
        Ok(found) => {
            test(found);
            Ok(Completion::Completed)
        }
        Err(why) if in_ci() => Err(Failed::from(format!(
            "{why}; CI must run this test (.ci/run installs it)"
        ))),
        Err(why) => Ok(Completion::ignored_with(why)),
    })
}

/// Runs the trials as `cargo test` runs a test binary, with its arguments (`--list`, a
/// filter, `--ignored`, ...), and exits with its status.
pub fn run(trials: Vec<Trial>) -> ! {
    let args = libtest_mimic::Arguments::from_args();
    libtest_mimic::run(&args, trials).exit()
}

/// `name`, from the environment variable `var` when it is set, else on the PATH, when it runs
/// with `--version`; else `missing`, the reason the test is ignored.
pub fn program(var: Option<&str>, name: &str, missing: &str) -> Result<PathBuf, String> {
    let program = var
        .and_then(std::env::var_os)
        .map_or_else(|| PathBuf::from(name), PathBuf::from);
    Command::new(&program)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| program)
        .ok_or_else(|| missing.to_owned())
}

/// `openapi-spec-validator`: from `OPENAPI_SPEC_VALIDATOR`, else on the PATH.
pub fn openapi_validator() -> Result<PathBuf, String> {
    program(
        Some("OPENAPI_SPEC_VALIDATOR"),
        "openapi-spec-validator",
        "openapi-spec-validator is not installed: pip install openapi-spec-validator, \
         or set OPENAPI_SPEC_VALIDATOR",
    )
}

/// Runs the OpenAPI validator `program` on `files`, which must all be valid.
pub fn assert_valid_openapi(program: &Path, files: &[PathBuf]) {
    let run = Command::new(program)
        .args(files)
        .output()
        .expect("the validator runs");
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(out.matches(": OK").count(), files.len(), "{out}");
}
