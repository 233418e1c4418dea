//! `errspec generate [--check]`: write the published artifacts, or tell whether they are stale.

use super::{OutDir, SpecDir, use_color};
use crate::artifacts::{self, Error};
use std::path::PathBuf;
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
    #[command(flatten)]
    spec: SpecDir,
    #[command(flatten)]
    out: OutDir,
}

pub(super) fn run(args: &Args) -> ExitCode {
    let out_dir = &args.out.out_dir;
    let files = match artifacts::generate(&args.spec.spec_dir, args.templates.as_deref()) {
        Ok(files) => files,
        Err(error) => {
            eprint!("{}", error.render(use_color()));
            return match &error {
                Error::Spec(problems) if problems.iter().all(|d| !d.position.is_known()) => {
                    ExitCode::from(2)
                }
                Error::Spec(_) | Error::Template(_) => ExitCode::from(1),
                Error::Io(_) => ExitCode::from(2),
            };
        }
    };
    if args.check {
        return match artifacts::stale(out_dir, &files) {
            Ok(stale) if stale.is_empty() => {
                println!(
                    "{}/ is up to date ({} files)",
                    out_dir.display(),
                    files.len()
                );
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                eprint!("{}", artifacts::stale_report(out_dir, &stale));
                ExitCode::from(1)
            }
            Err(error) => {
                eprint!("{}", error.render(use_color()));
                ExitCode::from(2)
            }
        };
    }
    match artifacts::write(out_dir, &files) {
        Ok(report) => {
            for path in &report.written {
                println!("wrote {}/{path}", out_dir.display());
            }
            for path in &report.removed {
                println!("removed {}/{path}", out_dir.display());
            }
            println!(
                "{}: {} written, {} removed, {} unchanged",
                out_dir.display(),
                report.written.len(),
                report.removed.len(),
                report.unchanged
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", error.render(use_color()));
            ExitCode::from(2)
        }
    }
}
