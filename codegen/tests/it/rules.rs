//! One bad spec per rule (`tests/fixtures/bad/`): each gives exactly its own message at the
//! exact line and column, names the other place where there is one, and says how to fix it.

use errspec_codegen::__internals::{Source, compile_source};
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

/// What one fixture must produce.
struct Rule {
    file: &'static str,
    /// `line:col: error: message`, after the path.
    headline: &'static str,
    /// The line of the note that names the other place, if the rule has one.
    note_line: Option<u32>,
    /// Text the `help:` line must contain, if the rule has one.
    help: Option<&'static str>,
}

const RULES: &[Rule] = &[
    Rule {
        file: "codes_on_code_field.yaml",
        headline: "7:14: error: body field `code` has role `code`, which carries no `codes` (only `text` and `details` do)",
        note_line: None,
        help: None,
    },
    Rule {
        file: "codes_enum_taken.yaml",
        headline: "7:14: error: the codes of `status` would become the enum `Status`, a name the module has already",
        note_line: None,
        help: Some("rename the field's key"),
    },
    Rule {
        file: "code_key_without_codes.yaml",
        headline: "7:17: error: `code_key` applies to a `details` field with `codes` only",
        note_line: None,
        help: None,
    },
    Rule {
        file: "code_list_code_twice.yaml",
        headline: "10:9: error: code `insufficient_funds` of `decline_code` is listed twice",
        note_line: Some(9),
        help: None,
    },
    Rule {
        file: "code_list_rust_name_clash.yaml",
        headline: "10:9: error: codes `card-expired` and `card_expired` both become the Rust variant `CardExpired`",
        note_line: None,
        help: None,
    },
    Rule {
        file: "codes_method_taken.yaml",
        headline: "8:14: error: the codes of `status_code` would be read by a method named like a method `ErrorBody` has already",
        note_line: None,
        help: None,
    },
    Rule {
        file: "retry_delay_not_details.yaml",
        headline: "6:44: error: body field `message` has role `message`; only `details` items hold a `retry_delay`",
        note_line: None,
        help: None,
    },
    Rule {
        file: "code_from_message_with_code_field.yaml",
        headline: "4:22: error: codes are read from the message, but field `code` carries them already",
        note_line: None,
        help: Some("leave out `code_from_message`"),
    },
    Rule {
        file: "code_from_message_without_message.yaml",
        headline: "5:22: error: codes are read from the message, but the body has no field of role `message`",
        note_line: None,
        help: None,
    },
    Rule {
        file: "match_without_code_from_message.yaml",
        headline: "13:9: error: `match` patterns need a body whose codes are read from the message",
        note_line: None,
        help: Some("`code_from_message: true`"),
    },
    Rule {
        file: "match_misses_message.yaml",
        headline: "12:14: error: this message matches none of the code's `match` patterns, so a body the server sends with it would not read back as this code",
        note_line: None,
        help: Some("add the message as a pattern"),
    },
    Rule {
        file: "match_bad_pattern.yaml",
        headline: "14:9: error: pattern `Limit {a}{b}` cannot be used: `{a}` and `{b}` follow each other, so nothing tells where one ends",
        note_line: None,
        help: None,
    },
    Rule {
        file: "match_claimed_earlier.yaml",
        headline: "15:3: error: the message of `limited_user` is matched by `limited`, which comes first, so bodies with it would read as `limited`",
        note_line: Some(10),
        help: Some("declare this code first"),
    },
    Rule {
        file: "example_message_not_code.yaml",
        headline: "16:16: error: example field `message` is `Bad credentials.`, which does not read as `rate_limited`: it matches neither its message nor its `match` patterns",
        note_line: None,
        help: None,
    },
    Rule {
        file: "header_twice.yaml",
        headline: "6:7: error: header `x-ratelimit-limit` is declared twice under `headers:`",
        note_line: Some(4),
        help: Some("case-insensitive"),
    },
    Rule {
        file: "header_name_invalid.yaml",
        headline: "6:7: error: `X-Request Id` is not a valid HTTP header name",
        note_line: None,
        help: Some("ASCII letters, digits"),
    },
    Rule {
        file: "limit_header_invalid.yaml",
        headline: "7:13: error: `X Timestamp` is not a valid HTTP header name",
        note_line: None,
        help: Some("ASCII letters, digits"),
    },
    Rule {
        file: "header_format_not_reset.yaml",
        headline: "5:45: error: header `X-RateLimit-Limit` takes no `format` (only `reset` does)",
        note_line: None,
        help: None,
    },
    Rule {
        file: "rate_limit_status_and_statuses.yaml",
        headline: "12:15: error: a rate limit gives `status` or `statuses`, not both",
        note_line: None,
        help: Some("list every status"),
    },
    Rule {
        file: "rate_limit_statuses_empty.yaml",
        headline: "9:15: error: `statuses` is empty",
        note_line: None,
        help: Some("or leave it out"),
    },
    Rule {
        file: "rate_limit_status_listed_twice.yaml",
        headline: "13:9: error: status 429 is listed twice",
        note_line: Some(12),
        help: None,
    },
    Rule {
        file: "body_envelope_empty.yaml",
        headline: "4:13: error: body envelope is empty",
        note_line: None,
        help: Some("such as `error`"),
    },
    Rule {
        file: "body_value_on_code_role.yaml",
        headline: "5:32: error: body field `code` has role `code`, which takes no `value` (only `text` does)",
        note_line: None,
        help: None,
    },
    Rule {
        file: "code_fields_not_text.yaml",
        headline: "14:7: error: `code` is not a `text` field of the body, so no code can give it a value",
        note_line: None,
        help: Some("the body's `text` fields: doc_url"),
    },
    Rule {
        file: "code_field_value_twice.yaml",
        headline: "16:7: error: field `doc_url` is given twice",
        note_line: Some(15),
        help: None,
    },
    Rule {
        file: "example_outside_envelope.yaml",
        headline: "14:7: error: example has key `code`, but the body's fields are nested under `error`",
        note_line: None,
        help: Some("`error: { ... }`"),
    },
    Rule {
        file: "example_text_differs.yaml",
        headline: "18:15: error: example field `type` is `invalid_request_error`, but the spec gives this field `card_error`",
        note_line: None,
        help: None,
    },
    Rule {
        file: "rate_limit_named_rate_limits.yaml",
        headline: "6:11: error: rate limit `rate_limits` would clash with the constant `RATE_LIMITS`",
        note_line: None,
        help: Some("rename this one"),
    },
    Rule {
        file: "duplicate_status.yaml",
        headline: "8:3: error: status 400 is declared twice",
        note_line: Some(4),
        help: Some("`cases:`"),
    },
    Rule {
        file: "duplicate_status_quoted.yaml",
        headline: "5:3: error: status 401 is declared twice",
        note_line: Some(4),
        help: None,
    },
    Rule {
        file: "duplicate_code.yaml",
        headline: "9:3: error: error code `CARD_DECLINED` is declared twice",
        note_line: Some(6),
        help: Some("one entry per wire code"),
    },
    Rule {
        file: "duplicate_key.yaml",
        headline: "7:5: error: key `title` is given twice in the same mapping",
        note_line: Some(5),
        help: Some("remove one"),
    },
    Rule {
        file: "status_out_of_range.yaml",
        headline: "5:3: error: status 600 is out of range: HTTP status codes run from 100 to 599",
        note_line: None,
        help: Some("from 100 to 599"),
    },
    Rule {
        file: "status_bad_class.yaml",
        headline: "5:3: error: `6xx` is not a status class: classes run from 1xx to 5xx",
        note_line: None,
        help: Some("`5xx`"),
    },
    Rule {
        file: "undeclared_status.yaml",
        headline: "7:13: error: status 404 is not declared",
        note_line: None,
        help: Some("declared: 400"),
    },
    Rule {
        file: "unknown_key.yaml",
        headline: "6:5: error: unknown key `mesage`",
        note_line: None,
        help: Some("did you mean `message`?"),
    },
    Rule {
        file: "wrong_type.yaml",
        headline: "5:12: error: `title` must be text, not a list",
        note_line: None,
        help: None,
    },
    Rule {
        file: "missing_key.yaml",
        headline: "6:3: error: `CARD_DECLINED` is missing the required key `message`",
        note_line: None,
        help: Some("add `message: ...`"),
    },
    Rule {
        file: "rust_name_clash.yaml",
        headline: "9:3: error: this error code and the one at line 6 both become the Rust variant `CardDeclined`",
        note_line: Some(6),
        help: Some("`rust_name:`"),
    },
    Rule {
        file: "identifier_empty.yaml",
        headline: "6:3: error: error code `!!!` has no ASCII letter or digit to name a Rust variant after",
        note_line: None,
        help: Some("`rust_name:`"),
    },
    Rule {
        file: "rust_name_invalid.yaml",
        headline: "9:16: error: rust_name `invoice-canceled-failed` must start with an ASCII capital letter (UpperCamelCase)",
        note_line: None,
        help: Some("`rust_name: InvoiceCanceledFailed`"),
    },
    Rule {
        file: "invalid_duration.yaml",
        headline: "8:13: error: invalid duration `5 parsecs`: unknown unit `parsecs`",
        note_line: None,
        help: Some("ms, s, m, h or d"),
    },
    Rule {
        file: "zero_limits.yaml",
        headline: "7:15: error: `requests: 0` is out of range: a rate limit allows at least one request",
        note_line: None,
        help: Some("from 1 to"),
    },
    Rule {
        file: "zero_duration.yaml",
        headline: "5:12: error: invalid duration `0s`: a duration must be longer than zero",
        note_line: None,
        help: Some("positive whole number"),
    },
    Rule {
        file: "negative_limit.yaml",
        headline: "5:12: error: limit value -5 is out of range: a limit must be positive",
        note_line: None,
        help: Some("from 1 up"),
    },
    Rule {
        file: "rate_limit_unknown_code.yaml",
        headline: "13:12: error: error code `RATE_LIMITED_EXCEEDED` is not declared",
        note_line: None,
        help: Some("did you mean `RATE_LIMIT_EXCEEDED`?"),
    },
    Rule {
        file: "limit_unknown_status.yaml",
        headline: "9:13: error: status 401 is not declared",
        note_line: None,
        help: Some("declared: 400"),
    },
    Rule {
        file: "unknown_role.yaml",
        headline: "5:12: error: unknown body field role `mesage`",
        note_line: None,
        help: Some("did you mean `message`?"),
    },
    Rule {
        file: "example_contradicts_code.yaml",
        headline: "13:28: error: example field `error_code` names `CARD_EXPIRED`, but this example documents `CARD_DECLINED`",
        note_line: None,
        help: None,
    },
    Rule {
        file: "example_contradicts_body.yaml",
        headline: "12:7: error: example has field `mesage`, which the body does not declare",
        note_line: None,
        help: Some("body fields: error_code, status"),
    },
    Rule {
        file: "example_wrong_status.yaml",
        headline: "15:15: error: example field `status` is \"421\", but this example documents status 400",
        note_line: None,
        help: None,
    },
    Rule {
        file: "invalid_retry.yaml",
        headline: "6:12: error: unknown retry policy `backof`",
        note_line: None,
        help: Some("did you mean `backoff`?"),
    },
    Rule {
        file: "invalid_header_format.yaml",
        headline: "5:45: error: unknown reset header format `unix_second`",
        note_line: None,
        help: Some("did you mean `unix_seconds`?"),
    },
    Rule {
        file: "retired_since_empty.yaml",
        headline: "8:23: error: `retired.since` is empty",
        note_line: None,
        help: Some("a date or a version"),
    },
    Rule {
        file: "retired_replaced_by_unknown.yaml",
        headline: "9:50: error: error code `NEW_COD` is not declared",
        note_line: None,
        help: Some("did you mean `NEW_CODE`?"),
    },
    Rule {
        file: "retired_replaced_by_itself.yaml",
        headline: "8:50: error: a retired code cannot be replaced by itself",
        note_line: None,
        help: Some("leave `replaced_by` out"),
    },
    Rule {
        file: "retired_replaced_by_retired.yaml",
        headline: "13:50: error: `NEWER` is retired itself",
        note_line: None,
        help: Some("`NEWEST`"),
    },
    Rule {
        file: "retired_and_deprecated.yaml",
        headline: "9:14: error: a retired code is also marked `deprecated`",
        note_line: None,
        help: Some("remove `deprecated:`"),
    },
    Rule {
        file: "site_url_not_web.yaml",
        headline: "3:21: error: `javascript:alert(1)` is not a URL of a folder the site can be published in",
        note_line: None,
        help: Some("http or https URL"),
    },
    // YAML syntax: at the mistake, which the parser often notices a line or more later (the
    // note says where), in the spec's terms, with the fix.
    Rule {
        file: "yaml_indent_deeper.yaml",
        headline: "6:6: error: `message:` is indented more than `title:` on line 5, so YAML reads it as part of the value of `title`",
        note_line: None,
        help: Some("indent `message:` by 4 spaces, like `title:`"),
    },
    Rule {
        file: "yaml_indent_between.yaml",
        headline: "6:4: error: `401:` is indented by 3 spaces, in line with no key above it",
        note_line: None,
        help: Some(
            "indent it by 4 spaces, like `title:` on line 5, or by 2 spaces, like `400:` on line 4",
        ),
    },
    Rule {
        file: "yaml_indent_shallower.yaml",
        headline: "8:4: error: `message:` is indented by 3 spaces, so it is not a key of `CARD_DECLINED`, whose keys are indented by 4",
        note_line: Some(6),
        help: Some("indent `message:` by 4 spaces, like `status:` on line 7"),
    },
    Rule {
        file: "yaml_tab.yaml",
        headline: "5:1: error: this line is indented with a tab, and YAML allows no tabs in indentation",
        note_line: None,
        help: Some("indent with spaces"),
    },
    Rule {
        file: "yaml_quote_unclosed.yaml",
        headline: "8:14: error: the quoted text that starts here does not end on its line: its `\"` is missing, so the text runs on to line 11",
        note_line: Some(11),
        help: Some("end the text with `\"` on the line it starts on"),
    },
    Rule {
        file: "yaml_quote_unclosed_at_end.yaml",
        headline: "8:14: error: the quoted text that starts here has no closing `'`",
        note_line: None,
        help: Some("a `'` inside it is written `''`"),
    },
    Rule {
        file: "yaml_bracket_unclosed.yaml",
        headline: "9:13: error: the list that starts here has no closing `]`",
        note_line: Some(10),
        help: Some("end the list with `]` on this line"),
    },
    Rule {
        file: "yaml_bracket_mismatched.yaml",
        headline: "9:13: error: the list that starts here is closed by the wrong bracket",
        note_line: None,
        help: Some("end the list with `]`"),
    },
    Rule {
        file: "yaml_brace_unclosed.yaml",
        headline: "4:8: error: the mapping that starts here has no closing `}`",
        note_line: Some(5),
        help: Some("end the mapping with `}` on this line"),
    },
    Rule {
        file: "yaml_colon_missing.yaml",
        headline: "7:5: error: expected a mapping of `key: value` entries here, not `status 400`",
        note_line: None,
        help: Some("is a colon missing? a key is followed by `: `, as in `status: 400`"),
    },
    Rule {
        file: "yaml_colon_in_value.yaml",
        headline: "8:29: error: the value of `message` holds `: `, which YAML reads as the start of another key",
        note_line: None,
        help: Some(
            "put the value in quotes: `message: \"Payment refused: the card was declined.\"`",
        ),
    },
    Rule {
        file: "Bad-Stem.yaml",
        headline: "1:1: error: file name `Bad-Stem` is not a valid Rust module name",
        note_line: None,
        help: Some("rename the file to `bad_stem.yaml`"),
    },
    Rule {
        file: "empty.yaml",
        headline: "1:1: error: spec file is empty",
        note_line: None,
        help: Some("`api:`"),
    },
];

