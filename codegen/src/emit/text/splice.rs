//! Text written already formatted and spliced into prettyplease's output.
//!
//! Most of a large catalog's module is a few shapes repeated once per error code: the
//! `ErrorCode` variants with their doc comments, the `Self::Variant,` lines of `ALL`, and the
//! table literals of `tables` and `lookup`. Sending them through tokens, syn's parser
//! and prettyplease costs about 10 µs per code, most of the generator's time on a big catalog,
//! for a layout that is fixed: prettyplease prints a broken enum body or array one entry per
//! line, and never breaks a `const` or `static` item after its `=`.
//!
//! So those parts are written as text in that layout, and the tokens carry a placeholder
//! identifier in their place: a variant, an array element or a `const`'s value. After
//! prettyplease has formatted the rest, [`Splices::apply`] swaps each placeholder for its text,
//! indented like the line it replaces. The output is byte for byte what prettyplease prints for
//! the full tokens; `tests/it/splice.rs` checks that it is a fixed point of syn + prettyplease for
//! the seed, hostile and synthetic specs.
//!
//! Items that are the same in every module (trait impls that forward to inherent methods, the
//! perfect hash's helper functions) are [`Constant`]s: formatted once per process, at the depth
//! they are used, and spliced in the same way, so a project with many specs pays for them once.
//!
//! A placeholder can never be confused with spec text: it is recognised only as a whole line
//! `<indent><placeholder>,`, as `<indent><placeholder>!();` or at the end of a `const`/`static` line, while spec text reaches
//! the output only inside string literals (always one line, in quotes) and after `///`; and
//! generated identifiers never contain `__` (see `naming`).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// Every placeholder starts with this. No identifier built from a spec contains `__`.
const MARKER: &str = "__errspec_splice_";

/// An element of an array whose one-line form would be at least this wide is always broken
/// one per line; a placeholder this long forces the same layout.
const FORCE_BREAK: usize = 120;

/// The fragments of one module; a placeholder names its fragment by number.
#[derive(Debug, Default)]
pub(crate) struct Splices {
    fragments: Vec<Fragment>,
}

#[derive(Debug)]
struct Fragment {
    placeholder: String,
    kind: Kind,
    text: Cow<'static, str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Whole lines: replaces the line `<indent><placeholder>,`; each line of the text is
    /// indented like it.
    Lines,
    /// One token: replaces `<placeholder>` at the end of a `const` or `static` line.
    Value,
    /// Items or statements: replaces the line `<indent><placeholder>!();`, a macro call in
    /// item or statement position; each line of the text is indented like it.
    Block,
    /// A block's tail expression: replaces the line `<indent><placeholder>!()`.
    Expr,
}

/// Where a [`Constant`]'s tokens go, which sets the indentation prettyplease formats them at.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Depth {
    /// Items of the module.
    Module,
    /// Statements or items in the body of a method.
    MethodBody,
}

/// Tokens that are the same in every generated module, formatted once per process.
pub(crate) struct Constant {
    tokens: fn() -> TokenStream,
    depth: Depth,
    formatted: OnceLock<String>,
}

impl Constant {
    /// The tokens `tokens()` returns, to be used at `depth`.
    pub(crate) const fn new(depth: Depth, tokens: fn() -> TokenStream) -> Self {
        Self {
            tokens,
            depth,
            formatted: OnceLock::new(),
        }
    }

