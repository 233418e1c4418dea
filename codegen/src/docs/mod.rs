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
mod site;
pub mod view;
mod yaml;

pub use site::site_pages;

pub use engine::{Origin, TemplateError, Templates};

use crate::model::Api;
use tera::Value;

/// The page of one API (`docs/<id>.md`), rendered with the `api.md` template.
pub fn api_page(templates: &Templates, api: &Api) -> Result<String, TemplateError> {
    let api = view::api_value(api).map_err(|e| templates.error(&e))?;
    render_api(templates, api)
}

/// The index of every API and every code (`docs/index.md`), rendered with the `index.md`
/// template. `apis` should be sorted by id, as [`crate::compile_paths`] returns them.
pub fn index_page(templates: &Templates, apis: &[Api]) -> Result<String, TemplateError> {
    let values = apis
        .iter()
        .map(view::api_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| templates.error(&e))?;
    render_index(templates, apis, values)
}

/// Every API's page, in the order of `apis`, and the index: the same bytes as [`api_page`]
/// for each API and [`index_page`], but each API's context is built once for its page and
/// the index, and the index renders on one core while the pages render on the others.
/// The first failing page in the order of `apis` is reported, else the index's failure.
pub fn pages_and_index(
    templates: &Templates,
    apis: &[Api],
) -> Result<(Vec<String>, String), TemplateError> {
    let values = crate::parallel::map(apis, view::api_value)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| templates.error(&e))?;
    // The index, the largest task, starts first. Each task owns its values, so the last one
    // done with an API's context frees it, on its own core.
    let mut tasks = Vec::with_capacity(values.len() + 1);
    tasks.push(Task::Index(values.clone()));
    tasks.extend(values.into_iter().map(Task::Page));
    let mut rendered = crate::parallel::on_every_core(tasks, |task| match task {
        Task::Index(values) => render_index(templates, apis, values),
        Task::Page(value) => render_api(templates, value),
    })
    .into_iter();
    // The index is task 0, so the first result is always there; rendering it here is only
    // a fallback that keeps this free of panics.
    let index = rendered
        .next()
        .unwrap_or_else(|| index_page(templates, apis));
    let pages = rendered.collect::<Result<Vec<_>, _>>()?;
    Ok((pages, index?))
}

/// A page to render, with its context.
enum Task {
    /// The index, with every API's value.
    Index(Vec<Value>),
    /// One API's page, with its value.
    Page(Value),
}

fn render_api(templates: &Templates, api: Value) -> Result<String, TemplateError> {
    templates.render(engine::API_TEMPLATE, &view::ApiPage { api })
}

fn render_index(
    templates: &Templates,
    apis: &[Api],
    values: Vec<Value>,
) -> Result<String, TemplateError> {
    let context = view::IndexPage {
        apis: values,
        error_count: apis.iter().map(|api| api.errors.len()).sum(),
    };
    templates.render(engine::INDEX_TEMPLATE, &context)
}
