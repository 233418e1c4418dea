//! `errspec generate` end to end: the binary runs on a copy of the repository's `spec/` and
//! `generated/`. On a fresh copy it rewrites nothing; `--check` fails with the stale files and
//! a diff after a spec edit, and passes once regenerated; removed specs lose their page;
//! templates come from `--templates` or `spec/templates/`; bad input writes nothing; the
//! `cargo errspec` alias lets cargo show its progress.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

/// A temporary copy of the repository's `spec/` and `generated/`.
fn repo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = common::repo_root();
    for folder in ["spec", "generated"] {
        copy_tree(&root.join(folder), &dir.path().join(folder));
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("file name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy file");
        }
    }
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let meta = std::fs::metadata(&path).expect("metadata");
                let bytes = std::fs::read(&path).expect("read");
                files.insert(path, (bytes, meta.modified().expect("mtime")));
            }
        }
    }
    files
}

fn errspec(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errspec"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run errspec")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn text(output: &Output) -> String {
    format!("{}\n{}\n{}", output.status, stdout(output), stderr(output))
}

#[test]
fn generate_on_a_fresh_copy_rewrites_nothing() {
    let repo = repo_copy();
    let generated = repo.path().join("generated");
    let before = snapshot(&generated);
    assert!(before.len() >= 5, "the checked-in pages and index");

    let run = errspec(repo.path(), &["generate"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stdout(&run).contains(" 0 written, 0 removed"),
        "{}",
        stdout(&run)
    );
    assert_eq!(snapshot(&generated), before, "a file was rewritten");

    let check = errspec(repo.path(), &["generate", "--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(stdout(&check).contains("generated/ is up to date"));
}

#[test]
fn check_lists_stale_files_with_a_diff_until_regenerated() {
    let repo = repo_copy();
    let spec = repo.path().join("spec/mugglepay.yaml");
    let text = std::fs::read_to_string(&spec).expect("read spec");
    let edited = text.replace(
        "message: \"Invoice does not exist.\"",
        "message: \"Invoice does not exist (edited).\"",
    );
    assert_ne!(text, edited, "the edit applies");
    std::fs::write(&spec, edited).expect("edit spec");
    let generated = repo.path().join("generated");
    let before = snapshot(&generated);

    let check = errspec(repo.path(), &["generate", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = stderr(&check);
    assert!(
        report.contains("  changed: generated/docs/mugglepay.md\n"),
        "{report}"
    );
    assert!(
        report.contains("  changed: generated/docs/index.md\n"),
        "{report}"
    );
    assert!(
        report.contains("  changed: generated/openapi/mugglepay.json\n"),
        "{report}"
    );
    assert!(
        !report.contains("centrapay.md"),
        "only stale files are listed: {report}"
    );
    assert!(
        report.contains("--- a/generated/docs/mugglepay.md"),
        "{report}"
    );
    assert!(report.contains("\n-| [`INVOICE_NOT_EXIST`](#code-INVOICE_NOT_EXIST) | [400 Bad Request](#status-400) | Invoice does not exist. |"), "{report}");
    assert!(report.contains("\n+| [`INVOICE_NOT_EXIST`](#code-INVOICE_NOT_EXIST) | [400 Bad Request](#status-400) | Invoice does not exist (edited). |"), "{report}");
    assert!(report.contains("`cargo errspec generate`"), "{report}");
    assert_eq!(snapshot(&generated), before, "--check wrote something");

    let run = errspec(repo.path(), &["generate"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = stdout(&run);
    assert!(out.contains("wrote generated/docs/index.md\n"), "{out}");
    assert!(out.contains("wrote generated/docs/mugglepay.md\n"), "{out}");
    assert!(
        out.contains("wrote generated/openapi/mugglepay.json\n"),
        "{out}"
    );
    // Every other file of generated/ (the other pages, the schema) is left as it was.
    assert!(
        out.contains("wrote generated/site/mugglepay.html\n"),
        "{out}"
    );
    assert!(out.contains("wrote generated/site/index.html\n"), "{out}");
    let unchanged = before.len() - 5;
    assert!(
        out.contains(&format!(" 5 written, 0 removed, {unchanged} unchanged")),
        "{out}"
    );
    let check = errspec(repo.path(), &["generate", "--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn a_removed_spec_loses_its_page() {
    let repo = repo_copy();
    std::fs::remove_file(repo.path().join("spec/muse_finance.yaml")).expect("remove spec");
    let check = errspec(repo.path(), &["generate", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("  leftover: generated/docs/muse_finance.md\n"));

    let run = errspec(repo.path(), &["generate"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stdout(&run).contains("removed generated/docs/muse_finance.md\n"));
    assert!(!repo.path().join("generated/docs/muse_finance.md").exists());
    let index =
        std::fs::read_to_string(repo.path().join("generated/docs/index.md")).expect("index");
    assert!(!index.contains("Muse Finance"));
}

#[test]
fn spec_templates_folder_is_picked_up() {
    let repo = repo_copy();
    let templates = repo.path().join("spec/templates");
    std::fs::create_dir_all(&templates).expect("templates folder");
    std::fs::write(templates.join("api.md"), "custom page for {{ api.id }}\n").expect("template");
    let run = errspec(repo.path(), &["generate"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let page =
        std::fs::read_to_string(repo.path().join("generated/docs/centrapay.md")).expect("page");
    assert_eq!(page, "custom page for centrapay\n");
}

#[test]
fn templates_option_wins_and_a_broken_template_writes_nothing() {
    let repo = repo_copy();
    let generated = repo.path().join("generated");
    let before = snapshot(&generated);
    let templates = repo.path().join("my-templates");
    std::fs::create_dir_all(&templates).expect("templates folder");
    std::fs::write(
        templates.join("api.md"),
        "# {{ api.name | text }}\n{% if api.errors %}\n",
    )
    .expect("template");

    let run = errspec(repo.path(), &["generate", "--templates", "my-templates"]);
    assert_eq!(run.status.code(), Some(1));
    let report = stderr(&run);
    assert!(report.starts_with("my-templates/api.md:"), "{report}");
    assert!(report.contains("error: template:"), "{report}");
    assert_eq!(
        snapshot(&generated),
        before,
        "a broken template wrote something"
    );

    std::fs::write(templates.join("api.md"), "{{ api.name | text }}\n").expect("template");
    let run = errspec(repo.path(), &["generate", "--templates=my-templates"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let page = std::fs::read_to_string(generated.join("docs/mugglepay.md")).expect("page");
    assert_eq!(page, "MugglePay\n");
}

#[test]
fn an_invalid_spec_writes_nothing() {
    let repo = repo_copy();
    let generated = repo.path().join("generated");
    let before = snapshot(&generated);
    std::fs::write(
        repo.path().join("spec/broken.yaml"),
        "api: { name: Broken }\nerrors: { X: { status: 418, message: No such status. } }\n",
    )
    .expect("write spec");
    let run = errspec(repo.path(), &["generate"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("spec/broken.yaml:2:"),
        "{}",
        stderr(&run)
    );
    assert_eq!(snapshot(&generated), before);
}

#[test]
fn usage_errors_exit_2() {
    let repo = repo_copy();
    for args in [
        &["generate", "--bogus"][..],
        &["generate", "--templates"][..],
        &["generate", "--templates", "no-such-folder"][..],
    ] {
        let run = errspec(repo.path(), args);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
    }
}

#[test]
fn rust_out_writes_each_module_and_its_mod_file_and_check_covers_them() {
    let dir = repo_copy();
    let root = dir.path();
    // A file of the crate's own in the folder is never errspec's to remove.
    std::fs::create_dir_all(root.join("src/apis")).expect("folder");
    std::fs::write(root.join("src/apis/helpers.rs"), "pub fn mine() {}\n").expect("write");
    let written = errspec(root, &["generate", "--rust-out", "src/apis"]);
    assert!(written.status.success(), "{}", text(&written));
    let stdout = String::from_utf8_lossy(&written.stdout);
    // A module per spec (the README's recipes may have added one), and mod.rs.
    let specs = std::fs::read_dir(root.join("spec"))
        .expect("spec folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count();
    let files = specs + 1;
    assert!(stdout.contains("wrote src/apis/mugglepay.rs"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "src/apis: {files} written, 0 removed, 0 unchanged"
        )),
        "{stdout}"
    );
    let module = std::fs::read_to_string(root.join("src/apis/mugglepay.rs")).expect("module");
    assert!(module.starts_with("// @generated by errspec-codegen from spec/mugglepay.yaml."));
    assert!(module.contains(
        "InvoiceCanceledFailed = \"INVOICE_CANCELED_FAIILED\", BadRequest, \"Invoice does not exist, or it cannot be canceled.\";"
    ));
    let mods = std::fs::read_to_string(root.join("src/apis/mod.rs")).expect("mod.rs");
    for id in ["centrapay", "funder_offers", "mugglepay", "muse_finance"] {
        assert!(
            mods.contains(&format!("#[rustfmt::skip]\npub mod {id};")),
            "{mods}"
        );
    }
    // A crate's `cargo fmt` leaves the generated files as errspec wrote them: rustfmt, run on
    // mod.rs, follows no `#[rustfmt::skip]` module into its file.
    let fmt = Command::new("rustfmt")
        .args(["--check", "--edition", "2024", "src/apis/mod.rs"])
        .current_dir(root)
        .output()
        .expect("rustfmt runs");
    assert!(fmt.status.success(), "{}", text(&fmt));
    let fresh = errspec(root, &["generate", "--check", "--rust-out", "src/apis"]);
    assert!(fresh.status.success(), "{}", text(&fresh));
    assert!(
        String::from_utf8_lossy(&fresh.stdout)
            .contains(&format!("src/apis/ is up to date ({files} files)"))
    );

    // A spec edit makes the module stale; a removed spec's module is a leftover.
    let spec = root.join("spec/mugglepay.yaml");
    let edited = std::fs::read_to_string(&spec).expect("spec").replace(
        "Invoice does not exist.",
        "Invoice does not exist (edited).",
    );
    std::fs::write(&spec, edited).expect("write");
    std::fs::remove_file(root.join("spec/muse_finance.yaml")).expect("remove");
    let stale = errspec(root, &["generate", "--check", "--rust-out", "src/apis"]);
    assert_eq!(stale.status.code(), Some(1), "{}", text(&stale));
    let report = String::from_utf8_lossy(&stale.stderr);
    for expected in [
        "  changed: src/apis/mugglepay.rs",
        "  leftover: src/apis/muse_finance.rs",
        "+        InvoiceNotExist = \"INVOICE_NOT_EXIST\", BadRequest, \"Invoice does not exist (edited).\";",
        "run `cargo errspec generate --rust-out src/apis` to refresh src/apis/",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    assert!(!report.contains("helpers.rs"), "{report}");
    let again = errspec(root, &["generate", "--rust-out", "src/apis"]);
    assert!(again.status.success(), "{}", text(&again));
    assert!(String::from_utf8_lossy(&again.stdout).contains("removed src/apis/muse_finance.rs"));
    assert!(root.join("src/apis/helpers.rs").is_file());
}

/// `cargo errspec` is an alias of `cargo run`: without `--quiet`, so that cargo shows its
/// progress while the first run compiles the tool, as every cargo command does.
#[test]
fn the_cargo_alias_lets_cargo_show_its_progress() {
    let config = crate::common::repo_root().join(".cargo/config.toml");
    let text = std::fs::read_to_string(&config).expect(".cargo/config.toml");
    let alias = text
        .lines()
        .find_map(|line| line.strip_prefix("errspec = "))
        .expect("the errspec alias");
    let words: Vec<&str> = alias.trim_matches('"').split_whitespace().collect();
    assert_eq!(words.first(), Some(&"run"), "{alias}");
    assert!(
        !words.iter().any(|w| matches!(*w, "--quiet" | "-q")),
        "{alias}"
    );
    assert!(words.ends_with(&["--bin", "errspec", "--"]), "{alias}");
}
