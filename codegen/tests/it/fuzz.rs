//! Fuzzing on stable Rust with proptest: load + validate + emit over random bytes, over random
//! YAML token soup, and over structurally random specs full of hostile text.
//!
//! Properties: nothing panics; every problem is located in the file; a spec that validates
//! emits Rust that parses (its tables of rows included), holds no `compile_error!`, and is the
//! same bytes when emitted again. The layout itself is `layout.rs`'s.
//!
//! `cargo test` runs a few hundred cases per property. For a long run:
//! `PROPTEST_CASES=100000 cargo test --release -p errspec-codegen --test it fuzz::`.
//! Inputs that ever failed are kept as regression tests at the end of this file.

use errspec_codegen::__internals::{Source, compile_source, rust_files};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Runs the whole pipeline on `text` and checks the properties.
fn pipeline(text: &str) -> Result<(), TestCaseError> {
    let source = Source::new("spec/fuzzed.yaml", text);
    match compile_source(&source) {
        Ok(api) => {
            let files = rust_files(std::slice::from_ref(&api), "errspec_apis.rs");
            for (name, code) in &files {
                if let Err(e) = syn::parse_file(code) {
                    return Err(TestCaseError::fail(format!(
                        "{name} does not parse: {e}\n{code}"
                    )));
                }
                prop_assert!(!code.contains("compile_error!"), "{}", code);
            }
            let again = rust_files(std::slice::from_ref(&api), "errspec_apis.rs");
            prop_assert_eq!(files, again, "emitting twice differs");
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            for d in problems.iter() {
                prop_assert!(d.position.is_known(), "unlocated: {}", d);
                // Lines as the report shows them: of the source's (normalized) text.
                let lines = source.text.split('\n').count() as u32;
                prop_assert!(d.position.line <= lines + 1, "past the end: {}", d);
            }
            let report = problems.render_with_sources(&[source], false);
            prop_assert!(report.starts_with("spec/fuzzed.yaml:"), "{}", report);
        }
    }
    Ok(())
}

fn config() -> Config {
    // PROPTEST_CASES overrides the count for long runs.
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(256),
        // Failures are printed, shrunk, and kept by hand in REGRESSIONS below; a test run
        // writes nothing into the source tree.
        failure_persistence: None,
        // Unoptimized, the default ChaCha generator costs more than the properties it feeds.
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..Config::default()
    }
}

/// Text a spec author might write, and text nobody should: quotes, backslashes, braces,
/// template markers, HTML, non-ASCII, control characters.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{1,20}",
        "[A-Z_]{1,12}",
        any::<String>(),
        Just(String::new()),
        Just("\"quoted\" 'single' \\back\\slash".to_owned()),
        Just("{{ template }} {% raw %} ${VAR}".to_owned()),
        Just("<script>alert(1)</script> | pipe".to_owned()),
        Just("Überweisung fehlgeschlagen — 支払い失敗 🚫".to_owned()),
        Just("*/ /* // #[cfg] r#\"raw\"# \u{0} \u{1b}[31m".to_owned()),
        Just("self".to_owned()),
        Just("ALL".to_owned()),
        Just("1001".to_owned()),
    ]
}

/// A YAML double-quoted scalar holding `text` exactly (JSON strings are valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Mostly valid, distinct status keys, and now and then an invalid one.
fn status_keys() -> impl Strategy<Value = Vec<String>> {
    let valid = prop::sample::subsequence(
        vec![
            "200", "400", "401", "403", "404", "409", "421", "429", "500", "503", "4xx", "5xx",
            "\"5XX\"", "\"418\"",
        ],
        0..7,
    );
    let invalid = prop::option::weighted(
        0.1,
        prop_oneof![
            prop::sample::select(vec!["6xx", "99", "600", "\"404\"", "400", "x"])
                .prop_map(str::to_owned),
            (0i64..1000).prop_map(|n| n.to_string()),
        ],
    );
    (valid, invalid).prop_map(|(valid, invalid)| {
        valid
            .into_iter()
            .map(str::to_owned)
            .chain(invalid)
            .collect()
    })
}

