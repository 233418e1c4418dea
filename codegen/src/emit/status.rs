//! `pub enum Status`: every documented HTTP status, its accessors, `Display` and, with the
//! `http` feature, the `http::StatusCode` conversions.

use super::text::shapes::{all_elements, enum_body, match_arms, match_self};
use super::text::{Constant, Depth, Splices};
use super::tokens::*;
use crate::features::RuntimeFeatures;
use crate::model::{Api, Status, StatusKey};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

fn status_display(status: &Status) -> String {
    format!("{} {}", status.key, status.title)
}

/// `pub enum Status`, its inherent accessors and its trait impls.
pub(super) fn status_tokens(
    api: &Api,
    features: RuntimeFeatures,
    splices: &mut Splices,
) -> TokenStream {
    let impls = splices.constant(&STATUS_IMPLS);
    let http_impls = features
        .http()
        .then(|| splices.constant(&STATUS_HTTP_IMPLS));
    let variants: Vec<Ident> = api.statuses.iter().map(|s| ident(&s.rust_name)).collect();
    let enum_def = status_enum(api, &variants, splices);
    let accessors = accessors(&api.statuses, &variants, splices);
    quote! {
        #enum_def

        #accessors

        #impls

        #http_impls
    }
}

/// The enum itself: one variant per status, each documented with its heading and texts.
fn status_enum(api: &Api, variants: &[Ident], splices: &mut Splices) -> TokenStream {
    let variant_defs = enum_body(
        splices,
        api.statuses.iter().zip(variants).map(|(s, v)| {
            let heading = format!("{} {}", s.key, s.title);
            let doc = doc_text(&[Some(&heading), s.description.as_deref(), s.when.as_deref()]);
            (doc, None, v)
        }),
    );
    let status_doc = format!(
        " The HTTP statuses the {} API documents, in the order of its docs ({} in all).",
        api.name,
        api.statuses.len()
    );
    quote! {
        #[doc = #status_doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        // Variant names come from the API's own titles and codes, which often share a
        // prefix or suffix (`..._FAILED`); that is the API's naming, not a style slip.
        #[allow(clippy::enum_variant_names)]
        pub enum Status {
            #variant_defs
        }
    }
}

/// `impl Status`: `ALL` and one `const fn` per fact of a status, each a `match` on `self`.
fn accessors(statuses: &[Status], variants: &[Ident], splices: &mut Splices) -> TokenStream {
    let all = all_elements(variants, splices);
    let mut arms = |value: &dyn Fn(&Status) -> String| {
        match_self(splices, variants, statuses.iter().map(value))
    };
    let text =
        |field: fn(&Status) -> &str| move |s: &Status| crate::emit::text::literal::string(field(s));
    let code_body = arms(&|s| s.key.code().to_string());
    let title_body = arms(&text(|s| &s.title));
    let message_body = arms(&text(|s| &s.message));
    let reason_body = arms(&text(|s| &s.reason));
    let display_body = arms(&|s| crate::emit::text::literal::string(&status_display(s)));
    let retry_body = arms(&|s| format!("::errspec::Retry::{}", retry_variant(s.retry)));
    let class_body = arms(&|s| matches!(s.key, StatusKey::Class(_)).to_string());
    let from_code_body = from_code_body(statuses, variants, splices);
    quote! {
        impl Status {
            /// Every status, in the order of the docs.
            pub const ALL: &'static [Status] = &[#all];

            /// The HTTP status code; for a class such as `5xx`, its lowest code.
            #[must_use]
            pub const fn code(self) -> u16 {
                #code_body
            }

            /// The API's own name for the status.
            #[must_use]
            pub const fn title(self) -> &'static str {
                #title_body
            }

            /// The body message sent when no error code applies.
            #[must_use]
            pub const fn message(self) -> &'static str {
                #message_body
            }

            /// The reason phrase a body's title field carries for this status.
            #[must_use]
            pub const fn reason(self) -> &'static str {
                #reason_body
            }

            /// `"421 Too Many Requests"`, or `"5xx Server Error"` for a class: the `Display` text.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                #display_body
            }

            /// What a client should do when it receives this status.
            #[must_use]
            pub const fn retry(self) -> ::errspec::Retry {
                #retry_body
            }

            /// Whether this is a class of statuses such as `5xx` rather than one code.
            #[must_use]
            pub const fn is_class(self) -> bool {
                #class_body
            }

            /// The declared status for `code`; a class matches any code of its hundred not
            /// declared on its own.
            #[must_use]
            pub const fn from_code(code: u16) -> Option<Status> {
                #from_code_body
            }
        }
    }
}

