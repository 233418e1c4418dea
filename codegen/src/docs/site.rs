//! The static site: `site/<id>.html` per API and `site/index.html`, rendered with the `site/`
//! templates. Each page is one self-contained file: the style sheet and the script are inlined,
//! and the page's own Content-Security-Policy allows exactly those two blocks (by their
//! SHA-256) and nothing else, so it works offline and under the strictest policy.

use super::engine::{
    SITE_API_TEMPLATE, SITE_INDEX_TEMPLATE, SITE_SCRIPT_TEMPLATE, SITE_STYLE_TEMPLATE,
};
use super::{TemplateError, Templates, view};
use crate::model::Api;
use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::Value;

/// The context of `site/api.html`.
#[derive(Serialize)]
struct ApiSitePage<'a> {
    api: Value,
    #[serde(flatten)]
    assets: &'a Assets,
}

/// The context of `site/index.html`.
#[derive(Serialize)]
struct IndexSitePage<'a> {
    apis: Vec<Value>,
    error_count: usize,
    #[serde(flatten)]
    assets: &'a Assets,
}

/// What every page inlines, and the policy that allows it.
#[derive(Serialize)]
struct Assets {
    style: String,
    script: String,
    csp: String,
}

impl Assets {
    fn new(templates: &Templates) -> Result<Self, TemplateError> {
        #[derive(Serialize)]
        struct Nothing {}
        let style = templates.render(SITE_STYLE_TEMPLATE, &Nothing {})?;
        let script = templates.render(SITE_SCRIPT_TEMPLATE, &Nothing {})?;
        let csp = format!(
            "default-src 'none'; style-src '{}'; script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'",
            sha256_source(&style),
            sha256_source(&script)
        );
        Ok(Self { style, script, csp })
    }
}

/// A CSP hash source: `sha256-<base64 of the digest>`.
fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Every API's page, in the order of `apis`, and the index.
pub fn site_pages(
    templates: &Templates,
    apis: &[Api],
) -> Result<(Vec<String>, String), TemplateError> {
    let assets = Assets::new(templates)?;
    let values = crate::parallel::map(apis, view::api_value)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| templates.error(&e))?;
    let pages = crate::parallel::map(&values, |api| {
        templates.render(
            SITE_API_TEMPLATE,
            &ApiSitePage {
                api: api.clone(),
                assets: &assets,
            },
        )
    })
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let index = templates.render(
        SITE_INDEX_TEMPLATE,
        &IndexSitePage {
            apis: values,
            error_count: apis.iter().map(|a| a.errors.len()).sum(),
            assets: &assets,
        },
    )?;
    Ok((pages, index))
}