    /// The tokens as prettyplease prints them at their depth, without that depth's indent.
    fn text(&'static self) -> &'static str {
        self.formatted.get_or_init(|| {
            let tokens = (self.tokens)();
            let (wrapped, wrapper_lines, indent) = match self.depth {
                Depth::Module => (tokens, 0, 0),
                Depth::MethodBody => (quote!(impl T { fn f() { #tokens } }), 2, 8),
            };
            let file = match syn::parse2::<syn::File>(wrapped) {
                Ok(file) => prettyplease::unparse(&file),
                // Constant tokens written in this crate: the splice tests parse every one.
                Err(e) => return format!("compile_error!({:?});\n", e.to_string()),
            };
            let lines: Vec<&str> = file.lines().collect();
            let inner =
                &lines[wrapper_lines.min(lines.len())..lines.len().saturating_sub(wrapper_lines)];
            inner
                .iter()
                .map(|line| format!("{}\n", line.get(indent..).unwrap_or_default()))
                .collect()
        })
    }
}

impl Splices {
    fn add(&mut self, kind: Kind, force_break: bool, text: impl Into<Cow<'static, str>>) -> Ident {
        let mut placeholder = format!("{MARKER}{}", self.fragments.len());
        if force_break {
            placeholder.push('_');
            while placeholder.len() < FORCE_BREAK {
                placeholder.push('x');
            }
        }
        let ident = Ident::new(&placeholder, Span::call_site());
        self.fragments.push(Fragment {
            placeholder,
            kind,
            text: text.into(),
        });
        ident
    }

    /// A placeholder variant for an enum body: `lines` are the variants, each with its
    /// attributes, as prettyplease prints them at indent 0 (every line ends with `\n`).
    pub(crate) fn variants(&mut self, lines: String) -> Ident {
        self.add(Kind::Lines, false, lines)
    }

    /// A placeholder element for an array literal whose elements are `lines`, one per line
    /// with its trailing comma. Only for arrays too wide for one line, which prettyplease
    /// prints that way: see [`Splices::too_wide`].
    pub(crate) fn elements(&mut self, lines: String) -> Ident {
        self.add(Kind::Lines, true, lines)
    }

    /// A placeholder for the whole value of a `const` or `static` item: `token` is its source
    /// text, such as a literal's `to_string()`.
    pub(crate) fn value(&mut self, token: String) -> Ident {
        self.add(Kind::Value, false, token)
    }

    /// A placeholder item or statement for `constant`, formatted once per process.
    pub(crate) fn constant(&mut self, constant: &'static Constant) -> TokenStream {
        let placeholder = self.add(Kind::Block, false, constant.text());
        quote!(#placeholder!();)
    }

    /// A placeholder for the tail expression of a block (a method's body) whose text is
    /// `lines`, as prettyplease prints it at indent 0.
    pub(crate) fn expression(&mut self, lines: String) -> TokenStream {
        let placeholder = self.add(Kind::Expr, false, lines);
        quote!(#placeholder!())
    }

    /// Whether elements whose one-line text totals `width` bytes can only be printed one per
    /// line.
    pub(crate) const fn too_wide(width: usize) -> bool {
        width >= FORCE_BREAK
    }

    /// `formatted` with every placeholder replaced by its text. `Err` names a placeholder that
    /// is missing or not where it belongs, which would be a bug in the emitters.
    pub(crate) fn apply(&self, formatted: &str) -> Result<String, String> {
        if self.fragments.is_empty() {
            return Ok(formatted.to_owned());
        }
        let extra: usize = self.fragments.iter().map(|f| f.text.len() * 2).sum();
        let mut out = String::with_capacity(formatted.len() + extra);
        let mut used = vec![false; self.fragments.len()];
        let mut rest = formatted;
        while let Some(at) = rest.find(MARKER) {
            let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = rest[at..].find('\n').map_or(rest.len(), |i| at + i + 1);
            out.push_str(&rest[..line_start]);
            let line = &rest[line_start..line_end];
            let digits = rest[at + MARKER.len()..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(&rest[at + MARKER.len()..], |end| {
                    &rest[at + MARKER.len()..at + MARKER.len() + end]
                });
            let index = digits
                .parse::<usize>()
                .ok()
                .filter(|&i| !used.get(i).unwrap_or(&true));
            match index {
                Some(i) if self.fragments[i].splice(line, &mut out) => used[i] = true,
                _ => out.push_str(line),
            }
            rest = &rest[line_end..];
        }
        out.push_str(rest);
        match used.iter().position(|&u| !u) {
            None => Ok(out),
            Some(missing) => Err(format!(
                "errspec-codegen bug: placeholder {} not found in the formatted module",
                self.fragments[missing].placeholder
            )),
        }
    }
}

impl Fragment {
    /// Writes the replacement of `line` to `out` if `line` is this fragment's placeholder in
    /// its expected place; otherwise writes nothing and returns false.
    fn splice(&self, line: &str, out: &mut String) -> bool {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let content = body.trim_start_matches(' ');
        let indent = &body[..body.len() - content.len()];
        match self.kind {
            Kind::Lines | Kind::Block | Kind::Expr => {
                let end = match self.kind {
                    Kind::Lines => ",",
                    Kind::Block => "!();",
                    _ => "!()",
                };
                let is_placeholder = content
                    .strip_suffix(end)
                    .is_some_and(|p| p == self.placeholder);
                if !is_placeholder {
                    return false;
                }
                for text_line in self.text.split_inclusive('\n') {
                    if text_line != "\n" {
                        out.push_str(indent);
                    }
                    out.push_str(text_line);
                }
                if !self.text.ends_with('\n') && line.ends_with('\n') {
                    out.push('\n');
                }
                true
            }
            Kind::Value => {
                let is_item = ["const ", "static ", "pub const ", "pub static "]
                    .iter()
                    .any(|start| content.starts_with(start));
                let Some(head) = content
                    .strip_suffix(';')
                    .and_then(|c| c.strip_suffix(self.placeholder.as_str()))
                    .and_then(|c| c.strip_suffix(" = "))
                else {
                    return false;
                };
                if !is_item {
                    return false;
                }
                let _ = write!(out, "{indent}{head} = {};", self.text);
                if line.ends_with('\n') {
                    out.push('\n');
                }
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn format(tokens: proc_macro2::TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("valid tokens"))
    }

    #[test]
    fn variants_elements_and_values_land_where_prettyplease_prints_them() {
        let full = format(quote! {
            pub enum E {
                /// One.
                A,
                #[deprecated]
                B,
            }
            impl E {
                pub const ALL: &'static [E] = &[Self::A, Self::B, Self::A, Self::B, Self::A, Self::B, Self::A, Self::B, Self::A, Self::B, Self::A, Self::B];
                pub const fn f() -> &'static str {
                    const TEXT: &str = "a \" b";
                    TEXT
                }
            }
        });
        let mut splices = Splices::default();
        let variants = splices.variants("/// One.\nA,\n#[deprecated]\nB,\n".to_owned());
        let elements = splices.elements("Self::A,\nSelf::B,\n".repeat(6));
        let text = splices.value(proc_macro2::Literal::string("a \" b").to_string());
        let with_placeholders = format(quote! {
            pub enum E { #variants }
            impl E {
                pub const ALL: &'static [E] = &[#elements];
                pub const fn f() -> &'static str {
                    const TEXT: &str = #text;
                    TEXT
                }
            }
        });
        assert_eq!(splices.apply(&with_placeholders), Ok(full));
    }

    #[test]
    fn a_placeholder_in_spec_text_is_left_alone() {
        let mut splices = Splices::default();
        let value = splices.value("1".to_owned());
        let formatted = format(quote! {
            /// __errspec_splice_0,
            pub const DOC: &str = "__errspec_splice_0;";
            pub const X: u8 = #value;
        });
        let spliced = splices.apply(&formatted).expect("spliced");
        assert!(spliced.contains("/// __errspec_splice_0,\n"), "{spliced}");
        assert!(spliced.contains("\"__errspec_splice_0;\""), "{spliced}");
        assert!(spliced.contains("pub const X: u8 = 1;"), "{spliced}");
    }

    #[test]
    fn a_missing_placeholder_is_an_error_not_silent_output() {
        let mut splices = Splices::default();
        let _ = splices.value("1".to_owned());
        assert!(splices.apply("pub const X: u8 = 2;\n").is_err());
    }
}
