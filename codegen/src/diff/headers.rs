//! The rules for the headers: the rate-limit ones paired by role, the other documented ones
//! by name in any case.

use super::{API_DOC_CHANGED, HEADER_ADDED, HEADER_FORMAT_CHANGED, HEADER_REMOVED};
use super::{At, Diff, Level, Step, was_now};
use super::{HEADER_RENAMED, HEADER_SCOPE_CHANGED};
use crate::model::{Header, HeaderRole, Headers};

impl Diff<'_> {
    pub(super) fn headers(&mut self) {
        let (o, n) = (&self.old.api.headers, &self.new.api.headers);
        for &(_, role) in HeaderRole::ALL {
            self.role_header(role.as_str(), o.get(role), n.get(role));
        }
        self.reset_format(o, n);
        self.other_headers(o, n);
        self.header_scope(o, n);
    }

    /// The header of one rate-limit role (`limit`, `reset`, ...): gone, new, or changed.
    fn role_header(&mut self, role: &str, a: Option<&Header>, b: Option<&Header>) {
        let at = [Step::Key("headers"), Step::Key(role)];
        match (a, b) {
            (Some(a), Some(b)) => self.role_header_pair(role, &at, a, b),
            (Some(a), None) => {
                let message = format!("the `{role}` header `{}` is no longer sent", a.name);
                self.report(
                    HEADER_REMOVED,
                    Level::Breaking,
                    Level::Warning,
                    message,
                    At::Old(&at),
                );
            }
            (None, Some(b)) => {
                let message = format!("the `{role}` header `{}` is new", b.name);
                self.report(
                    HEADER_ADDED,
                    Level::Info,
                    Level::Info,
                    message,
                    At::New(&at),
                );
            }
            (None, None) => {}
        }
    }

    /// One role's header in both versions: renamed (harmless where only the case differs,
    /// since header names are case-insensitive), or described differently.
    fn role_header_pair(&mut self, role: &str, at: &[Step<'_>], a: &Header, b: &Header) {
        if a.name != b.name {
            let same = a.name.eq_ignore_ascii_case(&b.name);
            let (wire, rust, why) = if same {
                (
                    Level::None,
                    Level::Info,
                    " (header names are case-insensitive)",
                )
            } else {
                (Level::Breaking, Level::Warning, "")
            };
            let message = format!(
                "the `{role}` header was renamed from {}{why}",
                was_now(&a.name, &b.name)
            );
            self.report(HEADER_RENAMED, wire, rust, message, At::Both(at, at));
        }
        if a.description != b.description {
            let message = format!("header `{}`'s description changed", b.name);
            self.report(
                API_DOC_CHANGED,
                Level::Info,
                Level::None,
                message,
                At::Both(at, at),
            );
        }
    }

    /// The format of the reset header's value, which clients parse.
    fn reset_format(&mut self, o: &Headers, n: &Headers) {
        if let (Some(a), Some(b), Some(h)) =
            (o.reset_format, n.reset_format, n.get(HeaderRole::Reset))
            && a != b
        {
            let message = format!(
                "the reset header `{}` changed format from {}",
                h.name,
                was_now(a.as_str(), b.as_str())
            );
            let at = [Step::Key("headers"), Step::Key("reset")];
            self.report(
                HEADER_FORMAT_CHANGED,
                Level::Breaking,
                Level::Warning,
                message,
                At::Both(&at, &at),
            );
        }
    }

    /// The other documented headers, paired by name in any case: removed ones first, then
    /// new ones.
    fn other_headers(&mut self, o: &Headers, n: &Headers) {
        let base = [Step::Key("headers")];
        let others = |h: &Headers| {
            h.other
                .iter()
                .map(|x| x.name.to_ascii_lowercase())
                .collect::<Vec<_>>()
        };
        let (oo, no) = (others(o), others(n));
        for (i, name) in oo.iter().enumerate() {
            if !no.contains(name) {
                let message = format!("header `{}` is no longer documented", o.other[i].name);
                self.field(
                    HEADER_REMOVED,
                    Level::Warning,
                    Level::Info,
                    message,
                    &base,
                    "other",
                );
            }
        }
        for (i, name) in no.iter().enumerate() {
            if !oo.contains(name) {
                let message = format!("header `{}` is new", n.other[i].name);
                self.field(
                    HEADER_ADDED,
                    Level::Info,
                    Level::Info,
                    message,
                    &base,
                    "other",
                );
            }
        }
    }

    /// Whether the rate-limit headers come on every response or only on errors: clients
    /// that read them from successes lose them in the second case.
    fn header_scope(&mut self, o: &Headers, n: &Headers) {
        if o.every_response != n.every_response {
            let (wire, message) = if n.every_response {
                (
                    Level::Info,
                    "the rate-limit headers now come on every response",
                )
            } else {
                (
                    Level::Breaking,
                    "the rate-limit headers now come only on errors, no longer on every response",
                )
            };
            self.field(
                HEADER_SCOPE_CHANGED,
                wire,
                Level::None,
                message.to_owned(),
                &[Step::Key("headers")],
                "every_response",
            );
        }
    }
}
