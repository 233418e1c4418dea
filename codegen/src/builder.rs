//! The build-script entry point, in the style of `prost-build`.

use crate::diagnostic::Diagnostics;
use crate::load;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file that declares one module per API, unless [`Builder::index_file`] names another.
pub(crate) const INDEX_FILE: &str = "errspec_apis.rs";

/// Generates Rust for a folder of specs into a build script's `OUT_DIR`.
///
/// ```no_run
/// // build.rs
/// if let Err(error) = errspec_codegen::Builder::new().compile() {
///     eprintln!("{error}");
///     std::process::exit(1);
/// }
/// ```
///
/// A spec whose module name the including module already uses
/// (`spec/client.yaml` beside `mod client;` in `src/lib.rs`) is refused at its first line;
/// `errspec check` refuses the same ones.
#[derive(Clone, Debug)]
pub struct Builder {
    spec_dir: PathBuf,
    extra_files: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    index_name: String,
    rerun_if_changed: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// A builder reading `spec/` and writing into `$OUT_DIR`.
    pub fn new() -> Self {
        Self {
            spec_dir: PathBuf::from("spec"),
            extra_files: Vec::new(),
            out_dir: None,
            index_name: INDEX_FILE.to_owned(),
            rerun_if_changed: true,
        }
    }

    /// The folder whose `*.yaml` files are the specs (default `spec`).
    pub fn spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec_dir = dir.into();
        self
    }

    /// Adds one spec file outside the spec folder.
    pub fn file(mut self, path: impl Into<PathBuf>) -> Self {
        self.extra_files.push(path.into());
        self
    }

    /// Where to write (default: the `OUT_DIR` environment variable).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The name of the file that declares one module per API (default `errspec_apis.rs`).
    pub fn index_file(mut self, name: impl Into<String>) -> Self {
        self.index_name = name.into();
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (default true; off outside build scripts).
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.rerun_if_changed = on;
        self
    }

    /// Loads, validates and generates. Writes a file only when its bytes change, so a rebuild
    /// with unchanged specs recompiles nothing; on any problem writes nothing at all.
    pub fn compile(self) -> Result<(), Error> {
        let out_dir = match self.out_dir.clone() {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| Error::Io("OUT_DIR is not set; call .out_dir(...)".into()))?,
        };
        let mut files = load::spec_files(&self.spec_dir).map_err(|e| {
            Error::Io(format!(
                "cannot read spec folder {}: {e}",
                self.spec_dir.display()
            ))
        })?;
        files.extend(self.extra_files.iter().cloned());
        // The crate around the spec folder, found as `errspec check` finds it.
        let taken = crate::TakenNames::for_crate_at(&self.spec_dir, &self.index_name);
        if self.rerun_if_changed {
            // The folder itself, so that adding a spec file reruns the build script.
            println!("cargo:rerun-if-changed={}", self.spec_dir.display());
            for file in &files {
                println!("cargo:rerun-if-changed={}", file.display());
            }
            // A new item there can take a spec's module name.
            if let Some(root) = &taken.root {
                println!("cargo:rerun-if-changed={}", root.display());
            }
        }
        let apis = crate::compile_paths_in(&files, Some(&taken)).map_err(Error::Spec)?;
        std::fs::create_dir_all(&out_dir)
            .map_err(|e| Error::Io(format!("cannot create {}: {e}", out_dir.display())))?;
        for (name, contents) in crate::rust_files(&apis, &self.index_name) {
            write_if_changed(&out_dir.join(name), contents.as_bytes())?;
        }
        Ok(())
    }
}

/// Writes `bytes` to `path` unless it already holds exactly them; atomically, through a
/// temporary file in the same folder.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, Error> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let io = |e: std::io::Error| Error::Io(format!("cannot write {}: {e}", path.display()));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })?;
    Ok(true)
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// The specs have problems; nothing was written.
    Spec(Diagnostics),
    /// A file could not be read or written.
    Io(String),
}

impl Error {
    /// The located, rustc-style report of the problems (no colour).
    pub fn render(&self) -> String {
        match self {
            Self::Spec(d) => d.render(false),
            Self::Io(message) => format!("error: {message}\n"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render().trim_end())
    }
}

impl std::error::Error for Error {}
