//! Tests that need a program from outside Rust, as libtest-mimic trials: a test whose program
//! is missing is reported as ignored, with the reason, in the summary line a person reads
//! (`N passed; 0 failed; M ignored`) and on its own line (`... ignored (chromium is not
//! installed ...)`); under `CI=true` it fails instead, since CI installs every program.
//!
//! Shared by the `tools` test targets of errspec and errspec-codegen.

use libtest_mimic::{Completion, Failed, Trial};

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
