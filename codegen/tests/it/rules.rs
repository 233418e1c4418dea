//! Every rule of the registry (`codegen/src/diagnostic/rules`) is broken by a bad spec that
//! reports it, with the registry's message and help filled with the fixture's values, at the
//! exact line and column, naming the other place where there is one. The fixtures are under
//! `tests/fixtures/bad/`, listed in `rules/*_cases.rs`; rules that a fixture cannot break are
//! checked by the tests named in [`COVERED_ELSEWHERE`]. The reference's table of rules is
//! generated from the registry and checked here too.

mod catalog_cases;
mod files_cases;
mod limits_cases;

use errspec_codegen::__internals::rules::{self, Message, Rule, TABLE_END, TABLE_START};
use errspec_codegen::__internals::{Source, compile_source, compile_sources};
use errspec_codegen::Diagnostics;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

fn problems(name: &str) -> Diagnostics {
    let path = fixture(name);
    let source = match Source::read(&path) {
        Ok(source) => source,
        Err(d) => return d.into(),
    };
    match compile_source(&source) {
        Ok(_) => panic!("{name} should be rejected"),
        Err(d) => d,
    }
}

/// One fixture and what it must report.
struct Case {
    file: &'static str,
    /// The id of the rule it breaks.
    rule: &'static str,
    /// Line and column of the problem.
    at: (u32, u32),
    /// The line of the note that names the other place, if the rule has one.
    note_line: Option<u32>,
    /// The values the rule's holes are filled with.
    holes: &'static [(&'static str, &'static str)],
}

fn cases() -> impl Iterator<Item = &'static Case> {
    [
        files_cases::FILES,
        catalog_cases::CATALOG,
        limits_cases::LIMITS,
    ]
    .into_iter()
    .flatten()
}

/// Rules no fixture breaks, and the test that checks each (by its id).
const COVERED_ELSEWHERE: &[(&str, &str)] = &[
    (
        "file-too-large",
        "hostile::a_fifty_megabyte_file_is_refused_unread",
    ),
    (
        "yaml-aliases-expand",
        "hostile::a_doubling_alias_chain_is_defused",
    ),
    (
        "yaml-nodes",
        "hostile::a_file_of_many_tiny_nodes_hits_the_node_budget",
    ),
    ("module-twice", "rules::two_files_of_one_module_are_refused"),
    (
        "module-taken",
        "builder::a_module_name_the_crate_uses_beside_the_include_is_refused_and_nothing_is_written",
    ),
    (
        "file-unreadable",
        "rules::a_file_that_cannot_be_read_is_an_io_error",
    ),
    (
        "yaml-anchors",
        "rules::budgets_of_anchors_and_merge_keys_are_reported",
    ),
    (
        "yaml-merge-keys",
        "rules::budgets_of_anchors_and_merge_keys_are_reported",
    ),
];

/// Rules no test breaks yet, and why: each is a gap to close, not a place to hide a rule.
const NOT_YET_COVERED: &[(&str, &str)] = &[
    (
        "folder-unreadable",
        "needs a folder the test user cannot read",
    ),
    (
        "parser-failed",
        "an internal error: the parser thread panicked",
    ),
    (
        "value-invalid",
        "no spec found yet that serde refuses as an invalid value rather than a wrong type",
    ),
    (
        "yaml-tab",
        "the tabs the parser reports are located by yaml-tab-indent first",
    ),
    (
        "yaml-binary",
        "control characters reach the parser as other syntax errors",
    ),
    (
        "yaml-key-expected",
        "the misindented keys the parser reports are located by yaml-indent-* first",
    ),
    (
        "yaml-eof",
        "no spec found yet that ends the parser's input in the middle of a value",
    ),
    (
        "yaml-not-utf8",
        "Source::read refuses such a file first, as file-not-utf8",
    ),
    (
        "yaml-bracket-unclosed",
        "the unclosed brackets found so far are found in the text first, as yaml-bracket-runs-on",
    ),
    (
        "yaml-indent-too-far",
        "no spec found yet whose key has no key above it",
    ),
    (
        "yaml-events",
        "the node budget is reached first by the inputs tried",
    ),
    ("yaml-text-bytes", "the file size limit is reached first"),
    ("yaml-too-complex", "budgets serde-saphyr may add later"),
    (
        "example-envelope-not-mapping",
        "reported together with example-envelope-missing, so no fixture has it alone",
    ),
];

/// The registry's message and help for `case`, filled with its values.
fn expected(case: &Case, rule: &'static Rule) -> (String, Option<String>) {
    let message = case
        .holes
        .iter()
        .fold(Message::from(rule), |m, (hole, value)| m.with(hole, value));
    message.texts()
}

