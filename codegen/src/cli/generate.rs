//! `errspec generate [--check] [--rust-out DIR]`: write the published artifacts (and the Rust to
//! check in), or tell whether they are stale.

use super::{OutDir, SpecDir, use_color};
use crate::artifacts::{self, Artifact, Error, Folder};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write the published artifacts from the specs: the Markdown docs pages, the static site, the
/// OpenAPI documents and the JSON Schema; with --check, write nothing and fail when the folder
/// is stale
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Write the published artifacts from the specs into the output folder \
                  (generated/ by default): the Markdown docs pages (docs/<id>.md and \
                  docs/index.md), the static site (site/<id>.html and site/index.html), an \
                  OpenAPI 3.1 document per API (openapi/<id>.json) and the JSON Schema of the \
                  spec format for editors (errspec.schema.json). Only changed files are \
                  written, and files of specs that are gone are removed; each is listed.\n\n\
                  With --check, write nothing and fail when the folder is stale.",
    after_help = "Exit status: 0 written or up to date, 1 an invalid spec or template \
                        or stale files (--check), 2 usage or I/O error."
)]
pub(super) struct Args {
    /// Write nothing; exit 1, listing each stale file with a diff, when the output folder
    /// differs from what the specs generate
    #[arg(long)]
    check: bool,
    /// The docs templates [default: <spec folder>/templates when it exists, else the
    /// built-in ones]
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Also write each spec's Rust as DIR/<id>.rs and DIR/mod.rs (`pub mod <id>;` each), for a
    /// crate that checks its catalogs in instead of running a build script; --check covers them
    #[arg(long, value_name = "DIR")]
    rust_out: Option<PathBuf>,
    #[command(flatten)]
    spec: SpecDir,
    #[command(flatten)]
    out: OutDir,
}

pub(super) fn run(args: &Args) -> ExitCode {
    match generated(args) {
        Ok(folders) if args.check => check(&folders),
        Ok(folders) => write(&folders),
        Err(error) => {
            err!("{}", error.render(use_color()));
            match &error {
                Error::Spec(problems) if problems.iter().all(|d| !d.position.is_known()) => {
                    ExitCode::from(2)
                }
                Error::Spec(_) | Error::Template(_) => ExitCode::from(1),
                Error::Io(_) => ExitCode::from(2),
            }
        }
    }
}

/// One output folder and what the specs generate for it.
struct Output<'a> {
    dir: &'a Path,
    folder: Folder,
    files: Vec<Artifact>,
    /// The command that refreshes the folder, for stale reports.
    command: String,
}

/// Every output folder with its files, rendered in memory: nothing is written yet.
fn generated(args: &Args) -> Result<Vec<Output<'_>>, Error> {
    let apis = artifacts::compile(&args.spec.spec_dir)?;
    let templates = artifacts::templates_for(&args.spec.spec_dir, args.templates.as_deref())?;
    let out_dir = &args.out.out_dir;
    let mut command = artifacts::REFRESH_COMMAND.to_owned();
    if out_dir != Path::new(artifacts::OUT_DIR) {
        command.push_str(&format!(" --out-dir {}", out_dir.display()));
    }
    let mut folders = vec![Output {
        dir: out_dir,
        folder: Folder::Artifacts,
        files: artifacts::artifacts(&apis, &templates)?,
        command: command.clone(),
    }];
    if let Some(dir) = &args.rust_out {
        folders.push(Output {
            dir,
            folder: Folder::Rust,
            files: artifacts::rust_artifacts(&apis),
            command: format!("{command} --rust-out {}", dir.display()),
        });
    }
    Ok(folders)
}

/// `--check`: exit 1 with a report of every stale file, in every folder.
fn check(folders: &[Output<'_>]) -> ExitCode {
    let mut fresh = true;
    for output in folders {
        // `generated/`'s diffs name its files as the repository does, wherever it is.
        let shown = match output.folder {
            Folder::Artifacts => Path::new(artifacts::OUT_DIR),
            Folder::Rust => output.dir,
        };
        match artifacts::stale_in(output.dir, shown, &output.files, output.folder) {
            Ok(stale) if stale.is_empty() => outln!(
                "{}/ is up to date ({} files)",
                output.dir.display(),
                output.files.len()
            ),
            Ok(stale) => {
                fresh = false;
                err!(
                    "{}",
                    artifacts::stale_report_for(output.dir, &stale, &output.command)
                );
            }
            Err(error) => {
                err!("{}", error.render(use_color()));
                return ExitCode::from(2);
            }
        }
    }
    if fresh {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes every folder: each file whose bytes change, and removes leftovers.
fn write(folders: &[Output<'_>]) -> ExitCode {
    for output in folders {
        let dir = output.dir.display();
        match artifacts::write_in(output.dir, &output.files, output.folder) {
            Ok(report) => {
                for path in &report.written {
                    outln!("wrote {dir}/{path}");
                }
                for path in &report.removed {
                    outln!("removed {dir}/{path}");
                }
                outln!(
                    "{dir}: {} written, {} removed, {} unchanged",
                    report.written.len(),
                    report.removed.len(),
                    report.unchanged
                );
            }
            Err(error) => {
                err!("{}", error.render(use_color()));
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
