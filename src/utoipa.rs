//! utoipa 6 (feature `utoipa`): a catalog's error body and codes as schemas, and its errors as
//! the responses of a handler's `#[utoipa::path]`.
//!
//! Every catalog's `ErrorCode` and `ErrorBody` implement `ToSchema` (the code as a string
//! listing every wire code in `x-extensible-enum`, as errspec's own OpenAPI documents do, so a
//! new code never fails a client's validation), and `ErrorCode` implements `IntoResponses`: each
//! documented error status, with the body schema, the rate-limit headers it comes with and one
//! example per code, as JSON and as RFC 9457 problem+json (which errspec servers send a client
//! that asks for it). [`utoipa_errors!`](crate::utoipa_errors) makes a type for some codes only.
//! Responses refer to the schemas by name: list `ErrorBody` in the document's
//! `components(schemas(...))`, which brings `ErrorCode` and `Problem`.
//!
//! ```
//! use errspec::funder_offers::{ErrorBody, ErrorCode};
//! use utoipa::OpenApi;
//!
//! /// Updates an offer.
//! #[utoipa::path(
//!     put,
//!     path = "/offers/{id}",
//!     params(("id" = u32, Path, description = "The offer")),
//!     responses((status = 200, description = "Updated", body = String), ErrorCode)
//! )]
//! async fn update_offer() -> Result<&'static str, ErrorCode> {
//!     Err(ErrorCode::VersionConflict)
//! }
//!
//! #[derive(OpenApi)]
//! #[openapi(paths(update_offer), components(schemas(ErrorBody)))]
//! struct Doc;
//!
//! let doc = Doc::openapi();
//! let put = doc.paths.paths["/offers/{id}"].put.as_ref().unwrap();
//! assert!(put.responses.responses.contains_key("409"));
//! let schemas = &doc.components.unwrap().schemas;
//! assert!(["ErrorBody", "ErrorCode", "Problem"].iter().all(|s| schemas.contains_key(*s)));
//! ```

use crate::problem::Problem;
use crate::{Catalog, CatalogCode, CatalogStatus, HeaderRole, WireBody, WireCode};
use std::collections::BTreeMap;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::schema::{
    ArrayBuilder, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type,
};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, Response, ResponseBuilder};

/// The schema name of every catalog's code enum, as in errspec's OpenAPI documents.
pub const CODE_SCHEMA: &str = "ErrorCode";
/// The schema name of every catalog's error body, as in errspec's OpenAPI documents.
pub const BODY_SCHEMA: &str = "ErrorBody";
/// The schema name of [`Problem`], as in errspec's OpenAPI documents.
pub const PROBLEM_SCHEMA: &str = "Problem";

/// RFC 9457 problem details, which errspec servers send a client that prefers
/// `application/problem+json`; its `code` is the catalog's `ErrorCode`.
impl utoipa::PartialSchema for Problem {
    fn schema() -> RefOr<Schema> {
        let text = |description: &str| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(description))
        };
        let uri = |description: &str| {
            text(description).format(Some(SchemaFormat::Custom("uri-reference".into())))
        };
        ObjectBuilder::new()
            .description(Some(
                "An error as RFC 9457 problem details (`application/problem+json`), which errspec \
                 servers send when a client prefers it; `code` carries the error code.",
            ))
            .property(
                "type",
                uri("A URI reference identifying the problem type.")
                    .default(Some(crate::problem::ABOUT_BLANK.into())),
            )
            .property("title", text("The status's title."))
            .property(
                "status",
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(100))
                    .maximum(Some(599))
                    .description(Some("The HTTP status code.")),
            )
            .property("detail", text("The error's message."))
            .property("instance", uri("A URI reference naming this occurrence."))
            .property(
                "code",
                utoipa::openapi::schema::RefBuilder::new()
                    .ref_location_from_schema_name(CODE_SCHEMA)
                    .description(Some("The error code, exactly as in the JSON body.")),
            )
            .into()
    }
}

impl utoipa::ToSchema for Problem {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(PROBLEM_SCHEMA)
    }
}

/// The schema of API `A`'s error codes: a string, every wire code listed in
/// `x-extensible-enum` with its status and message in `x-enum-descriptions`.
#[must_use]
pub fn code_schema<A: Catalog>() -> RefOr<Schema> {
    let codes = A::Code::ALL;
    let extensions = Extensions::builder()
        .add(
            "x-extensible-enum",
            codes.iter().map(|c| c.as_wire()).collect::<Vec<_>>(),
        )
        .add(
            "x-enum-descriptions",
            codes
                .iter()
                .map(|c| format!("{}: {}", c.status(), c.message()))
                .collect::<Vec<_>>(),
        )
        .build();
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(format!(
            "An error code of {}, exactly as sent; the list is open, and a code not listed is \
             kept as sent.",
            A::NAME
        )))
        .extensions(Some(extensions))
        .into()
}

