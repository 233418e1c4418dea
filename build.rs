//! Generates one Rust module per `spec/*.yaml` into OUT_DIR (and nowhere else).

fn main() {
    // The runtime's own modules: a spec named like one of them would clash with it.
    // tests/reserved_modules.rs keeps this list in step with src/lib.rs.
    let taken = [
        "catalog",
        "client",
        "http_interop",
        "ietf",
        "problem",
        "quota",
        "retry",
        "runtime",
        "server",
        "wire",
    ];
    let result = errspec_codegen::Builder::new()
        .spec_dir("spec")
        .reserve_modules(taken)
        .compile();
    if let Err(error) = result {
        // Cargo shows a failing build script's stderr: print the located report, no panic.
        eprintln!("{}", error.render());
        std::process::exit(1);
    }
    // Fixture specs with unusual body roles, for tests/wire_role_specs.rs, which compiles their
    // modules under `#![deny(warnings)]`. Separate file names, so they never mix with spec/.
    let fixtures = std::path::Path::new("tests/wire_role_specs");
    if fixtures.is_dir() {
        let built = errspec_codegen::Builder::new()
            .spec_dir(fixtures)
            .index_file("wire_role_specs.rs")
            .compile();
        if let Err(error) = built {
            eprintln!("{}", error.render());
            std::process::exit(1);
        }
    }
}
