//! The checked-in artifacts under `generated/`: the full list of files for a set of APIs,
//! writing them, and telling whether the checked-in copies are stale.
//!
//! Everything is rendered in memory first, so a bad spec or template writes nothing. Writes are
//! atomic (a temporary file in the same folder, then a rename) and touch only files whose bytes
//! change; files in a generated folder that are no longer generated (the page of a removed
//! spec) are removed. The stale check compares the same in-memory files with the folder and
//! shows each difference as a unified diff.

use crate::diagnostic::Diagnostics;
use crate::docs::{self, TemplateError, Templates};
use crate::model::Api;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

/// The folder the artifacts go to, relative to the repository root.
pub const OUT_DIR: &str = "generated";

/// The command that refreshes [`OUT_DIR`]; stale reports name it.
pub const REFRESH_COMMAND: &str = "cargo errspec generate";

/// The folder, beside the specs, whose templates replace the built-in ones when present.
pub const TEMPLATES_DIR: &str = "templates";

/// The folder of the docs pages inside [`OUT_DIR`].
const DOCS_DIR: &str = "docs";

/// The name of the index page in [`DOCS_DIR`].
const INDEX_PAGE: &str = "index.md";

/// Folders inside [`OUT_DIR`] whose files with the given extension are all generated: any such
/// file that is not generated any more is a leftover and is removed. Files elsewhere in
/// [`OUT_DIR`] are never removed.
const MANAGED: &[(&str, &str)] = &[(DOCS_DIR, "md"), (OPENAPI_DIR, "json"), (SITE_DIR, "html")];

/// The folder of the static site, `site/index.html` and `site/<id>.html`.
const SITE_DIR: &str = "site";

/// The folder of the OpenAPI documents, `openapi/<id>.json`.
const OPENAPI_DIR: &str = "openapi";

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Path inside [`OUT_DIR`], with `/` separators (`docs/mugglepay.md`).
    pub path: String,
    /// The file's contents.
    pub contents: String,
}

/// Why artifacts could not be generated or compared.
#[derive(Debug)]
pub enum Error {
    /// The specs have problems (or clash with a generated file name).
    Spec(Diagnostics),
    /// A template cannot be read, parsed or rendered.
    Template(TemplateError),
    /// A file or folder cannot be read or written.
    Io(String),
}