fn retry() -> impl Strategy<Value = Option<String>> {
    let valid = prop::sample::select(vec!["never", "backoff", "after_reset", "after_refresh"]);
    prop::option::of(prop_oneof![
        40 => valid.prop_map(str::to_owned),
        1 => Just("sometimes".to_owned()),
    ])
}

fn role() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        20 => prop::sample::select(vec![
            "code",
            "message",
            "status",
            "status_string",
            "title",
            "details",
            "code_or_message",
        ]),
        1 => Just("mesage"),
    ]
}

/// A title: mostly words, sometimes anything.
fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Z][a-z]{2,10}( [A-Z][a-z]{2,10}){0,2}",
        1 => hostile_text(),
    ]
}

fn error_code() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Z][A-Z_]{0,12}",
        1 => "[0-9]{1,4}",
        1 => hostile_text(),
    ]
}

fn window() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        20 => prop::sample::select(vec!["1s", "5m", "1h", "500ms", "1d", "90s"]),
        1 => prop::sample::select(vec!["0s", "5 parsecs", "-1m", "90"]),
    ]
}

fn scope() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        20 => prop::sample::select(vec!["api_key", "total", "ip", "account"]),
        1 => Just("everyone"),
    ]
}

/// A random example body in flow style.
fn example(fields: Vec<String>) -> impl Strategy<Value = String> {
    let values = prop_oneof![
        hostile_text().prop_map(|t| quoted(&t)),
        (0u32..700).prop_map(|n| n.to_string()),
        (0u32..700).prop_map(|n| format!("\"{n}\"")),
        Just("[]".to_owned()),
        Just("[{field: x}]".to_owned()),
        Just("null".to_owned()),
        Just("true".to_owned()),
    ];
    let keys = if fields.is_empty() {
        vec!["error".to_owned()]
    } else {
        fields
    };
    let count = keys.len().min(4);
    (
        prop::sample::subsequence(keys, 0..=count),
        prop::collection::vec(values, 4),
    )
        .prop_map(|(keys, values)| keys.into_iter().zip(values).collect::<Vec<_>>())
        .prop_map(|entries| {
            let body: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {v}", quoted(k)))
                .collect();
            format!("{{ {} }}", body.join(", "))
        })
}

prop_compose! {
    /// A whole spec, mostly valid, always in the right shape, with random text everywhere.
    fn random_spec()(
        name in title(),
        fields in prop::collection::vec(("[a-z_]{1,8}|[a-zA-Z]{1,8}", role()), 0..4),
        keys in status_keys(),
        titles in prop::collection::vec((title(), retry(), prop::option::weighted(0.3, hostile_text())), 8),
        errors in prop::collection::vec((error_code(), any::<prop::sample::Index>(), hostile_text(), retry(), prop::option::weighted(0.2, prop_oneof![6 => "[A-Z][a-zA-Z0-9]{0,8}", 1 => "[a-z-]{1,6}"])), 0..6),
        rate_limits in prop::collection::vec(("[a-z]{1,8}(_[a-z]{1,5})?", prop_oneof![9 => 1i64..1000, 1 => -2i64..1], window(), scope()), 0..3),
        slots in prop::collection::vec(any::<u64>(), 0..4),
    ) -> (String, Vec<String>, Vec<u64>) {
        // Errors need a status to refer to.
        let keys = if keys.is_empty() && !errors.is_empty() { vec!["400".to_owned()] } else { keys };
        let mut yaml = format!("api:\n  name: {}\n", quoted(&name));
        let field_names: Vec<String> = fields.iter().map(|(f, _)| f.clone()).collect();
        if !fields.is_empty() {
            yaml.push_str("body:\n  fields:\n");
            for (field, role) in &fields {
                yaml.push_str(&format!("    {}: {role}\n", quoted(field)));
            }
        }
        if !keys.is_empty() {
            yaml.push_str("statuses:\n");
            for (key, (title, retry, message)) in keys.iter().zip(&titles) {
                yaml.push_str(&format!("  {key}:\n    title: {}\n", quoted(title)));
                if let Some(retry) = retry {
                    yaml.push_str(&format!("    retry: {retry}\n"));
                }
                if let Some(message) = message {
                    yaml.push_str(&format!("    message: {}\n", quoted(message)));
                }
            }
        }
        if !errors.is_empty() {
            yaml.push_str("errors:\n");
            for (code, status, message, retry, rust_name) in &errors {
                let status = status.get(&keys).as_str();
                yaml.push_str(&format!(
                    "  {}:\n    status: {status}\n    message: {}\n",
                    quoted(code),
                    quoted(message)
                ));
                if let Some(retry) = retry {
                    yaml.push_str(&format!("    retry: {retry}\n"));
                }
                if let Some(rust_name) = rust_name {
                    yaml.push_str(&format!("    rust_name: {rust_name}\n"));
                }
            }
        }
        if !rate_limits.is_empty() {
            yaml.push_str("rate_limits:\n");
            for (name, requests, window, scope) in &rate_limits {
                yaml.push_str(&format!(
                    "  - {{ name: {name}, requests: {requests}, window: {window}, scope: {scope} }}\n"
                ));
            }
        }
        (yaml, field_names, slots)
    }
}

