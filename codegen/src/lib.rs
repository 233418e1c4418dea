//! # errspec-codegen
//!
//! Turns API error specs (`spec/<id>.yaml`, one file per API) into Rust in a build script, and,
//! with the `cli` feature, into the published docs through the `errspec` command.
//!
//! ## In a build script
//!
//! ```no_run
//! // build.rs, in `fn main()`
//! if let Err(error) = errspec_codegen::Builder::new().compile() {
//!     eprintln!("{error}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! and in `src/lib.rs`, `include!(concat!(env!("OUT_DIR"), "/errspec_apis.rs"));`, which
//! declares `pub mod <id>` for every spec file. The generated code names only `::errspec::...`,
//! so the crate that includes it needs `errspec` in `[dependencies]` and this crate in
//! `[build-dependencies]`, nothing else. The generated code is each API's tables handed to
//! errspec's macros, which write the impls following errspec's own features, so it is the
//! same whatever features errspec has.
//!
//! ## Checked in, without a build script
//!
//! `errspec generate --rust-out src/apis` writes `src/apis/<id>.rs` for each spec and
//! `src/apis/mod.rs` declaring them; a crate that checks them in (`mod apis;`) depends on
//! errspec alone, with no build script and none of this crate's dependencies.
//!
//! A spec with a problem fails the build with [`Error`]: every [`Diagnostic`] with its file,
//! line and column, rendered like rustc's (`path:line:col: error: message`, the source line, a
//! caret and a `help:`). Nothing is written then.
//!
//! ## Inside
//!
//! The generator is a pipeline; its folders are its stages, in the order data flows, and no
//! stage imports a later one:
//!
//! 1. `load/`: read each file (`diagnostic::Source`, with its size bound) and parse its YAML,
//!    under budgets against bombs, into the located syntax model `load::spec`; YAML and shape
//!    errors become diagnostics in the spec's own terms (`load/yaml_errors.rs`);
//! 2. `validate/`: check the syntax model, split by what it checks (statuses and codes, body
//!    and examples, limits and headers), into the checked `model`;
//! 3. `emit/`: the Rust module of each API, one file per generated item (status, error code,
//!    tables, lookup, limits, body, catalog impls), `quote!` throughout except `emit/text/`,
//!    which owns every piece written as text (splicing, literals);
//! 4. `docs/` (the Tera pages: Markdown, and the static site with its own CSP), `openapi/`
//!    (OpenAPI 3.1 components), `schema` (the JSON Schema of the spec format) and `artifacts`
//!    (the files of `generated/`), behind the `docs` and `schema` features. `model` also
//!    builds the JSON an API sends (`model/json.rs`), which all of them show.
//!
//! After the pipeline, with the `cli` feature: `diff/`, the changes between two checked models
//! of one spec (each with a rule id and a level for the wire and for Rust), located again in
//! both files by reading their YAML as a tree of located keys.
//!
//! Beside the pipeline: `diagnostic/` (located problems and their rustc-style rendering),
//! `builder` and `taken` (what the build script needs), `naming` (Rust names),
//! `parallel` (one work-queue map for every stage) and `cli/` (the commands). The vocabulary
//! the generator shares with the runtime (`Retry`, `Scope`, `ResetFormat`, the default retry
//! rule) is the `errspec-vocab` crate, so the two cannot drift apart.

//! ## Features
//!
//! - `cli` (default): the `errspec` and `cargo-errspec` binaries (`cargo install
//!   errspec-codegen`, then `cargo errspec check|generate|new|diff|explain`); implies `docs` and
//!   `schema`.
//! - `docs`: the Markdown pages, the site and the OpenAPI documents; `schema`: the JSON Schema
//!   of the spec format.
//!
//! A build script needs none of them: depend on it with `default-features = false`.

#[cfg(feature = "docs")]
mod artifacts;
mod builder;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
mod conformance;
mod diagnostic;
#[cfg(feature = "cli")]
mod diff;
#[cfg(feature = "docs")]
mod docs;
mod emit;
mod load;
mod model;
mod naming;
#[cfg(feature = "docs")]
mod openapi;
mod parallel;
#[cfg(feature = "schema")]
mod schema;
mod taken;
mod validate;

pub use builder::{Builder, Error};
pub use diagnostic::rules::{Message, Rule};
pub use diagnostic::{Diagnostic, Diagnostics, Kind, Position};

use load::Source;
use model::Api;

/// The pipeline's stages, reachable for errspec's own tests and benchmarks only. Not a public
/// API: anything here may change in any release.
#[doc(hidden)]
pub mod __internals {
    pub use crate::builder::write_if_changed;
    pub use crate::load::Source;
    pub use crate::model::Api;
    pub use crate::{
        checked_in_rust_files, compile_paths, compile_source, compile_sources, rust_files,
    };

