//! The OpenAPI documents are valid OpenAPI 3.1 for a real validator, `openapi-spec-validator`:
//! those of the seeds, of the catalogs crate's real APIs and of the hostile specs.

use crate::common::every_api;
use errspec_codegen::__internals::openapi;
use std::path::PathBuf;

pub use crate::needs::openapi_validator as validator;

pub fn every_document_is_valid_openapi_3_1_for_a_real_validator(program: PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("openapi-check");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for api in every_api() {
        let path = dir.join(format!("{}.json", api.id));
        std::fs::write(&path, openapi::document(&api)).unwrap();
        files.push(path);
    }
    crate::needs::assert_valid_openapi(&program, &files);
}
