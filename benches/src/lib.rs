//! # errspec-bench
//!
//! Benchmarks and scale tests for errspec (see BENCHMARKS.md at the repository root). The
//! catalogs they use are generated at build time by `build.rs`; this library holds what the
//! build script, the benchmarks, the tests and the compile-time script share.

pub mod catalog_crates;
pub mod synthetic;
