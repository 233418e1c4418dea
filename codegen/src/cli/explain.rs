//! `errspec explain CODE`, like `rustc --explain`: everything the specs say about one error
//! code (by wire code or Rust variant) or one status (by number), from every spec or one.

mod text;

use super::SpecDir;
use crate::docs::view::retry_view;
use crate::model::{Api, ErrorDef, HeaderRole, Retry, Status, StatusKey, built_body, problem};
use serde_json::{Value, json};
use std::process::ExitCode;
use text::{page, to_text};

/// Explain an error code or a status: its message, meaning, causes, what to do, and its bodies
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 found, 1 no spec documents it (the nearest are suggested), 2 usage or I/O error.\n\n\
                  Examples:\n  errspec explain VERSION_CONFLICT\n  errspec explain InvoiceCanceledFailed --api mugglepay\n  errspec explain 429 --format json"
)]
pub(super) struct Args {
    /// A wire code (`VERSION_CONFLICT`), a Rust variant (`VersionConflict`,
    /// `ErrorCode::VersionConflict`) or a status (`429`, `5xx`)
    #[arg(value_name = "CODE")]
    code: String,
    /// Only this API (its spec file's stem)
    #[arg(long, value_name = "ID")]
    api: Option<String>,
    /// How to print it: text (paged on a terminal) or JSON
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    #[command(flatten)]
    spec: SpecDir,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
    /// For people; long output goes through $PAGER (default `less -FRX`) on a terminal
    Text,
    /// An array of the matches, each an object
    Json,
}

/// What the query found in one API.
enum Found<'a> {
    Code(&'a Api, &'a ErrorDef),
    Status(&'a Api, &'a Status),
}

pub(super) fn run(args: &Args) -> ExitCode {
    let dir = &args.spec.spec_dir;
    let Some(apis) = super::load_apis(dir) else {
        return ExitCode::from(2);
    };
    let apis: Vec<&Api> = match &args.api {
        None => apis.iter().collect(),
        Some(id) => match apis.iter().find(|a| &a.id == id) {
            Some(api) => vec![api],
            None => {
                let ids: Vec<&str> = apis.iter().map(|a| a.id.as_str()).collect();
                errln!(
                    "error: no API `{id}` in {} (there are: {})",
                    dir.display(),
                    ids.join(", ")
                );
                return ExitCode::from(2);
            }
        },
    };
    let found = find(&apis, args.code.trim());
    if found.is_empty() {
        errln!("error: no spec documents `{}`", args.code);
        let near = nearest(&apis, args.code.trim());
        if !near.is_empty() {
            errln!("help: the nearest: {}", near.join(", "));
        }
        return ExitCode::from(1);
    }
    match args.format {
        Format::Json => {
            let items: Vec<Value> = found.iter().map(to_json).collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&items).unwrap_or_default()
            );
        }
        Format::Text => {
            let text: Vec<String> = found.iter().map(to_text).collect();
            page(&text.join("\n"));
        }
    }
    ExitCode::SUCCESS
}

/// The codes and statuses `query` names: exact wire codes, then Rust variants, then status
/// numbers or classes; a wire code in another case only when nothing matches exactly.
fn find<'a>(apis: &[&'a Api], query: &str) -> Vec<Found<'a>> {
    let variant = query.rsplit("::").next().unwrap_or(query);
    let mut found = Vec::new();
    for api in apis {
        for e in &api.errors {
            if e.code == query || e.rust_name == variant {
                found.push(Found::Code(api, e));
            }
        }
    }
    if found.is_empty()
        && let Ok(key) = crate::validate::parse_status_key(&status_query(query))
    {
        for api in apis {
            let exact = api.statuses.iter().find(|s| s.key == key);
            let within = || {
                api.statuses
                    .iter()
                    .find(|s| matches!(key, StatusKey::Code(c) if s.key.contains(c)))
            };
            if let Some(s) = exact.or_else(within) {
                found.push(Found::Status(api, s));
            }
        }
    }
    if found.is_empty() {
        for api in apis {
            for e in &api.errors {
                if e.code.eq_ignore_ascii_case(query) {
                    found.push(Found::Code(api, e));
                }
            }
        }
    }
    found
}

fn status_query(query: &str) -> crate::load::spec::StatusKey {
    match query.parse::<i128>() {
        Ok(n) => crate::load::spec::StatusKey::Code(n),
        Err(_) => crate::load::spec::StatusKey::Text(query.to_owned()),
    }
}

