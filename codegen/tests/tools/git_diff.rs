//! `errspec diff --base`, which reads the older specs from git, run as a user runs it: the
//! binary as a subprocess, in a scratch git repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// git, on the PATH (`errspec diff --base` runs the one there).
pub fn git_program() -> Result<PathBuf, String> {
    crate::needs::program(None, "git", "git is not installed: apt-get install git")
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

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const ACME: &str = "api: { name: Acme }\nbody:\n  fields: { code: code, message: message }\nstatuses:\n  400: { title: Bad Request }\nerrors:\n  CARD_DECLINED: { status: 400, message: The card was declined. }\n  OLD_CODE: { status: 400, message: Old. }\n";

fn git(program: &Path, dir: &Path, args: &[&str]) {
    let run = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.test")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.test")
        .output()
        .expect("git runs");
    assert!(
        run.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

pub fn base_compares_the_spec_folder_with_a_git_revision(program: PathBuf) {
    let dir = scratch("diff-git");
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::write(dir.join("spec/acme.yaml"), ACME).unwrap();
    git(&program, &dir, &["init", "-q"]);
    git(&program, &dir, &["add", "."]);
    git(&program, &dir, &["commit", "-q", "-m", "v1"]);
    std::fs::write(
        dir.join("spec/acme.yaml"),
        ACME.replace("  CARD_DECLINED:", "  CARD_REFUSED:"),
    )
    .unwrap();
    let run = errspec(&["diff", "--base", "HEAD", "--format", "json"], &dir);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let changes: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(changes[0]["rule"], "code-removed");
    assert_eq!(changes[0]["old"]["path"], "HEAD:spec/acme.yaml");
    assert_eq!(changes[0]["old"]["line"], 7);
    assert_eq!(changes[1]["rule"], "code-added");
    assert_eq!(changes[1]["new"]["path"], "spec/acme.yaml");
    assert!(
        changes[0]["message"]
            .as_str()
            .unwrap()
            .contains("a rename?")
    );
    let run = errspec(&["diff", "--base", "no-such-rev"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("git ls-tree"), "{}", stderr(&run));
}