/// How a body field is written, as its schema: implemented for the types of a generated
/// `ErrorBody`'s fields.
pub trait FieldSchema {
    /// The field's schema.
    fn field_schema() -> RefOr<Schema>;
}

impl FieldSchema for std::borrow::Cow<'static, str> {
    fn field_schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::String).into()
    }
}

impl FieldSchema for u16 {
    fn field_schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::Integer).into()
    }
}

impl FieldSchema for serde_json::Value {
    fn field_schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::AnyValue)
            .into()
    }
}

impl FieldSchema for Vec<serde_json::Value> {
    fn field_schema() -> RefOr<Schema> {
        ArrayBuilder::new()
            .items(ObjectBuilder::new().schema_type(SchemaType::AnyValue))
            .into()
    }
}

impl<C: WireCode> FieldSchema for crate::Code<C> {
    fn field_schema() -> RefOr<Schema> {
        Ref::from_schema_name(CODE_SCHEMA).into()
    }
}

/// The schema of the field `reach` reads, from its type (used by `wire_body!`).
#[doc(hidden)]
pub fn field_schema<B, T: FieldSchema>(reach: fn(&B) -> &Option<T>) -> RefOr<Schema> {
    let _ = reach;
    T::field_schema()
}

/// A body's schema: an object of `fields` (wire name, schema), in wire order, nested under
/// `envelope` when the API wraps its errors in one key.
#[doc(hidden)]
#[must_use]
pub fn body_schema(
    api: &str,
    envelope: Option<&str>,
    fields: Vec<(&'static str, RefOr<Schema>)>,
) -> RefOr<Schema> {
    let body = fields
        .into_iter()
        .fold(ObjectBuilder::new(), |object, (name, schema)| {
            object.property(name, schema)
        });
    let description = format!(
        "The JSON error body of {api}; any field may be absent, and fields not listed may be \
         present."
    );
    match envelope {
        Some(key) => ObjectBuilder::new()
            .description(Some(description))
            .property(key, body)
            .into(),
        None => body.description(Some(description)).into(),
    }
}

/// The responses of API `A` for `codes`: each status they are sent with, one example per code.
/// For a handler that returns only some codes (see [`utoipa_errors!`](crate::utoipa_errors)).
#[must_use]
pub fn code_responses<A: Catalog>(codes: &[A::Code]) -> BTreeMap<String, RefOr<Response>> {
    let mut statuses: Vec<A::Status> = Vec::new();
    for code in codes {
        if !statuses.contains(&code.status()) {
            statuses.push(code.status());
        }
    }
    responses::<A>(&statuses, codes)
}

/// The responses of API `A` for every documented error status (400 and up) and code: what
/// every catalog's `ErrorCode` gives utoipa as `IntoResponses`.
#[must_use]
pub fn all_responses<A: Catalog>() -> BTreeMap<String, RefOr<Response>> {
    let mut statuses: Vec<A::Status> = Vec::new();
    for code in 400..600 {
        if let Some(status) = A::Status::from_code(code)
            && !statuses.contains(&status)
        {
            statuses.push(status);
        }
    }
    responses::<A>(&statuses, A::Code::ALL)
}

/// The responses for `statuses`, with the examples of `codes` under theirs; a status none of
/// them is sent with has the body sent for the status itself as its example.
fn responses<A: Catalog>(
    statuses: &[A::Status],
    codes: &[A::Code],
) -> BTreeMap<String, RefOr<Response>> {
    statuses
        .iter()
        .map(|&status| {
            let mut examples: Vec<Example<A>> = codes
                .iter()
                .filter(|c| c.status() == status)
                .map(|&c| Example {
                    name: c.as_wire().to_owned(),
                    summary: format!("{}: {}", c.as_wire(), c.message()),
                    body: A::Body::from_code(c),
                    problem: Problem::from_code(c),
                })
                .collect();
            let key = response_key(status);
            if examples.is_empty() {
                examples.push(Example {
                    name: format!("status-{}", status_key(status)),
                    summary: format!("{} {}", status_key(status), status.title()),
                    body: A::Body::from_status(status),
                    problem: Problem::from_status(status),
                });
            }
            let response = response::<A>(status, examples);
            (key, RefOr::T(response))
        })
        .collect()
}

/// A named example of a response: its JSON body and its problem+json form.
struct Example<A: Catalog> {
    name: String,
    summary: String,
    body: A::Body,
    problem: Problem,
}

/// The content of one media type: `schema`, and each example's value from `value`.
fn content<A: Catalog>(
    schema: &str,
    examples: &[Example<A>],
    value: impl Fn(&Example<A>) -> Option<serde_json::Value>,
) -> utoipa::openapi::Content {
    let examples = examples.iter().map(|example| {
        let builder = ExampleBuilder::new().summary(example.summary.clone());
        (example.name.clone(), builder.value(value(example)))
    });
    ContentBuilder::new()
        .schema(Some(Ref::from_schema_name(schema)))
        .examples_from_iter(examples)
        .build()
}

fn response<A: Catalog>(status: A::Status, examples: Vec<Example<A>>) -> Response {
    let mut response =
        ResponseBuilder::new().description(format!("{} {}.", status_key(status), status.title()));
    if <A::Body as WireBody>::DOCUMENTED {
        let json = content(BODY_SCHEMA, &examples, |e| {
            serde_json::to_value(&e.body).ok()
        });
        response = response.content(crate::server::JSON, json);
    }
    let problems = content(PROBLEM_SCHEMA, &examples, |e| {
        serde_json::to_value(&e.problem).ok()
    });
    response = response.content(crate::problem::CONTENT_TYPE, problems);
    let limited = status.code() == 429 || A::RATE_LIMIT_STATUSES.contains(&status.code());
    for (role, name) in A::HEADERS.roles() {
        let sent = match role.sent() {
            errspec_vocab::HeaderSent::WithRateLimits => limited || A::HEADERS.every_response,
            errspec_vocab::HeaderSent::WhenRateLimited => limited,
            errspec_vocab::HeaderSent::WithErrors => true,
        };
        if sent {
            response = response.header(name, header(role));
        }
    }
    response.build()
}

/// A rate-limit header: its meaning, and an integer where it carries a number.
fn header(role: HeaderRole) -> utoipa::openapi::Header {
    let number = matches!(
        role.value(),
        errspec_vocab::HeaderValue::Count | errspec_vocab::HeaderValue::Time
    );
    let schema = if number {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(0))
    } else {
        ObjectBuilder::new().schema_type(Type::String)
    };
    HeaderBuilder::new()
        .schema(Some(schema))
        .description(Some(role.meaning()))
        .build()
}

