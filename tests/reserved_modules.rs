//! A spec file named like one of the runtime's modules would clash with it; build.rs reserves
//! those names. This keeps build.rs's list in step with the modules src/lib.rs declares.

#[test]
fn build_script_reserves_every_runtime_module() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let build = std::fs::read_to_string(root.join("build.rs")).unwrap();
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))
        })
        .map(|l| l.trim_end_matches(';'))
        .collect();
    assert!(modules.contains(&"runtime"), "found {modules:?}");
    for module in modules {
        assert!(
            build.contains(&format!("\"{module}\"")),
            "src/lib.rs declares `mod {module}` but build.rs does not reserve the name; add it to `taken`"
        );
    }
}
