//! `errspec new ID`: a commented starter spec that passes `check` and builds.

use super::{OutDir, SpecDir};
use crate::TakenNames;
use std::path::{Component, Path, PathBuf};
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
    /// Where the JSON Schema the new file's `$schema` line points at is: written there when
    /// missing, as `cargo errspec generate` writes it
    #[command(flatten)]
    out: OutDir,
}

pub(super) fn run(args: &Args) -> ExitCode {
    let spec_dir = &args.spec.spec_dir;
    let path = spec_dir.join(format!("{}.yaml", args.id));
    if let Err(problem) = valid_id(spec_dir, &args.id) {
        errln!("error: {}; nothing was written", problem.message);
        errln!("  = help: {}", problem.help);
        return ExitCode::from(1);
    }
    if path.exists() {
        errln!(
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
            outln!("wrote {}", path.display());
            match write_schema(&args.out.out_dir) {
                Ok(Some(schema)) => outln!(
                    "wrote {} (the JSON Schema its `$schema` line points at, for editors)",
                    schema.display()
                ),
                Ok(None) => {}
                Err((schema, error)) => {
                    errln!(
                        "{}: warning: cannot write the JSON Schema the `$schema` line points at: \
                         {error}; `cargo errspec generate` writes it",
                        schema.display()
                    );
                }
            }
            outln!(
                "next: edit it, then `cargo build` (module `{}`) and `cargo errspec generate`",
                args.id
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            errln!("{}: error: cannot write: {error}", path.display());
            ExitCode::from(2)
        }
    }
}

/// Why an id cannot be used, and which to use instead.
#[derive(Debug, PartialEq)]
struct IdProblem {
    message: String,
    help: String,
}

/// The id must be a module name the build accepts: snake_case, not a keyword, not `index`,
/// not taken by the crate. These are the rules the build applies to the file's name; since
/// `new` names the file after the id, the problem is told about the id, with one to use
/// instead.
fn valid_id(spec_dir: &Path, id: &str) -> Result<(), IdProblem> {
    let path = spec_dir.join(format!("{id}.yaml"));
    let taken = TakenNames::for_crate_at(spec_dir, crate::builder::INDEX_FILE);
    let free = |candidate: &str| {
        let path = spec_dir.join(format!("{candidate}.yaml"));
        crate::validate::module_name(&path).is_ok()
            && taken.clash(candidate, &path).is_none()
            && !path.exists()
    };
    // `candidate`, or `candidate_api`, when one of them can be used.
    let instead = |candidate: &str| {
        let found = [candidate.to_owned(), format!("{candidate}_api")]
            .into_iter()
            .find(|c| !candidate.is_empty() && free(c));
        match found {
            Some(c) => format!(
                "use `{c}` instead, which writes {}",
                spec_dir.join(format!("{c}.yaml")).display()
            ),
            None => "choose an id in snake_case: lowercase ASCII letters, digits and `_`, \
                     starting with a letter, and not a Rust keyword"
                .to_owned(),
        }
    };
    if id == "index" {
        return Err(IdProblem {
            message: "the id `index` is taken by the docs index page (docs/index.md)".to_owned(),
            help: instead("index_api"),
        });
    }
    if crate::validate::module_name(&path).is_err() {
        let snake = heck::ToSnakeCase::to_snake_case(id);
        let starts_with_a_letter = snake.starts_with(|c: char| c.is_ascii_lowercase());
        let help = instead(if starts_with_a_letter { &snake } else { "" });
        return Err(IdProblem {
            message: format!(
                "`{id}` is not a valid id: it names the spec file and the Rust module `cargo build` \
                 generates from it, so it must be snake_case and not a Rust keyword"
            ),
            help,
        });
    }
    if taken.clash(id, &path).is_some() {
        let root = taken.root.as_deref().unwrap_or(spec_dir).display();
        return Err(IdProblem {
            message: format!("the module name `{id}` is already taken in this crate"),
            help: format!(
                "`{root}` has an item `{id}` beside the generated modules; {}",
                instead(&format!("{id}_api"))
            ),
        });
    }
    Ok(())
}

/// Writes the JSON Schema into `out_dir` when it is not there yet, so that the new file's
/// `$schema` line points at a file before `generate` first runs: the path written, `None`
/// when it was there already.
fn write_schema(out_dir: &Path) -> Result<Option<PathBuf>, (PathBuf, std::io::Error)> {
    let schema = out_dir.join(crate::artifacts::SCHEMA_FILE);
    if schema.exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(out_dir)
        .and_then(|()| std::fs::write(&schema, crate::schema::json_schema()))
        .map(|()| Some(schema.clone()))
        .map_err(|e| (schema, e))
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
    let schema = out_dir.join(crate::artifacts::SCHEMA_FILE);
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
