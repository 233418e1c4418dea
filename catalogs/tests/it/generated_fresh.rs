//! `catalogs/generated/` is checked in and never hand-edited: regenerated in memory from
//! `catalogs/spec/`, it must match, or the test fails with a diff and the refresh command.

use errspec_codegen::__internals::artifacts;
use std::path::Path;

#[test]
fn generated_folder_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(report) = artifacts::check_fresh(root) {
        panic!("\nin catalogs/: {report}");
    }
}
