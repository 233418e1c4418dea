//! A crate that checks its catalogs in pays for nothing it does not use: errspec-catalogs builds
//! with errspec as its only dependency, and neither it nor errspec (without the `seeds` feature)
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

const GENERATOR_ONLY: [&str; 5] = [
    "errspec-codegen ",
    "syn ",
    "prettyplease ",
    "serde-saphyr ",
    "proc-macro2 ",
];

#[test]
fn the_catalogs_crate_and_the_runtime_compile_no_generator() {
    for (what, args) in [
        ("errspec-catalogs", &["-p", "errspec-catalogs"][..]),
        ("errspec with its default features", &["-p", "errspec"][..]),
        (
            "errspec with every integration",
            &[
                "-p",
                "errspec",
                "--features",
                "errspec/axum,errspec/redis,errspec/reqwest",
            ][..],
        ),
    ] {
        let packages = tree(args);
        assert!(packages.contains("errspec v"), "{what}: {packages}");
        for package in GENERATOR_ONLY {
            let listed = packages.lines().any(|line| line.starts_with(package));
            assert!(!listed, "{what} depends on {package}:\n{packages}");
        }
    }
    // The seed catalogs are the one part of errspec that runs the generator.
    let seeds = tree(&["-p", "errspec", "--features", "errspec/seeds"]);
    assert!(
        seeds
            .lines()
            .any(|line| line.starts_with("errspec-codegen ")),
        "{seeds}"
    );
}
