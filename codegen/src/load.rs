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
//! model keeps a mapping in order ([`crate::spec::OrderedMap`]), so that duplicate statuses,
//! codes and example fields are validation problems, reported with all the others.

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::spec::{OrderedMap, Spanned, SpecFile, Value};
use serde_saphyr::Error as YamlError;
use std::path::{Path, PathBuf};

/// Largest spec file accepted, in bytes: 32 MiB, five times a catalog of 50,000 codes.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Most text the anchored values of a file may hold, in bytes: 1 MiB. With [`options`]'s
/// limit on aliases it bounds what aliases can copy, whatever the file's size.
pub const MAX_ANCHORED_BYTES: usize = 1024 * 1024;

/// A spec file's text, read from disk or given in memory.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path used in messages and to derive the module name.
    pub path: PathBuf,
    /// The file's text; [`Source::new`] and [`Source::read`] turn lone `\r` line breaks into
    /// `\n` (see [`normalize_line_breaks`]).
    pub text: String,
}

impl Source {
    /// A source held in memory (tests, benchmarks, editors).
    ///
    /// A carriage return not followed by a line feed (old Mac line ends) becomes a line feed:
    /// YAML counts it as a line break, and so must every line number shown with the source.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: normalize_line_breaks(text.into()),
        }
    }

    /// Reads `path`, refusing files over [`MAX_FILE_BYTES`] and text that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, Diagnostic> {
        let size = std::fs::metadata(path)
            .map_err(|e| Diagnostic::io(path, format!("cannot read: {e}")))?
            .len();
        if size > MAX_FILE_BYTES {
            return Err(too_large(path, size));
        }
        // Read at most one byte past the limit, in case the file grew since `metadata`.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| {
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
                    &mut bytes,
                )
            })
            .map_err(|e| Diagnostic::io(path, format!("cannot read: {e}")))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(path, bytes.len() as u64));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_column(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
            Diagnostic::new(
                path,
                Position::new(line, column, 1),
                "file is not valid UTF-8 text (is it a binary file?)",
            )
            .with_help("a spec is a UTF-8 YAML text file")
        })?;
        Ok(Self::new(path, text))
    }
}

/// Turns lone `\r` line breaks into `\n`, leaving `\r\n` alone, so that lines counted by `\n`
/// are the lines the YAML parser counts.
pub fn normalize_line_breaks(text: String) -> String {
    let bytes = text.as_bytes();
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone_cr) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

fn too_large(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::new(
        path,
        Position::new(1, 1, 1),
        format!("file is {size} bytes; a spec may be at most {MAX_FILE_BYTES} bytes"),
    )
    .with_help("a spec describes one API: split unrelated APIs into files of their own")
}

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
                Err(Diagnostic::new(
                    &source.path,
                    Position::new(1, 1, 1),
                    "internal error: the YAML parser failed on this file",
                )
                .with_help("please report this file to the errspec maintainers")
                .into())
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
        return Err(
            Diagnostic::new(path, Position::new(1, 1, 1), "spec file is empty")
                .with_help("a spec needs at least `api:` with a `name:`, such as `api: { name: Acme Payments }`")
                .into(),
        );
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

