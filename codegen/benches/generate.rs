//! Generator throughput: load + validate + emit Rust and docs for 10,000 error codes spread over
//! 50 specs, against merely parsing the same YAML into a generic value with serde-saphyr. The
//! goal is the whole generation within 3× of the parse.
//!
//! "Whole generation" is what a project pays: the build script's load, validate and Rust
//! emission (which includes building each catalog's perfect hash), plus `cargo errspec
//! generate`'s docs pages, index and schema (`artifacts`, rendered in memory, nothing written).
//!
//! The parse is measured on one thread (what merely parsing the files costs) and, for
//! comparison, split over every core the way the generator splits its work.
//!
//! Run: `cargo bench -p errspec-codegen --bench generate -- --warm-up-time 1 --measurement-time 3`.

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use errspec_codegen::__internals::{self as internals, Api, Source};
use std::hint::black_box;

/// The synthetic catalogs of the bench crate, shared by path so both benches use one generator.
#[allow(dead_code)]
#[path = "../../benches/src/synthetic.rs"]
mod synthetic;

const SPECS: usize = 50;
const CODES_PER_SPEC: usize = 200;

fn sources() -> Vec<Source> {
    (0..SPECS)
        .map(|i| {
            Source::new(
                format!("spec/catalog_{i:02}.yaml"),
                synthetic::spec(&format!("Catalog {i}"), CODES_PER_SPEC, i),
            )
        })
        .collect()
}

fn generate(c: &mut Criterion) {
    let sources = sources();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let apis = match internals::compile_sources(&sources) {
        Ok(apis) => apis,
        Err(problems) => {
            eprintln!("{}", problems.render(false));
            std::process::exit(1);
        }
    };
    let codes: usize = apis.iter().map(|api| api.errors.len()).sum();
    assert_eq!(codes, SPECS * CODES_PER_SPEC);

    let mut group = c.benchmark_group("generate/10000_codes_50_specs");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    parse_baselines(&mut group, &sources);
    stages(&mut group, &sources, &apis);
    group.finish();
}

/// What merely parsing the files costs: on one thread, and on every core as the generator
/// runs, so generation is compared with a parse that is as parallel as it is.
fn parse_baselines(group: &mut BenchmarkGroup<'_, WallTime>, sources: &[Source]) {
    group.bench_function("yaml_parse_generic_value", |b| {
        b.iter(|| {
            for source in sources {
                let value: Result<serde_json::Value, _> = serde_saphyr::from_str(&source.text);
                black_box(value.is_ok());
            }
        })
    });
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    group.bench_function("yaml_parse_generic_value_every_core", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                for part in sources.chunks(sources.len().div_ceil(threads)) {
                    scope.spawn(move || {
                        for source in part {
                            let value: Result<serde_json::Value, _> =
                                serde_saphyr::from_str(&source.text);
                            black_box(value.is_ok());
                        }
                    });
                }
            })
        })
    });
}

/// Each stage of the generator alone, and the whole of what a project pays.
fn stages(group: &mut BenchmarkGroup<'_, WallTime>, sources: &[Source], apis: &[Api]) {
    group.bench_function("load_validate", |b| {
        b.iter(|| black_box(internals::compile_sources(black_box(sources)).is_ok()))
    });
    group.bench_function("emit_rust", |b| {
        b.iter(|| black_box(internals::rust_files(black_box(apis), "apis.rs")))
    });
    group.bench_function("load_validate_emit_rust", |b| {
        b.iter(|| {
            let apis = internals::compile_sources(black_box(sources)).unwrap_or_default();
            black_box(internals::rust_files(&apis, "apis.rs"))
        })
    });
    let templates = internals::docs::Templates::builtin().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1);
    });
    group.bench_function("emit_docs", |b| {
        b.iter(|| black_box(internals::artifacts::artifacts(black_box(apis), &templates).is_ok()))
    });
    group.bench_function("load_validate_emit_rust_and_docs", |b| {
        b.iter(|| {
            let apis = internals::compile_sources(black_box(sources)).unwrap_or_default();
            let rust = internals::rust_files(&apis, "apis.rs");
            let docs = internals::artifacts::artifacts(&apis, &templates);
            black_box((rust, docs.is_ok()))
        })
    });
}

criterion_group!(benches, generate);
criterion_main!(benches);
