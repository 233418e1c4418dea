//! The generated modules are exactly what prettyplease prints, with blank lines between items
//! (`emit::text::spacing`), although the parts that grow
//! with the catalog (variants, `ALL`, the tables) are written as text and spliced in rather
//! than formatted (`codegen/src/emit/text/splice.rs`): parsing each module and printing it again with
//! prettyplease must give back the same bytes, for the seed catalogs, the hostile and role
//! fixtures, and synthetic catalogs on both sides of every size threshold (`from_wire` as a
//! `match` or a perfect hash, `ALL` on one line or one per line, one- to three-byte offsets).

use errspec_codegen::__internals::emit_rust::space_items;
use errspec_codegen::__internals::{Source, compile_source, emit_rust};
use errspec_codegen::RuntimeFeatures;
use std::path::Path;

#[allow(dead_code)]
use crate::synthetic;

fn assert_fixed_point(source: &Source) {
    let api = compile_source(source).unwrap_or_else(|problems| panic!("{problems}"));
    let code = emit_rust::module(&api, RuntimeFeatures::ALL);
    assert!(
        !code.contains("compile_error!"),
        "{}: {code}",
        source.path.display()
    );
    assert!(
        !code.contains("__errspec_splice_"),
        "{}: a placeholder is left",
        source.path.display()
    );
    let file = syn::parse_file(&code).unwrap_or_else(|e| panic!("{}: {e}", source.path.display()));
    // The `// @generated` header is a comment, which syn does not keep.
    let body = code
        .split_once("\n\n")
        .map_or(code.as_str(), |(_, body)| body);
    // The one liberty taken with prettyplease's layout: blank lines between items.
    let reprinted = space_items(&prettyplease::unparse(&file));
    if reprinted != body {
        let line = reprinted
            .lines()
            .zip(body.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!(
            "{}: differs from prettyplease's output at line {line}:\n  prettyplease: {:?}\n  emitted:      {:?}",
            source.path.display(),
            reprinted.lines().nth(line.saturating_sub(1)),
            body.lines().nth(line.saturating_sub(1)),
        );
    }
}

fn specs_in(folder: &str) -> Vec<Source> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no spec in {}", folder.display());
    paths
        .iter()
        .map(|p| Source::read(p).unwrap_or_else(|d| panic!("{d}")))
        .collect()
}

#[test]
fn seed_catalogs_are_as_prettyplease_prints_them() {
    specs_in("spec").iter().for_each(assert_fixed_point);
}

#[test]
fn hostile_and_role_fixtures_are_as_prettyplease_prints_them() {
    specs_in("tests/hostile")
        .iter()
        .for_each(assert_fixed_point);
    specs_in("tests/wire_role_specs")
        .iter()
        .for_each(assert_fixed_point);
}

#[test]
fn synthetic_catalogs_of_every_size_are_as_prettyplease_prints_them() {
    // 0: no variant to splice; 1–3: `ALL` on one line; 16/17: around the `match` limit;
    // 300+: two-byte offsets and a perfect hash; 5,000 with hostile codes: three-byte offsets.
    for (count, seed) in [
        (0, 0),
        (1, 1),
        (3, 2),
        (16, 3),
        (17, 4),
        (300, 5),
        (5_000, 6),
    ] {
        let text = synthetic::spec(&format!("Synthetic {count}"), count, seed);
        assert_fixed_point(&Source::new(format!("spec/synthetic_{count}.yaml"), text));
    }
    assert_fixed_point(&Source::new("spec/wide.yaml", synthetic::wide_spec()));
}

#[test]
fn long_arms_and_class_ranges_are_as_prettyplease_prints_them() {
    // A status whose message cannot share a line with its pattern (prettyplease wraps the
    // value in a block), arms just under and over the splicing width, and a class whose
    // `from_code` arms are ranges around declared codes.
    let long =
        "A message far too long to share its line with the pattern, as some APIs write them.";
    let spec = format!(
        "api: {{ name: Long arms }}\nstatuses:\n  400: {{ title: Bad Request, message: \"{long}\" }}\n  \
         404: {{ title: Not Found, message: \"{}\" }}\n  405: {{ title: Not Allowed, message: \"{}\" }}\n  \
         4xx: {{ title: Client Error }}\n  5xx: {{ title: Server Error, retry: backoff }}\nerrors:\n  \
         A: {{ status: 400, message: \"{long}\" }}\n",
        "x".repeat(47),
        "y".repeat(60),
    );
    assert_fixed_point(&Source::new("spec/long_arms.yaml", spec));
}
