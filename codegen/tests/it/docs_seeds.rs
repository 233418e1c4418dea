//! The four seed catalogs, rendered with the built-in templates: every status title, code,
//! message, debugging tip, cause, resolution step, limit and header of each spec is visible on
//! its page (checked on the page as a CommonMark parser renders it, so escaping must round-trip),
//! the tables have one row per entry, and the index lists every code with a working link.

use crate::common;

use common::{squash, table, tables, visible_text};
use errspec_codegen::__internals::docs::{self, Templates};
use errspec_codegen::__internals::model::{Api, LimitValue, human_duration};

/// The module names of the four seed catalogs; a spec a team adds beside them is left out.
const SEEDS: [&str; 4] = ["centrapay", "funder_offers", "mugglepay", "muse_finance"];

fn seed_apis() -> Vec<Api> {
    let apis: Vec<Api> =
        errspec_codegen::__internals::compile_paths(&[common::repo_root().join("spec")])
            .unwrap_or_else(|e| panic!("seed specs must compile:\n{e}"))
            .into_iter()
            .filter(|api| SEEDS.contains(&api.id.as_str()))
            .collect();
    assert_eq!(apis.len(), 4, "the four seed specs");
    apis
}

fn pages() -> Vec<(Api, String)> {
    let templates = Templates::builtin().expect("built-in templates parse");
    seed_apis()
        .into_iter()
        .map(|api| {
            let page = docs::api_page(&templates, &api).expect("seed page renders");
            (api, page)
        })
        .collect()
}

/// Every text of the spec that a reader must find on the page.
fn expected_texts(api: &Api) -> Vec<String> {
    let mut texts = vec![api.name.clone()];
    texts.extend(api.summary.clone());
    for status in &api.statuses {
        texts.push(status.title.clone());
        texts.push(status.message.clone());
        texts.push(status.reason.clone());
        texts.extend(status.debugging.iter().cloned());
        for case in &status.cases {
            texts.push(case.title.clone());
            texts.extend(case.debugging.iter().cloned());
        }
    }
    for error in &api.errors {
        texts.push(error.code.clone());
        texts.push(error.message.clone());
        texts.extend(error.causes.iter().cloned());
        texts.extend(error.resolution.iter().cloned());
    }
    for limit in &api.rate_limits {
        texts.push(limit.name.clone());
        texts.push(human_duration(limit.window));
        texts.push(errspec_codegen::__internals::model::describe_scope(limit.scope).to_owned());
    }
    for limit in &api.limits {
        texts.push(limit.name.clone());
        texts.extend(limit.header.clone());
        texts.push(match limit.value {
            LimitValue::Duration(d) => human_duration(d),
            LimitValue::Count(n) => n.to_string(),
        });
    }
    texts.extend(api.headers.all().map(|h| h.name.clone()));
    if let Some(support) = &api.support {
        texts.extend(support.email.clone());
        texts.extend(support.url.clone());
    }
    if let Some(body) = &api.body {
        texts.extend(body.fields.iter().map(|f| f.wire.clone()));
    }
    texts
}

#[test]
fn every_text_of_every_seed_is_on_its_page() {
    for (api, page) in pages() {
        let visible = squash(&visible_text(&page));
        let expected = expected_texts(&api);
        assert!(expected.len() > 10, "{}: too little to check", api.id);
        for text in expected {
            assert!(
                visible.contains(&squash(&text)),
                "{}: `{text}` is not visible on the rendered page",
                api.id
            );
        }
    }
}

#[test]
fn descriptions_and_when_render_as_markdown() {
    for (api, page) in pages() {
        let visible = squash(&visible_text(&page));
        let markdown_texts = api
            .statuses
            .iter()
            .flat_map(|s| [&s.description, &s.when])
            .chain(api.errors.iter().map(|e| &e.description))
            .chain(api.rate_limits.iter().map(|r| &r.description))
            .chain(api.limits.iter().map(|l| &l.description))
            .flatten();
        for text in markdown_texts {
            // A code span's backticks are Markdown, not text.
            let shown = squash(&text.replace('`', ""));
            assert!(visible.contains(&shown), "{}: `{shown}` missing", api.id);
        }
    }
}

