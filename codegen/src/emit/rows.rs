//! The tables at the heart of a module: `errspec::statuses!` and `errspec::error_codes!`, one
//! documented row per status and per code, written as text so that each row stays on one
//! line (a reader checks a code's wire string, status and message at a glance) and every spec
//! string enters as an escaped literal.

use super::lookup::{HashedLookup, hashed_lookup};
use super::text::literal::string;
use super::tokens::{doc_text, retry_variant};
use crate::model::{Api, ErrorDef, Status, StatusKey};
use std::fmt::Write as _;

/// Rows start 8 columns in: inside the macro's braces and the enum's.
const ROW_INDENT: &str = "        ";

/// The most codes handed to `errspec::error_codes!` as documented rows. rustc matches a
/// `macro_rules!` input of documented rows in time that grows with the square of their number
/// (3,500 rows: 1.2 s; 7,000: 4.8 s), so a larger catalog writes its enum and its rows as
/// plain Rust, still one row per code, and hands only the accessors to
/// `errspec::error_code_accessors!` (see BENCHMARKS.md, section 6).
pub(super) const MACRO_ROWS_UP_TO: usize = 1000;

/// `::errspec::statuses! { ... }` for `api`.
pub(super) fn statuses(api: &Api) -> String {
    let mut out = String::from("::errspec::statuses! {\n");
    let mut doc = format!(
        " The HTTP statuses the {} API documents, in the order of its docs ({} in all).",
        api.name,
        api.statuses.len()
    );
    if let Some(first) = api.statuses.first() {
        let _ = write!(
            doc,
            "\n\n `Status::{}` displays as `{} {}`; its `as_str()` is `{}`.",
            first.rust_name,
            first.key,
            first.title.replace('`', "'"),
            first.key
        );
    }
    write_doc(&mut out, "    ", &doc);
    if api.statuses.is_empty() {
        out.push_str("    pub enum Status {}\n}\n");
        return out;
    }
    out.push_str("    pub enum Status {\n");
    for status in &api.statuses {
        write_doc(&mut out, ROW_INDENT, &status_doc(status));
        out.push_str(ROW_INDENT);
        out.push_str(&status_row(status));
        out.push('\n');
    }
    out.push_str("    }\n}\n");
    out
}

/// The doc comment under a status's generated headline: its description.
fn status_doc(status: &Status) -> String {
    match status.description.as_deref() {
        Some(description) => format!("\n{}", doc_text(&[Some(description)])),
        None => String::new(),
    }
}

/// `BadRequest = 400, "Bad Request", Never, message "...";`
fn status_row(status: &Status) -> String {
    let key = match status.key {
        StatusKey::Code(code) => code.to_string(),
        StatusKey::Class(hundred) => format!("{hundred}00..={hundred}99"),
    };
    let mut row = format!(
        "{} = {key}, {}, {}",
        status.rust_name,
        string(&status.title),
        retry_variant(status.retry)
    );
    if status.message != status.title {
        let _ = write!(row, ", message {}", string(&status.message));
    }
    if status.reason != status.title {
        let _ = write!(row, ", reason {}", string(&status.reason));
    }
    if let Some(grpc) = status.grpc {
        let _ = write!(row, ", grpc {}", grpc_variant(grpc));
    }
    row.push(';');
    row
}

/// `::errspec::error_codes! { ... }` for `api`, with the perfect-hash tables of a large
/// catalog after the enum.
pub(super) fn error_codes(api: &Api) -> String {
    let mut out = String::from("::errspec::error_codes! {\n");
    let mut doc = format!(
        " The error codes the {} API documents ({} in all), each sent on the wire as its exact code.",
        api.name,
        api.errors.len()
    );
    if let Some(first) = api.errors.first() {
        let _ = write!(
            doc,
            "\n\n `ErrorCode::{}` is sent as `{}` and displays its message.",
            first.rust_name,
            first.code.replace('`', "'")
        );
    }
    write_doc(&mut out, "    ", &doc);
    if api.errors.is_empty() {
        out.push_str("    pub enum ErrorCode: Status {}\n}\n");
        return out;
    }
    if api.errors.len() > MACRO_ROWS_UP_TO {
        return large_error_codes(api, &doc);
    }
    out.push_str("    pub enum ErrorCode: Status {\n");
    for error in &api.errors {
        write_doc(&mut out, ROW_INDENT, &error_doc(api, error));
        if let Some(reason) = &error.deprecated {
            out.push_str(ROW_INDENT);
            out.push_str(&deprecated_attribute(reason));
            out.push('\n');
        }
        out.push_str(ROW_INDENT);
        out.push_str(&error_row(api, error));
        out.push('\n');
    }
    out.push_str("    }\n");
    if let Some(lookup) = hashed_lookup(&api.errors) {
        write_lookup(&mut out, &lookup);
    }
    out.push_str("}\n");
    out
}

