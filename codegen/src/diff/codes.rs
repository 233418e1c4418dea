//! The rules for statuses and error codes.

use super::{At, Diff, Level, Rule, Side, Step, was_now};
use super::{
    CODE_ADDED, CODE_DEPRECATED, CODE_DOC_CHANGED, CODE_FIELD_VALUE_CHANGED, CODE_MATCH_CHANGED,
    CODE_MESSAGE_CHANGED, CODE_REMOVED, CODE_RETIRED, CODE_RETRY_CHANGED, CODE_RUST_NAME_CHANGED,
    CODE_STATUS_CHANGED, CODE_UNRETIRED, STATUS_ADDED, STATUS_DOC_CHANGED,
    STATUS_FIELD_VALUE_CHANGED, STATUS_MESSAGE_CHANGED, STATUS_REASON_CHANGED, STATUS_REMOVED,
    STATUS_RETRY_CHANGED, STATUS_RUST_NAME_CHANGED, STATUS_TITLE_CHANGED,
};
use crate::model::{Api, ErrorDef, Role, Status};

impl Diff<'_> {
    pub(super) fn statuses(&mut self) {
        let (old, new) = (self.old.api, self.new.api);
        for o in &old.statuses {
            let key = o.key.to_string();
            let at = [Step::Key("statuses"), Step::Key(&key)];
            match new.statuses.iter().find(|n| n.key == o.key) {
                None => self.report(
                    STATUS_REMOVED,
                    Level::Breaking,
                    Level::Breaking,
                    format!(
                        "status {key} ({}) was removed, and with it `Status::{}`",
                        o.title, o.rust_name
                    ),
                    At::Old(&at),
                ),
                Some(n) => self.status_pair(&key, o, n),
            }
        }
        for n in &new.statuses {
            if !old.statuses.iter().any(|o| o.key == n.key) {
                let key = n.key.to_string();
                self.report(
                    STATUS_ADDED,
                    Level::Info,
                    Level::Breaking,
                    format!(
                        "status {key} ({}) is new: `Status::{}` is a new variant, which exhaustive matches must handle",
                        n.title, n.rust_name
                    ),
                    At::New(&[Step::Key("statuses"), Step::Key(&key)]),
                );
            }
        }
    }

    fn status_pair(&mut self, key: &str, o: &Status, n: &Status) {
        let base = [Step::Key("statuses"), Step::Key(key)];
        let what = format!("status {key}");
        if o.title != n.title {
            let (rust, renamed) = if o.rust_name == n.rust_name {
                (Level::None, String::new())
            } else {
                (
                    Level::Breaking,
                    format!(
                        "; its Rust variant `Status::{}` is now `Status::{}`",
                        o.rust_name, n.rust_name
                    ),
                )
            };
            let message = format!(
                "{what}'s title changed from {}{renamed}",
                was_now(&o.title, &n.title)
            );
            self.field(
                STATUS_TITLE_CHANGED,
                Level::None,
                rust,
                message,
                &base,
                "title",
            );
        } else if o.rust_name != n.rust_name {
            let message = format!(
                "{what}'s Rust variant `Status::{}` is now `Status::{}`",
                o.rust_name, n.rust_name
            );
            self.field(
                STATUS_RUST_NAME_CHANGED,
                Level::None,
                Level::Breaking,
                message,
                &base,
                "rust_name",
            );
        }
        if o.message != n.message {
            let wire = if self.codes_are_text() {
                Level::Breaking
            } else {
                Level::Info
            };
            let message = format!(
                "{what}'s body message changed from {}",
                was_now(&o.message, &n.message)
            );
            self.field(
                STATUS_MESSAGE_CHANGED,
                wire,
                Level::Info,
                message,
                &base,
                "message",
            );
        }
        let has_title_field = |api: &Api| {
            api.body
                .as_ref()
                .is_some_and(|b| b.field(Role::Title).is_some())
        };
        if o.reason != n.reason && (has_title_field(self.old.api) || has_title_field(self.new.api))
        {
            let message = format!(
                "{what}'s `title` body field changed from {}",
                was_now(&o.reason, &n.reason)
            );
            self.field(
                STATUS_REASON_CHANGED,
                Level::Warning,
                Level::Info,
                message,
                &base,
                "reason",
            );
        }
        if o.retry != n.retry {
            let message = format!(
                "{what}'s retry policy changed from {}",
                was_now(o.retry.as_str(), n.retry.as_str())
            );
            self.field(
                STATUS_RETRY_CHANGED,
                Level::Warning,
                Level::Warning,
                message,
                &base,
                "retry",
            );
        }
        self.field_values(
            STATUS_FIELD_VALUE_CHANGED,
            &what,
            &base,
            &o.field_values,
            &n.field_values,
        );
        let docs = [
            ("description", o.description != n.description),
            ("when", o.when != n.when),
            ("debugging", o.debugging != n.debugging),
            ("cases", o.cases != n.cases),
            ("examples", o.examples != n.examples),
        ];
        self.docs(STATUS_DOC_CHANGED, &what, &base, &docs);
    }

    pub(super) fn codes(&mut self) {
        let (old, new) = (self.old.api, self.new.api);
        for o in &old.errors {
            let at = [Step::Key("errors"), Step::Key(&o.code)];
            match new.errors.iter().find(|n| n.code == o.code) {
                Some(n) => self.code_pair(o, n),
                None => {
                    let rename = renamed(o, &new.errors, &old.errors)
                        .map(|to| format!("; `{to}` is new with the same message: a rename? Clients that match `{}` no longer recognise it", o.code))
                        .unwrap_or_default();
                    let retire = if o.retired.is_some() {
                        "; a retired code stays in the spec, so that its wire code is never given to another code"
                    } else {
                        "; retire it instead (`retired: { since: ... }`), so that bodies from older servers still read as it"
                    };
                    self.report(
                        CODE_REMOVED,
                        Level::Breaking,
                        Level::Breaking,
                        format!("error code `{}` was removed, and with it `ErrorCode::{}`{rename}{retire}", o.code, o.rust_name),
                        At::Old(&at),
                    );
                }
            }
        }
        for n in &new.errors {
            if old.errors.iter().any(|o| o.code == n.code) {
                continue;
            }
            let rename = renamed(n, &old.errors, &new.errors)
                .map(|from| format!("; it has the message of the removed `{from}`: a rename?"))
                .unwrap_or_default();
            self.report(
                CODE_ADDED,
                Level::Info,
                Level::Breaking,
                format!(
                    "error code `{}` is new: `ErrorCode::{}` is a new variant, which exhaustive matches must handle{rename}",
                    n.code, n.rust_name
                ),
                At::New(&[Step::Key("errors"), Step::Key(&n.code)]),
            );
        }
    }

    fn code_pair(&mut self, o: &ErrorDef, n: &ErrorDef) {
        let base = [Step::Key("errors"), Step::Key(&o.code)];
        let what = format!("error code `{}`", o.code);
        match (&o.retired, &n.retired) {
            (None, Some(r)) => {
                let instead = r
                    .replaced_by
                    .map(|i| format!("; use `{}` instead", self.new.api.errors[i].code))
                    .unwrap_or_default();
                let message = format!(
                    "{what} is retired since {}{instead}: servers no longer send it, clients still read it, and `ErrorCode::{}` is deprecated",
                    r.since, n.rust_name
                );
                self.field(
                    CODE_RETIRED,
                    Level::Info,
                    Level::Warning,
                    message,
                    &base,
                    "retired",
                );
            }
            (Some(_), None) => {
                let message = format!("{what} was retired and is in use again");
                self.report(
                    CODE_UNRETIRED,
                    Level::Warning,
                    Level::Warning,
                    message,
                    At::Both(&base, &base),
                );
            }
            (Some(a), Some(b))
                if a.since != b.since
                    || replacement(self.old.api, a.replaced_by)
                        != replacement(self.new.api, b.replaced_by) =>
            {
                self.field(
                    CODE_DOC_CHANGED,
                    Level::Info,
                    Level::None,
                    format!("{what}'s retirement record changed"),
                    &base,
                    "retired",
                );
            }
            _ => {}
        }
        let (os, ns) = (
            &self.old.api.statuses[o.status],
            &self.new.api.statuses[n.status],
        );
        if os.key != ns.key {
            let message = format!(
                "{what} is now sent with status {} instead of {}",
                ns.key, os.key
            );
            self.field(
                CODE_STATUS_CHANGED,
                Level::Breaking,
                Level::Warning,
                message,
                &base,
                "status",
            );
        }
        if o.message != n.message {
            let wire = if self.codes_are_text() {
                Level::Breaking
            } else {
                Level::Info
            };
            let why = if wire == Level::Breaking {
                ", and clients tell codes apart by this text"
            } else {
                ""
            };
            let message = format!(
                "{what}'s message changed from {}{why}",
                was_now(&o.message, &n.message)
            );
            self.field(
                CODE_MESSAGE_CHANGED,
                wire,
                Level::Info,
                message,
                &base,
                "message",
            );
        }
        if o.retry != n.retry {
            let message = format!(
                "{what}'s retry policy changed from {}",
                was_now(o.retry.as_str(), n.retry.as_str())
            );
            self.field(
                CODE_RETRY_CHANGED,
                Level::Warning,
                Level::Warning,
                message,
                &base,
                "retry",
            );
        }
        if o.rust_name != n.rust_name {
            let message = format!(
                "{what}'s Rust variant `ErrorCode::{}` is now `ErrorCode::{}`",
                o.rust_name, n.rust_name
            );
            self.field(
                CODE_RUST_NAME_CHANGED,
                Level::None,
                Level::Breaking,
                message,
                &base,
                "rust_name",
            );
        }
        if o.retired.is_none()
            && n.retired.is_none()
            && o.deprecated.is_some() != n.deprecated.is_some()
        {
            let message = match &n.deprecated {
                Some(_) => format!(
                    "{what} is deprecated, and so is `ErrorCode::{}`",
                    n.rust_name
                ),
                None => format!("{what} is no longer deprecated"),
            };
            self.field(
                CODE_DEPRECATED,
                Level::Info,
                Level::Warning,
                message,
                &base,
                "deprecated",
            );
        }
        if o.patterns != n.patterns {
            let message = format!("the messages that read as {what} changed");
            self.field(
                CODE_MATCH_CHANGED,
                Level::Warning,
                Level::None,
                message,
                &base,
                "match",
            );
        }
        self.field_values(
            CODE_FIELD_VALUE_CHANGED,
            &what,
            &base,
            &o.field_values,
            &n.field_values,
        );
        let docs = [
            ("description", o.description != n.description),
            ("causes", o.causes != n.causes),
            ("resolution", o.resolution != n.resolution),
            ("examples", o.examples != n.examples),
        ];
        self.docs(CODE_DOC_CHANGED, &what, &base, &docs);
    }

    /// The values a status or code (`what`) gives the body's `text` fields, compared by what
    /// is sent.
    fn field_values(
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

/// The unpaired code of `others` with `e`'s message, for a removed or added code: a likely
/// rename (a code of `others` that `same` also has is paired already).
fn renamed<'a>(e: &ErrorDef, others: &'a [ErrorDef], same: &[ErrorDef]) -> Option<&'a str> {
    others
        .iter()
        .find(|x| x.message == e.message && !same.iter().any(|s| s.code == x.code))
        .map(|x| x.code.as_str())
}

/// A retirement's replacement as a wire code.
fn replacement(api: &Api, index: Option<usize>) -> Option<&str> {
    index.map(|i| api.errors[i].code.as_str())
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
