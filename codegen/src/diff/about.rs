//! The rules for who the API is and for its error body.

use super::{
    API_DOC_CHANGED, API_RENAMED, BODY_CODE_SOURCE_CHANGED, BODY_ENVELOPE_CHANGED,
    BODY_FIELD_ADDED, BODY_FIELD_CODES_CHANGED, BODY_FIELD_REMOVED, BODY_FIELD_ROLE_CHANGED,
    BODY_FIELD_VALUE_CHANGED,
};
use super::{At, Diff, Level, Step, was_now};
use crate::model::{self, Api, BodyField};

impl Diff<'_> {
    pub(super) fn api(&mut self) {
        let (o, n) = (self.old.api, self.new.api);
        let base = [Step::Key("api")];
        if o.name != n.name {
            let message = format!("the API's name changed from {}", was_now(&o.name, &n.name));
            self.field(
                API_RENAMED,
                Level::Info,
                Level::Info,
                message,
                &base,
                "name",
            );
        }
        let support = |api: &Api| api.support.clone().unwrap_or_default();
        let (os, ns) = (support(o), support(n));
        let contact = [Step::Key("api"), Step::Key("support")];
        for (key, a, b) in [("email", &os.email, &ns.email), ("url", &os.url, &ns.url)] {
            if a != b {
                let message = format!(
                    "the support {key} changed from {}",
                    was_now(&or_none(a), &or_none(b))
                );
                self.field(
                    API_DOC_CHANGED,
                    Level::Info,
                    Level::None,
                    message,
                    &contact,
                    key,
                );
            }
        }
        let docs = [
            ("summary", o.summary != n.summary),
            ("description", o.description != n.description),
        ];
        self.docs(API_DOC_CHANGED, "the API", &base, &docs);
        if o.front_matter != n.front_matter {
            let docs = [Step::Key("api"), Step::Key("docs")];
            let message = "the docs page's front matter changed".to_owned();
            self.field(
                API_DOC_CHANGED,
                Level::Info,
                Level::None,
                message,
                &docs,
                "front_matter",
            );
        }
    }

    pub(super) fn body(&mut self) {
        let empty = model::Body {
            envelope: None,
            code_from_message: false,
            fields: Vec::new(),
        };
        let o = self.old.api.body.as_ref().unwrap_or(&empty);
        let n = self.new.api.body.as_ref().unwrap_or(&empty);
        let had_body = self.old.api.body.is_some();
        self.body_shape(o, n, had_body && self.new.api.body.is_some());
        for of in &o.fields {
            match n.fields.iter().find(|nf| nf.wire == of.wire) {
                Some(nf) => self.body_field(of, nf),
                None => self.body_field_removed(of, o, n),
            }
        }
        for nf in &n.fields {
            if !o.fields.iter().any(|of| of.wire == nf.wire) {
                self.body_field_added(nf, had_body);
            }
        }
    }

    /// Where the fields are and where codes are read from; an envelope is compared only where
    /// both versions have a body.
    fn body_shape(&mut self, o: &model::Body, n: &model::Body, both_have_body: bool) {
        let base = [Step::Key("body")];
        if both_have_body && o.envelope != n.envelope {
            let shown = |e: &Option<String>| {
                e.as_deref()
                    .map_or("no envelope".to_owned(), |e| format!("`{e}`"))
            };
            let message = format!(
                "the body's fields are now nested under {} instead of {}",
                shown(&n.envelope),
                shown(&o.envelope)
            );
            self.field(
                BODY_ENVELOPE_CHANGED,
                Level::Breaking,
                Level::Warning,
                message,
                &base,
                "envelope",
            );
        }
        if o.code_from_message != n.code_from_message {
            let message = if n.code_from_message {
                "codes are now read from the body's message".to_owned()
            } else {
                "codes are no longer read from the body's message".to_owned()
            };
            self.field(
                BODY_CODE_SOURCE_CHANGED,
                Level::Breaking,
                Level::Warning,
                message,
                &base,
                "code_from_message",
            );
        }
    }

    /// A field of the old body (`o`) that the new one (`n`) lacks, with a likely rename.
    fn body_field_removed(&mut self, of: &BodyField, o: &model::Body, n: &model::Body) {
        let at = [Step::Key("body"), Step::Key("fields"), Step::Key(&of.wire)];
        let rename = unpaired_with_role(of, &n.fields, &o.fields)
            .map(|to| format!("; `{to}` is new with the same role: a rename?"))
            .unwrap_or_default();
        let message = format!(
            "body field `{}` ({}) was removed, and with it `ErrorBody::{}`{rename}",
            of.wire,
            of.role.as_str(),
            of.rust_name
        );
        self.report(
            BODY_FIELD_REMOVED,
            Level::Breaking,
            Level::Breaking,
            message,
            At::Old(&at),
        );
    }

    /// A new field: breaking for Rust only where `ErrorBody` existed already, since struct
    /// literals of it must now set the field.
    fn body_field_added(&mut self, nf: &BodyField, had_body: bool) {
        let at = [Step::Key("body"), Step::Key("fields"), Step::Key(&nf.wire)];
        let (rust, struct_note) = if had_body {
            (
                Level::Breaking,
                format!(
                    ": `ErrorBody::{}` is a new public field, which struct literals must set",
                    nf.rust_name
                ),
            )
        } else {
            (Level::Info, String::new())
        };
        let message = format!(
            "body field `{}` ({}) is new{struct_note}",
            nf.wire,
            nf.role.as_str()
        );
        self.report(BODY_FIELD_ADDED, Level::Info, rust, message, At::New(&at));
    }

    fn body_field(&mut self, o: &BodyField, n: &BodyField) {
        let base = [Step::Key("body"), Step::Key("fields"), Step::Key(&o.wire)];
        let what = format!("body field `{}`", o.wire);
        self.body_field_role(&what, &base, o, n);
        if o.value != n.value {
            let message = format!(
                "{what}'s constant changed from {}",
                was_now(&or_none(&o.value), &or_none(&n.value))
            );
            self.field(
                BODY_FIELD_VALUE_CHANGED,
                Level::Warning,
                Level::None,
                message,
                &base,
                "value",
            );
        }
        if o.codes != n.codes {
            let (wire, rust, message) = codes_change(&what, o, n);
            self.field(
                BODY_FIELD_CODES_CHANGED,
                wire,
                rust,
                message,
                &base,
                "codes",
            );
        }
        let docs = [("description", o.description != n.description)];
        self.docs(API_DOC_CHANGED, &what, &base, &docs);
    }

    /// What a field carries: its role, or with the same role, the item key of its retry
    /// delay.
    fn body_field_role(&mut self, what: &str, base: &[Step<'_>], o: &BodyField, n: &BodyField) {
        if o.role != n.role {
            let message = format!(
                "{what}'s role changed from {}",
                was_now(o.role.as_str(), n.role.as_str())
            );
            self.field(
                BODY_FIELD_ROLE_CHANGED,
                Level::Breaking,
                Level::Breaking,
                message,
                base,
                "role",
            );
        } else if o.retry_delay != n.retry_delay {
            let message = format!("the item key holding {what}'s retry delay changed");
            self.field(
                BODY_FIELD_ROLE_CHANGED,
                Level::Warning,
                Level::None,
                message,
                base,
                "retry_delay",
            );
        }
    }
}