/// The status as the docs key it (`429`, `5xx`).
fn status_key<S: CatalogStatus>(status: S) -> String {
    if is_class(status) {
        format!("{}xx", status.code() / 100)
    } else {
        status.code().to_string()
    }
}

/// The status's key among a path's responses: its code, or its class as OpenAPI writes it
/// (`5XX`).
fn response_key<S: CatalogStatus>(status: S) -> String {
    status_key(status).to_ascii_uppercase()
}

/// Whether `status` is a class (`5xx`): another code of its hundred reads as it.
fn is_class<S: CatalogStatus>(status: S) -> bool {
    let first = status.code() / 100 * 100;
    (first..first + 100).any(|c| c != status.code() && S::from_code(c) == Some(status))
}

/// A type whose `IntoResponses` are the responses of some codes of one catalog, for a handler
/// that returns only those: `errspec::utoipa_errors!(pub OfferErrors: ErrorCode =
/// [VersionConflict, ValidationFailed]);` then `responses(..., OfferErrors)`.
///
/// ```
/// use errspec::funder_offers::ErrorCode;
/// use utoipa::IntoResponses;
///
/// errspec::utoipa_errors!(pub OfferErrors: ErrorCode = [VersionConflict, ValidationFailed]);
///
/// let responses = OfferErrors::responses();
/// assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "409"]);
/// ```
#[macro_export]
macro_rules! utoipa_errors {
    ($vis:vis $name:ident: $code:ty = [$($variant:ident),* $(,)?]) => {
        /// The documented responses of some error codes, for `#[utoipa::path(responses(...))]`.
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $name;

        impl $crate::__private::utoipa::IntoResponses for $name {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::Response,
                >,
            > {
                $crate::utoipa::code_responses::<<$code as $crate::CatalogCode>::Api>(&[
                    $(<$code>::$variant),*
                ])
            }
        }
    };
}
