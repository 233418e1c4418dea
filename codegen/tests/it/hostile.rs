//! Files nobody should write, and some will: each is refused with a clear, located message and
//! never a panic. The inputs are generated here; nothing large is checked in. Their cost is
//! bounded by the loader's budgets (`load::options`), which stop each one early.

use errspec_codegen::__internals::{Source, compile_source};
use errspec_codegen::Diagnostics;
use std::path::{Path, PathBuf};

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).expect("folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The problems of an in-memory spec, which must be rejected.
fn rejected(text: &str) -> Diagnostics {
    match compile_source(&Source::new("spec/hostile.yaml", text)) {
        Ok(_) => panic!("accepted a hostile spec"),
        Err(problems) => problems,
    }
}

/// One located problem, breaking the rule `rule` (an id of the registry).
fn assert_one_located(problems: &Diagnostics, rule: &str) {
    assert_eq!(problems.0.len(), 1, "{problems}");
    let d = &problems.0[0];
    assert!(d.position.is_known(), "unlocated: {d}");
    assert_eq!(d.rule.id, rule, "{d}");
    // Rendering the report must work on the same input.
    let report = problems.render(false);
    assert!(report.starts_with("spec/hostile.yaml:"), "{report}");
}

/// Deterministic pseudo-random bytes (xorshift), so a failure can be replayed.
fn garbage(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed.to_le_bytes()[3]
        })
        .collect()
}

#[test]
fn binary_garbage_is_not_text() {
    let path = temp_file("garbage.yaml", &garbage(4096, 0x5eed));
    let d = Source::read(&path).expect_err("garbage is not UTF-8");
    assert!(d.position.is_known());
    assert_eq!(d.rule.id, "file-not-utf8", "{d}");
}

#[test]
fn control_characters_are_refused() {
    let text: String = "api:\n  name: \u{0}\u{1}\u{7f}\u{1b}[31m\n".to_owned();
    let problems = rejected(&text);
    assert_one_located(&problems, "yaml-syntax");
    // The terminal never sees the escape character.
    assert!(!problems.render(false).contains('\u{1b}'));
}

#[test]
fn garbage_that_is_valid_utf8_is_a_located_error() {
    for seed in 1..50 {
        let bytes = garbage(2048, seed);
        let text = String::from_utf8_lossy(&bytes);
        let problems = rejected(&text);
        assert!(problems.iter().all(|d| d.position.is_known()), "{problems}");
    }
}

#[test]
fn tabs_in_indentation_are_explained() {
    let problems = rejected("api:\n\tname: Acme\n");
    assert_one_located(&problems, "yaml-tab-indent");
    assert!(
        problems.0[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("spaces")
    );
}

/// Nine levels of ten aliases each: a billion `lol`s if expanded.
#[test]
fn an_alias_bomb_is_defused() {
    let mut text = String::from("api:\n  name: Acme\n  docs:\n    front_matter:\n");
    text.push_str("      a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in ('a'..='h').zip('b'..='i') {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        text.push_str(&format!("      {name}: &{name} [{refs}]\n"));
    }
    assert_one_located(&rejected(&text), "yaml-aliases-expand");
}

/// Few aliases, but each doubles the one before: 2^30 events if expanded.
#[test]
fn a_doubling_alias_chain_is_defused() {
    let mut text =
        String::from("api:\n  name: Acme\n  docs:\n    front_matter:\n      k0: &k0 [x]\n");
    for i in 1..30 {
        text.push_str(&format!("      k{i}: &k{i} [*k{}, *k{}]\n", i - 1, i - 1));
    }
    let problems = rejected(&text);
    assert_one_located(&problems, "yaml-aliases-expand");
}

#[test]
fn fifty_thousand_deep_nesting_is_refused() {
    let depth = 50_000;
    let flow_list = format!(
        "api:\n  name: Acme\n  docs:\n    front_matter:\n      x: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let flow_map = format!(
        "api:\n  name: Acme\n  docs:\n    front_matter:\n      x: {}1{}\n",
        "{a: ".repeat(depth),
        "}".repeat(depth)
    );
    let block_list = format!(
        "api:\n  name: Acme\n  docs:\n    front_matter:\n      x: \n        {}x\n",
        "- ".repeat(depth)
    );
    for text in [flow_list, flow_map, block_list] {
        let problems = rejected(&text);
        assert_one_located(&problems, "yaml-too-deep");
    }
}

#[test]
fn a_fifty_megabyte_file_is_refused_unread() {
    let line = "  - just another line of a very long file\n";
    let big = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    let path = temp_file("huge.yaml", big.as_bytes());
    let d = Source::read(&path).expect_err("too large");
    assert_eq!(d.rule.id, "file-too-large", "{d}");
    assert!(d.position.is_known());
    // The same text handed over in memory is refused before parsing.
    let problems = rejected(&big);
    assert_one_located(&problems, "file-too-large");
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_file_of_many_tiny_nodes_hits_the_node_budget() {
    // 2,100,000 one-digit items in 4 MB: under the size limit, over the node budget.
    let text = format!(
        "api:\n  name: Acme\n  docs:\n    front_matter:\n      x: [{}]\n",
        vec!["1"; 2_100_000].join(",")
    );
    let problems = rejected(&text);
    assert_one_located(&problems, "yaml-nodes");
}

use crate::synthetic;

#[test]
fn numbers_above_i64_are_kept_exactly_not_clamped() {
    use errspec_codegen::__internals::model::LimitValue;
    let text = "api:\n  name: Acme\nlimits:\n  max_bytes:\n    value: 18446744073709551615\n";
    let api = compile_source(&Source::new("spec/hostile.yaml", text))
        .unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(api.limits[0].value, LimitValue::Count(u64::MAX));

    let problems =
        rejected("api:\n  name: Acme\nstatuses:\n  18446744073709551615:\n    title: Huge\n");
    assert_one_located(&problems, "status-out-of-range");
    assert!(
        problems.0[0]
            .message
            .starts_with("status 18446744073709551615 is out of range"),
        "{problems}"
    );
}

#[test]
fn an_honest_catalog_of_fifty_thousand_codes_in_one_file_is_accepted() {
    let text = synthetic::spec("Big", 50_000, 0);
    assert!(text.len() > 5_000_000, "{} bytes", text.len());
    let path = temp_file("big.yaml", text.as_bytes());
    let source = Source::read(&path).unwrap_or_else(|d| panic!("{d}"));
    let api = compile_source(&source).unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(api.errors.len(), 50_000);
    let _ = std::fs::remove_file(path);
}

#[test]
fn several_documents_are_refused() {
    let problems = rejected("api:\n  name: Acme\n---\napi:\n  name: Other\n");
    assert_one_located(&problems, "yaml-documents");
}