#[test]
fn every_fixture_reports_its_rule_at_the_exact_place() {
    let mut failures = Vec::new();
    for case in cases() {
        let Some(rule) = rules::by_id(case.rule) else {
            failures.push(format!("{}: no rule `{}`", case.file, case.rule));
            continue;
        };
        let (message, help) = expected(case, rule);
        let found = problems(case.file);
        let path = fixture(case.file);
        let (line, column) = case.at;
        let want = format!("{}:{line}:{column}: error: {message}", path.display());
        let headlines: Vec<String> = found.iter().map(ToString::to_string).collect();
        if headlines != [want.clone()] {
            failures.push(format!(
                "{}:\n  expected {want}\n  got      {}",
                case.file,
                headlines.join("\n           ")
            ));
            continue;
        }
        let d = &found.0[0];
        if d.rule.id != case.rule {
            failures.push(format!(
                "{}: rule {}, expected {}",
                case.file, d.rule.id, case.rule
            ));
        }
        let note_lines: Vec<u32> = d.notes.iter().map(|n| n.position.line).collect();
        if note_lines != case.note_line.into_iter().collect::<Vec<_>>() {
            failures.push(format!(
                "{}: notes at lines {note_lines:?}, expected {:?}",
                case.file, case.note_line
            ));
        }
        if d.help != help {
            failures.push(format!(
                "{}: help {:?}, expected {help:?}",
                case.file, d.help
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_fixture_or_a_test_that_covers_it() {
    let mut unchecked = Vec::new();
    for rule in rules::all() {
        let by_fixture = cases().any(|c| c.rule == rule.id);
        let elsewhere = COVERED_ELSEWHERE.iter().any(|(id, _)| *id == rule.id);
        let gap = NOT_YET_COVERED.iter().any(|(id, _)| *id == rule.id);
        match (by_fixture || elsewhere, gap) {
            (false, false) => unchecked.push(format!("{}: add a fixture", rule.id)),
            (true, true) => unchecked.push(format!(
                "{}: covered now, drop it from NOT_YET_COVERED",
                rule.id
            )),
            _ => {}
        }
    }
    for (id, _) in COVERED_ELSEWHERE.iter().chain(NOT_YET_COVERED) {
        if rules::by_id(id).is_none() {
            unchecked.push(format!("{id}: no such rule"));
        }
    }
    assert!(unchecked.is_empty(), "\n{}", unchecked.join("\n"));
}

#[test]
fn every_fixture_has_a_case() {
    for entry in std::fs::read_dir(fixture("")).expect("fixture folder") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        let covered = cases().any(|c| c.file == name) || ["many_problems.yaml"].contains(&&*name);
        assert!(covered, "fixture {name} is not checked by any case");
    }
}

/// The rule of the only problem in `problems`.
fn only_rule(problems: &Diagnostics) -> &'static str {
    assert_eq!(problems.0.len(), 1, "{problems}");
    problems.0[0].rule.id
}

#[test]
fn two_files_of_one_module_are_refused() {
    let text = "api: { name: Acme }\n";
    let sources = [
        Source::new("spec/acme.yaml", text),
        Source::new("spec/acme.yml", text),
    ];
    let problems = compile_sources(&sources).expect_err("one module, two files");
    assert_eq!(only_rule(&problems), "module-twice");
    assert_eq!(
        problems.0[0].message,
        "`spec/acme.yaml` and `spec/acme.yml` both define the module `acme`"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_an_io_error() {
    let d = Source::read(&fixture("no_such_file.yaml")).expect_err("missing");
    assert_eq!(d.rule.id, "file-unreadable");
    assert!(d.message.starts_with("cannot read: "), "{d}");
}

#[test]
fn budgets_of_anchors_and_merge_keys_are_reported() {
    let head = "api:\n  name: Acme\n  docs:\n    front_matter:\n";
    let anchors: String = (0..1001)
        .map(|i| format!("      k{i}: &a{i} x\n"))
        .collect();
    let merges: String = (0..65)
        .map(|i| format!("      k{i}: {{ <<: {{ a: 1 }} }}\n"))
        .collect();
    for (entries, rule) in [(anchors, "yaml-anchors"), (merges, "yaml-merge-keys")] {
        let source = Source::new("spec/budget.yaml", format!("{head}{entries}"));
        let problems = compile_source(&source).expect_err("over budget");
        assert_eq!(only_rule(&problems), rule, "{problems}");
    }
}

/// The table of rules in `docs/spec-format.md` is the registry's. Set `ERRSPEC_BLESS=1` to
/// rewrite it.
#[test]
fn the_reference_lists_every_rule_as_the_registry_says() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/spec-format.md");
    let text = std::fs::read_to_string(&path).expect("reference");
    let start = text.find(TABLE_START).expect("the table's start marker") + TABLE_START.len();
    let end = text.find(TABLE_END).expect("the table's end marker");
    let fresh = format!("\n{}\n", rules::markdown_table());
    if std::env::var_os("ERRSPEC_BLESS").is_some() {
        let updated = format!("{}{fresh}{}", &text[..start], &text[end..]);
        std::fs::write(&path, updated).expect("write reference");
        return;
    }
    assert!(
        text[start..end] == fresh,
        "docs/spec-format.md's table of rules is stale: the registry changed. Refresh it with \
         `ERRSPEC_BLESS=1 cargo test -p errspec-codegen --test it rules::` and commit it."
    );
}

#[test]
fn all_problems_of_a_file_are_reported_in_one_run() {
    let found = problems("many_problems.yaml");
    let at: Vec<(u32, u32)> = found
        .iter()
        .map(|d| (d.position.line, d.position.column))
        .collect();
    assert_eq!(
        at,
        [(4, 37), (5, 3), (7, 28), (9, 35), (9, 47), (9, 65)],
        "{found}"
    );
}

#[test]
fn a_duplicate_names_both_lines_in_the_rendered_report() {
    let path = fixture("duplicate_status.yaml");
    let source = Source::read(&path).expect("readable");
    let Err(found) = compile_source(&source) else {
        panic!("duplicate accepted");
    };
    let text = found.render_with_sources(&[source], false);
    let expected = format!(
        "{}:8:3: error: status 400 is declared twice\n\
         \x20 |\n\
         4 |   400:\n\
         \x20 |   --- first declared here\n\
         ...\n\
         8 |   400:\n\
         \x20 |   ^^^\n\
         \x20 |\n\
         \x20 = help: keep one entry per status; several cases of one status go under its `cases:`\n",
        path.display()
    );
    assert_eq!(text, expected);
}

#[test]
fn colour_is_only_added_on_request() {
    let found = problems("invalid_retry.yaml");
    assert!(!found.render(false).contains('\x1b'));
    let coloured = found.render(true);
    assert!(coloured.contains("\x1b["), "{coloured}");
}
