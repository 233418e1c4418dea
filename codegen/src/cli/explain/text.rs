//! The text form of `errspec explain`: a heading, labelled lines, titled sections and the
//! bodies, as printed for people (through a pager on a terminal).

use super::{Found, example, sent_for, waits_on};
use crate::diagnostic::clean;
use crate::docs::view::retry_view;
use crate::model::{Api, ErrorDef, Retry, Status, problem};
use serde_json::Value;
use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};

/// One match as text, as `errspec explain` prints it.
pub(super) fn to_text(found: &Found<'_>) -> String {
    let mut out = String::new();
    match *found {
        Found::Code(api, e) => code_text(&mut out, api, e),
        Found::Status(api, s) => status_text(&mut out, api, s),
    }
    out
}

/// A code: its status, message, variant, retry and retirement, then its meaning and bodies.
fn code_text(out: &mut String, api: &Api, e: &ErrorDef) {
    let status = &api.statuses[e.status];
    let _ = writeln!(out, "{} ({}, {})\n", e.code, api.name, api.id);
    line(out, "Status", &format!("{} {}", status.key, status.title));
    line(out, "Message", &e.message);
    line(
        out,
        "Rust",
        &format!("{}::ErrorCode::{}", api.id, e.rust_name),
    );
    retry_lines(out, api, e.retry);
    line(out, "gRPC", api.error_grpc(e).as_str());
    if let Some(r) = &e.retired {
        let instead = r
            .replaced_by
            .map(|i| format!("; use {} instead", api.errors[i].code))
            .unwrap_or_default();
        line(out, "Retired", &format!("since {}{instead}", r.since));
    } else if let Some(reason) = &e.deprecated {
        line(
            out,
            "Deprecated",
            if reason.is_empty() { "yes" } else { reason },
        );
    }
    section(
        out,
        "Description",
        e.description.iter().map(String::as_str),
        "",
    );
    let index = api.errors.iter().position(|x| x == e);
    let sent = sent_for(api, index, e.status);
    section(out, "Sent for", sent.iter().map(String::as_str), "- ");
    section(out, "Causes", e.causes.iter().map(String::as_str), "- ");
    section(
        out,
        "Resolution",
        e.resolution.iter().map(String::as_str),
        "1. ",
    );
    bodies(
        out,
        example(api, &e.examples, Some(e), status),
        problem(api, status, Some(e)),
    );
}

/// A status: its message, variant, retry and codes, then its meaning and bodies.
fn status_text(out: &mut String, api: &Api, s: &Status) {
    let index = api.statuses.iter().position(|x| x == s).unwrap_or(0);
    let _ = writeln!(out, "{} {} ({}, {})\n", s.key, s.title, api.name, api.id);
    line(out, "Message", &s.message);
    line(out, "Rust", &format!("{}::Status::{}", api.id, s.rust_name));
    retry_lines(out, api, s.retry);
    line(out, "gRPC", api.status_grpc(index).as_str());
    let codes: Vec<&str> = api.errors_of(index).map(|e| e.code.as_str()).collect();
    if !codes.is_empty() {
        line(out, "Codes", &codes.join(", "));
    }
    section(
        out,
        "Description",
        s.description.iter().map(String::as_str),
        "",
    );
    section(out, "When", s.when.iter().map(String::as_str), "");
    let sent = sent_for(api, None, index);
    section(out, "Sent for", sent.iter().map(String::as_str), "- ");
    section(
        out,
        "Debugging",
        s.debugging.iter().map(String::as_str),
        "- ",
    );
    bodies(
        out,
        example(api, &s.examples, None, s),
        problem(api, s, None),
    );
}

fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "  {:<11} {}", format!("{label}:"), clean(value));
}

fn retry_lines(out: &mut String, api: &Api, retry: Retry) {
    let view = retry_view(retry, &api.headers);
    line(out, "Retry", &format!("{}: {}", view.policy, view.advice));
    if let Some(header) = waits_on(api, retry) {
        line(out, "Waits on", header);
    }
}

/// A titled block: paragraphs, `- ` items or numbered `1. ` steps.
fn section<'a>(out: &mut String, title: &str, items: impl Iterator<Item = &'a str>, bullet: &str) {
    let items: Vec<&str> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}");
    for (i, item) in items.iter().enumerate() {
        let mark = match bullet {
            "1. " => format!("{}. ", i + 1),
            other => other.to_owned(),
        };
        let _ = writeln!(
            out,
            "  {mark}{}",
            clean(item.trim()).replace('\n', "\n    ")
        );
    }
}

fn bodies(out: &mut String, example: Option<Value>, problem: Value) {
    let pretty = |v: &Value| {
        serde_json::to_string_pretty(v)
            .unwrap_or_default()
            .replace('\n', "\n  ")
    };
    if let Some(body) = example {
        let _ = writeln!(
            out,
            "\nExample body (application/json)\n  {}",
            pretty(&body)
        );
    }
    let _ = writeln!(
        out,
        "\nAs problem+json (application/problem+json)\n  {}",
        pretty(&problem)
    );
}

/// Prints `text`; on a terminal through `$PAGER` (`less -FRX` when unset), which shows short
/// text at once. Without a pager that starts, it prints directly.
pub(super) fn page(text: &str) {
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        let pager = std::env::var("PAGER")
            .ok()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| "less -FRX".to_owned());
        let mut words = pager.split_whitespace();
        if let Some(program) = words.next() {
            let child = std::process::Command::new(program)
                .args(words)
                .stdin(std::process::Stdio::piped())
                .spawn();
            if let Ok(mut child) = child {
                if let Some(mut stdin) = child.stdin.take() {
                    let _ = stdin.write_all(text.as_bytes());
                }
                if child.wait().is_ok() {
                    return;
                }
            }
        }
    }
    let mut lock = stdout.lock();
    let _ = lock.write_all(text.as_bytes());
}
