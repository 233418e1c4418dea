//! The rules for statuses, paired by key.

use super::{At, Diff, Level, Step, was_now};
use super::{
    STATUS_ADDED, STATUS_DOC_CHANGED, STATUS_FIELD_VALUE_CHANGED, STATUS_MESSAGE_CHANGED,
    STATUS_REASON_CHANGED, STATUS_REMOVED, STATUS_RETRY_CHANGED, STATUS_RUST_NAME_CHANGED,
    STATUS_TITLE_CHANGED,
};
use crate::model::{Api, Role, Status};

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
        self.status_names(&what, &base, o, n);
        self.status_body_text(&what, &base, o, n);
        self.retry(STATUS_RETRY_CHANGED, &what, &base, o.retry, n.retry);
        let (old_grpc, new_grpc) = (grpc_of(self.old.api, o), grpc_of(self.new.api, n));
        self.grpc(&what, &base, old_grpc, new_grpc);
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

    /// The title and the Rust variant: one change, since the variant is named after the title
    /// unless `rust_name` holds it.
    fn status_names(&mut self, what: &str, base: &[Step<'_>], o: &Status, n: &Status) {
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
                base,
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
                base,
                "rust_name",
            );
        }
    }

    /// The texts the body carries for a status: its message, and its `title` field where the
    /// body has one in either version.
    fn status_body_text(&mut self, what: &str, base: &[Step<'_>], o: &Status, n: &Status) {
        if o.message != n.message {
            let message = format!(
                "{what}'s body message changed from {}",
                was_now(&o.message, &n.message)
            );
            self.field(
                STATUS_MESSAGE_CHANGED,
                self.message_wire(),
                Level::Info,
                message,
                base,
                "message",
            );
        }
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
                base,
                "reason",
            );
        }
    }
}

/// Whether the body has a field carrying the status's reason, the only place it is sent.
fn has_title_field(api: &Api) -> bool {
    api.body
        .as_ref()
        .is_some_and(|b| b.field(Role::Title).is_some())
}

/// The gRPC code `status` is sent with in `api`.
fn grpc_of(api: &crate::model::Api, status: &Status) -> crate::model::GrpcCode {
    let index = api.statuses.iter().position(|s| s == status).unwrap_or(0);
    api.status_grpc(index)
}
