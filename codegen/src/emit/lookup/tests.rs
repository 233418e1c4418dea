//! The lookup against its runtime: every code found, nothing else, for random catalogs.

use super::hash::*;
use super::*;
use proptest::collection::{btree_set, vec};
use proptest::prelude::*;

fn error(code: &str, rust_name: &str) -> ErrorDef {
    ErrorDef {
        code: code.to_owned(),
        rust_name: rust_name.to_owned(),
        status: 0,
        message: String::new(),
        description: None,
        causes: Vec::new(),
        resolution: Vec::new(),
        retry: crate::model::Retry::Never,
        grpc: None,
        deprecated: None,
        retired: None,
        examples: Vec::new(),
        field_values: Vec::new(),
        patterns: Vec::new(),
    }
}

/// Wire codes as real catalogs write them, plus the awkward ones: non-ASCII, quotes and
/// backslashes, codes that are prefixes of one another, and codes longer than a few words.
fn wire_code() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][A-Z0-9_]{0,40}",
        "[AB_]{1,12}",
        "\\PC{1,24}",
        "[a-z\"\\\\ ]{1,10}",
        "[A-Z_]{60,300}",
        // Same length and ends: only the middle tells these apart ...
        "ORDER_ID_[AB0-9]{1,8}_NOT_FOUND",
        // ... and here only the bytes between the samples do.
        "ORDER_NOT_[AB]{1,8}_FOUND_OF_THE_LONGER_CODES",
    ]
}

fn assert_finds_exactly(codes: &[&str], others: &[String]) {
    let hash = PerfectHash::build(codes).expect("a seed separates distinct codes");
    let probe = hash.probe(codes);
    let mut slots = hash.slots.clone();
    slots.sort_unstable();
    assert_eq!(
        slots,
        (0..codes.len()).collect::<Vec<_>>(),
        "one slot per code"
    );
    for (index, code) in codes.iter().enumerate() {
        assert_eq!(probe.find(code), Some(index), "code {code:?}");
    }
    let known: std::collections::HashSet<&str> = codes.iter().copied().collect();
    for other in others.iter().filter(|o| !known.contains(o.as_str())) {
        assert_eq!(probe.find(other), None, "non-code {other:?}");
    }
}

proptest! {
    // Drawing hundreds of long codes per case is most of these properties' time, and ChaCha
    // (the default generator) costs several times what XorShift does unoptimized.
    #![proptest_config(ProptestConfig {
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_code_is_found_and_no_other_string_is(
        codes in btree_set(wire_code(), 1..400),
        others in vec(wire_code(), 0..200),
    ) {
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        assert_finds_exactly(&codes, &others);
    }

    #[test]
    fn near_misses_of_codes_are_not_found(codes in btree_set(wire_code(), 1..100)) {
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        let near: Vec<String> = codes
            .iter()
            .flat_map(|c| {
                let mut shorter = c.to_string();
                shorter.pop();
                [shorter, format!("{c}_"), format!("{c}\0"), c.to_lowercase(), format!(" {c}")]
            })
            .collect();
        assert_finds_exactly(&codes, &near);
    }
}

#[test]
fn large_catalogs_with_shared_prefixes_are_separated() {
    let codes: Vec<String> = (0..20_000).map(|i| format!("ORDER_{i}")).collect();
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let others: Vec<String> = (20_000..21_000).map(|i| format!("ORDER_{i}")).collect();
    assert_finds_exactly(&codes, &others);
}

#[test]
fn the_hash_reads_only_samples_when_they_tell_codes_apart() {
    let codes = [
        "INVOICE_NOT_EXIST",
        "INVOICE_NOT_EXISTS",
        "ORDER_FEE_NOT_FOUND",
        "ORDER_KEY_NOT_FOUND",
        "E",
        "ÉCHEC",
    ];
    let hash = PerfectHash::build(&codes).expect("separable");
    assert!(!hash.whole_code);
    assert_finds_exactly(&codes, &["INVOICE_NOT_EXIST_".to_owned()]);
}