/// Turns a YAML or shape error into a located diagnostic that says what is wrong in the spec's
/// own terms, with a fix where one is known.
fn describe(path: &Path, text: &str, error: &YamlError) -> Diagnostic {
    let position = error
        .location()
        .map(Position::from)
        .filter(Position::is_known)
        .unwrap_or(Position::new(1, 1, 1));
    let at = |message: String| Diagnostic::new(path, position, message);
    match error {
        YamlError::WithSnippet { error, .. } => describe(path, text, error),
        YamlError::AliasError {
            error, locations, ..
        } => {
            let mut d = describe(path, text, error);
            let defined = Position::from(locations.defined_location);
            if defined.is_known() && defined != d.position {
                d.notes.push(crate::diagnostic::Note {
                    position: defined,
                    message: "the aliased value is defined here".into(),
                });
            }
            d
        }
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let d = at(format!("unknown key `{field}`"));
            match crate::naming::did_you_mean(field, expected.iter().copied()) {
                Some(best) => d.with_help(format!(
                    "did you mean `{best}`? keys allowed here: {}",
                    expected.join(", ")
                )),
                None => d.with_help(format!("keys allowed here: {}", expected.join(", "))),
            }
        }
        YamlError::SerdeMissingField { field, .. } => missing_key(path, text, position, field),
        YamlError::Message { msg, .. } => match msg
            .strip_prefix("duplicate field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            Some(field) => duplicate_field(path, text, position, field),
            None => at(msg.clone()),
        },
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            duplicate_field(path, text, position, key)
        }
        YamlError::Unexpected { expected, .. } => {
            let want = match *expected {
                "string scalar" | "string" | "scalar" => "text",
                "mapping start" | "map" => "a mapping of `key: value` entries",
                "sequence start" | "seq" => "a list",
                other => other,
            };
            wrong_type(path, text, position, want)
        }
        YamlError::InvalidScalar { ty, .. } => {
            let want = match *ty {
                "bool" => "true or false",
                t if t.starts_with('i') || t.starts_with('u') => "a whole number",
                t if t.starts_with('f') => "a number",
                other => other,
            };
            wrong_type(path, text, position, want)
        }
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | YamlError::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => {
            let mut d = wrong_type(path, text, position, expected);
            d.message = format!("{}, found {unexpected}", d.message);
            d
        }
        YamlError::NullIntoString { .. } => wrong_type(path, text, position, "text"),
        YamlError::Budget { breach, .. } => budget(path, position, breach),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => at(
            "aliases expand to too much: a spec may copy at most 10,000 YAML events through aliases, 8 aliases deep"
                .into(),
        )
        .with_help("write the repeated values out, or share fewer of them through `&anchor`/`*alias`"),
        YamlError::UnknownAnchor { .. } => at("alias names an anchor that is not defined".into())
            .with_help("define the anchor with `&name` before using it as `*name`"),
        YamlError::MultipleDocuments { .. } => {
            at("a spec file holds one YAML document, but this file has more".into())
                .with_help("remove the `---` separator, or move the second API into a file of its own")
        }
        YamlError::Eof { .. } => at("the file ends in the middle of a value".into()),
        YamlError::InvalidUtf8Input => at("file is not valid UTF-8 text".into()),
        other => {
            let message = plain_message(other);
            let mut d = at(message.clone());
            if message.contains("recursion limit") || message.contains("nesting") {
                d.message = "the file nests deeper than 32 levels".to_owned();
                d = d.with_help(
                    "a spec needs a handful of levels: check the indentation and the brackets",
                );
            } else if message.contains("tab") {
                d = d.with_help("indent with spaces: YAML does not allow tabs in indentation");
            } else if message.contains("control character") || message.contains("invalid character") {
                d = d.with_help("a spec is a YAML text file: is this a binary file?");
            }
            d
        }
    }
}

/// The message without the parser's " at line 3, column 5" suffix.
fn plain_message(error: &YamlError) -> String {
    let text = error.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let trimmed = match first.rfind(" at line ") {
        Some(i) if first[i..].contains(", column ") => &first[..i],
        _ => first,
    };
    trimmed.to_owned()
}

fn budget(
    path: &Path,
    position: Position,
    breach: &serde_saphyr::budget::BudgetBreach,
) -> Diagnostic {
    use serde_saphyr::budget::BudgetBreach as B;
    let (what, help) = match breach {
        B::Depth { .. } => (
            "the file nests deeper than 32 levels".to_owned(),
            "a spec needs a handful of levels: check the indentation and the brackets",
        ),
        B::Aliases { .. } | B::AliasAnchorRatio { .. } => (
            "the file uses more than 64 aliases".to_owned(),
            "write the repeated values out instead of `*alias`",
        ),
        B::Anchors { .. } => (
            "the file defines more than 1,000 anchors".to_owned(),
            "a spec needs few `&anchor`s, if any",
        ),
        B::Documents { .. } => (
            "a spec file holds one YAML document, but this file has more".to_owned(),
            "remove the `---` separator, or move the second API into a file of its own",
        ),
        B::MergeKeys { .. } => (
            "the file uses more than 64 merge keys (`<<`)".to_owned(),
            "write the shared keys out",
        ),
        B::Nodes { .. } => (
            format!(
                "the file has more than {MAX_NODES} YAML values; a spec may have at most that many"
            ),
            "a spec describes one API: split unrelated APIs into files of their own",
        ),
        B::Events { .. } => (
            format!(
                "the file has more than {MAX_EVENTS} YAML parser events; a spec may have at most that many"
            ),
            "a spec describes one API in a few pages of YAML: split unrelated APIs into files of their own",
        ),
        B::ScalarBytes { .. } | B::InputBytes { .. } => (
            format!("the file's text exceeds {MAX_FILE_BYTES} bytes"),
            "a spec describes one API in a few pages of YAML",
        ),
        _ => (
            "the file is too large or too complex to be a spec".to_owned(),
            "a spec describes one API in a few pages of YAML",
        ),
    };
    Diagnostic::new(path, position, what).with_help(help)
}

/// "expected X" for the value at `position`, naming its key and what was found when the
/// source shows them.
fn wrong_type(path: &Path, text: &str, position: Position, want: &str) -> Diagnostic {
    let mut message = match key_before(text, position) {
        Some(key) => format!("`{key}` must be {want}"),
        None => format!("expected {want} here"),
    };
    if let Some(found) = found_at(text, position) {
        message = format!("{message}, not {found}");
    }
    Diagnostic::new(path, position, message)
}