/// The levels and message for a field (`what`) whose second-level codes changed: removed
/// codes, or another key, domain or enum, break both sides; added ones break exhaustive
/// matches; descriptions alone break neither.
fn codes_change(what: &str, o: &BodyField, n: &BodyField) -> (Level, Level, String) {
    let codes = |f: &'_ BodyField| -> Vec<String> {
        f.codes
            .iter()
            .flat_map(|l| l.codes.iter().map(|c| c.code.clone()))
            .collect()
    };
    let (oc, nc) = (codes(o), codes(n));
    let gone: Vec<&String> = oc.iter().filter(|c| !nc.contains(c)).collect();
    let new: Vec<&String> = nc.iter().filter(|c| !oc.contains(c)).collect();
    let keyed = |f: &BodyField| {
        f.codes
            .as_ref()
            .map(|l| (l.code_key.clone(), l.domain.clone(), l.enum_name.clone()))
    };
    let (wire, rust) = if !gone.is_empty() || keyed(o) != keyed(n) {
        (Level::Breaking, Level::Breaking)
    } else if !new.is_empty() {
        (Level::Info, Level::Breaking)
    } else {
        (Level::Info, Level::None)
    };
    let list = |codes: &[&String]| {
        codes
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !gone.is_empty() {
        parts.push(format!("removed {}", list(&gone)));
    }
    if !new.is_empty() {
        parts.push(format!("added {}", list(&new)));
    }
    if parts.is_empty() {
        parts.push("their key, domain or descriptions changed".to_owned());
    }
    let message = format!("the codes of {what} changed: {}", parts.join("; "));
    (wire, rust, message)
}

/// An optional value as the report shows it.
fn or_none(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "none".to_owned())
}

/// The unpaired field of `others` with `f`'s role: a likely rename.
fn unpaired_with_role<'a>(
    f: &BodyField,
    others: &'a [BodyField],
    same: &[BodyField],
) -> Option<&'a str> {
    others
        .iter()
        .find(|x| x.role == f.role && !same.iter().any(|s| s.wire == x.wire))
        .map(|x| x.wire.as_str())
}
