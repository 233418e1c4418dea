//! `Builder::reserve_modules`: a spec whose stem clashes with a module of the including crate
//! is refused at its first line, and nothing is written.

use errspec_codegen::Builder;
use std::path::PathBuf;

#[test]
fn a_reserved_module_name_is_refused_and_nothing_is_written() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("builder-reserved");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::write(dir.join("spec/wire.yaml"), "api: { name: Wire }\n").unwrap();
    std::fs::write(dir.join("spec/fine.yaml"), "api: { name: Fine }\n").unwrap();
    let build = |reserved: &[&str]| {
        Builder::new()
            .spec_dir(dir.join("spec"))
            .out_dir(dir.join("out"))
            .emit_rerun_if_changed(false)
            .reserve_modules(reserved.iter().copied())
            .compile()
    };
    let report = build(&["runtime", "wire"]).unwrap_err().render();
    assert!(
        report.contains(
            "wire.yaml:1:1: error: the module name `wire` is already taken in this crate"
        ),
        "{report}"
    );
    assert!(report.contains("taken names: runtime, wire"), "{report}");
    assert!(!report.contains("fine.yaml"), "{report}");
    assert!(
        !dir.join("out").exists(),
        "nothing may be written when a name is refused"
    );
    // Without the reservation the same specs generate both modules.
    build(&[]).unwrap();
    assert!(dir.join("out/wire.rs").is_file() && dir.join("out/fine.rs").is_file());
}
