//! `errspec::catalog!`: the marker type `Api` and the impls that plug the module into the
//! errspec runtime, all written by errspec from the names of the module's items, so the client
//! reader, retry decision, server replies and quotas serve every API through one generic code.

use crate::model::{Api, Role};

/// `::errspec::catalog! { pub struct Api { ... } }` for `api`.
pub(super) fn catalog(api: &Api) -> String {
    let fields = api.body.as_ref().map_or(&[][..], |b| &b.fields[..]);
    let documented = !fields.is_empty();
    let details = fields.iter().any(|f| f.role == Role::Details);
    let mut out = String::from("::errspec::catalog! {\n");
    let doc = format!(
        " The {} API as a type, for the generic `errspec` runtime: read a response with \
         `errspec::client::ErrorResponse::<Api>::read`, build a reply with \
         `errspec::server::Reply`, derive client quotas with `errspec::quota::for_api::<Api>`.",
        api.name
    );
    super::rows::write_doc(&mut out, "    ", &doc);
    out.push_str(&format!(
        "    pub struct Api {{\n        status: Status,\n        code: ErrorCode,\n        \
         body: ErrorBody {{ documented: {documented}, details: {details} }},\n    }}\n}}\n"
    ));
    out
}
