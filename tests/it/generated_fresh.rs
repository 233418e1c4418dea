//! `generated/` is checked in and never hand-edited: this test regenerates it in memory from
//! `spec/` (with `spec/templates/` when present, as `cargo errspec generate` does) and fails
//! with a unified diff and the command that refreshes it when anything is stale.

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
        "\n{}",
        artifacts::stale_report(std::path::Path::new(artifacts::OUT_DIR), &stale)
    );
}
