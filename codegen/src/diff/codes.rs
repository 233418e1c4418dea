//! The rules for error codes, paired by wire code.

use super::{At, Diff, Level, Step, was_now};
use super::{
    CODE_ADDED, CODE_DEPRECATED, CODE_DOC_CHANGED, CODE_FIELD_VALUE_CHANGED, CODE_MATCH_CHANGED,
    CODE_MESSAGE_CHANGED, CODE_REMOVED, CODE_RETIRED, CODE_RETRY_CHANGED, CODE_RUST_NAME_CHANGED,
    CODE_STATUS_CHANGED, CODE_UNRETIRED,
};
use crate::model::{Api, ErrorDef};

impl Diff<'_> {
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
        self.retirement(&what, &base, o, n);
        self.code_wire(&what, &base, o, n);
        self.code_rust(&what, &base, o, n);
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

    /// A code retired, in use again, or retired on other terms: servers stop or start
    /// sending it, and its variant is deprecated or not.
    fn retirement(&mut self, what: &str, base: &[Step<'_>], o: &ErrorDef, n: &ErrorDef) {
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
                    base,
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
                    At::Both(base, base),
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
                    base,
                    "retired",
                );
            }
            _ => {}
        }
    }

    /// What clients of the JSON see of a code: the status it comes with, its message and
    /// its retry policy.
    fn code_wire(&mut self, what: &str, base: &[Step<'_>], o: &ErrorDef, n: &ErrorDef) {
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
                base,
                "status",
            );
        }
        if o.message != n.message {
            let wire = self.message_wire();
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
                base,
                "message",
            );
        }
        self.retry(CODE_RETRY_CHANGED, what, base, o.retry, n.retry);
        let grpc = (self.old.api.error_grpc(o), self.new.api.error_grpc(n));
        self.grpc(what, base, grpc.0, grpc.1);
    }

    /// What Rust code sees of a code: its variant's name, and whether it is deprecated (a
    /// retired code's variant is deprecated by its retirement).
    fn code_rust(&mut self, what: &str, base: &[Step<'_>], o: &ErrorDef, n: &ErrorDef) {
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
                base,
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
                base,
                "deprecated",
            );
        }
    }
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
