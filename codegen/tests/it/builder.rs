//! The Builder outside cargo's build scripts: a spec whose stem is a name the including module
//! already uses is refused at its first line and nothing is written; the runtime features
//! must be given where cargo does not give them.

use errspec_codegen::{Builder, RuntimeFeatures};
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    dir
}

fn build(dir: &Path) -> Result<(), errspec_codegen::Error> {
    Builder::new()
        .spec_dir(dir.join("spec"))
        .out_dir(dir.join("out"))
        .emit_rerun_if_changed(false)
        .runtime_features(RuntimeFeatures::ALL)
        .compile()
}

#[test]
fn a_module_name_the_crate_uses_beside_the_include_is_refused_and_nothing_is_written() {
    let dir = scratch("builder-taken");
    std::fs::write(dir.join("spec/wire.yaml"), "api: { name: Wire }\n").unwrap();
    std::fs::write(dir.join("spec/fine.yaml"), "api: { name: Fine }\n").unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "mod wire;\ninclude!(concat!(env!(\"OUT_DIR\"), \"/errspec_apis.rs\"));\n",
    )
    .unwrap();
    let report = build(&dir).unwrap_err().render();
    assert!(
        report.contains(
            "wire.yaml:1:1: error: the module name `wire` is already taken in this crate"
        ),
        "{report}"
    );
    assert!(
        report.contains("has an item `wire` beside the generated modules"),
        "{report}"
    );
    assert!(!report.contains("fine.yaml"), "{report}");
    assert!(
        !dir.join("out").exists(),
        "nothing may be written when a name is refused"
    );
    // Once the crate no longer uses the name, the same specs generate both modules.
    std::fs::write(
        dir.join("src/lib.rs"),
        "mod other;\ninclude!(concat!(env!(\"OUT_DIR\"), \"/errspec_apis.rs\"));\n",
    )
    .unwrap();
    build(&dir).unwrap();
    assert!(dir.join("out/wire.rs").is_file() && dir.join("out/fine.rs").is_file());
}

#[test]
fn without_cargo_the_runtime_features_must_be_given() {
    let dir = scratch("builder-features");
    std::fs::write(dir.join("spec/fine.yaml"), "api: { name: Fine }\n").unwrap();
    let report = Builder::new()
        .spec_dir(dir.join("spec"))
        .out_dir(dir.join("out"))
        .emit_rerun_if_changed(false)
        .compile()
        .unwrap_err()
        .render();
    assert!(
        report.contains("DEP_ERRSPEC_FEATURES is not set")
            && report.contains("Builder::runtime_features"),
        "{report}"
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn the_generated_code_has_exactly_the_parts_of_its_features() {
    let dir = scratch("builder-parts");
    std::fs::write(
        dir.join("spec/fine.yaml"),
        "api: { name: Fine }\nbody: { fields: { code: code } }\nstatuses: { 400: { title: Bad } }\n",
    )
    .unwrap();
    let generate = |features: RuntimeFeatures| {
        let out = dir.join(format!("out-{features}"));
        Builder::new()
            .spec_dir(dir.join("spec"))
            .out_dir(&out)
            .emit_rerun_if_changed(false)
            .runtime_features(features)
            .compile()
            .unwrap();
        let module = std::fs::read_to_string(out.join("fine.rs")).unwrap();
        let index = std::fs::read_to_string(out.join("errspec_apis.rs")).unwrap();
        assert!(
            !module.contains("cfg("),
            "no feature test in generated code:\n{module}"
        );
        (module, index)
    };
    let (none, index) = generate(RuntimeFeatures::NONE);
    assert!(!none.contains("ErrorBody") && !none.contains("http::StatusCode"));
    assert!(!none.contains("IntoResponse"));
    assert!(index.contains("::errspec::__private::expect_features(false, false, false)"));
    let (all, index) = generate(RuntimeFeatures::ALL);
    assert!(all.contains("pub struct ErrorBody") && all.contains("type Body = ErrorBody;"));
    assert!(all.contains("for ::errspec::__private::http::StatusCode"));
    assert!(all.contains("impl ::errspec::__private::axum::IntoResponse for ErrorCode"));
    assert!(all.contains("impl ::errspec::__private::axum::IntoResponse for Status"));
    assert!(index.contains("::errspec::__private::expect_features(true, true, true)"));
    let (serde_http, _) = generate(RuntimeFeatures::NONE.with_serde(true).with_http(true));
    assert!(!serde_http.contains("IntoResponse"));
    // Nothing but errspec is named: the including crate needs no serde, serde_json or http.
    for line in all.lines() {
        for krate in ["::serde", "::serde_json", "::http", "::axum"] {
            let outside = line.match_indices(krate).any(|(i, _)| {
                !line[..i].ends_with("__private") && !line[i + krate.len()..].starts_with('_')
            });
            assert!(!outside, "`{krate}` named outside errspec: {line}");
        }
    }
}
