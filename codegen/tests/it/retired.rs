//! Retired codes: kept in the generated enum as deprecated variants (so bodies from older
//! servers still parse), listed under "Retired codes" with their anchors kept, and recorded in
//! a "Changes" section, newest first, which only pages with retirements have.

use crate::common::{squash, visible_text};
use errspec_codegen::__internals::docs::{self, engine::Templates};
use errspec_codegen::__internals::model::Api;
use errspec_codegen::__internals::{Source, compile_source};

const SPEC: &str = r#"api: { name: Acme }
body:
  fields: { code: code, message: message }
statuses:
  400: { title: Bad Request }
  404: { title: Not Found }
errors:
  CARD_REFUSED:
    status: 400
    message: The card was refused.
    retired: { since: "2024-01-15", replaced_by: CARD_DECLINED }
  CARD_DECLINED:
    status: 400
    message: The card was declined.
  NO_SUCH_THING:
    status: 404
    message: Nothing here.
    retired: { since: "2025-03-01" }
"#;

fn api() -> Api {
    compile_source(&Source::new("spec/acme.yaml", SPEC))
        .unwrap_or_else(|e| panic!("the spec is valid:\n{e}"))
}

fn page(api: &Api) -> String {
    let templates = Templates::builtin().expect("built-in templates parse");
    docs::api_page(&templates, api).expect("page renders")
}

#[test]
fn the_model_records_since_and_replacement() {
    let api = api();
    let refused = &api.errors[0];
    let retired = refused.retired.as_ref().expect("CARD_REFUSED is retired");
    assert_eq!(retired.since, "2024-01-15");
    assert_eq!(retired.replaced_by, Some(1));
    assert_eq!(
        refused.deprecated.as_deref(),
        Some("retired since 2024-01-15; use `CARD_DECLINED` instead")
    );
    assert_eq!(api.errors[1].retired, None);
    assert_eq!(
        api.errors[2].deprecated.as_deref(),
        Some("retired since 2025-03-01")
    );
}

#[test]
fn retired_variants_stay_in_the_enum_deprecated_with_the_reason() {
    let rust = errspec_codegen::__internals::emit_rust::module(&api());
    assert!(
        rust.contains(
            "#[deprecated = \"retired since 2024-01-15; use `CARD_DECLINED` instead\"]\n        CardRefused = \"CARD_REFUSED\","
        ),
        "{rust}"
    );
    assert!(rust.contains(
        "#[deprecated = \"retired since 2025-03-01\"]\n        NoSuchThing = \"NO_SUCH_THING\","
    ));
    assert!(rust.contains("Retired since 2024-01-15: servers no longer send it"));
    assert!(rust.contains("Use `CARD_DECLINED` instead."));
    // Reading still knows the retired wire code.
    assert!(rust.contains("\"CARD_REFUSED\""));
}

#[test]
fn the_page_lists_retired_codes_apart_with_their_anchors_and_a_changes_section() {
    let page = page(&api());
    let text = squash(&visible_text(&page));
    let current = page.find("## Error codes").expect("current codes section");
    let retired = page
        .find("## Retired codes")
        .expect("retired codes section");
    let changes = page.find("## Changes").expect("changes section");
    assert!(current < retired && retired < changes);
    let current_part = &page[current..retired];
    assert!(current_part.contains("`CARD_DECLINED`"));
    assert!(!current_part.contains("`CARD_REFUSED`"));
    // The anchors of retired codes are kept, so old links still land.
    assert!(page.contains("<a id=\"code-CARD_REFUSED\"></a>"));
    assert!(page.contains("<a id=\"code-NO_SUCH_THING\"></a>"));
    assert!(text.contains(
        "CARD_REFUSED | 2024-01-15 | CARD_DECLINED | 400 Bad Request | The card was refused."
    ));
    assert!(text.contains("Retired since 2024-01-15: servers no longer send this code"));
    // Newest first.
    let changes_text = squash(&visible_text(&page[changes..]));
    let newer = changes_text
        .find("2025-03-01: NO_SUCH_THING retired.")
        .expect(&changes_text);
    let older = changes_text
        .find("2024-01-15: CARD_REFUSED retired; use CARD_DECLINED instead.")
        .expect(&changes_text);
    assert!(newer < older);
    assert!(
        page.contains("[Changes](#changes)") && page.contains("[Retired codes](#retired-codes)")
    );
}

#[test]
fn a_page_without_retirements_has_no_changes_or_retired_section() {
    let spec = SPEC
        .replace(
            "    retired: { since: \"2024-01-15\", replaced_by: CARD_DECLINED }\n",
            "",
        )
        .replace("    retired: { since: \"2025-03-01\" }\n", "");
    let api = compile_source(&Source::new("spec/acme.yaml", &spec)).expect("valid");
    let page = page(&api);
    assert!(!page.contains("## Changes") && !page.contains("## Retired codes"));
    assert!(!page.contains("(#changes)"));
}
