//! What the rule files share: a change placed at one key of an entry in both versions, the
//! documentation, retry and body-field-value rules that statuses and codes both have, and how
//! much a changed message matters on the wire.

use super::{At, Diff, GRPC_CHANGED, Level, Rule, Side, Step, was_now};
use crate::model::{Api, Retry};

impl Diff<'_> {
    /// One change at key `key` under `base` in both versions (at `base` where a version does
    /// not write the key).
    pub(super) fn field(
        &mut self,
        rule: Rule,
        wire: Level,
        rust: Level,
        message: String,
        base: &[Step<'_>],
        key: &str,
    ) {
        let old = key_path(self.old, base, key);
        let new = key_path(self.new, base, key);
        self.report(rule, wire, rust, message, At::Both(&old, &new));
    }

    /// One documentation change per key of `keys` that changed.
    pub(super) fn docs(
        &mut self,
        rule: Rule,
        what: &str,
        base: &[Step<'_>],
        keys: &[(&str, bool)],
    ) {
        for (key, changed) in keys {
            if *changed {
                let message = format!("{what}'s {key} changed");
                self.field(rule, Level::Info, Level::None, message, base, key);
            }
        }
    }

    /// A status's or code's (`what`) retry policy, which clients act on without a parse or
    /// compile error telling them.
    pub(super) fn retry(
        &mut self,
        rule: Rule,
        what: &str,
        base: &[Step<'_>],
        old: Retry,
        new: Retry,
    ) {
        if old != new {
            let message = format!(
                "{what}'s retry policy changed from {}",
                was_now(old.as_str(), new.as_str())
            );
            self.field(rule, Level::Warning, Level::Warning, message, base, "retry");
        }
    }

    /// A status's or code's (`what`) gRPC code, as sent (the spec's or the default): gRPC
    /// clients that match on it see another.
    pub(super) fn grpc(
        &mut self,
        what: &str,
        base: &[Step<'_>],
        old: crate::model::GrpcCode,
        new: crate::model::GrpcCode,
    ) {
        // An API that names no gRPC code anywhere is not served over gRPC as far as its
        // spec says: the defaults changing with an HTTP status is that status's change.
        let served = self.old.api.names_grpc() || self.new.api.names_grpc();
        if served && old != new {
            let message = format!(
                "{what}'s gRPC code changed from {}",
                was_now(old.as_str(), new.as_str())
            );
            self.field(
                GRPC_CHANGED,
                Level::Breaking,
                Level::Info,
                message,
                base,
                "grpc",
            );
        }
    }

    /// The values a status or code (`what`) gives the body's `text` fields, compared by what
    /// is sent.
    pub(super) fn field_values(
        &mut self,
        rule: Rule,
        what: &str,
        base: &[Step<'_>],
        old: &[(usize, String)],
        new: &[(usize, String)],
    ) {
        if field_values(self.old.api, old) != field_values(self.new.api, new) {
            let message = format!("the body field values of {what} changed");
            self.field(rule, Level::Warning, Level::None, message, base, "fields");
        }
    }

    /// The wire level of a changed status or code message: breaking where clients tell codes
    /// apart by that text, worth knowing elsewhere.
    pub(super) fn message_wire(&self) -> Level {
        if self.codes_are_text() {
            Level::Breaking
        } else {
            Level::Info
        }
    }
}

/// `base` then `key`, where the file writes it; `examples` is also found as `example`.
fn key_path<'k>(side: Side<'_>, base: &[Step<'k>], key: &'k str) -> Vec<Step<'k>> {
    let candidates: &[&'k str] = if key == "examples" {
        &["example", "examples"]
    } else {
        &[key]
    };
    let mut path = base.to_vec();
    for candidate in candidates {
        path.push(Step::Key(candidate));
        if side.locations.find(&path).is_some() {
            return path;
        }
        path.pop();
    }
    path
}

/// `text` field values by JSON key, sorted, so that two versions compare by what is sent.
fn field_values<'a>(api: &'a Api, values: &'a [(usize, String)]) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = values
        .iter()
        .filter_map(|(i, v)| Some((api.body.as_ref()?.fields.get(*i)?.wire.as_str(), v.as_str())))
        .collect();
    out.sort_unstable();
    out
}
