//! `errspec new` and the help texts as users meet them: the binary as a subprocess. An invalid
//! id is refused with the id to use instead, and writes nothing; the starter's `$schema` line
//! points at a schema that is there before `generate` first runs; `generate --help` names
//! every artifact it writes.

use std::path::Path;
use std::process::{Command, Output};

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

#[test]
fn new_of_an_invalid_id_names_the_id_to_use_instead_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (id, problem, help) in [
        (
            "my-api",
            "error: `my-api` is not a valid id: it names the spec file and the Rust module",
            "  = help: use `my_api` instead, which writes spec/my_api.yaml\n",
        ),
        (
            "AcmePayments",
            "error: `AcmePayments` is not a valid id",
            "  = help: use `acme_payments` instead, which writes spec/acme_payments.yaml\n",
        ),
        (
            "type",
            "error: `type` is not a valid id",
            "  = help: use `type_api` instead, which writes spec/type_api.yaml\n",
        ),
        (
            "index",
            "error: the id `index` is taken by the docs index page (docs/index.md)",
            "  = help: use `index_api` instead, which writes spec/index_api.yaml\n",
        ),
        (
            "9lives",
            "error: `9lives` is not a valid id",
            "  = help: choose an id in snake_case: lowercase ASCII letters, digits and `_`, starting with a letter",
        ),
    ] {
        let run = errspec(dir.path(), &["new", id]);
        assert_eq!(run.status.code(), Some(1), "{id}: {}", stderr(&run));
        let text = stderr(&run);
        assert!(text.contains(problem), "{id}: {text}");
        assert!(text.contains("nothing was written"), "{id}: {text}");
        assert!(text.contains(help), "{id}: {text}");
        assert!(!text.contains("rename the file"), "{id}: {text}");
        assert!(!dir.path().join("spec").exists(), "{id} wrote something");
    }
    // The id the help names is one `new` takes.
    let run = errspec(dir.path(), &["new", "my_api"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(dir.path().join("spec/my_api.yaml").is_file());
    // Taken now: the help names the next free id.
    let run = errspec(dir.path(), &["new", "my-api"]);
    assert!(
        stderr(&run).contains("use `my_api_api` instead"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn the_starters_schema_line_points_at_a_schema_that_is_there_before_generate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = errspec(dir.path(), &["new", "acme"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = stdout(&run);
    assert!(out.contains("wrote spec/acme.yaml\n"), "{out}");
    assert!(
        out.contains("wrote generated/errspec.schema.json (the JSON Schema its `$schema` line points at, for editors)\n"),
        "{out}"
    );
    let spec = std::fs::read_to_string(dir.path().join("spec/acme.yaml")).expect("the spec");
    let link = spec
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("# yaml-language-server: $schema="))
        .expect("a $schema line first");
    let schema_path = dir.path().join("spec").join(link);
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("the schema is there"))
            .expect("JSON");
    assert!(schema["properties"]["errors"].is_object(), "{schema}");

    // `generate` writes the same schema: it is left as it was.
    let run = errspec(dir.path(), &["generate"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        !stdout(&run).contains("errspec.schema.json"),
        "{}",
        stdout(&run)
    );
    // A second spec finds the schema there and says nothing of it.
    let run = errspec(dir.path(), &["new", "other"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!stdout(&run).contains("schema"), "{}", stdout(&run));
}

#[test]
fn generate_help_names_every_artifact_it_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        &["generate", "--help"][..],
        &["generate", "-h"],
        &["--help"],
    ] {
        let run = errspec(dir.path(), args);
        assert_eq!(run.status.code(), Some(0), "{args:?}");
        let text = stdout(&run)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for artifact in [
            "docs pages",
            "static site",
            "OpenAPI documents",
            "JSON Schema",
        ] {
            assert!(text.contains(artifact), "{args:?} lacks {artifact}: {text}");
        }
    }
    let run = errspec(dir.path(), &["generate", "--help"]);
    let text = stdout(&run)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for path in [
        "docs/<id>.md",
        "site/<id>.html",
        "openapi/<id>.json",
        "errspec.schema.json",
    ] {
        assert!(text.contains(path), "generate --help lacks {path}: {text}");
    }
}