/// A spec with random example bodies added under its statuses.
fn spec_with_examples() -> impl Strategy<Value = String> {
    random_spec().prop_flat_map(|(yaml, fields, slots)| {
        // Half the specs get no examples, so that more of them validate.
        let count = if slots.first().is_some_and(|s| s % 2 == 0) {
            0
        } else {
            slots.len()
        };
        prop::collection::vec(example(fields), count..=count).prop_map(move |bodies| {
            let mut text = yaml.clone();
            if !bodies.is_empty() && text.contains("statuses:\n") {
                // Attach the examples to the last status, as a list.
                let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
                if let Some(last_status) = lines.iter().rposition(|l| l.starts_with("    title: "))
                {
                    let list: Vec<String> = bodies.iter().map(|b| format!("      - {b}")).collect();
                    lines.insert(
                        last_status + 1,
                        format!("    examples:\n{}", list.join("\n")),
                    );
                }
                text = lines.join("\n");
                text.push('\n');
            }
            text
        })
    })
}

/// Pieces of YAML syntax, so random text reaches deep into the parser.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "api:",
        "name:",
        "statuses:",
        "errors:",
        "title:",
        "status:",
        "message:",
        "400",
        "5xx",
        "\n",
        "\n  ",
        "\n    ",
        "  ",
        "- ",
        "? ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        ", ",
        "&a ",
        "*a",
        "<<: ",
        "'",
        "\"",
        "# c",
        "!!str ",
        "!tag ",
        "|\n  ",
        ">-\n  ",
        "---\n",
        "...\n",
        "\t",
        "x",
        "é",
        "\u{feff}",
        "~",
        "null",
        "true",
        "0x1F",
        "1e9",
        ".nan",
        "\\",
    ]);
    prop::collection::vec(token, 0..80).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        pipeline(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn random_yaml_tokens(text in token_soup()) {
        pipeline(&text)?;
    }

    #[test]
    fn random_specs(text in spec_with_examples()) {
        pipeline(&text)?;
    }
}

/// Every input that once broke a property, kept so it never breaks again.
#[test]
fn regressions() {
    for text in REGRESSIONS {
        if let Err(e) = pipeline(text) {
            panic!("regression on {text:?}: {e}");
        }
    }
}

const REGRESSIONS: &[&str] = &[
    // An empty body and an empty status map.
    "api: { name: x }\nbody: { fields: {} }\nstatuses:\n",
    // Found by `random_bytes` after 64,441 cases: lone carriage returns are YAML line breaks,
    // so the error was on a line the renderer, counting `\n`, did not have.
    "'\t \r \r\0",
];
