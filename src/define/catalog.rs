//! `catalog!`: the marker type that plugs one generated module into the generic runtime.

/// `pub struct Api` and every impl that plugs a generated module into errspec's generic
/// runtime: [`Catalog`](crate::Catalog) for `Api`, [`CatalogStatus`](crate::CatalogStatus)
/// and [`CatalogCode`](crate::CatalogCode) for the enums, [`WireBody`](crate::WireBody) for
/// the body and its `From` impls (feature `serde`), axum's `IntoResponse` for the enums
/// (feature `axum`) and utoipa's schemas and responses (feature `utoipa`).
///
/// It reads the module's own items by name: `NAME`, `DOCS_PAGE`, `HEADERS`, `ANSWERS` and
/// `limits::{RATE_LIMITS, RATE_LIMIT_STATUSES, RATE_LIMIT_ANSWERS}`. The body says whether the
/// API documents its fields and whether it has a details field (`with_details` then exists).
#[macro_export]
macro_rules! catalog {
    (
        $(#[$meta:meta])*
        pub struct $api:ident {
            status: $status:ident,
            code: $code:ident,
            body: $body:ident { documented: $documented:literal, details: $details:tt $(,)? } $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $api;

        impl $crate::Catalog for $api {
            const NAME: &'static str = NAME;
            const RATE_LIMITS: &'static [$crate::RateLimit] = limits::RATE_LIMITS;
            const RATE_LIMIT_STATUSES: &'static [u16] = limits::RATE_LIMIT_STATUSES;
            const RATE_LIMIT_ANSWERS: &'static [::core::option::Option<
                $crate::LimitAnswer<$code, $status>,
            >] = limits::RATE_LIMIT_ANSWERS;
            const HEADERS: $crate::HeaderNames = HEADERS;
            const ANSWERS: $crate::Answers<$code, $status> = ANSWERS;
            const DOCS_PAGE: ::core::option::Option<&'static str> = DOCS_PAGE;
            type Status = $status;
            type Code = $code;
            $crate::__with_serde! {
                type Body = $body;
            }
        }

        impl $crate::CatalogStatus for $status {
            type Api = $api;
            const ALL: &'static [Self] = $status::ALL;

            fn code(self) -> u16 {
                $status::code(self)
            }

            fn title(self) -> &'static str {
                $status::title(self)
            }

            fn message(self) -> &'static str {
                $status::message(self)
            }

            fn reason(self) -> &'static str {
                $status::reason(self)
            }

            fn retry(self) -> $crate::Retry {
                $status::retry(self)
            }

            fn grpc(self) -> $crate::GrpcCode {
                $status::grpc(self)
            }

            fn from_code(code: u16) -> ::core::option::Option<Self> {
                $status::from_code(code)
            }
        }

        impl $crate::CatalogCode for $code {
            type Api = $api;
            const ALL: &'static [Self] = $code::ALL;

            fn status(self) -> $status {
                $code::status(self)
            }

            fn message(self) -> &'static str {
                $code::message(self)
            }

            fn retry(self) -> $crate::Retry {
                $code::retry(self)
            }

            fn grpc(self) -> $crate::GrpcCode {
                $code::grpc(self)
            }
        }

        $crate::__with_serde! {
            impl ::core::convert::From<$code> for $body {
                fn from(code: $code) -> Self {
                    $body::from_code(code)
                }
            }

            impl ::core::convert::From<$status> for $body {
                fn from(status: $status) -> Self {
                    $body::from_status(status)
                }
            }

            impl $crate::WireBody for $body {
                type Api = $api;
                const DOCUMENTED: bool = $documented;

                fn from_code(code: $code) -> Self {
                    $body::from_code(code)
                }

                fn from_status(status: $status) -> Self {
                    $body::from_status(status)
                }

                fn known_code(&self) -> ::core::option::Option<$code> {
                    $body::known_code(self)
                }

                fn raw_code(&self) -> ::core::option::Option<&str> {
                    $body::raw_code(self)
                }

                fn status_code(&self) -> ::core::option::Option<u16> {
                    $body::status_code(self)
                }

                fn message_text(&self) -> ::core::option::Option<&str> {
                    $body::message_text(self)
                }

                fn details(&self) -> &[$crate::__private::serde_json::Value] {
                    $body::details(self)
                }

                fn retry_delay(&self) -> ::core::option::Option<::core::time::Duration> {
                    $body::retry_delay(self)
                }

                $crate::__with_details!($details, $body);
            }
        }

        $crate::__with_utoipa! {
            impl $crate::__private::utoipa::PartialSchema for $code {
                fn schema() -> $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::schema::Schema,
                > {
                    $crate::utoipa::code_schema::<$api>()
                }
            }

            impl $crate::__private::utoipa::ToSchema for $code {
                fn name() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed($crate::utoipa::CODE_SCHEMA)
                }
            }

            impl $crate::__private::utoipa::ToSchema for $body {
                fn name() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed($crate::utoipa::BODY_SCHEMA)
                }

                fn schemas(
                    schemas: &mut ::std::vec::Vec<(
                        ::std::string::String,
                        $crate::__private::utoipa::openapi::RefOr<
                            $crate::__private::utoipa::openapi::schema::Schema,
                        >,
                    )>,
                ) {
                    schemas.push((
                        $crate::utoipa::CODE_SCHEMA.into(),
                        $crate::utoipa::code_schema::<$api>(),
                    ));
                    schemas.push((
                        $crate::utoipa::PROBLEM_SCHEMA.into(),
                        <$crate::problem::Problem as $crate::__private::utoipa::PartialSchema>::schema(),
                    ));
                }
            }

            impl $crate::__private::utoipa::IntoResponses for $code {
                fn responses() -> ::std::collections::BTreeMap<
                    ::std::string::String,
                    $crate::__private::utoipa::openapi::RefOr<
                        $crate::__private::utoipa::openapi::Response,
                    >,
                > {
                    $crate::utoipa::all_responses::<$api>()
                }
            }
        }

        $crate::__with_axum! {
            impl $crate::__private::axum::IntoResponse for $code {
                fn into_response(self) -> $crate::__private::axum::Response {
                    $crate::__private::axum::reply($crate::server::Reply::from_code(self))
                }
            }

            impl $crate::__private::axum::IntoResponse for $status {
                fn into_response(self) -> $crate::__private::axum::Response {
                    $crate::__private::axum::reply($crate::server::Reply::from_status(self))
                }
            }
        }
    };
}

/// `WireBody::with_detail_values`, for a body with a details field (`true`); the trait's
/// default, which keeps the body as it is, otherwise.
#[doc(hidden)]
#[macro_export]
macro_rules! __with_details {
    (true, $body:ident) => {
        fn with_detail_values(
            self,
            details: ::std::vec::Vec<$crate::__private::serde_json::Value>,
        ) -> Self {
            $body::with_details(self, details)
        }
    };
    (false, $body:ident) => {};
}
