//! `generated/` is checked in and never hand-edited: this test regenerates it in memory from
//! `spec/` (with `spec/templates/` when present, as `cargo errspec generate` does) and fails
//! with a unified diff and the command that refreshes it when anything is stale. The Rust of
//! the role fixtures, checked in as `generate --rust-out` writes it, likewise.

use errspec_codegen::__internals::artifacts;
use std::path::Path;

#[test]
fn generated_folder_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Err(report) = artifacts::check_fresh(root) {
        panic!("\n{report}");
    }
}

#[test]
fn role_fixture_rust_is_fresh() {
    let checked = artifacts::check_fresh_rust(
        Path::new("tests/wire_role_specs"),
        Path::new("tests/wire_role_specs/rust"),
        "cargo errspec generate --spec-dir tests/wire_role_specs --out-dir target/wire-role-docs \
         --rust-out tests/wire_role_specs/rust",
    );
    if let Err(report) = checked {
        panic!("\n{report}");
    }
}
