//! `errspec`: check specs and generate the published artifacts.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: errspec check [PATH...]       validate specs (default: spec/)
       errspec generate [--check] [--templates DIR]
                                     write generated/ from spec/; --check writes nothing
                                     and fails when generated/ is stale; the docs templates
                                     come from DIR, else spec/templates/ when it exists,
                                     else the built-in ones

exit status: 0 ok, 1 invalid spec or stale output, 2 usage or I/O error";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Colour only on a terminal, and never with `NO_COLOR` set (to anything but the empty string,
/// as <https://no-color.org> asks).
fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `errspec check [PATH...]`: validates and writes nothing. Exit 0 when every spec is valid,
/// 1 when one is not, 2 for usage and I/O errors (a path that does not exist, a folder without
/// specs, a file that cannot be read).
fn check(args: &[String]) -> ExitCode {
    if let Some(flag) = args.iter().find(|a| a.starts_with('-')) {
        eprintln!("errspec check: unknown option `{flag}`\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let paths: Vec<PathBuf> = if args.is_empty() {
        vec![PathBuf::from("spec")]
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    for path in &paths {
        if !path.exists() {
            eprintln!("{}: error: no such file or folder", path.display());
            return ExitCode::from(2);
        }
        if path.is_dir()
            && errspec_codegen::load::spec_files(path).is_ok_and(|files| files.is_empty())
        {
            eprintln!(
                "{}: error: no spec files (*.yaml, *.yml) in this folder",
                path.display()
            );
            return ExitCode::from(2);
        }
    }
    match errspec_codegen::compile_paths(&paths) {
        Ok(apis) => {
            for api in &apis {
                println!(
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
            eprint!("{}", problems.render(use_color()));
            let files: std::collections::BTreeSet<_> = problems.iter().map(|d| &d.path).collect();
            eprintln!(
                "error: {} problem{} in {} file{}",
                problems.0.len(),
                if problems.0.len() == 1 { "" } else { "s" },
                files.len(),
                if files.len() == 1 { "" } else { "s" },
            );
            ExitCode::from(if problems.has_io_errors() { 2 } else { 1 })
        }
    }
}

/// The options of `errspec generate`.
struct GenerateOptions {
    check: bool,
    templates: Option<PathBuf>,
}

fn parse_generate(args: &[String]) -> Result<GenerateOptions, String> {
    let mut options = GenerateOptions {
        check: false,
        templates: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--templates" => match args.next() {
                Some(dir) => options.templates = Some(PathBuf::from(dir)),
                None => return Err("`--templates` needs a folder".to_owned()),
            },
            other => match other.strip_prefix("--templates=") {
                Some(dir) => options.templates = Some(PathBuf::from(dir)),
                None => return Err(format!("unexpected argument `{other}`")),
            },
        }
    }
    Ok(options)
}

fn generate(args: &[String]) -> ExitCode {
    use errspec_codegen::artifacts::{self, Error};

    let options = match parse_generate(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("errspec generate: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let spec_dir = PathBuf::from("spec");
    let out_dir = PathBuf::from(artifacts::OUT_DIR);
    let files = match artifacts::generate(&spec_dir, options.templates.as_deref()) {
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
    if options.check {
        return match artifacts::stale(&out_dir, &files) {
            Ok(stale) if stale.is_empty() => {
                println!(
                    "{}/ is up to date ({} files)",
                    out_dir.display(),
                    files.len()
                );
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                eprint!("{}", artifacts::stale_report(&stale));
                ExitCode::from(1)
            }
            Err(error) => {
                eprint!("{}", error.render(use_color()));
                ExitCode::from(2)
            }
        };
    }
    match artifacts::write(&out_dir, &files) {
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
