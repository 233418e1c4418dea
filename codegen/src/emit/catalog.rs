//! The items that plug one API into the `errspec` runtime: `pub struct Api` with its
//! `errspec::Catalog` impl, and the trait impls of `Status`, `ErrorCode` and `ErrorBody`.
//!
//! Each impl only forwards to the inherent items the other emitters generate, so the client
//! reader, retry decision, server replies and quotas are written once, generically, in the
//! runtime crate, and every user compiles them once rather than once per API.

use crate::emit::text::{Constant, Depth, Splices};
use crate::features::RuntimeFeatures;
use crate::model::Api;
use proc_macro2::TokenStream;
use quote::quote;

/// The marker type and the runtime trait impls for `api`; `ErrorBody`'s only with `serde`.
pub fn wire_tokens(api: &Api, features: RuntimeFeatures, splices: &mut Splices) -> TokenStream {
    let api_doc = format!(
        " The {} API as a type, for the generic `errspec` runtime: read a response with \
         `errspec::client::ErrorResponse::<Api>::read`, build a reply with `errspec::server::Reply`, \
         derive client quotas with `errspec::quota::for_api::<Api>`.",
        api.name
    );
    let documented = api.body.as_ref().is_some_and(|b| !b.fields.is_empty());
    let details = api.body.as_ref().is_some_and(|b| {
        b.fields
            .iter()
            .any(|f| f.role == crate::model::Role::Details)
    });
    let catalog_impls = splices.constant(if features.serde() {
        &CATALOG_IMPLS_WITH_BODY
    } else {
        &CATALOG_IMPLS
    });
    let wire_body_impl = features.serde().then(|| {
        splices.constant(match (documented, details) {
            (true, true) => &WIRE_BODY_WITH_DETAILS,
            (true, false) => &WIRE_BODY_DOCUMENTED,
            (false, _) => &WIRE_BODY_UNDOCUMENTED,
        })
    });
    let axum_impls = features.axum().then(|| splices.constant(&AXUM_IMPLS));
    quote! {
        #[doc = #api_doc]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct Api;

        #catalog_impls

        #wire_body_impl

        #axum_impls
    }
}

/// `Catalog` for `Api`, `CatalogStatus` and `CatalogCode`: the same in every module.
static CATALOG_IMPLS: Constant = Constant::new(Depth::Module, || catalog_impls(false));
/// The same, with `Catalog::Body`, for errspec's `serde` feature.
static CATALOG_IMPLS_WITH_BODY: Constant = Constant::new(Depth::Module, || catalog_impls(true));

fn catalog_impls(with_body: bool) -> TokenStream {
    let body = with_body.then(|| {
        quote!(
            type Body = ErrorBody;
        )
    });
    quote! {

        impl ::errspec::Catalog for Api {
            const NAME: &'static str = NAME;
            const RATE_LIMITS: &'static [::errspec::RateLimit] = limits::RATE_LIMITS;
            const RATE_LIMIT_STATUSES: &'static [u16] = limits::RATE_LIMIT_STATUSES;
            const RATE_LIMIT_ANSWERS: &'static [::core::option::Option<::errspec::LimitAnswer<ErrorCode, Status>>] =
                limits::RATE_LIMIT_ANSWERS;
            const HEADERS: ::errspec::HeaderNames = ::errspec::HeaderNames {
                limit: headers::LIMIT,
                remaining: headers::REMAINING,
                reset: headers::RESET,
                reset_format: headers::RESET_FORMAT,
                retry_after: headers::RETRY_AFTER,
                used: headers::USED,
                resource: headers::RESOURCE,
                should_retry: headers::SHOULD_RETRY,
                other: headers::OTHER,
                every_response: headers::EVERY_RESPONSE,
            };
            const DOCS_PAGE: ::core::option::Option<&'static str> = DOCS_PAGE;
            type Status = Status;
            type Code = ErrorCode;
            #body
        }

        impl ::errspec::CatalogStatus for Status {
            type Api = Api;
            fn code(self) -> u16 {
                Status::code(self)
            }

            fn title(self) -> &'static str {
                Status::title(self)
            }

            fn message(self) -> &'static str {
                Status::message(self)
            }

            fn reason(self) -> &'static str {
                Status::reason(self)
            }

            fn retry(self) -> ::errspec::Retry {
                Status::retry(self)
            }

            fn from_code(code: u16) -> Option<Self> {
                Status::from_code(code)
            }
        }

        impl ::errspec::CatalogCode for ErrorCode {
            type Api = Api;
            const ALL: &'static [Self] = ErrorCode::ALL;
            fn status(self) -> Status {
                ErrorCode::status(self)
            }

            fn message(self) -> &'static str {
                ErrorCode::message(self)
            }

            fn retry(self) -> ::errspec::Retry {
                ErrorCode::retry(self)
            }
        }

    }
}

/// `WireBody` for `ErrorBody`, for an API that documents its body's fields.
static WIRE_BODY_DOCUMENTED: Constant =
    Constant::new(Depth::Module, || wire_body_impl(true, false));
/// The same, for a body with a details field.
static WIRE_BODY_WITH_DETAILS: Constant =
    Constant::new(Depth::Module, || wire_body_impl(true, true));
/// `WireBody` for `ErrorBody`, for an API that does not.
static WIRE_BODY_UNDOCUMENTED: Constant =
    Constant::new(Depth::Module, || wire_body_impl(false, false));

fn wire_body_impl(documented: bool, details: bool) -> TokenStream {
    let with_details = details.then(|| {
        quote! {
            fn with_detail_values(
                self,
                details: ::std::vec::Vec<::errspec::__private::serde_json::Value>,
            ) -> Self {
                ErrorBody::with_details(self, details)
            }
        }
    });
    quote! {
        impl ::errspec::WireBody for ErrorBody {
            type Api = Api;
            const DOCUMENTED: bool = #documented;
            fn from_code(code: ErrorCode) -> Self {
                ErrorBody::from_code(code)
            }

            fn from_status(status: Status) -> Self {
                ErrorBody::from_status(status)
            }

            fn known_code(&self) -> Option<ErrorCode> {
                ErrorBody::known_code(self)
            }

            fn raw_code(&self) -> Option<&str> {
                ErrorBody::raw_code(self)
            }

            fn status_code(&self) -> Option<u16> {
                ErrorBody::status_code(self)
            }

            fn message_text(&self) -> Option<&str> {
                ErrorBody::message_text(self)
            }

            fn details(&self) -> &[::errspec::__private::serde_json::Value] {
                ErrorBody::details(self)
            }

            fn retry_delay(&self) -> Option<::core::time::Duration> {
                ErrorBody::retry_delay(self)
            }

            #with_details
        }
    }
}

/// axum's `IntoResponse` for `ErrorCode` and `Status` (errspec's `axum` feature): a handler
/// returns a code or a status and sends its documented reply. The impls live here, in the
/// crate that owns the enums, because the orphan rule keeps errspec from writing them.
static AXUM_IMPLS: Constant = Constant::new(Depth::Module, || {
    quote! {
        impl ::errspec::__private::axum::IntoResponse for ErrorCode {
            fn into_response(self) -> ::errspec::__private::axum::Response {
                ::errspec::__private::axum::reply(::errspec::server::Reply::from_code(self))
            }
        }

        impl ::errspec::__private::axum::IntoResponse for Status {
            fn into_response(self) -> ::errspec::__private::axum::Response {
                ::errspec::__private::axum::reply(::errspec::server::Reply::from_status(self))
            }
        }
    }
});
