//! errspec-codegen's tests that need a program from outside Rust, one binary for all of them:
//! the site in headless Chromium, the OpenAPI documents in `openapi-spec-validator`, and
//! `errspec diff --base` with git. Where a program is missing, its test is reported as ignored
//! with the reason, in the summary line too; under `CI=true` it fails instead (`needs`).

// The helpers of the `it` tests; these use a few.
#[path = "../it/common.rs"]
mod common;
mod git_diff;
mod needs;
mod openapi_validator;
mod site_browser;

use needs::needs;

fn main() {
    needs::run(vec![
        needs(
            "git_diff::base_compares_the_spec_folder_with_a_git_revision",
            git_diff::git_program,
            git_diff::base_compares_the_spec_folder_with_a_git_revision,
        ),
        needs(
            "openapi_validator::every_document_is_valid_openapi_3_1_for_a_real_validator",
            openapi_validator::validator,
            openapi_validator::every_document_is_valid_openapi_3_1_for_a_real_validator,
        ),
        needs(
            "site_browser::the_site_works_in_headless_chromium",
            site_browser::chromium,
            site_browser::the_site_works_in_headless_chromium,
        ),
    ]);
}
