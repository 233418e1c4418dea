//! `errspec new ID`: a commented starter spec that passes `check` and builds.

use super::{OutDir, SpecDir};
use crate::{Diagnostics, TakenNames};
use std::path::{Component, Path};
use std::process::ExitCode;

/// The starter catalog; `{id}`, `{name}` and `{schema}` are filled in, `{{` and `}}` are braces.
const STARTER: &str = include_str!("starter.yaml");

/// Write a starter spec <spec folder>/ID.yaml: a commented catalog to edit
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 written, 1 ID is not a valid module name or the file \
                        exists, 2 usage or I/O error."
)]
pub(super) struct Args {
    /// The API's module name, in snake_case (`acme_payments` gives spec/acme_payments.yaml)
    id: String,
    #[command(flatten)]
    spec: SpecDir,
    /// Where `cargo errspec generate` writes the JSON Schema the new file's `$schema` line
    /// points at
    #[command(flatten)]
    out: OutDir,
}

pub(super) fn run(args: &Args) -> ExitCode {
    let spec_dir = &args.spec.spec_dir;
    let path = spec_dir.join(format!("{}.yaml", args.id));
    if let Err(problem) = valid_name(&path, spec_dir, &args.id) {
        super::check::report(&problem);
        return ExitCode::from(1);
    }
    if path.exists() {
        eprintln!(
            "{}: error: the file exists already; nothing was written",
            path.display()
        );
        return ExitCode::from(1);
    }
    let text = starter(&args.id, &schema_link(spec_dir, &args.out.out_dir));
    let written = std::fs::create_dir_all(spec_dir).and_then(|()| {
        // `create_new`: never overwrite, even a file made since the check above.
        use std::io::Write as _;
        std::fs::File::create_new(&path).and_then(|mut file| file.write_all(text.as_bytes()))
    });
    match written {
        Ok(()) => {
            println!("wrote {}", path.display());
            println!(
                "next: edit it, then `cargo build` (module `{}`) and `cargo errspec generate`",
                args.id
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}: error: cannot write: {error}", path.display());
            ExitCode::from(2)
        }
    }
}

/// The id must be a module name the build accepts: snake_case, not a keyword, not taken by
/// the crate.
fn valid_name(path: &Path, spec_dir: &Path, id: &str) -> Result<(), Diagnostics> {
    crate::validate::module_name(path).map_err(|d| Diagnostics(vec![d]))?;
    let taken = TakenNames::for_crate_at(spec_dir, crate::builder::INDEX_FILE);
    match taken.clash(id, path) {
        Some(problem) => Err(Diagnostics(vec![problem])),
        None => Ok(()),
    }
}

/// The starter text for `id`.
fn starter(id: &str, schema: &str) -> String {
    let name = heck::ToTitleCase::to_title_case(id);
    STARTER
        .replace("{id}", id)
        .replace("{name}", &name)
        .replace("{schema}", schema)
        .replace("{{", "{")
        .replace("}}", "}")
}

/// The schema's path as the `$schema` line needs it: relative to the spec folder when both
/// folders are relative, else absolute.
fn schema_link(spec_dir: &Path, out_dir: &Path) -> String {
    let schema = out_dir.join("errspec.schema.json");
    let plain = |p: &Path| {
        p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    };
    if plain(spec_dir) && plain(out_dir) {
        let depth = spec_dir
            .components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .count();
        let mut link = "../".repeat(depth);
        link.push_str(&schema.to_string_lossy());
        link
    } else {
        std::path::absolute(&schema)
            .unwrap_or(schema)
            .to_string_lossy()
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{schema_link, starter};
    use std::path::Path;

    #[test]
    fn the_schema_link_is_relative_to_the_spec_folder() {
        assert_eq!(
            schema_link(Path::new("spec"), Path::new("generated")),
            "../generated/errspec.schema.json"
        );
        assert_eq!(
            schema_link(Path::new("api/specs"), Path::new("out")),
            "../../out/errspec.schema.json"
        );
    }

    #[test]
    fn the_starter_fills_in_the_id_and_keeps_its_braces() {
        let text = starter("acme_payments", "../generated/errspec.schema.json");
        assert!(
            text.starts_with("# yaml-language-server: $schema=../generated/errspec.schema.json\n")
        );
        assert!(text.contains("  name: Acme Payments "));
        assert!(text.contains("reset: { name: X-RateLimit-Reset, format: unix_seconds }"));
        assert!(!text.contains("{id}") && !text.contains("{{"));
    }
}
