//! # errspec-codegen
//!
//! Turns API error specs (`spec/<id>.yaml`) into Rust and docs. The generator is a pipeline
//! with one module per stage:
//!
//! 1. [`load`]: read each file and parse its YAML into the syntax model [`spec::SpecFile`],
//!    keeping the line and column of every value;
//! 2. [`validate`]: check references, names and examples, and build the checked
//!    [`model::Api`];
//! 3. [`emit_rust`]: build the Rust module for each API as tokens and format it with
//!    prettyplease (the docs and other artifacts live behind the `docs` feature);
//! 4. with the `docs` feature, `docs` renders the published Markdown pages with Tera templates
//!    and `artifacts` lists, writes and checks the files of `generated/`.
//!
//! Problems at any stage are [`Diagnostic`]s with file, line and column, printed rustc-style
//! by [`render`]. With the `schema` feature, [`schema::json_schema`] gives the JSON Schema of
//! the spec format that editors use.
//!
//! ## In a build script
//!
//! ```no_run
//! // build.rs
//! let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
//! if let Err(error) = errspec_codegen::Builder::new()
//!     .spec_dir("spec")
//!     .out_dir(out_dir)
//!     .compile()
//! {
//!     eprintln!("{error}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! and in `src/lib.rs`, `include!(concat!(env!("OUT_DIR"), "/errspec_apis.rs"));`, which
//! declares `pub mod <id>` for every spec file. The generated code refers to the runtime types
//! as `::errspec::...`, so the crate that includes it depends on `errspec`.

#[cfg(feature = "docs")]
pub mod artifacts;
pub mod builder;
pub mod diagnostic;
#[cfg(feature = "docs")]
pub mod docs;
mod emit_body;
mod emit_lookup;
pub mod emit_rust;
mod emit_tables;
mod emit_wire;
mod literal;
pub mod load;
pub mod model;
pub mod naming;
mod parallel;
pub mod render;
#[cfg(feature = "schema")]
pub mod schema;
pub mod spec;
mod splice;
pub mod validate;

pub use builder::{Builder, Error};
pub use diagnostic::{Diagnostic, Diagnostics, Kind, Position};
pub use load::Source;
pub use model::Api;

use std::collections::HashMap;
use std::path::PathBuf;

/// Loads and validates one spec.
pub fn compile_source(source: &Source) -> Result<Api, Diagnostics> {
    let spec = load::parse(source)?;
    validate::validate(&source.path, spec)
}

/// Loads and validates every spec, reporting the problems of all files together. The APIs come
/// back sorted by module name, so output does not depend on the order the files were given in.
pub fn compile_sources(sources: &[Source]) -> Result<Vec<Api>, Diagnostics> {
    let mut apis = Vec::new();
    let mut problems = Diagnostics::default();
    for compiled in parallel::map(sources, compile_source) {
        match compiled {
            Ok(api) => apis.push(api),
            Err(d) => problems.0.extend(d.0),
        }
    }
    apis.sort_by(|a, b| a.id.cmp(&b.id));
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for api in &apis {
        if let Some(first) = seen.insert(&api.id, &api.source) {
            problems.push(
                Diagnostic::new(
                    std::path::Path::new(&api.source),
                    Position::new(1, 1, 1),
                    format!(
                        "`{first}` and `{}` both define the module `{}`",
                        api.source, api.id
                    ),
                )
                .with_help("keep one file per API: rename or remove one of them"),
            );
        }
    }
    if problems.is_empty() {
        Ok(apis)
    } else {
        Err(problems)
    }
}

/// Reads `paths` (files, or folders whose `*.yaml` files are taken) and compiles them.
pub fn compile_paths(paths: &[PathBuf]) -> Result<Vec<Api>, Diagnostics> {
    let mut sources = Vec::new();
    let mut problems = Diagnostics::default();
    for path in paths {
        let files = if path.is_dir() {
            match load::spec_files(path) {
                Ok(files) => files,
                Err(e) => {
                    problems.push(Diagnostic::io(path, format!("cannot read folder: {e}")));
                    continue;
                }
            }
        } else {
            vec![path.clone()]
        };
        for file in files {
            match Source::read(&file) {
                Ok(source) => sources.push(source),
                Err(d) => problems.push(d),
            }
        }
    }
    match compile_sources(&sources) {
        Ok(apis) if problems.is_empty() => Ok(apis),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.0.extend(more.0);
            Err(problems)
        }
    }
}

/// The generated Rust files for `apis`: `(file name, contents)`, the index file first.
pub fn rust_files(apis: &[Api], index_name: &str) -> Vec<(String, String)> {
    let mut files = vec![(index_name.to_owned(), emit_rust::index(apis))];
    files.extend(parallel::map(apis, |api| {
        (format!("{}.rs", api.id), emit_rust::module(api))
    }));
    files
}
