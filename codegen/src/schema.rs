//! The JSON Schema of the spec format, for editors.
//!
//! Spec files start with `# yaml-language-server: $schema=../generated/errspec.schema.json`, so
//! editors with a YAML language server complete keys, show each key's documentation and flag
//! typos while typing. The schema is generated with schemars from the syntax model in
//! [`crate::load::spec`] (its doc comments become the descriptions), and the fixed vocabularies (retry
//! policies, scopes, body roles, header formats) come from the tables the validator reads, so
//! neither can drift from what the loader and the validator accept. The checked-in copy,
//! `generated/errspec.schema.json`, is kept fresh by a test.
//!
//! The schema is a help while typing, not the validator: rules that need more than one value
//! (does this code's status exist?) are only checked by `errspec check` and the build. Its
//! descriptions say what the reference of the format, `docs/spec-format.md`, says.

use crate::load::spec::SpecFile;
use schemars::generate::SchemaSettings;

/// Where the checked-in schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "generated/errspec.schema.json";

/// The JSON Schema of a spec file, pretty-printed with a final newline; the same bytes on every
/// call. Draft 7, the draft YAML language servers support best.
pub fn json_schema() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<SpecFile>();
    schema.insert("title".to_owned(), "errspec API error catalog".into());
    schema.insert(
        "description".to_owned(),
        "One HTTP API's status codes, error codes and limits (spec/<id>.yaml). \
         The format is described in docs/spec-format.md."
            .into(),
    );
    // A Schema always serializes; fall back to `true` (accept anything) rather than panic.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "true".to_owned());
    text.push('\n');
    text
}