#[test]
fn codes_that_differ_only_between_the_samples_are_hashed_whole() {
    let codes = [
        "ORDER_NOT_1_FOUND_OF_THE_LONGER_CODES",
        "ORDER_NOT_2_FOUND_OF_THE_LONGER_CODES",
        "ORDER_NOT_3_FOUND_OF_THE_LONGER_CODES",
    ];
    let hash = PerfectHash::build(&codes).expect("separable");
    assert!(hash.whole_code);
    assert_finds_exactly(
        &codes,
        &["ORDER_NOT_4_FOUND_OF_THE_LONGER_CODES".to_owned()],
    );
}

#[test]
fn empty_and_huge_inputs_are_misses() {
    let codes = ["A", "AB", "ÉCHEC", "ERROR"];
    let hash = PerfectHash::build(&codes).expect("separable");
    let probe = hash.probe(&codes);
    assert_eq!(probe.find(""), None);
    assert_eq!(probe.find(&"A".repeat(1 << 20)), None);
    assert_eq!(probe.find("\u{0}"), None);
    assert_eq!(probe.find("ÉCHEC"), Some(2));
}

#[test]
fn a_table_is_the_same_every_time() {
    let codes = ["PAYMENT_FAILED", "PAYMENT_FAILED_", "P", "支払い失敗"];
    assert_eq!(PerfectHash::build(&codes), PerfectHash::build(&codes));
}

/// More codes of one length than a match takes, and two others.
fn large_catalog() -> Vec<ErrorDef> {
    let mut errors: Vec<ErrorDef> = (0..=MATCH_GROUP_LIMIT)
        .map(|i| error(&format!("E{i:02}"), &format!("E{i}")))
        .collect();
    errors.push(error("INVOICE_NOT_EXIST", "InvoiceNotExist"));
    errors.push(error("É", "EAcute"));
    errors
}

#[test]
fn large_catalogs_get_tables_that_find_every_code() {
    let errors = large_catalog();
    let lookup = hashed_lookup(&errors).expect("a hash for a large catalog");
    assert_eq!(lookup.lengths, 2..=17);
    let values: Vec<usize> = (0..errors.len()).collect();
    // Exactly as the generated code probes them: with the tables' widths as const generics.
    macro_rules! probe {
        ($d:literal, $e:literal, $i:literal, $code:expr) => {
            errspec_vocab::lookup::wire_lookup::<usize, $d, $e, $i>(
                $code,
                (lookup.seed, lookup.whole_code),
                lookup.lengths.clone(),
                &lookup.displacements,
                (&lookup.wires, &lookup.slots),
                &values,
            )
        };
    }
    for (index, error) in errors.iter().enumerate() {
        let found = match lookup.widths {
            [1, 1, 1] => probe!(1, 1, 1, &error.code),
            [2, 1, 1] => probe!(2, 1, 1, &error.code),
            widths => panic!("widths {widths:?} for {} codes", errors.len()),
        };
        assert_eq!(found, Some(index), "{}", error.code);
    }
}

#[test]
fn catalogs_with_few_codes_of_each_length_get_a_match() {
    let mut errors: Vec<ErrorDef> = (0..MATCH_GROUP_LIMIT)
        .map(|i| error(&format!("E{i:02}"), &format!("E{i}")))
        .collect();
    errors.push(error("LONGER_CODE", "LongerCode"));
    assert_eq!(largest_length_group(&errors), MATCH_GROUP_LIMIT);
    assert!(hashed_lookup(&errors).is_none());
    errors.push(error("E99", "E99"));
    assert!(hashed_lookup(&errors).is_some());
}

#[test]
fn an_empty_catalog_gets_no_tables() {
    assert!(hashed_lookup(&[]).is_none());
}
