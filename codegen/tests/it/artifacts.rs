//! `generated/` on disk: writes touch only changed files and leave no temporary files behind,
//! leftovers of removed specs are removed, other files are kept, and the stale check reports
//! each kind of difference with a unified diff.

use errspec_codegen::__internals::artifacts::{self, Artifact, Staleness};
use errspec_codegen::__internals::docs::Templates;
use errspec_codegen::__internals::{Api, Source};
use std::path::Path;

fn api(id: &str, message: &str) -> Api {
    let spec = format!(
        "api: {{ name: {id} }}\nstatuses: {{ 400: {{ title: Bad Request }} }}\n\
         errors: {{ BAD: {{ status: 400, message: \"{message}\" }} }}\n"
    );
    errspec_codegen::__internals::compile_source(&Source::new(format!("spec/{id}.yaml"), spec))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn files(apis: &[Api]) -> Vec<Artifact> {
    artifacts::artifacts(apis, &Templates::builtin().expect("parse")).expect("renders")
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in walk(dir) {
        names.push(
            entry
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/"),
        );
    }
    names.sort();
    names
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn artifacts_are_the_pages_and_the_index_sorted() {
    let apis = vec![api("alpha", "A."), api("beta", "B.")];
    let paths: Vec<String> = files(&apis).into_iter().map(|a| a.path).collect();
    assert_eq!(
        paths,
        [
            "docs/alpha.md",
            "docs/beta.md",
            "docs/index.md",
            "errspec.schema.json",
            "openapi/alpha.json",
            "openapi/beta.json",
            "site/alpha.html",
            "site/beta.html",
            "site/index.html"
        ]
    );
}

#[test]
fn an_api_named_index_is_refused_as_build_and_check_refuse_it() {
    let source = Source::new("spec/index.yaml", "api: { name: Index }\n");
    let error = errspec_codegen::__internals::compile_source(&source)
        .expect_err("`index` would overwrite the index page");
    let shown = error.render(false);
    assert!(
        shown.contains(
            "spec/index.yaml:1:1: error: file name `index` is the name of the docs index page"
        ),
        "{shown}"
    );
}

#[test]
fn writes_only_what_changed_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("generated");
    let first = files(&[api("alpha", "A."), api("beta", "B.")]);
    let report = artifacts::write(&out, &first).expect("write");
    assert_eq!(report.written.len(), 9);
    assert_eq!(report.unchanged, 0);

    let again = artifacts::write(&out, &first).expect("write again");
    assert!(again.written.is_empty() && again.removed.is_empty());
    assert_eq!(again.unchanged, 9);

    let changed = files(&[api("alpha", "A, changed."), api("beta", "B.")]);
    let report = artifacts::write(&out, &changed).expect("write changed");
    assert_eq!(
        report.written,
        [
            "docs/alpha.md",
            "docs/index.md",
            "openapi/alpha.json",
            "site/alpha.html",
            "site/index.html"
        ]
    );
    assert_eq!(report.unchanged, 4);
    assert_eq!(
        listing(&out),
        [
            "docs/alpha.md",
            "docs/beta.md",
            "docs/index.md",
            "errspec.schema.json",
            "openapi/alpha.json",
            "openapi/beta.json",
            "site/alpha.html",
            "site/beta.html",
            "site/index.html"
        ],
        "no temporary file is left"
    );
    for artifact in &changed {
        let on_disk = std::fs::read_to_string(out.join(&artifact.path)).expect("read");
        assert_eq!(on_disk, artifact.contents);
    }
}

#[test]
fn leftovers_of_removed_specs_are_removed_other_files_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("generated");
    artifacts::write(&out, &files(&[api("alpha", "A."), api("beta", "B.")])).expect("write");
    std::fs::write(out.join("errspec.schema.json"), "{}").expect("write schema");
    std::fs::write(out.join("docs/notes.txt"), "kept").expect("write notes");

    let report = artifacts::write(&out, &files(&[api("alpha", "A.")])).expect("write");
    assert_eq!(
        report.removed,
        ["docs/beta.md", "openapi/beta.json", "site/beta.html"]
    );
    assert_eq!(
        listing(&out),
        [
            "docs/alpha.md",
            "docs/index.md",
            "docs/notes.txt",
            "errspec.schema.json",
            "openapi/alpha.json",
            "site/alpha.html",
            "site/index.html"
        ]
    );
}

#[test]
fn stale_reports_changed_missing_and_leftover_files_with_diffs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("generated");
    let fresh = files(&[api("alpha", "A."), api("beta", "B.")]);
    artifacts::write(&out, &fresh).expect("write");
    assert!(artifacts::stale(&out, &fresh).expect("compare").is_empty());

    std::fs::write(out.join("docs/old.md"), "from a removed spec\n").expect("leftover");
    std::fs::remove_file(out.join("docs/beta.md")).expect("remove");
    let edited = files(&[api("alpha", "A, edited."), api("beta", "B.")]);
    let stale = artifacts::stale(&out, &edited).expect("compare");
    let kinds: Vec<(&str, Staleness)> = stale
        .iter()
        .map(|s| (s.path.as_str(), s.staleness))
        .collect();
    assert_eq!(
        kinds,
        [
            ("docs/alpha.md", Staleness::Changed),
            ("docs/beta.md", Staleness::Missing),
            ("docs/index.md", Staleness::Changed),
            ("docs/old.md", Staleness::Leftover),
            ("openapi/alpha.json", Staleness::Changed),
            ("site/alpha.html", Staleness::Changed),
            ("site/index.html", Staleness::Changed),
        ]
    );
    let alpha = &stale[0].diff;
    let shown = "generated";
    assert!(
        alpha.contains(&format!("--- a/{shown}/docs/alpha.md")),
        "{alpha}"
    );
    assert!(
        alpha.contains(&format!("+++ b/{shown}/docs/alpha.md")),
        "{alpha}"
    );
    assert!(
        alpha.contains("\n-| [`BAD`](#code-BAD) | [400 Bad Request](#status-400) | A. |"),
        "{alpha}"
    );
    assert!(
        alpha.contains("\n+| [`BAD`](#code-BAD) | [400 Bad Request](#status-400) | A, edited. |"),
        "{alpha}"
    );
    assert!(stale[1].diff.starts_with("--- /dev/null"));
    assert!(stale[3].diff.contains("-from a removed spec"));

    let report = artifacts::stale_report(std::path::Path::new(artifacts::OUT_DIR), &stale);
    assert!(report.contains(&format!("  changed: {shown}/docs/alpha.md\n")));
    assert!(report.contains(&format!("  missing: {shown}/docs/beta.md\n")));
    assert!(report.contains(&format!("  leftover: {shown}/docs/old.md\n")));
    assert!(report.contains("run `cargo errspec generate`"));
    // Comparing wrote nothing.
    assert!(!out.join("docs/beta.md").exists());
    assert!(out.join("docs/old.md").exists());
}
