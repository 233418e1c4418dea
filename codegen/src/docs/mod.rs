//! The published docs: one Markdown page per API and an index, rendered with Tera templates.
//!
//! - [`view`] turns a checked [`Api`] into the template context (serialisable view structs);
//! - [`engine`] holds the templates (built in, or overridden from a folder) and the escaping
//!   filters, and reports template errors with file and line;
//! - [`escape`] writes spec text as Markdown that renders as that text and nothing else;
//! - the front matter is written as YAML by a small emitter that quotes every string that needs
//!   it.
//!
//! Rendering is a pure function of the APIs and the templates: the same input gives the same
//! bytes.

pub mod engine;
pub mod escape;
pub mod view;
mod yaml;

pub use engine::{Origin, TemplateError, Templates};

use crate::model::Api;

/// The page of one API (`docs/<id>.md`), rendered with the `api.md` template.
pub fn api_page(templates: &Templates, api: &Api) -> Result<String, TemplateError> {
    let context = view::ApiPage {
        api: view::ApiView::new(api),
    };
    templates.render(engine::API_TEMPLATE, &context)
}

/// The index of every API and every code (`docs/index.md`), rendered with the `index.md`
/// template. `apis` should be sorted by id, as [`crate::compile_paths`] returns them.
pub fn index_page(templates: &Templates, apis: &[Api]) -> Result<String, TemplateError> {
    let context = view::IndexPage {
        apis: apis.iter().map(view::ApiView::new).collect(),
        error_count: apis.iter().map(|api| api.errors.len()).sum(),
    };
    templates.render(engine::INDEX_TEMPLATE, &context)
}
