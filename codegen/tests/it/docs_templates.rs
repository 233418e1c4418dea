//! Templates: a folder replaces the built-in ones (whole pages or just a partial), and a broken
//! template is reported with its file, line and column.

use crate::common;

use errspec_codegen::__internals::docs::{self, Origin, Templates};
use errspec_codegen::__internals::{Api, Source};
use std::path::Path;

fn api() -> Api {
    let spec = "api: { name: Shop, summary: Sells things. }\n\
                statuses: { 404: { title: Not Found } }\n\
                errors: { NO_SUCH_ITEM: { status: 404, message: No such item., examples: [] } }\n";
    errspec_codegen::__internals::compile_source(&Source::new("spec/shop.yaml", spec))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create template folder");
    }
    std::fs::write(path, text).expect("write template");
}

#[test]
fn a_template_folder_replaces_the_page_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "api.md",
        "# {{ api.name | text }} ({{ api.id }})\n{% for e in api.errors %}* {{ e.code | code }}: {{ e.message | text }}\n{% endfor %}",
    );
    let templates = Templates::with_dir(dir.path()).expect("custom templates parse");
    let page = docs::api_page(&templates, &api()).expect("renders");
    assert_eq!(page, "# Shop (shop)\n* `NO_SUCH_ITEM`: No such item.\n");
    let builtin = docs::api_page(&Templates::builtin().expect("parse"), &api()).expect("renders");
    assert_ne!(page, builtin);
    // The index template was not replaced.
    assert_eq!(templates.origins()["index.md"], Origin::Builtin);
    assert_eq!(
        templates.origins()["api.md"],
        Origin::File(dir.path().join("api.md"))
    );
}

#[test]
fn a_partial_can_be_replaced_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "examples.md",
        "{% for example in examples %}\n\n<details><summary>Example</summary>\n\n```json\n{{ example }}\n```\n\n</details>{% endfor %}",
    );
    let spec = "api: { name: Shop }\nbody: { fields: { code: code } }\n\
                statuses: { 404: { title: Not Found } }\n\
                errors: { GONE: { status: 404, message: Gone., example: { code: GONE } } }\n";
    let api = errspec_codegen::__internals::compile_source(&Source::new("spec/shop.yaml", spec))
        .unwrap_or_else(|e| panic!("{e}"));
    let templates = Templates::with_dir(dir.path()).expect("parse");
    let page = docs::api_page(&templates, &api).expect("renders");
    assert!(page.contains(
        "<details><summary>Example</summary>\n\n```json\n{\n  \"code\": \"GONE\"\n}\n```"
    ));
    assert!(
        page.contains("## Error codes"),
        "the built-in page template is still used"
    );
}

#[test]
fn templates_in_subfolders_can_be_included() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "parts/title.md", "Title: {{ api.name | text }}");
    write(dir.path(), "api.md", "{% include \"parts/title.md\" %}\n");
    write(dir.path(), ".hidden.md", "{{ broken");
    let templates = Templates::with_dir(dir.path()).expect("hidden files are skipped");
    assert_eq!(
        docs::api_page(&templates, &api()).expect("renders"),
        "Title: Shop\n"
    );
}

#[test]
fn a_syntax_error_names_the_template_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "api.md",
        "# {{ api.name | text }}\n\nfine line\n{% for e in api.errors %}\n{{ e.code | code }\n{% endfor %}\n",
    );
    let error = Templates::with_dir(dir.path()).expect_err("broken template");
    let file = dir.path().join("api.md").display().to_string();
    assert_eq!(error.file, file);
    assert_eq!(error.line, 5, "{error}");
    assert!(error.column > 0);
    let shown = error.to_string();
    assert!(
        shown.starts_with(&format!("{file}:5:{}: error: template: ", error.column)),
        "{shown}"
    );
    assert!(
        shown.contains("{{ e.code | code }"),
        "the report shows the line: {shown}"
    );
}

#[test]
fn a_rendering_error_names_the_template_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "api.md",
        "# {{ api.name | text }}\n{{ api.no_such_field | text }}\n",
    );
    let templates = Templates::with_dir(dir.path()).expect("parses");
    let error = docs::api_page(&templates, &api()).expect_err("undefined field");
    assert_eq!(error.file, dir.path().join("api.md").display().to_string());
    assert_eq!(error.line, 2, "{error}");
}

#[test]
fn an_unknown_filter_names_the_template_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "index.md", "{{ apis | no_such_filter }}\n");
    let result = Templates::with_dir(dir.path()).and_then(|t| docs::index_page(&t, &[api()]));
    let error = result.expect_err("unknown filter");
    assert_eq!(
        error.file,
        dir.path().join("index.md").display().to_string()
    );
    assert_eq!((error.line, error.column), (1, 11), "{error}");
    assert!(error.message.contains("no_such_filter"), "{error}");
}

#[test]
fn a_missing_include_names_the_template() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "api.md", "{% include \"nowhere.md\" %}\n");
    let error = Templates::with_dir(dir.path())
        .and_then(|t| docs::api_page(&t, &api()))
        .expect_err("missing include");
    assert_eq!(error.file, dir.path().join("api.md").display().to_string());
    assert_eq!(error.line, 1, "{error}");
    assert!(error.message.contains("nowhere.md"), "{error}");
}

#[test]
fn the_built_in_templates_are_valid() {
    let templates = Templates::builtin().expect("built-in templates parse");
    for name in ["api.md", "index.md", "examples.md"] {
        assert_eq!(templates.origins()[name], Origin::Builtin);
    }
    let _ = common::repo_root();
}
