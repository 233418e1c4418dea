//! The names a crate already uses where it includes the generated modules.
//!
//! `include!(concat!(env!("OUT_DIR"), "/errspec_apis.rs"))` declares `pub mod <id>` for every
//! spec beside the items the crate writes itself; a spec whose stem is one of their names
//! (`spec/client.yaml` in a crate with `mod client;`) would fail to compile with an error about
//! generated code. So the Builder and `errspec check` both read the crate's root file, find the
//! module holding that `include!` and refuse such a spec at its first line. Both find the names
//! the same way, so they agree without a list to keep in step.

use std::path::{Path, PathBuf};

/// The crate root a spec folder belongs to: `src/lib.rs`, else `src/main.rs`, of the nearest
/// folder at or above `dir` that has a `Cargo.toml`.
pub fn crate_root(dir: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(dir).ok()?;
    let package = absolute
        .ancestors()
        .find(|folder| folder.join("Cargo.toml").is_file())?;
    ["src/lib.rs", "src/main.rs"]
        .into_iter()
        .map(|file| package.join(file))
        .find(|file| file.is_file())
}

/// The names in the type namespace of the module of `root_file` that includes `index_file`
/// (modules, types, traits, imports, `extern crate` aliases), sorted. Empty when the file
/// cannot be read or parsed (the compiler reports that) or does not include the index.
pub fn names_beside_index(root_file: &Path, index_file: &str) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(root_file) else {
        return Vec::new();
    };
    let Ok(file) = syn::parse_file(&text) else {
        return Vec::new();
    };
    let mut names = find(&file.items, index_file).unwrap_or_default();
    names.sort();
    names.dedup();
    names
}

/// The names of the item list that includes the index, searching inline modules too.
fn find(items: &[syn::Item], index_file: &str) -> Option<Vec<String>> {
    let includes_index = items.iter().any(|item| {
        matches!(item, syn::Item::Macro(m)
            if m.mac.path.is_ident("include") && m.mac.tokens.to_string().contains(index_file))
    });
    if includes_index {
        let mut names = Vec::new();
        for item in items {
            names_of(item, &mut names);
        }
        return Some(names);
    }
    items.iter().find_map(|item| match item {
        syn::Item::Mod(syn::ItemMod {
            content: Some((_, inner)),
            ..
        }) => find(inner, index_file),
        _ => None,
    })
}

fn names_of(item: &syn::Item, names: &mut Vec<String>) {
    let name = match item {
        syn::Item::Mod(m) => &m.ident,
        syn::Item::Struct(s) => &s.ident,
        syn::Item::Enum(e) => &e.ident,
        syn::Item::Union(u) => &u.ident,
        syn::Item::Trait(t) => &t.ident,
        syn::Item::TraitAlias(t) => &t.ident,
        syn::Item::Type(t) => &t.ident,
        syn::Item::ExternCrate(c) => c.rename.as_ref().map_or(&c.ident, |(_, alias)| alias),
        syn::Item::Use(u) => return use_names(&u.tree, names),
        _ => return,
    };
    names.push(unraw(name));
}

fn use_names(tree: &syn::UseTree, names: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, names),
        syn::UseTree::Name(n) if n.ident != "self" => names.push(unraw(&n.ident)),
        syn::UseTree::Name(_) | syn::UseTree::Glob(_) => {}
        // `use Trait as _` takes no name.
        syn::UseTree::Rename(r) if r.rename != "_" => names.push(unraw(&r.rename)),
        syn::UseTree::Rename(_) => {}
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, names)),
    }
}

fn unraw(ident: &syn::Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::names_beside_index;

    fn names(source: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lib.rs");
        std::fs::write(&file, source).unwrap();
        names_beside_index(&file, "errspec_apis.rs")
    }

    #[test]
    fn takes_the_names_of_the_module_that_includes_the_index() {
        let source = r#"
            extern crate self as errspec;
            mod client;
            pub mod server { pub struct Reply; }
            pub use runtime::{Retry, Scope as Reach};
            use std::fmt::{self, Write as _};
            fn helper() {}
            include!(concat!(env!("OUT_DIR"), "/errspec_apis.rs"));
        "#;
        assert_eq!(
            names(source),
            ["Reach", "Retry", "client", "errspec", "server"]
        );
    }

    #[test]
    fn finds_the_include_in_an_inline_module() {
        let source = r#"
            mod outer_only;
            pub mod apis {
                pub mod r#client {}
                include!(concat!(env!("OUT_DIR"), "/errspec_apis.rs"));
            }
        "#;
        assert_eq!(names(source), ["client"]);
    }

    #[test]
    fn nothing_is_taken_without_the_include_or_with_a_broken_file() {
        assert!(names("mod client;").is_empty());
        assert!(names("mod client; include!(").is_empty());
    }
}
