//! Stage 1: read spec files and parse the YAML into [`SpecFile`]s.
//!
//! The YAML parser runs with explicit budgets so that no file, however hostile (alias bombs,
//! 50,000-deep nesting, huge scalars, binary garbage), can exhaust memory or time: each is
//! refused with a located message. The budgets are against bombs, not against honest size: a
//! catalog of 50,000 error codes with descriptions (about 6 MB and 600,000 YAML values) is
//! accepted, while aliases, anchors, nesting and documents, which no honest catalog needs
//! many of, have tight limits of their own (see [`options`]).
//!
//! Parse errors are reported one per file: serde stops at the first problem of the syntax, so
//! a file whose YAML is malformed, or whose shape is wrong (an unknown key, a wrong type, a
//! missing key), reports that one problem; once the file parses, [`crate::validate`] reports
//! every remaining problem in one run. Duplicate keys are let through the parser wherever the
//! model keeps a mapping in order ([`crate::load::spec::OrderedMap`]), so that duplicate statuses,
//! codes and example fields are validation problems, reported with all the others.

pub(crate) mod role;
pub mod spec;
mod yaml_errors;
mod yaml_syntax;

use crate::diagnostic::rules::files::{FILE_EMPTY, PARSER_FAILED};
use crate::diagnostic::too_large;
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
pub use crate::diagnostic::{MAX_FILE_BYTES, Source};
use spec::SpecFile;
use std::path::{Path, PathBuf};
use yaml_errors::describe;

/// Most text the anchored values of a file may hold, in bytes: 1 MiB. With [`options`]'s
/// limit on aliases it bounds what aliases can copy, whatever the file's size.
pub const MAX_ANCHORED_BYTES: usize = 1024 * 1024;

/// Lists the `*.yaml` and `*.yml` files of `dir`, sorted by name so output never depends on
/// the order the file system returns them in.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if is_yaml && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The parser's settings and budgets, each chosen on purpose:
///
/// - duplicate keys are passed through to the model, which keeps every mapping whose keys
///   are data (statuses, codes, limits, body fields, examples) in order with duplicates, so
///   that validation reports them with the first occurrence; a duplicate key of a fixed
///   section (`title:` twice) is a parse error, located by `duplicate_field`;
/// - YAML 1.2 booleans only (`true`/`false`): `yes`, `no`, `on` and `off` stay text, as in
///   JSON and in every editor's schema check;
/// - one document per file;
/// - nesting at most 32 levels, block or flow (a spec needs 6, an example body a few more);
///   deserializing a level takes up to 40 KiB of stack in a debug build, so [`parse`] runs on a
///   thread of its own with a [`PARSE_STACK_BYTES`] stack, whatever thread it is called on;
/// - at most [`MAX_EVENTS`] parser events and [`MAX_NODES`] nodes (the largest seed has about
///   600 nodes; a catalog of 50,000 error codes, each with a description, a cause and a
///   resolution step, about 800,000), and scalars of at most [`MAX_FILE_BYTES`] in total;
/// - at most 64 aliases, replayed into at most 10,000 events in total and 8 levels of aliases
///   within aliases, which defuses alias bombs ("billion laughs"): the text aliases can copy
///   is bounded by 64 × [`MAX_ANCHORED_BYTES`];
/// - at most 1,000 anchors and 64 merge keys (`<<`).
pub fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_reader_input_bytes = Some(MAX_FILE_BYTES as usize);
    budget.max_documents = 1;
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_events = MAX_EVENTS;
    budget.max_nodes = MAX_NODES;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES as usize;
    budget.max_aliases = 64;
    budget.max_anchors = 1_000;
    budget.max_merge_keys = 64;
    budget.max_recorded_anchor_events = 100_000;
    budget.max_recorded_anchor_bytes = MAX_ANCHORED_BYTES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 10_000;
    options.alias_limits.max_replay_stack_depth = 8;
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::PassThrough;
    options.strict_booleans = true;
    // Diagnostics render their own snippets.
    options.with_snippet = false;
    options
}

/// Most YAML parser events (node starts and ends, scalars, aliases) in one file.
pub const MAX_EVENTS: usize = 4_000_000;

/// Most YAML nodes (mappings, lists and scalars) in one file.
pub const MAX_NODES: usize = 2_000_000;

/// Deepest nesting of mappings and lists accepted.
pub const MAX_DEPTH: usize = 32;

/// Stack of the parsing thread: ten times what [`MAX_DEPTH`] levels take in a debug build.
pub const PARSE_STACK_BYTES: usize = 16 * 1024 * 1024;

/// Parses one source into the syntax model.
///
/// Runs on a thread with a [`PARSE_STACK_BYTES`] stack, so that the deepest nesting the budget
/// lets through cannot overflow the caller's stack (test threads and build scripts have 2 to
/// 8 MiB). Should the thread fail to start, parsing happens on the calling thread.
pub fn parse(source: &Source) -> Result<SpecFile, Diagnostics> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("errspec-parse".to_owned())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(scope, || parse_here(source));
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(Diagnostic::new(&source.path, Position::new(1, 1, 1), &PARSER_FAILED).into())
            }),
            Err(_) => parse_here(source),
        }
    })
}

/// [`parse`] on the calling thread.
fn parse_here(source: &Source) -> Result<SpecFile, Diagnostics> {
    let path = &source.path;
    let text = source.text.as_str();
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, text.len() as u64).into());
    }
    if text.trim().is_empty() || is_only_comments(text) {
        return Err(Diagnostic::new(path, Position::new(1, 1, 1), &FILE_EMPTY).into());
    }
    serde_saphyr::from_str_with_options::<SpecFile>(text, options())
        .map_err(|e| describe(path, text, &e).into())
}

fn is_only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    })
}
