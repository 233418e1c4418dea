//! The static site, read as text: every code's anchor, one self-contained file per page whose
//! own Content-Security-Policy allows exactly its inline style and script, nothing fetched from
//! anywhere, and hostile spec text shown as text.

use crate::common::repo_root;
use base64::Engine as _;
use errspec_codegen::__internals::compile_paths;
use errspec_codegen::__internals::docs::{self, engine::Templates};
use errspec_codegen::__internals::model::Api;
use sha2::{Digest, Sha256};

fn apis(folder: &str) -> Vec<Api> {
    compile_paths(&[repo_root().join(folder)]).unwrap_or_else(|e| panic!("{folder}:\n{e}"))
}

fn site(apis: &[Api]) -> (Vec<String>, String) {
    docs::site_pages(&Templates::builtin().expect("templates"), apis).expect("the site renders")
}

/// The text between `open` and the next `close`.
fn between<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
    let start = page.find(open).expect(open) + open.len();
    let end = page[start..].find(close).expect(close) + start;
    &page[start..end]
}

fn sha256(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// The text of the status table's Meaning cell for status `key`.
fn meaning<'a>(page: &'a str, key: &str) -> &'a str {
    let row = between(page, &format!("<tr id=\"status-{key}\">"), "</tr>");
    let cells: Vec<&str> = row
        .split("<td>")
        .skip(1)
        .map(|cell| cell.strip_suffix("</td>").expect("a cell"))
        .collect();
    assert_eq!(cells.len(), 4, "status {key}: {row}");
    cells[1]
}

#[test]
fn the_status_table_shows_each_statuss_own_text_as_the_markdown_page_does() {
    let apis = apis("spec");
    let (pages, _) = site(&apis);
    for (api, page) in apis.iter().zip(&pages) {
        for s in &api.statuses {
            let text = meaning(page, &s.key.to_string());
            // The Markdown page's Description column: `when`, else the description, else the
            // message when it says more than the title.
            let has_text = s.when.is_some() || s.description.is_some() || s.message != s.title;
            assert_eq!(!text.is_empty(), has_text, "{} {}: {text:?}", api.id, s.key);
        }
    }
    let muggle = apis.iter().position(|a| a.id == "mugglepay").unwrap();
    let page = &pages[muggle];
    assert_eq!(meaning(page, "401"), "API credentials are not valid");
    assert_eq!(meaning(page, "404"), "Page, action not found");
    assert_eq!(meaning(page, "400"), "", "400 has only its title");
}

#[test]
fn every_code_and_status_has_its_anchor() {
    let apis = apis("spec");
    let (pages, index) = site(&apis);
    for (api, page) in apis.iter().zip(&pages) {
        for e in &api.errors {
            let anchor = docs::escape::anchor("code", &e.code);
            assert!(
                page.contains(&format!("id=\"{anchor}\"")),
                "{}: {anchor}",
                api.id
            );
            assert!(
                index.contains(&format!("href=\"{}.html#{anchor}\"", api.id)),
                "index links {anchor}"
            );
        }
        for s in &api.statuses {
            assert!(
                page.contains(&format!("id=\"status-{}\"", s.key)),
                "{}: status {}",
                api.id,
                s.key
            );
        }
        // Without JavaScript every row shows: nothing is hidden but the controls.
        assert_eq!(
            page.matches(" hidden>").count(),
            page.matches("<button").count() + usize::from(page.contains("<form"))
        );
    }
}

#[test]
fn pages_are_self_contained_under_their_own_strict_policy() {
    let mut all = apis("spec");
    all.extend(apis("tests/hostile"));
    let (pages, index) = site(&all);
    for page in pages.iter().chain([&index]) {
        let csp = between(
            page,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"",
            "\"",
        );
        let style = between(page, "<style>", "</style>");
        let script = between(page, "<script>", "</script>");
        assert_eq!(
            csp,
            format!(
                "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
                sha256(style),
                sha256(script)
            )
        );
        assert_eq!(
            page.matches("<script").count(),
            1,
            "one inline script, no other"
        );
        for fetch in ["<link", " src=", "@import", "url(", "<iframe", "<img"] {
            assert!(!page.contains(fetch), "the page would fetch with {fetch}");
        }
    }
}

