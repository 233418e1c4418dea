//! Generates one Rust module per `spec/*.yaml` into OUT_DIR (and nowhere else).

fn main() {
    if let Err(error) = errspec_codegen::Builder::new().spec_dir("spec").compile() {
        // Cargo shows a failing build script's stderr: print the located report, no panic.
        eprintln!("{}", error.render());
        std::process::exit(1);
    }
}
