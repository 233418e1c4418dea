//! `errspec check` as users run it: a subprocess, its exit status, what it prints, and that it
//! writes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn errspec(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errspec"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("errspec runs")
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("readable");
                let modified = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .expect("mtime");
                files.insert(path, (bytes, modified));
            }
        }
    }
    files
}

fn bad_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

#[test]
fn a_folder_of_bad_specs_exits_1_with_located_errors_and_writes_nothing() {
    let work = scratch("bad");
    let specs = work.join("spec");
    std::fs::create_dir_all(&specs).expect("spec folder");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(bad_fixtures()).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_owned();
        std::fs::copy(&path, specs.join(&name)).expect("copy");
        names.push(name.to_string_lossy().into_owned());
    }
    let before = snapshot(&work);

    let out = errspec(&["check", "spec"], &work);
    let stderr = String::from_utf8_lossy(&out.stderr);

    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing is valid, so nothing is ok");
    assert!(!stderr.contains('\x1b'), "no colour when not on a terminal");
    for name in &names {
        let prefix = format!("spec/{name}:");
        let located = stderr.lines().any(|line| {
            line.strip_prefix(&prefix)
                .and_then(|rest| rest.split_once(": error: "))
                .is_some_and(|(at, _)| {
                    let mut parts = at.split(':');
                    parts.next().is_some_and(|l| l.parse::<u32>().is_ok())
                        && parts.next().is_some_and(|c| c.parse::<u32>().is_ok())
                        && parts.next().is_none()
                })
        });
        assert!(located, "no `{prefix}line:col: error:` line in:\n{stderr}");
    }
    assert!(
        stderr
            .lines()
            .any(|l| l == "spec/duplicate_status.yaml:8:3: error: status 400 is declared twice"),
        "{stderr}"
    );
    // The source line and the caret follow the headline.
    assert!(stderr.contains("8 |   400:\n  |   ^^^\n"), "{stderr}");
    let summary = stderr.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("error: ") && summary.ends_with(&format!(" in {} files", names.len())),
        "summary line: {summary}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        snapshot(&work),
        before,
        "check must not write or change any file"
    );
}

#[test]
fn the_seed_specs_are_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = errspec(&["check"], &root);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every seed is there; a spec a team adds beside them is fine.
    for seed in ["centrapay", "funder_offers", "mugglepay", "muse_finance"] {
        assert!(
            stdout.contains(&format!("ok: spec/{seed}.yaml (")),
            "{seed}: {stdout}"
        );
    }
}

#[test]
fn usage_and_io_errors_exit_2() {
    let work = scratch("usage");
    let missing = errspec(&["check", "no-such-folder"], &work);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-folder: error:"));

    std::fs::create_dir_all(work.join("empty")).expect("folder");
    let empty = errspec(&["check", "empty"], &work);
    assert_eq!(empty.status.code(), Some(2));

    let option = errspec(&["check", "--frobnicate"], &work);
    assert_eq!(option.status.code(), Some(2));

    let command = errspec(&["frobnicate"], &work);
    assert_eq!(command.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&command.stderr).contains("Usage: errspec <COMMAND>"));
}

#[test]
fn an_unknown_subcommand_is_named_and_the_nearest_suggested() {
    let work = scratch("unknown-subcommand");
    let typo = errspec(&["chek"], &work);
    assert_eq!(typo.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&typo.stderr);
    assert!(
        stderr.contains("error: unrecognized subcommand 'chek'"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a similar subcommand exists: 'check'"),
        "{stderr}"
    );
    let typo = errspec(&["generat"], &work);
    assert!(String::from_utf8_lossy(&typo.stderr).contains("'generate'"));
}

#[test]
fn version_and_help_on_the_tool_and_every_subcommand() {
    let work = scratch("help");
    let version = errspec(&["--version"], &work);
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("errspec {}", env!("CARGO_PKG_VERSION"))
    );
    let help = errspec(&["--help"], &work);
    assert_eq!(help.status.code(), Some(0));
    let help = String::from_utf8_lossy(&help.stdout);
    for command in ["check", "generate", "new"] {
        assert!(help.contains(&format!("  {command} ")), "{help}");
    }
    for (command, options) in [
        ("check", &["[PATH]...", "--spec-dir <DIR>"][..]),
        (
            "generate",
            &[
                "--check",
                "--templates <DIR>",
                "--spec-dir <DIR>",
                "--out-dir <DIR>",
            ][..],
        ),
        ("new", &["<ID>", "--spec-dir <DIR>", "--out-dir <DIR>"][..]),
    ] {
        let run = errspec(&[command, "--help"], &work);
        assert_eq!(run.status.code(), Some(0), "{command} --help");
        let text = String::from_utf8_lossy(&run.stdout);
        assert!(
            text.contains(&format!("Usage: errspec {command}")),
            "{text}"
        );
        for option in options {
            assert!(
                text.contains(option),
                "{command} --help lacks {option}:\n{text}"
            );
        }
        assert!(text.contains("Exit status:"), "{text}");
    }
}

#[test]
fn cargo_errspec_takes_the_same_arguments_as_cargo_passes_them() {
    let work = scratch("cargo-subcommand");
    // Cargo runs `cargo-errspec errspec <args>` for `cargo errspec <args>`.
    let run = Command::new(env!("CARGO_BIN_EXE_cargo-errspec"))
        .args(["errspec", "check", "--help"])
        .current_dir(&work)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.contains("Usage: cargo errspec check"), "{text}");
}

/// A reader that stops early (`errspec explain CODE | head -1`) closes the pipe: the rest of
/// the output is dropped, the command does not panic, and its exit status is its own.
#[test]
fn a_closed_stdout_is_no_panic() {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = Command::new(env!("CARGO_BIN_EXE_errspec"))
        .args(["explain", "VERSION_CONFLICT", "--spec-dir"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"))
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("errspec runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
