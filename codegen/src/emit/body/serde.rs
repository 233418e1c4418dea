//! The `ErrorBody`'s serde impls, as one `errspec::wire_body!` call that lists its fields in wire
//! order: errspec writes the impls (present fields in wire order, undocumented fields skipped,
//! fields of the wrong JSON type read as absent, duplicates refused), the same for every API.

use crate::emit::text::literal::string;
use crate::model::{Api, Role};
use std::fmt::Write as _;

/// `::errspec::wire_body! { ErrorBody [in "envelope"] { field: "wire", ... } }`.
pub fn wire_body(api: &Api) -> String {
    let mut out = String::from("::errspec::wire_body! {\n    ErrorBody");
    let body = api.body.as_ref();
    if let Some(envelope) = body.and_then(|b| b.envelope.as_deref()) {
        let _ = write!(out, " in {}", string(envelope));
    }
    let fields = body.map_or(&[][..], |b| &b.fields[..]);
    if fields.is_empty() {
        out.push_str(" {}\n}\n");
        return out;
    }
    out.push_str(" {\n");
    for field in fields {
        let _ = write!(out, "        {}: {}", field.rust_name, string(&field.wire));
        match field.role {
            Role::StatusString => out.push_str(" as status_string"),
            Role::Json => out.push_str(" as json"),
            _ => {}
        }
        out.push_str(",\n");
    }
    out.push_str("    }\n}\n");
    out
}
