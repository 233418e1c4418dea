//! errspec-codegen's integration tests, one binary (one link) for all of them: the CLI run as
//! a subprocess, the Builder, every diagnostic rule, the docs, determinism, fuzzing, and a
//! crate outside this repository built as a user builds it. Each module says what it covers.
//! The tests that need a program from outside Rust (Chromium, openapi-spec-validator, git) are
//! in the `tools` binary.

mod artifacts;
mod builder;
mod cli;
mod cli_diff;
mod cli_generate;
mod cli_mock;
mod cli_new;
mod common;
mod determinism;
mod diff;
mod docs_hostile;
mod docs_seeds;
mod docs_templates;
mod fuzz;
mod hostile;
mod layout;
mod openapi;
mod outside_crate;
mod retired;
mod rules;
mod rules_examples;
mod schema;
mod site;
/// The bench crate's synthetic catalogs, shared by path.
#[path = "../../../benches/src/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;
mod verify;
