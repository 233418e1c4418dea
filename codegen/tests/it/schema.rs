//! The checked-in JSON Schema (`generated/errspec.schema.json`) is what the spec model generates,
//! and every spec names it on its first line so that editors find it.

use errspec_codegen::__internals::schema::{SCHEMA_PATH, json_schema};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Set `ERRSPEC_BLESS=1` to rewrite the checked-in schema from the model.
#[test]
fn checked_in_schema_is_fresh() {
    let path = repo().join(SCHEMA_PATH);
    let fresh = json_schema();
    if std::env::var_os("ERRSPEC_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write schema");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "{SCHEMA_PATH} is stale: the spec model changed. Refresh it with \
         `ERRSPEC_BLESS=1 cargo test -p errspec-codegen --test it schema::` and commit it."
    );
}

#[test]
fn schema_is_the_same_on_every_call() {
    assert_eq!(json_schema(), json_schema());
}

#[test]
fn schema_carries_the_vocabularies_editors_check() {
    let schema: serde_json::Value = serde_json::from_str(&json_schema()).expect("valid JSON");
    let text = schema.to_string();
    for word in [
        "\"after_reset\"",
        "\"code_or_message\"",
        "\"api_key\"",
        "\"unix_seconds\"",
        "(ms|s|m|h|d)",
        "[1-5][xX][xX]",
    ] {
        assert!(text.contains(word), "schema lacks {word}");
    }
    assert_eq!(schema["required"], serde_json::json!(["api"]));
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}

#[test]
fn every_spec_names_the_schema_on_its_first_line() {
    let specs = repo().join("spec");
    let mut count = 0;
    for entry in std::fs::read_dir(&specs).expect("spec folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).expect("readable");
            let first = text.lines().next().unwrap_or_default();
            let target = first
                .strip_prefix("# yaml-language-server: $schema=")
                .unwrap_or_else(|| panic!("{}: first line is `{first}`", path.display()));
            assert!(
                specs.join(target).is_file(),
                "{}: the schema `{target}` does not exist",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count > 0);
}

/// A spec as the JSON an editor's YAML language server checks against the schema.
fn as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("readable");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn compiled_schema() -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let schema: serde_json::Value = serde_json::from_str(&json_schema()).expect("valid JSON");
    compiler
        .add_resource("errspec.schema.json", schema)
        .expect("schema loads");
    let index = compiler
        .compile("errspec.schema.json", &mut schemas)
        .expect("schema compiles");
    (schemas, index)
}

#[test]
fn the_seed_and_real_api_specs_satisfy_the_schema() {
    let (schemas, index) = compiled_schema();
    let folders = [repo().join("spec"), repo().join("catalogs/spec")];
    let paths: Vec<_> = folders
        .iter()
        .flat_map(|folder| std::fs::read_dir(folder).expect("spec folder"))
        .map(|entry| entry.expect("entry").path())
        .collect();
    assert_eq!(paths.len(), 7, "four seeds and three real APIs: {paths:?}");
    for path in paths {
        let instance = as_json(&path);
        if let Err(e) = schemas.validate(&instance, index) {
            panic!("{} does not satisfy the schema:\n{e}", path.display());
        }
    }
}

/// The schema catches, while typing, the mistakes that need no cross-checking.
#[test]
fn the_schema_flags_typos_and_wrong_values() {
    let (schemas, index) = compiled_schema();
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    for name in [
        "unknown_key.yaml",
        "wrong_type.yaml",
        "missing_key.yaml",
        "status_out_of_range.yaml",
        "status_bad_class.yaml",
        "invalid_retry.yaml",
        "unknown_role.yaml",
        "invalid_duration.yaml",
        "zero_duration.yaml",
        "zero_limits.yaml",
        "negative_limit.yaml",
        "rust_name_invalid.yaml",
        "invalid_header_format.yaml",
        "header_name_invalid.yaml",
        "limit_header_invalid.yaml",
    ] {
        let instance = as_json(&bad.join(name));
        assert!(
            schemas.validate(&instance, index).is_err(),
            "the schema accepts {name}"
        );
    }
}

/// The fenced YAML blocks of the format reference, `docs/spec-format.md`.
fn reference_yaml_blocks() -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(repo().join("docs/spec-format.md")).expect("reference");
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        if line == "```yaml" {
            let body: Vec<&str> = lines
                .by_ref()
                .map(|(_, l)| l)
                .take_while(|l| *l != "```")
                .collect();
            blocks.push((number + 1, body.join("\n") + "\n"));
        }
    }
    blocks
}

#[test]
fn every_whole_spec_in_the_format_reference_passes_check() {
    let blocks = reference_yaml_blocks();
    let specs: Vec<_> = blocks
        .iter()
        .filter(|(_, b)| b.contains("\napi:") || b.starts_with("api:"))
        .collect();
    assert!(
        specs.len() >= 10,
        "{} whole specs in the reference",
        specs.len()
    );
    for (line, spec) in specs {
        let source = errspec_codegen::__internals::Source::new("spec/example.yaml", spec.as_str());
        if let Err(problems) = errspec_codegen::__internals::compile_source(&source) {
            panic!(
                "docs/spec-format.md:{line}: the example does not pass check:\n{}",
                problems.render(false)
            );
        }
    }
}

/// Every key the JSON Schema knows, in every section.
fn schema_keys(value: &serde_json::Value, keys: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                keys.extend(properties.keys().cloned());
            }
            map.values().for_each(|v| schema_keys(v, keys));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| schema_keys(v, keys)),
        _ => {}
    }
}

#[test]
fn the_format_reference_describes_every_key_of_the_schema() {
    let reference = std::fs::read_to_string(repo().join("docs/spec-format.md")).expect("reference");
    let schema: serde_json::Value = serde_json::from_str(&json_schema()).expect("valid JSON");
    let mut keys = std::collections::BTreeSet::new();
    schema_keys(&schema, &mut keys);
    assert!(keys.len() > 30, "{keys:?}");
    for key in keys.iter().filter(|k| *k != "$schema") {
        assert!(
            reference.contains(&format!("`{key}`")),
            "docs/spec-format.md does not describe the key `{key}`"
        );
    }
}
