//! Generates one Rust module per `spec/*.yaml` into OUT_DIR (and nowhere else).

fn main() {
    // The runtime's own modules: a spec named like one of them would shadow it.
    let taken = ["runtime", "wire"];
    let result = errspec_codegen::Builder::new()
        .spec_dir("spec")
        .reserve_modules(taken)
        .compile();
    if let Err(error) = result {
        // Cargo shows a failing build script's stderr: print the located report, no panic.
        eprintln!("{}", error.render());
        std::process::exit(1);
    }
}
