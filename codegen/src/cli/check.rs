//! `errspec check [PATH...]`: validate specs and write nothing, with the rules of the build.

use super::{SpecDir, use_color};
use crate::{Diagnostics, TakenNames};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Validate specs, printing each problem as `path:line:col: error: message` with the source
/// line
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status: 0 every spec is valid, 1 one is not, 2 usage or I/O error.")]
pub(super) struct Args {
    /// Spec files, or folders whose *.yaml files are checked [default: the spec folder]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    spec: SpecDir,
}

pub(super) fn run(args: &Args) -> ExitCode {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![args.spec.spec_dir.clone()]
    } else {
        args.paths.clone()
    };
    for path in &paths {
        if !path.exists() {
            errln!("{}: error: no such file or folder", path.display());
            return ExitCode::from(2);
        }
        if path.is_dir() && crate::load::spec_files(path).is_ok_and(|files| files.is_empty()) {
            errln!(
                "{}: error: no spec files (*.yaml, *.yml) in this folder",
                path.display()
            );
            return ExitCode::from(2);
        }
    }
    // The crate of the first path: its module names are refused, as the build refuses them.
    let first = &paths[0];
    let folder = if first.is_dir() {
        first.as_path()
    } else {
        first
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    };
    let taken = TakenNames::for_crate_at(folder, crate::builder::INDEX_FILE);
    match crate::compile_paths_in(&paths, Some(&taken)) {
        Ok(apis) => {
            for api in &apis {
                outln!(
                    "ok: {} ({}): {} statuses, {} error codes",
                    api.source,
                    api.name,
                    api.statuses.len(),
                    api.errors.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            report(&problems);
            ExitCode::from(if problems.has_io_errors() { 2 } else { 1 })
        }
    }
}

/// Every problem, then a count of problems and files.
pub(super) fn report(problems: &Diagnostics) {
    err!("{}", problems.render(use_color()));
    let files: std::collections::BTreeSet<_> = problems.iter().map(|d| &d.path).collect();
    errln!(
        "error: {} problem{} in {} file{}",
        problems.0.len(),
        if problems.0.len() == 1 { "" } else { "s" },
        files.len(),
        if files.len() == 1 { "" } else { "s" },
    );
}
