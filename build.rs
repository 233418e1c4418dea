//! Generates one Rust module per `spec/*.yaml` into OUT_DIR (and nowhere else), and tells the
//! build scripts of crates that depend on errspec which of its features are on, so that the
//! code they generate uses exactly those (`DEP_ERRSPEC_FEATURES`, `DEP_ERRSPEC_VERSION`).

fn main() {
    let mut features: Vec<String> = std::env::vars_os()
        .filter_map(|(key, _)| {
            let name = key.to_str()?.strip_prefix("CARGO_FEATURE_")?;
            (name != "DEFAULT").then(|| name.to_ascii_lowercase().replace('_', "-"))
        })
        .collect();
    features.sort();
    let features = features.join(",");
    println!("cargo::metadata=features={features}");
    println!("cargo::metadata=version={}", env!("CARGO_PKG_VERSION"));
    let runtime = match errspec_codegen::RuntimeFeatures::parse(&features) {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: errspec's own features: {error}");
            std::process::exit(1);
        }
    };
    // A spec named like one of the runtime's modules is refused at its first line: the
    // Builder reads the names src/lib.rs declares beside the include of the generated index.
    let result = errspec_codegen::Builder::new()
        .spec_dir("spec")
        .runtime_features(runtime)
        .compile();
    if let Err(error) = result {
        // Cargo shows a failing build script's stderr: print the located report, no panic.
        eprintln!("{error}");
        std::process::exit(1);
    }
    // Fixture specs with unusual body roles, for tests/it/wire_role_specs.rs, which compiles their
    // modules under `#![deny(warnings)]`. Separate file names, so they never mix with spec/.
    let fixtures = std::path::Path::new("tests/wire_role_specs");
    if fixtures.is_dir() {
        let built = errspec_codegen::Builder::new()
            .spec_dir(fixtures)
            .index_file("wire_role_specs.rs")
            .runtime_features(runtime)
            .compile();
        if let Err(error) = built {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
