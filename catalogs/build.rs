//! Turns each spec under `spec/` into a module, as any crate using errspec does.

fn main() {
    if let Err(error) = errspec_codegen::Builder::new().compile() {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