#[test]
fn every_rule_reports_its_message_at_the_exact_place() {
    let mut failures = Vec::new();
    for rule in RULES {
        let found = problems(rule.file);
        let path = fixture(rule.file);
        let expected = format!("{}:{}", path.display(), rule.headline);
        let headlines: Vec<String> = found.iter().map(ToString::to_string).collect();
        if headlines != [expected.clone()] {
            failures.push(format!(
                "{}:\n  expected {expected}\n  got      {}",
                rule.file,
                headlines.join("\n           ")
            ));
            continue;
        }
        let d = &found.0[0];
        let note_lines: Vec<u32> = d.notes.iter().map(|n| n.position.line).collect();
        if note_lines != rule.note_line.into_iter().collect::<Vec<_>>() {
            failures.push(format!(
                "{}: notes at lines {note_lines:?}, expected {:?}",
                rule.file, rule.note_line
            ));
        }
        match (rule.help, &d.help) {
            (Some(want), Some(help)) if help.contains(want) => {}
            (None, _) => {}
            (Some(want), got) => {
                failures.push(format!("{}: help {got:?} lacks {want:?}", rule.file));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_fixture_has_a_rule() {
    let dir = fixture("");
    for entry in std::fs::read_dir(&dir).expect("fixture folder") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        let covered =
            RULES.iter().any(|r| r.file == name) || ["many_problems.yaml"].contains(&&*name);
        assert!(covered, "fixture {name} is not checked by any rule");
    }
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