impl Error {
    /// The report for people: located spec problems with their source lines, or the message.
    pub fn render(&self, color: bool) -> String {
        match self {
            Self::Spec(d) => d.render(color),
            Self::Template(e) => format!("{e}\n"),
            Self::Io(message) => format!("error: {message}\n"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render(false).trim_end())
    }
}

impl std::error::Error for Error {}

impl From<crate::builder::Error> for Error {
    fn from(error: crate::builder::Error) -> Self {
        match error {
            crate::builder::Error::Spec(d) => Self::Spec(d),
            crate::builder::Error::Io(message) => Self::Io(message),
        }
    }
}

impl From<TemplateError> for Error {
    fn from(error: TemplateError) -> Self {
        Self::Template(error)
    }
}

/// The schema's path inside `generated/` (see [`crate::schema::SCHEMA_PATH`]).
pub(crate) const SCHEMA_FILE: &str = "errspec.schema.json";

/// Every file `generated/` holds for `apis`, sorted by path: `docs/<id>.md` per API,
/// `docs/index.md`, `openapi/<id>.json` per API, `site/<id>.html` per API, `site/index.html`
/// and `errspec.schema.json`.
pub fn artifacts(apis: &[Api], templates: &Templates) -> Result<Vec<Artifact>, Error> {
    let mut files = Vec::with_capacity(apis.len() + 1);
    // Pages and the index are independent: they render on every core.
    let (pages, index) = docs::pages_and_index(templates, apis)?;
    for (api, page) in apis.iter().zip(pages) {
        files.push(Artifact {
            path: format!("{DOCS_DIR}/{}.md", api.id),
            contents: page,
        });
    }
    files.push(Artifact {
        path: format!("{DOCS_DIR}/{INDEX_PAGE}"),
        contents: index,
    });
    let (pages, index) = docs::site_pages(templates, apis)?;
    for (api, page) in apis.iter().zip(pages) {
        files.push(Artifact {
            path: format!("{SITE_DIR}/{}.html", api.id),
            contents: page,
        });
    }
    files.push(Artifact {
        path: format!("{SITE_DIR}/index.html"),
        contents: index,
    });
    files.extend(crate::parallel::map(apis, |api| Artifact {
        path: format!("{OPENAPI_DIR}/{}.json", api.id),
        contents: crate::openapi::document(api),
    }));
    // The JSON Schema of the spec format, for editors. It lies outside every `MANAGED`
    // folder, so it is never treated as a leftover.
    files.push(Artifact {
        path: SCHEMA_FILE.to_owned(),
        contents: crate::schema::json_schema(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The templates for a spec folder: `explicit` when given, else `<spec_dir>/templates/` when
/// it exists, else the built-in ones.
pub fn templates_for(spec_dir: &Path, explicit: Option<&Path>) -> Result<Templates, Error> {
    let conventional = spec_dir.join(TEMPLATES_DIR);
    match explicit {
        Some(dir) if !dir.is_dir() => Err(Error::Io(format!(
            "templates folder {} does not exist",
            dir.display()
        ))),
        Some(dir) => Ok(Templates::with_dir(dir)?),
        None if conventional.is_dir() => Ok(Templates::with_dir(&conventional)?),
        None => Ok(Templates::builtin()?),
    }
}

/// Compiles every spec in `spec_dir` and renders its artifacts, with the templates chosen by
/// [`templates_for`]. Nothing is written.
pub fn generate(spec_dir: &Path, templates: Option<&Path>) -> Result<Vec<Artifact>, Error> {
    let apis = compile(spec_dir)?;
    let templates = templates_for(spec_dir, templates)?;
    artifacts(&apis, &templates)
}

/// Compiles every spec in `spec_dir`, refusing what the build refuses.
pub fn compile(spec_dir: &Path) -> Result<Vec<Api>, Error> {
    if !spec_dir.is_dir() {
        return Err(Error::Io(format!(
            "spec folder {} does not exist",
            spec_dir.display()
        )));
    }
    // Refusing what the build refuses: the specs whose module name the crate uses.
    let taken = crate::TakenNames::for_crate_at(spec_dir, crate::builder::INDEX_FILE);
    crate::compile_paths_in(&[spec_dir.to_path_buf()], Some(&taken)).map_err(Error::Spec)
}

/// The Rust of `apis` to check in (`generate --rust-out DIR`): `<id>.rs` per API and
/// `mod.rs`, which declares them.
pub fn rust_artifacts(apis: &[Api]) -> Vec<Artifact> {
    let mut files: Vec<Artifact> = crate::checked_in_rust_files(apis)
        .into_iter()
        .map(|(path, contents)| Artifact { path, contents })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Which files of an output folder are generated, so that one no longer generated is a
/// leftover to remove.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folder {
    /// `generated/`: the files of its docs, OpenAPI and site folders.
    Artifacts,
    /// A `--rust-out` folder: its `.rs` files that start with errspec's `@generated` line.
    Rust,
}

/// The first bytes of every Rust file errspec-codegen writes.
const RUST_HEADER: &str = "// @generated by errspec-codegen";

/// What [`write()`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or rewritten, as paths inside the output folder.
    pub written: Vec<String>,
    /// Leftover files removed.
    pub removed: Vec<String>,
    /// Files that already held exactly their contents.
    pub unchanged: usize,
}

/// Writes `artifacts` into `out_dir`: each file atomically and only when its bytes change;
/// leftovers in the generated folders are removed.
pub fn write(out_dir: &Path, artifacts: &[Artifact]) -> Result<Written, Error> {
    write_in(out_dir, artifacts, Folder::Artifacts)
}

/// [`write()`] for a folder of the given kind.
pub fn write_in(out_dir: &Path, artifacts: &[Artifact], folder: Folder) -> Result<Written, Error> {
    let mut report = Written::default();
    for artifact in artifacts {
        let path = out_dir.join(&artifact.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Io(format!("cannot create {}: {e}", parent.display())))?;
        }
        let changed = crate::builder::write_if_changed(&path, artifact.contents.as_bytes())?;
        if changed {
            report.written.push(artifact.path.clone());
        } else {
            report.unchanged += 1;
        }
    }
    for leftover in leftovers(out_dir, artifacts, folder)? {
        let path = out_dir.join(&leftover);
        std::fs::remove_file(&path)
            .map_err(|e| Error::Io(format!("cannot remove {}: {e}", path.display())))?;
        report.removed.push(leftover);
    }
    Ok(report)
}

/// The generated files of `out_dir` that `artifacts` does not hold.
fn leftovers(out_dir: &Path, artifacts: &[Artifact], folder: Folder) -> Result<Vec<String>, Error> {
    let expected: BTreeSet<&str> = artifacts.iter().map(|a| a.path.as_str()).collect();
    let mut found = Vec::new();
    let rust_folder: &[(&str, &str)] = &[("", "rs")];
    let managed = match folder {
        Folder::Artifacts => MANAGED,
        Folder::Rust => rust_folder,
    };
    for (dir, extension) in managed {
        let searched = out_dir.join(dir);
        let entries = match std::fs::read_dir(&searched) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(Error::Io(format!(
                    "cannot read {}: {e}",
                    searched.display()
                )));
            }
        };
        for entry in entries {
            let entry =
                entry.map_err(|e| Error::Io(format!("cannot read {}: {e}", searched.display())))?;
            let path = entry.path();
            let matches =
                path.is_file() && path.extension().and_then(|e| e.to_str()) == Some(*extension);
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let relative = if dir.is_empty() {
                name.to_owned()
            } else {
                format!("{dir}/{name}")
            };
            // In a Rust folder, only the files errspec wrote are its to remove.
            let ours = folder == Folder::Artifacts
                || std::fs::read(&path)
                    .is_ok_and(|bytes| bytes.starts_with(RUST_HEADER.as_bytes()));
            if matches && ours && !expected.contains(relative.as_str()) {
                found.push(relative);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// How a checked-in file differs from what the specs generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Staleness {
    /// It exists with other contents.
    Changed,
    /// It should exist and does not.
    Missing,
    /// It exists and should not (a leftover of a removed spec).
    Leftover,
}

impl Staleness {
    /// `changed`, `missing` or `leftover`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Changed => "changed",
            Self::Missing => "missing",
            Self::Leftover => "leftover",
        }
    }
}

/// One stale file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    /// Path inside the output folder.
    pub path: String,
    /// How it differs.
    pub staleness: Staleness,
    /// A unified diff from the checked-in file to the generated one.
    pub diff: String,
}

/// The files of `out_dir` that differ from `artifacts`, sorted by path; empty when it is fresh.
/// `out_dir` is only read. The diffs name files as the repository does (`generated/docs/...`),
/// wherever `out_dir` is.
pub fn stale(out_dir: &Path, artifacts: &[Artifact]) -> Result<Vec<Stale>, Error> {
    stale_in(out_dir, Path::new(OUT_DIR), artifacts, Folder::Artifacts)
}

/// [`stale()`] for a folder of the given kind, its files named in diffs as under `shown_dir`.
pub fn stale_in(
    out_dir: &Path,
    shown_dir: &Path,
    artifacts: &[Artifact],
    folder: Folder,
) -> Result<Vec<Stale>, Error> {
    let shown = |path: &str| format!("{}/{path}", shown_dir.display());
    let mut stale = Vec::new();
    for artifact in artifacts {
        let path = out_dir.join(&artifact.path);
        match std::fs::read(&path) {
            Ok(bytes) if bytes == artifact.contents.as_bytes() => {}
            Ok(bytes) => stale.push(Stale {
                path: artifact.path.clone(),
                staleness: Staleness::Changed,
                diff: unified_diff(
                    &String::from_utf8_lossy(&bytes),
                    &artifact.contents,
                    &format!("a/{}", shown(&artifact.path)),
                    &format!("b/{}", shown(&artifact.path)),
                ),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => stale.push(Stale {
                path: artifact.path.clone(),
                staleness: Staleness::Missing,
                diff: unified_diff(
                    "",
                    &artifact.contents,
                    "/dev/null",
                    &format!("b/{}", shown(&artifact.path)),
                ),
            }),
            Err(e) => return Err(Error::Io(format!("cannot read {}: {e}", path.display()))),
        }
    }
    for leftover in leftovers(out_dir, artifacts, folder)? {
        let path = out_dir.join(&leftover);
        let old = std::fs::read(&path)
            .map_err(|e| Error::Io(format!("cannot read {}: {e}", path.display())))?;
        stale.push(Stale {
            diff: unified_diff(
                &String::from_utf8_lossy(&old),
                "",
                &format!("a/{}", shown(&leftover)),
                "/dev/null",
            ),
            path: leftover,
            staleness: Staleness::Leftover,
        });
    }
    stale.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(stale)
}

fn unified_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

/// Regenerates the artifacts of `root/spec` in memory and compares them with `root/generated`:
/// `Err` with the stale-files report (diffs and the refresh command) when they differ. The
/// freshness tests of this repository's crates call it.
pub fn check_fresh(root: &Path) -> Result<(), String> {
    let files = generate(&root.join("spec"), None)
        .map_err(|error| format!("cannot generate the artifacts:\n{error}"))?;
    let stale = stale(&root.join(OUT_DIR), &files)
        .map_err(|error| format!("cannot compare with {OUT_DIR}:\n{error}"))?;
    if stale.is_empty() {
        Ok(())
    } else {
        Err(stale_report(Path::new(OUT_DIR), &stale))
    }
}

/// Regenerates the Rust of the specs in `spec_dir` in memory and compares it with the checked-in
/// `rust_dir` (`generate --rust-out`): `Err` with the stale-files report naming `command`, the
/// one that refreshes it, when they differ. Paths are as given, relative to the current folder.
pub fn check_fresh_rust(spec_dir: &Path, rust_dir: &Path, command: &str) -> Result<(), String> {
    let apis = compile(spec_dir).map_err(|error| format!("cannot compile the specs:\n{error}"))?;
    let files = rust_artifacts(&apis);
    let stale = stale_in(rust_dir, rust_dir, &files, Folder::Rust)
        .map_err(|error| format!("cannot compare with {}:\n{error}", rust_dir.display()))?;
    if stale.is_empty() {
        Ok(())
    } else {
        Err(stale_report_for(rust_dir, &stale, command))
    }
}

/// The report of a stale output folder (`generated/`): the list of files, each diff, then the
/// command that refreshes it.
pub fn stale_report(out_dir: &Path, stale: &[Stale]) -> String {
    let command = if out_dir == Path::new(OUT_DIR) {
        REFRESH_COMMAND.to_owned()
    } else {
        format!("{REFRESH_COMMAND} --out-dir {}", out_dir.display())
    };
    stale_report_for(out_dir, stale, &command)
}

/// The report of a stale folder, naming `command` as the one that refreshes it.
pub fn stale_report_for(out_dir: &Path, stale: &[Stale], command: &str) -> String {
    let dir = out_dir.display();
    let mut out = format!(
        "{dir}/ is stale: {} file(s) differ from what the specs generate\n",
        stale.len()
    );
    for s in stale {
        out.push_str(&format!("  {}: {dir}/{}\n", s.staleness.as_str(), s.path));
    }
    for s in stale {
        out.push('\n');
        out.push_str(&s.diff);
    }
    out.push_str(&format!(
        "\nrun `{command}` to refresh {dir}/, then commit it with the specs\n"
    ));
    out
}