/// Up to three codes nearest to `query` by edit distance, as `CODE (api)`.
fn nearest(apis: &[&Api], query: &str) -> Vec<String> {
    let mut scored: Vec<(usize, String)> = apis
        .iter()
        .flat_map(|api| {
            api.errors.iter().map(move |e| {
                let distance = crate::naming::edit_distance(
                    &query.to_ascii_uppercase(),
                    &e.code.to_ascii_uppercase(),
                )
                .min(crate::naming::edit_distance(query, &e.rust_name));
                (distance, format!("`{}` ({})", e.code, api.id))
            })
        })
        .filter(|(d, _)| *d <= query.chars().count().div_ceil(2).max(2))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, s)| s).collect()
}

/// The header a client waits on for `retry`, if the API sends one.
fn waits_on(api: &Api, retry: Retry) -> Option<&str> {
    let h = &api.headers;
    match retry {
        Retry::AfterReset => h.get(HeaderRole::RetryAfter).or(h.get(HeaderRole::Reset)),
        Retry::Backoff => h.get(HeaderRole::RetryAfter),
        Retry::Never | Retry::AfterRefresh => None,
    }
    .map(|header| header.name.as_str())
}

/// The spec's first example, else the body the generated code builds.
fn example(
    api: &Api,
    examples: &[Value],
    error: Option<&ErrorDef>,
    status: &Status,
) -> Option<Value> {
    examples
        .first()
        .cloned()
        .or_else(|| Some(built_body(api.body.as_ref()?, error, Some(status))))
}

/// What the server sends the code (`Some(code)`) or the status (`status`) for on its own:
/// the rate limits it answers, and the `answers:` it is named for, in words.
fn sent_for(api: &Api, code: Option<usize>, status: usize) -> Vec<String> {
    let limits = api.rate_limits.iter().filter(|r| match code {
        Some(code) => r.error == Some(code),
        None => r.status == Some(status) || r.other_statuses.contains(&status),
    });
    let answers = api
        .answers
        .all()
        .into_iter()
        .filter_map(|(_, situation, answer)| {
            let answer = answer?;
            let named = match code {
                Some(code) => answer.error == Some(code),
                None => answer.status == status && answer.error.is_none(),
            };
            named.then(|| format!("{situation}, before any handler"))
        });
    limits
        .map(|r| format!("rate limit `{}` exceeded: {}", r.name, r.describe()))
        .chain(answers)
        .collect()
}

fn to_json(found: &Found<'_>) -> Value {
    match *found {
        Found::Code(api, e) => {
            let status = &api.statuses[e.status];
            let retry = retry_view(e.retry, &api.headers);
            json!({
                "api": api.id,
                "kind": "code",
                "code": e.code,
                "rust": format!("{}::ErrorCode::{}", api.id, e.rust_name),
                "status": { "key": status.key.to_string(), "title": status.title },
                "message": e.message,
                "description": e.description,
                "causes": e.causes,
                "resolution": e.resolution,
                "retry": { "policy": retry.policy, "advice": retry.advice, "header": waits_on(api, e.retry) },
                "sent_for": sent_for(api, api.errors.iter().position(|x| x == e), e.status),
                "grpc": api.error_grpc(e).as_str(),
                "deprecated": e.deprecated,
                "retired": e.retired.as_ref().map(|r| json!({
                    "since": r.since,
                    "replaced_by": r.replaced_by.map(|i| api.errors[i].code.clone()),
                })),
                "example": example(api, &e.examples, Some(e), status),
                "problem": problem(api, status, Some(e)),
            })
        }
        Found::Status(api, s) => {
            let retry = retry_view(s.retry, &api.headers);
            let index = api.statuses.iter().position(|x| x == s).unwrap_or(0);
            json!({
                "api": api.id,
                "kind": "status",
                "status": { "key": s.key.to_string(), "title": s.title },
                "rust": format!("{}::Status::{}", api.id, s.rust_name),
                "message": s.message,
                "description": s.description,
                "when": s.when,
                "debugging": s.debugging,
                "retry": { "policy": retry.policy, "advice": retry.advice, "header": waits_on(api, s.retry) },
                "codes": api.errors_of(index).map(|e| e.code.clone()).collect::<Vec<_>>(),
                "sent_for": sent_for(api, None, index),
                "grpc": api.status_grpc(index).as_str(),
                "example": example(api, &s.examples, None, s),
                "problem": problem(api, s, None),
            })
        }
    }
}