/// What the source holds at `position`: a list, a mapping, or a scalar's text.
fn found_at(text: &str, position: Position) -> Option<String> {
    let line = text.lines().nth(position.line.checked_sub(1)? as usize)?;
    let rest: String = line
        .chars()
        .skip(position.column.saturating_sub(1) as usize)
        .collect();
    let rest = rest.trim_end();
    match rest.chars().next()? {
        '[' => Some("a list".into()),
        '{' => Some("a mapping".into()),
        '-' if rest.starts_with("- ") || rest == "-" => Some("a list".into()),
        _ => {
            let scalar: String = rest.chars().take(position.len.max(1) as usize).collect();
            (scalar.chars().count() <= 40 && !scalar.contains(": ")).then(|| format!("`{scalar}`"))
        }
    }
}

/// A mapping without a required key: pointed at the key that owns the mapping when the source
/// shows one (`400:` for a status without `title:`), else at the mapping.
fn missing_key(path: &Path, text: &str, position: Position, field: &str) -> Diagnostic {
    let (position, message) = match owner_key(text, position) {
        Some((owner, at)) => (
            at,
            format!("`{owner}` is missing the required key `{field}`"),
        ),
        None => (position, format!("missing the required key `{field}`")),
    };
    Diagnostic::new(path, position, message).with_help(format!("add `{field}: ...`"))
}

/// The key written just before `position` on the same line (`title: [a]` → `title`).
fn key_before(text: &str, position: Position) -> Option<String> {
    let line = text.lines().nth(position.line.checked_sub(1)? as usize)?;
    let before: String = line
        .chars()
        .take(position.column.saturating_sub(1) as usize)
        .collect();
    let before = before.trim_end().strip_suffix(':')?;
    let key = before
        .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ',' || c == '-')
        .next()?
        .trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then(|| key.to_owned())
}

/// For a mapping starting at `position`, the key whose value it is and where that key is: on
/// the same line (`400: { ... }`) or on the nearest less-indented line above (`400:`).
fn owner_key(text: &str, position: Position) -> Option<(String, Position)> {
    let lines: Vec<&str> = text.lines().collect();
    let index = position.line.checked_sub(1)? as usize;
    let line = lines.get(index)?;
    if let Some(key) = key_before(text, position) {
        let column = line.find(key.as_str())?;
        let column = line[..column].chars().count() as u32 + 1;
        return Some((
            key.clone(),
            Position::new(position.line, column, key.chars().count() as u32),
        ));
    }
    let indent = position.column.saturating_sub(1) as usize;
    let above = (0..index).rev().find(|&i| {
        let l = lines[i];
        let content = l.trim_start();
        !content.is_empty() && !content.starts_with('#') && l.len() - content.len() < indent
    })?;
    let l = lines[above];
    let content = l.trim_start().trim_start_matches("- ").trim_end();
    let key = content
        .strip_suffix(':')?
        .trim_matches(|c| c == '"' || c == '\'');
    if key.is_empty() || key.contains(": ") {
        return None;
    }
    let column = l.find(key)?;
    let column = l[..column].chars().count() as u32 + 1;
    Some((
        key.to_owned(),
        Position::new(above as u32 + 1, column, key.chars().count() as u32),
    ))
}

/// A key given twice in a fixed section: serde reports it at the mapping, so the mapping is
/// read again as plain YAML to find both occurrences.
fn duplicate_field(path: &Path, text: &str, position: Position, field: &str) -> Diagnostic {
    let message = format!("key `{field}` is given twice in the same mapping");
    let found = serde_saphyr::from_str_with_options::<Spanned<Value>>(text, options())
        .ok()
        .and_then(|root| find_duplicate(&root, field, position));
    match found {
        Some((first, second)) => Diagnostic::new(path, second, message)
            .with_note(first, "first given here")
            .with_help("remove one of them"),
        None => Diagnostic::new(path, position, message).with_help("remove one of them"),
    }
}

/// The first and second occurrence of `field` in the mapping nearest to `near` that has it
/// twice.
fn find_duplicate(
    root: &Spanned<Value>,
    field: &str,
    near: Position,
) -> Option<(Position, Position)> {
    let mut candidates = Vec::new();
    collect_duplicates(root, field, &mut candidates);
    candidates.into_iter().min_by_key(|(first, _)| {
        (
            first.line.abs_diff(near.line),
            first.column.abs_diff(near.column),
        )
    })
}

fn collect_duplicates(value: &Spanned<Value>, field: &str, out: &mut Vec<(Position, Position)>) {
    match &value.value {
        Value::Map(OrderedMap(entries)) => {
            let mut same = entries
                .iter()
                .filter(|(k, _)| k.value == field)
                .map(|(k, _)| Position::from(k.referenced));
            if let (Some(first), Some(second)) = (same.next(), same.next()) {
                out.push((first, second));
            }
            for (_, v) in entries {
                collect_duplicates(v, field, out);
            }
        }
        Value::List(items) => {
            for item in items {
                collect_duplicates(item, field, out);
            }
        }
        _ => {}
    }
}
/// 1-based line and column just after `prefix`.
fn line_column(prefix: &[u8]) -> (u32, u32) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}
