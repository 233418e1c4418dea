//! The utoipa document of an axum app that lists the funder offers API's errors is valid
//! OpenAPI 3.1 for a real validator, `openapi-spec-validator`.

use crate::utoipa_app::document;
use std::path::PathBuf;

pub fn the_apps_document_is_valid_openapi_3_1(program: PathBuf) {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("utoipa-app.json");
    std::fs::write(&path, document().to_string()).unwrap();
    crate::needs::assert_valid_openapi(&program, &[path]);
}
