//! `errspec diff OLD NEW` and `errspec diff --base REV`: the changes between two versions of
//! the specs, each with a rule id and its `wire` and `rust` levels (see `crate::diff`).

use super::{SpecDir, use_color};
use crate::diff::{self, Change, Level, Locations, Side, report};
use crate::{Diagnostics, Source, model::Api};
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Report the changes between two versions of the specs, and whether they break clients
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 no change at or above --fail-on, 1 one is, 2 usage, I/O or an invalid spec.\n\n\
                  Examples:\n  errspec diff old/acme.yaml spec/acme.yaml\n  errspec diff --base origin/main --format github\n  errspec diff v1/ spec/ --format json --fail-on warning"
)]
pub(super) struct Args {
    /// The old version: a spec file, or a folder of specs (paired with NEW's by file stem)
    #[arg(
        value_name = "OLD",
        required_unless_present = "base",
        conflicts_with = "base"
    )]
    old: Option<PathBuf>,
    /// The new version: a spec file, or a folder of specs
    #[arg(value_name = "NEW", required_unless_present = "base")]
    new: Option<PathBuf>,
    /// Compare the spec folder with its files at this git revision (read with git, no checkout)
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// How to print the changes
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The lowest level that fails (exit 1)
    #[arg(long, value_enum, value_name = "LEVEL", default_value = "breaking")]
    fail_on: FailOn,
    /// Whose level --fail-on looks at: clients that read the JSON, Rust code that uses the
    /// generated module, or either
    #[arg(long, value_enum, default_value = "wire")]
    side: WhichSide,
    #[command(flatten)]
    spec: SpecDir,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
    /// rustc-style, with the old and the new source line
    Text,
    /// An array of changes: rule, wire, rust, message, old, new
    Json,
    /// GitHub workflow annotations
    Github,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum FailOn {
    Breaking,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum WhichSide {
    Wire,
    Rust,
    Both,
}

/// One version of one spec, read and checked.
struct Version {
    /// The path as reports name it.
    path: String,
    /// The file stem: the module id, which pairs files of two folders.
    stem: String,
    api: Api,
    locations: Locations,
}

pub(super) fn run(args: &Args) -> ExitCode {
    let (old, new) = match read_both(args) {
        Ok(both) => both,
        Err(Failure::Usage(message)) => {
            errln!("error: {message}");
            return ExitCode::from(2);
        }
        Err(Failure::Specs(problems, sources)) => {
            err!("{}", problems.render_with_sources(&sources, use_color()));
            errln!(
                "error: the specs must be valid to be compared (`errspec check` lists the problems)"
            );
            return ExitCode::from(2);
        }
    };
    let changes = compare_versions(&old, &new);
    let sources: report::Sources = old
        .iter()
        .chain(&new)
        .map(|(v, text)| (v.path.clone(), text.clone()))
        .collect();
    let out = match args.format {
        Format::Text => report::text(
            &changes,
            &sources,
            std::io::stdout().is_terminal() && use_color(),
        ),
        Format::Json => report::json(&changes),
        Format::Github => report::github(&changes),
    };
    out!("{out}");
    let threshold = match args.fail_on {
        FailOn::Breaking => Level::Breaking,
        FailOn::Warning => Level::Warning,
        FailOn::Info => Level::Info,
    };
    let level = |c: &Change| match args.side {
        WhichSide::Wire => c.wire,
        WhichSide::Rust => c.rust,
        WhichSide::Both => c.level(),
    };
    if changes.iter().any(|c| level(c) >= threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Every change between the two sets, files paired by stem (two single files are paired
/// whatever their names).
fn compare_versions(old: &[(Version, String)], new: &[(Version, String)]) -> Vec<Change> {
    if old.len() == 1 && new.len() == 1 {
        return diff::compare(as_side(&old[0].0), as_side(&new[0].0));
    }
    let mut changes = Vec::new();
    for (o, _) in old {
        match new.iter().find(|(n, _)| n.stem == o.stem) {
            Some((n, _)) => changes.extend(diff::compare(as_side(o), as_side(n))),
            None => changes.push(diff::removed(as_side(o))),
        }
    }
    for (n, _) in new {
        if !old.iter().any(|(o, _)| o.stem == n.stem) {
            changes.push(diff::added(as_side(n)));
        }
    }
    changes
}

fn as_side(v: &Version) -> Side<'_> {
    Side {
        api: &v.api,
        path: &v.path,
        locations: &v.locations,
    }
}

enum Failure {
    Usage(String),
    Specs(Diagnostics, Vec<Source>),
}

type Versions = Vec<(Version, String)>;

fn read_both(args: &Args) -> Result<(Versions, Versions), Failure> {
    let (old_sources, new_sources) = match (&args.base, &args.old, &args.new) {
        (Some(rev), _, None) => {
            let dir = &args.spec.spec_dir;
            (git_sources(rev, dir)?, disk_sources(dir)?)
        }
        (Some(_), _, Some(_)) => {
            return Err(Failure::Usage(
                "--base compares the spec folder: give no OLD or NEW".to_owned(),
            ));
        }
        (None, Some(old), Some(new)) => {
            if old.is_dir() != new.is_dir() {
                return Err(Failure::Usage(format!(
                    "`{}` and `{}` must both be spec files or both be folders",
                    old.display(),
                    new.display()
                )));
            }
            (disk_sources(old)?, disk_sources(new)?)
        }
        _ => return Err(Failure::Usage("give OLD and NEW, or --base REV".to_owned())),
    };
    let mut problems = Diagnostics::default();
    let old = check_all(&old_sources, &mut problems);
    let new = check_all(&new_sources, &mut problems);
    if problems.is_empty() {
        Ok((old, new))
    } else {
        problems.sort();
        Err(Failure::Specs(
            problems,
            old_sources.into_iter().chain(new_sources).collect(),
        ))
    }
}

fn check_all(sources: &[Source], problems: &mut Diagnostics) -> Versions {
    let mut versions = Vec::new();
    for source in sources {
        match crate::compile_source(source) {
            Ok(api) => {
                let path = source.path.display().to_string();
                let stem = Path::new(&path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                versions.push((
                    Version {
                        locations: Locations::of(&source.text),
                        path,
                        stem,
                        api,
                    },
                    source.text.clone(),
                ));
            }
            Err(d) => problems.0.extend(d.0),
        }
    }
    versions
}

/// A spec file, or the spec files of a folder.
fn disk_sources(path: &Path) -> Result<Vec<Source>, Failure> {
    if !path.exists() {
        return Err(Failure::Usage(format!(
            "{}: no such file or folder",
            path.display()
        )));
    }
    let files = if path.is_dir() {
        crate::load::spec_files(path)
            .map_err(|e| Failure::Usage(format!("{}: cannot read folder: {e}", path.display())))?
    } else {
        vec![path.to_path_buf()]
    };
    files
        .iter()
        .map(|file| Source::read(file).map_err(|d| Failure::Specs(d.into(), Vec::new())))
        .collect()
}

/// The spec files of folder `dir` as they are at revision `rev`, named `REV:dir/file.yaml`.
fn git_sources(rev: &str, dir: &Path) -> Result<Vec<Source>, Failure> {
    if rev.starts_with('-') {
        return Err(Failure::Usage(format!("`{rev}` is not a revision")));
    }
    if !dir.is_dir() {
        return Err(Failure::Usage(format!("{}: no such folder", dir.display())));
    }
    let listing = git(dir, &["ls-tree", "--name-only", rev, "--", "."])?;
    let mut sources = Vec::new();
    for name in listing.lines() {
        let is_yaml = matches!(
            Path::new(name).extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if !is_yaml {
            continue;
        }
        let text = git(dir, &["show", &format!("{rev}:./{name}")])?;
        if text.len() as u64 > crate::load::MAX_FILE_BYTES {
            return Err(Failure::Usage(format!(
                "{rev}:{name}: the file is over the size limit"
            )));
        }
        let shown = format!("{rev}:{}", dir.join(name).display());
        sources.push(Source::new(shown, text));
    }
    Ok(sources)
}

/// Runs git in `dir`, returning its output as text, or its complaint as a usage failure.
fn git(dir: &Path, args: &[&str]) -> Result<String, Failure> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Failure::Usage(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let complaint = String::from_utf8_lossy(&output.stderr);
        return Err(Failure::Usage(format!(
            "git {} failed: {}",
            args.join(" "),
            complaint.trim()
        )));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| Failure::Usage("a spec at the revision is not UTF-8".to_owned()))
}
