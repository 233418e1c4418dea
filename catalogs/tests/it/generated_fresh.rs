//! `catalogs/generated/` and `catalogs/src/apis/` are checked in and never hand-edited:
//! regenerated in memory from `catalogs/spec/`, they must match, or the test fails with a diff
//! and the refresh command.

use errspec_codegen::__internals::artifacts;
use std::path::Path;

#[test]
fn generated_folder_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(report) = artifacts::check_fresh(root) {
        panic!("\nin catalogs/: {report}");
    }
}

#[test]
fn checked_in_rust_is_fresh() {
    // Tests run in the package's folder, so the paths read as a maintainer in catalogs/ types them.
    let checked = artifacts::check_fresh_rust(
        Path::new("spec"),
        Path::new("src/apis"),
        "cargo errspec generate --rust-out src/apis (in catalogs/)",
    );
    if let Err(report) = checked {
        panic!("\nin catalogs/: {report}");
    }
}