    /// The registry of rules every diagnostic comes from.
    pub mod rules {
        pub use crate::diagnostic::rules::*;
    }
    /// The checked model.
    pub mod model {
        pub use crate::model::*;
    }
    /// Reading spec files.
    pub mod load {
        pub use crate::load::*;
    }
    /// The Rust emitter.
    pub mod emit_rust {
        pub use crate::emit::*;
    }
    /// The docs pages.
    #[cfg(feature = "docs")]
    pub mod docs {
        pub use crate::docs::*;
    }
    /// The files of `generated/`.
    #[cfg(feature = "docs")]
    pub mod artifacts {
        pub use crate::artifacts::*;
    }
    /// Changes between two versions of a spec.
    #[cfg(feature = "cli")]
    pub mod diff {
        pub use crate::diff::*;
    }
    /// The OpenAPI documents.
    #[cfg(feature = "docs")]
    pub mod openapi {
        pub use crate::openapi::*;
    }
    /// The JSON Schema of the spec format.
    #[cfg(feature = "schema")]
    pub mod schema {
        pub use crate::schema::*;
    }
}

use diagnostic::rules::files::{FOLDER_UNREADABLE, MODULE_TAKEN, MODULE_TWICE};
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
            problems.push(Diagnostic::new(
                std::path::Path::new(&api.source),
                Position::new(1, 1, 1),
                MODULE_TWICE
                    .with("first", first)
                    .with("second", &api.source)
                    .with("module", &api.id),
            ));
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
    compile_paths_in(paths, None)
}

/// [`compile_paths`], also refusing the specs whose module name is `taken` in the crate that
/// includes them, all problems reported together.
pub(crate) fn compile_paths_in(
    paths: &[PathBuf],
    taken: Option<&TakenNames>,
) -> Result<Vec<Api>, Diagnostics> {
    let mut sources = Vec::new();
    let mut problems = Diagnostics::default();
    for path in paths {
        let files = if path.is_dir() {
            match load::spec_files(path) {
                Ok(files) => files,
                Err(e) => {
                    problems.push(Diagnostic::io(path, FOLDER_UNREADABLE.with("error", e)));
                    continue;
                }
            }
        } else {
            vec![path.clone()]
        };
        for file in files {
            if let Some(problem) = taken.and_then(|taken| taken.clash_of_file(&file)) {
                problems.push(problem);
            }
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
            problems.sort();
            Err(problems)
        }
    }
}

/// The generated Rust files for `apis` in a build script's OUT_DIR: `(file name, contents)`,
/// the index file (whose modules `include!` the others) first.
pub fn rust_files(apis: &[Api], index_name: &str) -> Vec<(String, String)> {
    let mut files = vec![(index_name.to_owned(), emit::index(apis))];
    files.extend(module_files(apis));
    files
}

/// The generated Rust files for `apis` to check in (`generate --rust-out`): `mod.rs`, which
/// declares `pub mod <id>;` for each, first.
pub fn checked_in_rust_files(apis: &[Api]) -> Vec<(String, String)> {
    let mut files = vec![("mod.rs".to_owned(), emit::mod_file(apis))];
    files.extend(module_files(apis));
    files
}

/// `<id>.rs` for each API.
fn module_files(apis: &[Api]) -> Vec<(String, String)> {
    parallel::map(apis, |api| (format!("{}.rs", api.id), emit::module(api)))
}

/// The module names a crate already uses beside the generated modules (see [`taken`]); the
/// Builder, `errspec check`, `generate` and `new` refuse specs named like them.
pub(crate) struct TakenNames {
    /// The crate root file the names come from, when there is one.
    pub(crate) root: Option<std::path::PathBuf>,
    names: Vec<String>,
}

impl TakenNames {
    /// The names taken beside the include of `index_file` in the crate at or above `dir`.
    pub(crate) fn for_crate_at(dir: &std::path::Path, index_file: &str) -> Self {
        let root = taken::crate_root(dir);
        let names = root
            .as_deref()
            .map(|root| taken::names_beside_index(root, index_file))
            .unwrap_or_default();
        Self { root, names }
    }

    /// The problem with the spec file `path` when its module name is taken.
    fn clash_of_file(&self, path: &std::path::Path) -> Option<Diagnostic> {
        let id = validate::module_name(path).ok()?;
        self.clash(&id, path)
    }

    /// The problem with a spec at `path` whose module would be `id`, when the name is taken.
    pub(crate) fn clash(&self, id: &str, path: &std::path::Path) -> Option<Diagnostic> {
        if !self.names.iter().any(|name| name == id) {
            return None;
        }
        let root = self.root.as_deref().unwrap_or(path).display();
        Some(Diagnostic::new(
            path,
            Position::new(1, 1, 1),
            MODULE_TAKEN.with("module", id).with("root", root),
        ))
    }
}
