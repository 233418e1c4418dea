//! The OpenAPI documents are valid OpenAPI 3.1 for a real validator, `openapi-spec-validator`:
//! those of the seeds, of the catalogs crate's real APIs and of the hostile specs.

use crate::common::every_api;
use errspec_codegen::__internals::openapi;
use std::path::PathBuf;
use std::process::Command;

/// `openapi-spec-validator`: from `OPENAPI_SPEC_VALIDATOR`, else on the PATH.
pub fn validator() -> Result<PathBuf, String> {
    let program = std::env::var_os("OPENAPI_SPEC_VALIDATOR")
        .map_or_else(|| PathBuf::from("openapi-spec-validator"), PathBuf::from);
    Command::new(&program)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| program)
        .ok_or_else(|| {
            "openapi-spec-validator is not installed: pip install openapi-spec-validator, \
             or set OPENAPI_SPEC_VALIDATOR"
                .into()
        })
}

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
    let run = Command::new(&program)
        .args(&files)
        .output()
        .expect("the validator runs");
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(out.matches(": OK").count(), files.len(), "{out}");
}