#[test]
fn tables_have_one_row_per_status_code_and_limit() {
    for (api, page) in pages() {
        let tables = tables(&page);
        let statuses = table(&tables, "Status");
        assert_eq!(statuses.rows.len(), api.statuses.len(), "{}", api.id);
        for (row, status) in statuses.rows.iter().zip(&api.statuses) {
            assert_eq!(row[0], status.key.to_string());
            assert_eq!(row[1], status.title);
        }
        if api.errors.is_empty() {
            assert!(tables.iter().all(|t| t.header[0] != "Code"), "{}", api.id);
        } else {
            let codes = table(&tables, "Code");
            assert_eq!(codes.header, ["Code", "HTTP status", "Message"]);
            assert_eq!(codes.rows.len(), api.errors.len(), "{}", api.id);
            for (row, error) in codes.rows.iter().zip(&api.errors) {
                let status = &api.statuses[error.status];
                assert_eq!(row[0], error.code);
                assert_eq!(row[1], format!("{} {}", status.key, status.title));
                assert_eq!(row[2], error.message);
            }
        }
        if !api.rate_limits.is_empty() {
            let limits = table(&tables, "Limit");
            assert_eq!(limits.rows.len(), api.rate_limits.len(), "{}", api.id);
            for (row, limit) in limits.rows.iter().zip(&api.rate_limits) {
                assert_eq!(row[1], limit.requests.to_string());
            }
        }
    }
}

#[test]
fn every_code_and_status_has_its_anchor() {
    for (api, page) in pages() {
        for error in &api.errors {
            let anchor = format!("<a id=\"code-{}\"></a>", error.code);
            assert_eq!(page.matches(&anchor).count(), 1, "{}: {anchor}", api.id);
            assert!(page.contains(&format!("](#code-{})", error.code)));
        }
        for status in &api.statuses {
            let anchor = format!("<a id=\"status-{}\"></a>", status.key);
            assert_eq!(page.matches(&anchor).count(), 1, "{}: {anchor}", api.id);
        }
    }
}

#[test]
fn retry_advice_is_in_words() {
    let (_, funder) = pages()
        .into_iter()
        .find(|(api, _)| api.id == "funder_offers")
        .expect("funder_offers seed");
    let text = squash(&visible_text(&funder));
    assert!(text.contains(
        "Retry: Wait until the time in the X-RateLimit-Reset header, when the rate-limit window resets, then retry."
    ));
    assert!(text.contains("Retry: Fetch the current state of the resource"));
    assert!(text.contains("Retry: Retry with exponential backoff."));
}

#[test]
fn centrapay_front_matter_reads_back_as_the_spec_says() {
    let (api, page) = pages()
        .into_iter()
        .find(|(api, _)| api.id == "centrapay")
        .expect("centrapay seed");
    assert!(
        page.starts_with("---\n"),
        "Jekyll needs the front matter first"
    );
    let yaml = common::front_matter(&page).expect("front matter block");
    let read: serde_json::Map<String, serde_json::Value> =
        serde_saphyr::from_str(&yaml).expect("front matter is YAML");
    let expected: serde_json::Map<String, serde_json::Value> =
        api.front_matter.iter().cloned().collect();
    assert_eq!(read, expected);
    assert_eq!(
        read.get("permalink").and_then(|v| v.as_str()),
        Some("/api/status-codes")
    );
}

#[test]
fn index_lists_every_api_and_links_every_code() {
    let apis = seed_apis();
    let templates = Templates::builtin().expect("built-in templates parse");
    let index = docs::index_page(&templates, &apis).expect("index renders");
    let tables = tables(&index);
    let listed = table(&tables, "API");
    let api_rows: Vec<_> = listed
        .rows
        .iter()
        .filter(|r| r.len() == 4 && r[1] != "Code")
        .collect();
    assert!(api_rows.len() >= apis.len());
    for api in &apis {
        assert!(
            index.contains(&format!("]({}.md)", api.id)),
            "{} link",
            api.id
        );
        if let Some(summary) = &api.summary {
            assert!(squash(&visible_text(&index)).contains(&squash(summary)));
        }
    }
    let codes = tables
        .iter()
        .find(|t| t.header.get(1).map(String::as_str) == Some("Code"))
        .expect("the table of every code");
    let all: Vec<(&Api, &errspec_codegen::__internals::model::ErrorDef)> = apis
        .iter()
        .flat_map(|api| api.errors.iter().map(move |e| (api, e)))
        .collect();
    assert_eq!(codes.rows.len(), all.len());
    for (row, (api, error)) in codes.rows.iter().zip(&all) {
        assert_eq!(row[0], api.name);
        assert_eq!(row[1], error.code);
        assert_eq!(row[3], error.message);
        let link = format!("]({}.md#code-{})", api.id, error.code);
        assert!(index.contains(&link), "missing {link}");
    }
}

#[test]
fn rendering_is_byte_identical() {
    let templates = Templates::builtin().expect("built-in templates parse");
    let apis = seed_apis();
    for api in &apis {
        let first = docs::api_page(&templates, api).expect("renders");
        let again = docs::api_page(&Templates::builtin().expect("parse"), api).expect("renders");
        assert_eq!(first, again, "{}", api.id);
    }
}
