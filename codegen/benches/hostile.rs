//! How long the loader takes to refuse hostile files, next to a real catalog: each must fail
//! in milliseconds, not seconds, whatever its size or shape.
//!
//! `cargo bench -p errspec-codegen --bench hostile`

use criterion::{Criterion, criterion_group, criterion_main};
use errspec_codegen::__internals::{Source, compile_source};
use std::hint::black_box;

fn alias_bomb() -> String {
    let mut text = String::from("api:\n  name: Acme\n  docs:\n    front_matter:\n");
    text.push_str("      a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        text.push_str(&format!("      {name}: &{name} [{refs}]\n"));
    }
    text
}

fn deep_nesting() -> String {
    format!(
        "api:\n  name: Acme\n  docs:\n    front_matter:\n      x: {}{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    )
}

fn node_flood() -> String {
    format!(
        "api:\n  name: Acme\n  docs:\n    front_matter:\n      x: [{}]\n",
        vec!["1"; 400_000].join(",")
    )
}

fn fifty_megabytes() -> String {
    "  - just another line of a very long file\n".repeat(1_250_000)
}

fn bench(c: &mut Criterion) {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/centrapay.yaml"
    ))
    .expect("seed spec");
    let inputs = [
        ("seed_centrapay_valid", seed),
        ("alias_bomb", alias_bomb()),
        ("nesting_50k", deep_nesting()),
        ("node_flood_800k", node_flood()),
        ("in_memory_50mb", fifty_megabytes()),
    ];
    let mut group = c.benchmark_group("load_validate");
    group.sample_size(10);
    for (name, text) in inputs {
        let source = Source::new("spec/bench.yaml", text);
        group.bench_function(name, |b| {
            b.iter(|| black_box(compile_source(black_box(&source))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
