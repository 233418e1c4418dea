//! `generated/` is checked in and never hand-edited: this test regenerates it in memory from
//! `spec/` (with `spec/templates/` when present, as `cargo errspec generate` does) and fails
//! with a unified diff and the command that refreshes it when anything is stale.

use errspec_codegen::__internals::artifacts;
use std::path::Path;

#[test]
fn generated_folder_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(report) = artifacts::check_fresh(root) {
        panic!("\n{report}");
    }
}
