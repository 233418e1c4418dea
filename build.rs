//! With the `seeds` feature, generates one Rust module per `spec/*.yaml` into OUT_DIR (and
//! nowhere else); without it, does nothing, so dependents compile no generator. The generated
//! modules are tables handed to errspec's own macros, so they do not depend on which of
//! errspec's other features are on.

fn main() {
    #[cfg(feature = "seeds")]
    seeds();
    // Without the seeds, nothing here reads a file: never rerun for a change elsewhere in the
    // package.
    #[cfg(not(feature = "seeds"))]
    println!("cargo:rerun-if-changed=build.rs");
}

#[cfg(feature = "seeds")]
fn seeds() {
    // A spec named like one of the runtime's modules is refused at its first line: the
    // Builder reads the names src/lib.rs declares beside the include of the generated index.
    if let Err(error) = errspec_codegen::Builder::new().spec_dir("spec").compile() {
        // Cargo shows a failing build script's stderr: print the located report, no panic.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