/// The body of `from_code`: exact codes, then classes, then `None`.
fn from_code_body(statuses: &[Status], variants: &[Ident], splices: &mut Splices) -> TokenStream {
    // With no status declared, a `match` of only `_ => None` trips clippy::match_single_binding.
    if statuses.is_empty() {
        return quote!({
            let _ = code;
            None
        });
    }
    let mut arms = from_code_arms(statuses, variants);
    arms.push(("_".to_owned(), "None".to_owned()));
    match_arms(splices, "code", &arms)
}

/// The trait impls of `Status`, the same in every module.
static STATUS_IMPLS: Constant = Constant::new(Depth::Module, || {
    quote! {
        impl ::core::fmt::Display for Status {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
});

/// The conversions between `Status` and `http::StatusCode`, for errspec's `http` feature.
static STATUS_HTTP_IMPLS: Constant = Constant::new(Depth::Module, || {
    quote! {
        impl ::core::convert::From<Status> for ::errspec::__private::http::StatusCode {
            fn from(status: Status) -> Self {
                match ::errspec::__private::http::StatusCode::from_u16(status.code()) {
                    Ok(code) => code,
                    // Unreachable: declared codes are validated to lie in 100..=599.
                    Err(_) => ::errspec::__private::http::StatusCode::INTERNAL_SERVER_ERROR,
                }
            }
        }

        impl ::core::convert::TryFrom<::errspec::__private::http::StatusCode> for Status {
            type Error = ::errspec::UnknownStatus;
            fn try_from(
                code: ::errspec::__private::http::StatusCode,
            ) -> Result<Self, ::errspec::UnknownStatus> {
                Status::from_code(code.as_u16()).ok_or(::errspec::UnknownStatus(code.as_u16()))
            }
        }
    }
});

/// Exact codes first, then each class over the codes of its hundred that no exact status
/// claims, as ranges, so no arm is unreachable.
fn from_code_arms(statuses: &[Status], variants: &[Ident]) -> Vec<(String, String)> {
    let mut arms = Vec::new();
    for (s, v) in statuses.iter().zip(variants) {
        if let StatusKey::Code(c) = s.key {
            arms.push((c.to_string(), format!("Some(Self::{v})")));
        }
    }
    for (s, v) in statuses.iter().zip(variants) {
        if let StatusKey::Class(n) = s.key {
            let first = u16::from(n) * 100;
            let taken: Vec<u16> = statuses
                .iter()
                .filter_map(|o| match o.key {
                    StatusKey::Code(c) if c / 100 == u16::from(n) => Some(c),
                    _ => None,
                })
                .collect();
            let mut start: Option<u16> = None;
            for code in first..=first + 100 {
                let free = code < first + 100 && !taken.contains(&code);
                match (free, start) {
                    (true, None) => start = Some(code),
                    (false, Some(from)) => {
                        let last = code - 1;
                        let pattern = if from == last {
                            from.to_string()
                        } else {
                            format!("{from}..={last}")
                        };
                        arms.push((pattern, format!("Some(Self::{v})")));
                        start = None;
                    }
                    _ => {}
                }
            }
        }
    }
    arms
}
