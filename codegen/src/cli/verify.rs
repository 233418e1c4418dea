//! `errspec verify FILE.har`: the conformance rules of the runtime's layer over recorded
//! traffic. Each violation names the entry (0-based), its method and URL, the rule and what
//! the spec expects.

use super::{SpecDir, use_color};
use crate::Diagnostics;
use crate::conformance::har::{self, Recorded};
use crate::conformance::{Read, read_body, violations};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check recorded traffic (HAR 1.2) against a spec: every error status, body, code and
/// rate-limit header documented
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Rules: status-undocumented, body-unreadable, code-unknown, code-status-mismatch, header-missing, content-type.\n\n\
                  Exit status: 0 every response conforms, 1 a violation, 2 a file that is not HAR, usage or I/O error."
)]
pub(super) struct Args {
    /// The recording: a HAR 1.2 file, as browsers and mitmproxy export it
    #[arg(value_name = "FILE.har")]
    file: PathBuf,
    /// The API the traffic belongs to (its spec file's stem); needed when there are several
    #[arg(long, value_name = "ID")]
    api: Option<String>,
    /// How to print the violations: text, or a JSON array of objects
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    #[command(flatten)]
    spec: SpecDir,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
    /// One line per violation: `entry N: METHOD URL: rule: message`
    Text,
    /// An array of objects with `entry`, `method`, `url`, `status`, `rule` and `message`
    Json,
}

pub(super) fn run(args: &Args) -> ExitCode {
    let Some(api) = super::load_api(&args.spec.spec_dir, args.api.as_deref()) else {
        return ExitCode::from(2);
    };
    let api = &api;
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            errln!("{}: error: cannot read: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let entries = match har::parse(&args.file, &bytes) {
        Ok(entries) => entries,
        Err(problem) => {
            err!("{}", Diagnostics(vec![*problem]).render(use_color()));
            return ExitCode::from(2);
        }
    };
    let mut found = Vec::new();
    let mut checked = 0;
    for (index, entry) in entries.iter().enumerate() {
        let response = &entry.response;
        // Status 0: the request got no response (aborted, blocked); nothing to check.
        if !(100..=599).contains(&response.status) {
            continue;
        }
        let headers: Vec<(&str, &str)> = response
            .headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect();
        let content_type = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map(|(_, value)| *value)
            .or(response.content.mime_type.as_deref());
        let body = match response.content.body() {
            Ok(Recorded::Bytes(bytes)) => read_body(api, content_type, &bytes),
            Ok(Recorded::Missing) => Read::NotRecorded,
            Err(error) => {
                errln!("{}: error: entry {index}: {error}", args.file.display());
                return ExitCode::from(2);
            }
        };
        let request = &entry.request;
        checked += 1;
        for violation in violations(
            api,
            &request.method,
            &request.url,
            response.status,
            &headers,
            &body,
        ) {
            found.push((index, response.status, violation));
        }
    }
    match args.format {
        Format::Text => {
            for (index, _, violation) in &found {
                outln!("entry {index}: {violation}");
            }
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = found
                .iter()
                .map(|(index, status, v)| {
                    json!({
                        "entry": index,
                        "method": v.method,
                        "url": v.target,
                        "status": status,
                        "rule": v.rule.as_str(),
                        "message": v.message,
                    })
                })
                .collect();
            outln!(
                "{}",
                serde_json::to_string_pretty(&items).unwrap_or_default()
            );
        }
    }
    errln!(
        "{}: {} response{} checked against {} ({}): {} violation{}",
        args.file.display(),
        checked,
        if checked == 1 { "" } else { "s" },
        api.id,
        api.name,
        found.len(),
        if found.len() == 1 { "" } else { "s" },
    );
    if found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
