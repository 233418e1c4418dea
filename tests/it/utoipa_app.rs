//! An axum app of the funder offers API documented with utoipa: one handler that returns any
//! of the catalog's errors, one that returns two codes only. The `utoipa_doc` tests and the
//! `tools` test that runs openapi-spec-validator share it.

use errspec::funder_offers::{ErrorBody, ErrorCode};
use utoipa::OpenApi;

errspec::utoipa_errors!(pub CreateErrors: ErrorCode = [ValidationFailed, SignatureInvalid]);

/// Updates an offer: any error of the catalog.
#[utoipa::path(
    put,
    path = "/offers/{id}",
    params(("id" = u32, Path, description = "The offer")),
    responses((status = 200, description = "Updated", body = String), ErrorCode)
)]
// The `tools` binary (built without `--test`) documents the handlers without serving them.
#[allow(dead_code)]
pub async fn update_offer() -> Result<&'static str, ErrorCode> {
    Err(ErrorCode::VersionConflict)
}

/// Creates an offer: a validation failure or a bad signature only.
#[utoipa::path(
    post,
    path = "/offers",
    responses((status = 201, description = "Created", body = String), CreateErrors)
)]
// The `tools` binary (built without `--test`) documents the handlers without serving them.
#[allow(dead_code)]
pub async fn create_offer() -> Result<&'static str, ErrorCode> {
    Err(ErrorCode::ValidationFailed)
}

/// The app's OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(update_offer, create_offer), components(schemas(ErrorBody)))]
pub struct Doc;

/// The document as JSON.
pub fn document() -> serde_json::Value {
    serde_json::to_value(Doc::openapi()).expect("the document serializes")
}
