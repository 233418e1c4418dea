//! The shapes a module repeats once per status or code, written as text in prettyplease's
//! layout and handed to [`Splices`]: an enum's variants with their doc comments and
//! deprecations, the elements of `ALL`, and `match` arms.

use super::Splices;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::fmt::Write as _;

/// The lines of a doc text as doc attributes and `///` comments hold them.
pub(crate) fn doc_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim_end)
}

/// `doc_attrs(text)` as prettyplease prints it: `///` and the line. That is its form for a
/// line without `\n` that does not start with `/`, which holds for the lines of `tokens::doc_text`.
pub(crate) fn write_doc_comment(out: &mut String, text: &str) {
    for line in doc_lines(text) {
        debug_assert!(!line.starts_with('/'), "doc line {line:?}");
        out.push_str("///");
        out.push_str(line);
        out.push('\n');
    }
}

/// Arms of a `match` in a method of an impl at module level start 12 columns in.
const ARM_INDENT: usize = 12;
/// prettyplease keeps an arm on one line when it fits in its 89 columns, and otherwise wraps
/// the value in a block; an arm line up to this wide certainly fits.
const ARM_WIDTH: usize = 80;

/// `match <scrutinee> { <pattern> => <value>, ... }`, from its arms as source text. When every
/// arm fits on its line, which is the common case, the match is written as text and spliced
/// in (see `splice`); otherwise its text is lexed into tokens for prettyplease to lay out.
pub(crate) fn match_arms(
    splices: &mut Splices,
    scrutinee: &str,
    arms: &[(String, String)],
) -> TokenStream {
    let mut text = format!("match {scrutinee} {{\n");
    let mut fits = !arms.is_empty();
    for (pattern, value) in arms {
        let arm = format!("{pattern} => {value},");
        fits &= ARM_INDENT + arm.len() <= ARM_WIDTH;
        let _ = writeln!(text, "    {arm}");
    }
    text.push_str("}\n");
    if fits {
        return splices.expression(text);
    }
    match text.parse::<TokenStream>() {
        Ok(tokens) => tokens,
        // Unreachable: the arms are literals, paths and numbers written by this module.
        Err(e) => {
            let message = e.to_string();
            quote!(compile_error!(#message))
        }
    }
}

/// `match self { Self::A => a, ... }`: one arm per variant, the values as source text. With no
/// variants this is `match self {}`, which is how an empty enum's methods are written.
pub(crate) fn match_self(
    splices: &mut Splices,
    variants: &[Ident],
    values: impl IntoIterator<Item = String>,
) -> TokenStream {
    let arms: Vec<(String, String)> = variants
        .iter()
        .zip(values)
        .map(|(variant, value)| (format!("Self::{variant}"), value))
        .collect();
    match_arms(splices, "self", &arms)
}

/// An enum's body: each variant with its doc comment and deprecation, written as prettyplease
/// prints them and spliced in (one per code: too many to send through syn; see `splice`).
pub(crate) fn enum_body<'a>(
    splices: &mut Splices,
    variants: impl Iterator<Item = (String, Option<&'a str>, &'a Ident)>,
) -> TokenStream {
    let mut out = String::new();
    for (doc, deprecated, variant) in variants {
        write_doc_comment(&mut out, &doc);
        match deprecated {
            Some("") => out.push_str("#[deprecated]\n"),
            Some(reason) => {
                let note = super::literal::string(reason);
                // prettyplease breaks an attribute that would pass its margin of 89 columns
                // (the variant is indented by 4).
                if 4 + "#[deprecated(note = )]".len() + note.chars().count() > 89 {
                    let _ = writeln!(out, "#[deprecated(\n    note = {note}\n)]");
                } else {
                    let _ = writeln!(out, "#[deprecated(note = {note})]");
                }
            }
            None => {}
        }
        let _ = writeln!(out, "{variant},");
    }
    if out.is_empty() {
        return TokenStream::new();
    }
    let placeholder = splices.variants(out);
    quote!(#placeholder,)
}

/// The elements of an `ALL` array: the `Self::Variant` path of each variant, in order; spliced
/// in as text when the array is printed one per line anyway.
pub(crate) fn all_elements(variants: &[Ident], splices: &mut Splices) -> TokenStream {
    let lines: String = variants.iter().map(|v| format!("Self::{v},\n")).collect();
    if Splices::too_wide(lines.len()) {
        let placeholder = splices.elements(lines);
        quote!(#placeholder)
    } else {
        quote!(#(Self::#variants),*)
    }
}
