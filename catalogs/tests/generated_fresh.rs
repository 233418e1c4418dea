//! `catalogs/generated/` is checked in and never hand-edited: regenerated in memory from
//! `catalogs/spec/`, it must match, or the test fails with a diff and the refresh command.

use errspec_codegen::__internals::artifacts;
use std::path::Path;

#[test]
fn generated_folder_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = artifacts::generate(&root.join("spec"), None)
        .unwrap_or_else(|error| panic!("cannot generate the artifacts:\n{error}"));
    let stale = artifacts::stale(&root.join(artifacts::OUT_DIR), &files)
        .unwrap_or_else(|error| panic!("cannot compare with {}:\n{error}", artifacts::OUT_DIR));
    assert!(
        stale.is_empty(),
        "\nin catalogs/: {}",
        artifacts::stale_report(Path::new(artifacts::OUT_DIR), &stale)
    );
}
