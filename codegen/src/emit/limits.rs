//! `pub mod limits` (the rate limits and other documented bounds as constants) and
//! `HEADERS` (the header names the API documents, by role).

use super::tokens::*;
use crate::model::{Api, Limit, LimitValue, RateLimit};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

pub(super) fn limits_tokens(api: &Api) -> TokenStream {
    let rate_limits = api.rate_limits.iter().map(rate_limit_tokens);
    let consts: Vec<Ident> = api
        .rate_limits
        .iter()
        .map(|r| format_ident!("{}", r.const_name))
        .collect();
    let other = api.limits.iter().map(limit_tokens);
    let statuses = rate_limit_statuses(api);
    let answers = api
        .rate_limits
        .iter()
        .map(|limit| answer_tokens(api, limit));
    let module_doc = format!(" The limits the {} API documents.", api.name);
    quote! {
        #[doc = #module_doc]
        pub mod limits {
            #(#rate_limits)*

            /// Every rate limit, in the order of the docs.
            pub const RATE_LIMITS: &[::errspec::RateLimit] = &[#(#consts),*];

            /// The statuses an exceeded rate limit is answered with.
            pub const RATE_LIMIT_STATUSES: &[u16] = &[#(#statuses),*];

            /// What each rate limit of `RATE_LIMITS` is answered with when exceeded: its
            /// documented error code or status (`None` where the spec names neither).
            // A retired code still answers its limit.
            #[allow(deprecated)]
            pub const RATE_LIMIT_ANSWERS: &[Option<::errspec::LimitAnswer<super::ErrorCode, super::Status>>] =
                &[#(#answers),*];

            #(#other)*
        }
    }
}

/// The `errspec::RateLimit` constant of one rate limit.
fn rate_limit_tokens(r: &RateLimit) -> TokenStream {
    let c = format_ident!("{}", r.const_name);
    let name = lit(&r.name);
    let requests = Literal::u32_unsuffixed(r.requests);
    let window = duration_tokens(r.window);
    let scope = scope_tokens(r.scope);
    let unauthenticated = r.unauthenticated;
    let per_endpoint = r.per_endpoint;
    let cost = if r.cost.is_empty() {
        quote!(::errspec::Cost::ONE)
    } else {
        let methods = r.cost.iter().map(|(method, cost)| {
            let method = lit(method);
            let cost = Literal::u32_unsuffixed(*cost);
            quote!((#method, #cost))
        });
        quote!(::errspec::Cost { methods: &[#(#methods),*] })
    };
    let headline = format!(
        "`{}`: {} {} per {}, {}.",
        r.name,
        r.requests,
        r.unit(),
        crate::model::human_duration(r.window),
        r.describe_who()
    );
    let routes_line = r.describe_routes().map(|routes| {
        let mut line = routes;
        line[..1].make_ascii_uppercase();
        line + "."
    });
    let doc = docs(&[
        Some(&headline),
        routes_line.as_deref(),
        r.description.as_deref(),
    ]);
    let routes = if r.routes.is_empty() {
        quote!(::errspec::Routes::EVERY)
    } else {
        let patterns = r.routes.iter().map(|p| lit(p));
        let separate = r.separate;
        quote!(::errspec::Routes { patterns: &[#(#patterns),*], separate: #separate })
    };
    quote! {
        #doc
        pub const #c: ::errspec::RateLimit = ::errspec::RateLimit {
            name: #name,
            requests: #requests,
            window: #window,
            scope: #scope,
            routes: #routes,
            unauthenticated: #unauthenticated,
            cost: #cost,
            per_endpoint: #per_endpoint,
        };
    }
}

/// The constant of one other documented bound: a `Duration` or a count.
fn limit_tokens(l: &Limit) -> TokenStream {
    let c = format_ident!("{}", l.const_name);
    let headline = format!(
        "`{}`{}",
        l.name,
        l.header
            .as_ref()
            .map(|h| format!(" (header `{h}`)"))
            .unwrap_or_default()
    );
    let doc = docs(&[Some(&headline), l.description.as_deref()]);
    match l.value {
        LimitValue::Duration(d) => {
            let v = duration_tokens(d);
            quote! { #doc pub const #c: ::core::time::Duration = #v; }
        }
        LimitValue::Count(n) => {
            let v = Literal::u64_unsuffixed(n);
            quote! { #doc pub const #c: u64 = #v; }
        }
    }
}

/// Every status code a rate limit is answered with, once each, in the order first named.
fn rate_limit_statuses(api: &Api) -> Vec<u16> {
    let mut statuses: Vec<u16> = Vec::new();
    for limit in &api.rate_limits {
        for index in limit.status.iter().chain(&limit.other_statuses) {
            let code = api.statuses[*index].key.code();
            if !statuses.contains(&code) {
                statuses.push(code);
            }
        }
    }
    statuses
}

/// One element of `RATE_LIMIT_ANSWERS`: the limit's error code, else its status, else `None`.
fn answer_tokens(api: &Api, limit: &RateLimit) -> TokenStream {
    answer_of(api, limit.error, limit.status, quote!(super::))
}

/// `Some(LimitAnswer::Code(..))` for `error`, else `Some(LimitAnswer::Status(..))` for
/// `status`, else `None`; the enums are reached through `path` (`super::` from `limits`).
fn answer_of(
    api: &Api,
    error: Option<usize>,
    status: Option<usize>,
    path: TokenStream,
) -> TokenStream {
    match (error, status) {
        (Some(code), _) => {
            let v = ident(&api.errors[code].rust_name);
            quote!(Some(::errspec::LimitAnswer::Code(#path ErrorCode::#v)))
        }
        (None, Some(status)) => {
            let v = ident(&api.statuses[status].rust_name);
            quote!(Some(::errspec::LimitAnswer::Status(#path Status::#v)))
        }
        (None, None) => quote!(None),
    }
}

/// `pub const HEADERS`: the headers the API documents, by role, and the others.
pub(super) fn headers_tokens(api: &Api) -> TokenStream {
    let h = &api.headers;
    let mut builder = quote!(::errspec::HeaderNames::NONE);
    for (role, header) in &h.roles {
        let role = format_ident!("{}", role_variant(*role));
        let name = lit(&header.name);
        builder.extend(quote!(.with(::errspec::HeaderRole::#role, #name)));
    }
    if let Some(format) = h.reset_format {
        let format = format_ident!("{}", reset_format_variant(format));
        builder.extend(quote!(.with_reset_format(::errspec::ResetFormat::#format)));
    }
    if !h.other.is_empty() {
        let other = h.other.iter().map(|h| lit(&h.name));
        builder.extend(quote!(.with_other(&[#(#other),*])));
    }
    if h.every_response {
        builder.extend(quote!(.on_every_response()));
    }
    let doc = if h.is_empty() {
        format!(" The {} API documents no headers.", api.name)
    } else {
        format!(
            " The headers the {} API documents with its errors: rate-limit headers by role, and \
             others.",
            api.name
        )
    };
    quote! {
        #[doc = #doc]
        pub const HEADERS: ::errspec::HeaderNames = #builder;
    }
}

/// `pub const ANSWERS`: what a server answers on its own, as the spec names it.
pub(super) fn answers_tokens(api: &Api) -> TokenStream {
    let [missing, invalid, unknown] = api.answers.all().map(|(_, _, answer)| {
        answer.map_or(quote!(None), |a| {
            answer_of(api, a.error, Some(a.status), TokenStream::new())
        })
    });
    quote! {
        /// What a server answers on its own, before any handler runs, where the spec names
        /// it (`answers:`): a request without a key, with a key that cannot be read, for an
        /// unknown route. `None`: the status's own body (401, 400, 404).
        // A retired code still answers.
        #[allow(deprecated)]
        pub const ANSWERS: ::errspec::Answers<ErrorCode, Status> = ::errspec::Answers {
            missing_key: #missing,
            invalid_key: #invalid,
            unknown_route: #unknown,
        };
    }
}

/// The name of a role's variant of `errspec::HeaderRole`: its spelling in UpperCamelCase.
fn role_variant(role: crate::model::HeaderRole) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(role.as_str())
}

/// The name of a format's variant of `errspec::ResetFormat`.
fn reset_format_variant(format: crate::model::ResetFormat) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(format.as_str())
}