#[test]
fn hostile_text_is_text() {
    let hostile = apis("tests/hostile");
    let (pages, _) = site(&hostile);
    let api = hostile.iter().position(|a| a.id == "hostile_api").unwrap();
    let page = &pages[api];
    let body = page.split("<script>").next().unwrap();
    assert!(
        !body.contains("<script>alert"),
        "a spec's <script> reached the page as markup"
    );
    assert!(
        body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;&#x2F;script&gt;")
            || body.contains("&lt;script&gt;alert("),
        "the message is shown escaped"
    );
    assert!(
        body.contains("{{ message }}"),
        "template syntax is shown as written"
    );
}

#[test]
fn the_site_is_in_the_artifacts_and_fresh() {
    let generated = repo_root().join("generated/site");
    for name in [
        "index.html",
        "centrapay.html",
        "funder_offers.html",
        "mugglepay.html",
        "muse_finance.html",
    ] {
        assert!(generated.join(name).is_file(), "{name} is checked in");
    }
}

/// The bytes of a site page grow by about one code's section per code: a 24-code page and a
/// 5,000-code page stay within these bounds (BENCHMARKS.md records the sizes).
#[test]
fn page_sizes_per_code() {
    let muggle: Vec<Api> = apis("spec")
        .into_iter()
        .filter(|a| a.id == "mugglepay")
        .collect();
    let (pages, _) = site(&muggle);
    let small = pages[0].len();
    let spec = crate::synthetic::spec("Synthetic", 5_000, 1);
    let big = errspec_codegen::__internals::compile_source(
        &errspec_codegen::__internals::Source::new("spec/synthetic.yaml", spec),
    )
    .expect("valid");
    let (pages, index) = site(std::slice::from_ref(&big));
    let large = pages[0].len();
    eprintln!(
        "site page bytes: 24 codes {small}, 5,000 codes {large} ({} per code), index of 5,000 codes {}",
        large / 5_000,
        index.len()
    );
    assert!(small < 64 * 1024, "a 24-code page is {small} bytes");
    assert!(
        large / 5_000 < 2_048,
        "a code takes {} bytes",
        large / 5_000
    );
}

#[test]
fn problem_types_link_the_published_site() {
    let hostile = apis("tests/hostile");
    let api = hostile.iter().find(|a| a.id == "hostile_api").unwrap();
    assert_eq!(
        api.site_url.as_deref(),
        Some("https://docs.example.test/errors/")
    );
    let (pages, _) = site(std::slice::from_ref(api));
    assert!(pages[0].contains("&quot;type&quot;: &quot;https:&#x2F;&#x2F;docs.example.test&#x2F;errors&#x2F;hostile_api.html#code-.3Cscript.3E&quot;") || pages[0].contains("https://docs.example.test/errors/hostile_api.html#code-.3Cscript.3E"), "the problem form links the code");
    let openapi = errspec_codegen::__internals::openapi::value(api);
    let example = &openapi["components"]["responses"]["400"]["content"]["application/problem+json"]
        ["examples"]["A"]["value"];
    assert_eq!(
        example["type"],
        "https://docs.example.test/errors/hostile_api.html#code-A"
    );
    // Without `site_url`, `about:blank`.
    let seeds = apis("spec");
    let openapi = errspec_codegen::__internals::openapi::value(&seeds[1]);
    let responses = openapi["components"]["responses"].as_object().unwrap();
    let (_, first) = responses.iter().next().unwrap();
    let problems = first["content"]["application/problem+json"]["examples"]
        .as_object()
        .unwrap();
    assert!(
        problems
            .values()
            .all(|p| p["value"]["type"] == "about:blank")
    );
}
