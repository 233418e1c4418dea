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
use std::sync::atomic::{AtomicUsize, Ordering};
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
    let values = crate::parallel_map(apis, view::api_value)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| templates.error(&e))?;
    // Task 0 is the index, the largest: it starts first; task `i + 1` is the page of API `i`.
    let mut rendered = on_every_core(apis.len() + 1, |task| match task.checked_sub(1) {
        None => render_index(templates, apis, values.clone()),
        Some(i) => render_api(templates, values[i].clone()),
    });
    let index = rendered.remove(0);
    let pages = rendered.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok((pages, index?))
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

/// `(0..count).map(work)`, on as many threads as the machine has, each thread taking the next
/// task when it is done with one, so one large task does not hold up the others. The order of
/// the results is the order of the tasks, so output never depends on scheduling.
fn on_every_core<R: Send>(count: usize, work: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(count);
    let next = AtomicUsize::new(0);
    let run = || {
        let mut done = Vec::new();
        loop {
            let task = next.fetch_add(1, Ordering::Relaxed);
            if task >= count {
                return done;
            }
            done.push((task, work(task)));
        }
    };
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(count).collect();
    std::thread::scope(|scope| {
        // A thread the system refuses to start is simply missing: this thread takes its share.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, run).ok())
            .collect();
        let mine = run();
        for (task, result) in helpers
            .into_iter()
            .flat_map(|helper| {
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .chain(mine)
        {
            results[task] = Some(result);
        }
    });
    // Every task below `count` was taken by exactly one thread, which finished it.
    results.into_iter().flatten().collect()
}
