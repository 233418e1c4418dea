//! The layout of generated modules: each status and each code is one row on one line, in the
//! `errspec::statuses!` / `errspec::error_codes!` tables (its wire code, status and message read
//! at a glance), and everything around the tables is exactly what prettyplease prints, with blank
//! lines between items (`emit::text::spacing`). Checked for the seed catalogs, the hostile and
//! role fixtures, and synthetic catalogs on both sides of every size threshold (`from_wire` as a
//! `match` or a perfect hash).

use errspec_codegen::__internals::emit_rust::space_items;
use errspec_codegen::__internals::{Source, compile_source, emit_rust};
use std::path::Path;

#[allow(dead_code)]
use crate::synthetic;

/// `text` as Rust source escapes it in a string literal.
fn literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

fn assert_layout(source: &Source) {
    let api = compile_source(source).unwrap_or_else(|problems| panic!("{problems}"));
    let code = emit_rust::module(&api);
    let path = source.path.display();
    assert!(!code.contains("compile_error!"), "{path}: {code}");
    syn::parse_file(&code).unwrap_or_else(|e| panic!("{path}: {e}"));
    // One line per code, with its wire code, status and message.
    // A catalog of thousands of codes writes its rows as plain Rust (`emit/rows.rs`).
    let plain = code.contains("::errspec::error_code_accessors!");
    for error in &api.errors {
        let status = &api.statuses[error.status].rust_name;
        let row = if plain {
            format!(
                "::errspec::__private::CodeRow {{ wire: {}, status: Status::{status} as usize, message: {},",
                literal(&error.code),
                literal(&error.message)
            )
        } else {
            format!(
                "{} = {}, {status}, {}",
                error.rust_name,
                literal(&error.code),
                literal(&error.message)
            )
        };
        let rows = code
            .lines()
            .filter(|line| line.trim_start().starts_with(&row));
        assert_eq!(rows.count(), 1, "{path}: no single row `{row}`");
    }
    for status in &api.statuses {
        let row = format!("{} = ", status.rust_name);
        let title = format!(", {},", literal(&status.title));
        let found = code
            .lines()
            .filter(|l| l.trim_start().starts_with(&row) && l.contains(&title))
            .count();
        assert_eq!(found, 1, "{path}: no single row for status {}", status.key);
    }
    // Around the tables, prettyplease's layout: each top-level chunk that is not a macro call
    // reprints as itself, and so do the body's items inside `__with_serde!`.
    let body = code
        .split_once("\n\n")
        .map_or(code.as_str(), |(_, body)| body);
    for chunk in top_level_chunks(body) {
        let items = match chunk.strip_prefix("// The wire body needs serde") {
            Some(rest) => serde_items(rest),
            None if chunk.starts_with("::errspec::") || plain => continue,
            None => chunk.clone(),
        };
        let file = syn::parse_file(&items).unwrap_or_else(|e| panic!("{path}: {e}\n{items}"));
        let reprinted = space_items(&prettyplease::unparse(&file));
        assert_eq!(
            reprinted.trim_end(),
            items.trim_end(),
            "{path}: not prettyplease's layout"
        );
    }
}

/// The module's top-level chunks: runs of lines up to a blank line followed by a line at column
/// 0 that starts an item, a doc comment or a macro call.
fn top_level_chunks(text: &str) -> Vec<String> {
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    for line in text.lines() {
        if depth == 0 && line.is_empty() && !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
            continue;
        }
        current.push_str(line);
        current.push('\n');
        if !line.trim_start().starts_with("//") {
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// The items inside `::errspec::__with_serde! { ... }`, dedented, without the `wire_body!` call.
fn serde_items(chunk: &str) -> String {
    let inner = chunk
        .split_once("::errspec::__with_serde! {\n")
        .map_or("", |(_, inner)| inner);
    let inner = inner
        .split("    ::errspec::wire_body!")
        .next()
        .unwrap_or("");
    inner
        .lines()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

fn specs_in(folder: &str) -> Vec<Source> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(folder);
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no spec in {}", folder.display());
    paths
        .iter()
        .map(|p| Source::read(p).unwrap_or_else(|d| panic!("{d}")))
        .collect()
}

#[test]
fn seed_catalogs_are_rows_in_prettyplease_layout() {
    specs_in("spec").iter().for_each(assert_layout);
}

#[test]
fn hostile_and_role_fixtures_are_rows_in_prettyplease_layout() {
    specs_in("tests/hostile").iter().for_each(assert_layout);
    specs_in("tests/wire_role_specs")
        .iter()
        .for_each(assert_layout);
}

#[test]
fn synthetic_catalogs_of_every_size_are_rows_in_prettyplease_layout() {
    // 0: an empty enum; 16/17: around the `match` limit; 300+: two-byte offsets and a
    // perfect hash; 5,000 with hostile codes: three-byte offsets.
    for (count, seed) in [
        (0, 0),
        (1, 1),
        (3, 2),
        (16, 3),
        (17, 4),
        (300, 5),
        (5_000, 6),
    ] {
        let text = synthetic::spec(&format!("Synthetic {count}"), count, seed);
        assert_layout(&Source::new(format!("spec/synthetic_{count}.yaml"), text));
    }
    assert_layout(&Source::new("spec/wide.yaml", synthetic::wide_spec()));
}

#[test]
fn long_texts_and_class_ranges_stay_one_row_each() {
    // Long messages, and classes beside declared codes of their hundred.
    let long =
        "A message far too long to share its line with the pattern, as some APIs write them.";
    let spec = format!(
        "api: {{ name: Long arms }}\nstatuses:\n  400: {{ title: Bad Request, message: \"{long}\" }}\n  \
         404: {{ title: Not Found, message: \"{}\" }}\n  405: {{ title: Not Allowed, message: \"{}\" }}\n  \
         4xx: {{ title: Client Error }}\n  5xx: {{ title: Server Error, retry: backoff }}\nerrors:\n  \
         A: {{ status: 400, message: \"{long}\" }}\n",
        "x".repeat(47),
        "y".repeat(60),
    );
    assert_layout(&Source::new("spec/long_arms.yaml", spec));
}
