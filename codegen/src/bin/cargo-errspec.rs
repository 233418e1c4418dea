//! `cargo-errspec`: the same commands as `errspec`, run by cargo as `cargo errspec ...`.

fn main() -> std::process::ExitCode {
    errspec_codegen::cli::main()
}
