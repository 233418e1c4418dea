//! A crate that checks its catalogs in pays for nothing it does not use: errspec-catalogs builds
//! with errspec as its only dependency, and neither it nor errspec (without the `seeds` feature,
//! and apart from what the integrations themselves depend on)
//! compiles the generator, syn, prettyplease or a YAML parser, as `cargo tree` shows.

use std::process::Command;

/// The packages `cargo tree` lists for `package`, normal and build dependencies only.
fn tree(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--edges",
            "normal,build",
            "--prefix",
            "none",
        ])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the generator compiles and the runtime needs none of.
const GENERATOR: [&str; 3] = ["errspec-codegen ", "prettyplease ", "serde-saphyr "];

/// Proc-macro machinery: none with the default features (the integrations' own dependencies,
/// such as `url` for redis and reqwest, bring it in).
const PROC_MACRO: [&str; 2] = ["syn ", "proc-macro2 "];

#[test]
fn the_catalogs_crate_and_the_runtime_compile_no_generator() {
    for (what, args, absent) in [
        (
            "errspec-catalogs",
            &["-p", "errspec-catalogs"][..],
            &[&GENERATOR[..], &PROC_MACRO[..]][..],
        ),
        (
            "errspec with its default features",
            &["-p", "errspec"][..],
            &[&GENERATOR[..], &PROC_MACRO[..]][..],
        ),
        (
            "errspec with every integration",
            &[
                "-p",
                "errspec",
                "--features",
                "axum,redis,reqwest,ietf-ratelimit",
            ][..],
            &[&GENERATOR[..]][..],
        ),
    ] {
        let packages = tree(args);
        assert!(packages.contains("errspec v"), "{what}: {packages}");
        for package in absent.iter().copied().flatten() {
            let listed = packages.lines().any(|line| line.starts_with(package));
            assert!(!listed, "{what} depends on {package}:\n{packages}");
        }
    }
    // The seed catalogs are the one part of errspec that runs the generator.
    let seeds = tree(&["-p", "errspec", "--features", "seeds"]);
    assert!(
        seeds
            .lines()
            .any(|line| line.starts_with("errspec-codegen ")),
        "{seeds}"
    );
}
