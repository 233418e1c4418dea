//! `errspec`: check specs, generate the published artifacts, start new specs.

fn main() -> std::process::ExitCode {
    errspec_codegen::cli::main()
}