/// A large catalog's codes: the enum and one row per code as plain Rust, and the accessors
/// from `errspec::error_code_accessors!`, with the perfect-hash lookup (or, should no hash
/// separate the codes, a `match`).
fn large_error_codes(api: &Api, doc: &str) -> String {
    let mut out = String::new();
    write_doc(&mut out, "", doc);
    out.push_str(
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n\
         #[allow(clippy::enum_variant_names)]\n\
         pub enum ErrorCode {\n",
    );
    for error in &api.errors {
        let headline = format!(
            " `{}`: {}",
            error.code.replace('`', "'"),
            super::tokens::doc_line(&error.message).trim_start()
        );
        write_doc(&mut out, "    ", &(headline + &error_doc(api, error)));
        if let Some(reason) = &error.deprecated {
            let _ = writeln!(out, "    {}", deprecated_attribute(reason));
        }
        let _ = writeln!(out, "    {},", error.rust_name);
    }
    out.push_str(
        "}\n\n#[allow(deprecated)]\nimpl ErrorCode {\n    \
         /// Each code's facts, indexed by the variant: one row per code.\n    \
         const ROWS: &'static [::errspec::__private::CodeRow] = &[\n",
    );
    for error in &api.errors {
        let status = &api.statuses[error.status];
        let retry = if error.retry == status.retry {
            String::new()
        } else {
            format!("::errspec::Retry::{}", retry_variant(error.retry))
        };
        let deprecated = error
            .deprecated
            .as_ref()
            .map(|reason| string(reason))
            .unwrap_or_default();
        let grpc = own_grpc(api, error)
            .map(|g| format!("::errspec::GrpcCode::{}", grpc_variant(g)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "        ::errspec::__private::CodeRow {{ wire: {}, status: Status::{} as usize, message: {}, retry: &[{retry}], deprecated: &[{deprecated}], grpc: &[{grpc}] }},",
            string(&error.code),
            status.rust_name,
            string(&error.message),
        );
    }
    out.push_str("    ];\n\n    /// Every error code, in the order of the docs.\n    pub const ALL: &'static [ErrorCode] = &[\n");
    for error in &api.errors {
        let _ = writeln!(out, "        Self::{},", error.rust_name);
    }
    out.push_str("    ];\n}\n\n::errspec::error_code_accessors! {\n    ErrorCode: Status,\n");
    match hashed_lookup(&api.errors) {
        Some(lookup) => write_lookup(&mut out, &lookup),
        None => {
            out.push_str("    lookup: [\n");
            for error in &api.errors {
                let _ = writeln!(
                    out,
                    "        {} => {},",
                    string(&error.code),
                    error.rust_name
                );
            }
            out.push_str("    ]\n");
        }
    }
    out.push_str("}\n");
    out
}

/// The doc comment under a code's generated headline: its description and, when retired,
/// what that means.
fn error_doc(api: &Api, error: &ErrorDef) -> String {
    let retired = error.retired.as_ref().map(|r| {
        let instead = r
            .replaced_by
            .map(|i| format!(" Use `{}` instead.", api.errors[i].code.replace('`', "'")))
            .unwrap_or_default();
        format!(
            "Retired since {}: servers no longer send it; it stays so that bodies from older servers still read as it.{instead}",
            r.since
        )
    });
    let text = doc_text(&[error.description.as_deref(), retired.as_deref()]);
    if text.is_empty() {
        text
    } else {
        format!("\n{text}")
    }
}

/// `#[deprecated]`, with the reason as its note when there is one.
fn deprecated_attribute(reason: &str) -> String {
    if reason.is_empty() {
        "#[deprecated]".to_owned()
    } else {
        format!("#[deprecated = {}]", string(reason))
    }
}

/// `InvoiceNotExist = "INVOICE_NOT_EXIST", BadRequest, "Invoice does not exist.";`
fn error_row(api: &Api, error: &ErrorDef) -> String {
    let status = &api.statuses[error.status];
    let mut row = format!(
        "{} = {}, {}, {}",
        error.rust_name,
        string(&error.code),
        status.rust_name,
        string(&error.message)
    );
    if error.retry != status.retry {
        let _ = write!(row, ", retry {}", retry_variant(error.retry));
    }
    if let Some(grpc) = own_grpc(api, error) {
        let _ = write!(row, ", grpc {}", grpc_variant(grpc));
    }
    row.push(';');
    row
}

/// `lookup: hashed { ... }`: the perfect-hash tables of a large catalog.
fn write_lookup(out: &mut String, lookup: &HashedLookup) {
    let [d, e, i] = lookup.widths;
    let _ = write!(
        out,
        "    // The perfect hash errspec-codegen found for these codes (errspec_vocab::lookup).\n    \
         lookup: hashed {{\n        \
         seed: {:#x},\n        \
         whole_code: {},\n        \
         lengths: {}..={},\n        \
         widths: [{d}, {e}, {i}],\n        \
         displacements: {},\n        \
         wires: {},\n        \
         slots: {},\n    \
         }}\n",
        lookup.seed,
        lookup.whole_code,
        lookup.lengths.start(),
        lookup.lengths.end(),
        super::text::literal::byte_string(&lookup.displacements),
        string(&lookup.wires),
        super::text::literal::byte_string(&lookup.slots),
    );
}

/// `text` (lines that start with a space, or empty; see `tokens::doc_text`) as doc comments,
/// each line at `indent`. A line a `///` comment cannot carry as it is (a carriage return, or
/// a start that would make it another kind of comment) is written as a `#[doc]` attribute.
pub(super) fn write_doc(out: &mut String, indent: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    for line in text.split('\n') {
        out.push_str(indent);
        if line.contains('\r') || line.starts_with(['/', '!']) {
            let _ = write!(out, "#[doc = {}]", string(line));
        } else {
            out.push_str("///");
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
}

/// A code's gRPC code when it is not its status's.
fn own_grpc(api: &Api, error: &ErrorDef) -> Option<crate::model::GrpcCode> {
    error.grpc.filter(|&g| g != api.status_grpc(error.status))
}

/// The name of a gRPC code's variant of `errspec::GrpcCode`.
fn grpc_variant(grpc: crate::model::GrpcCode) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(grpc.as_str().to_ascii_lowercase().as_str())
}
