//! The conformance rules of `errspec_vocab::conformance` over a loaded spec, for
//! `errspec verify`: the spec's answers to the rules' questions, and its reading of a body as
//! errspec's client reads it (the generated `ErrorBody`), from the model instead of the
//! generated code. The rules, their ids and their messages are the vocab's, shared with the
//! runtime's conformance layer.

pub(crate) mod har;

use crate::model::{Api, Body, Role, StatusKey as Key};
use errspec_vocab::body::{BodyError, is_problem, json_text};
use errspec_vocab::conformance::{BodyRead, Exchange, Spec, StatusKey, Violation, check};
use errspec_vocab::pattern;
use serde_json::{Map, Value};

/// The most bytes of a body read, as errspec's client reads at most (`DEFAULT_MAX_BODY`).
pub(crate) const BODY_LIMIT: usize = 64 * 1024;

/// A loaded spec as a [`Spec`].
pub(crate) struct ModelSpec<'a>(pub &'a Api);

fn key(key: Key) -> StatusKey {
    StatusKey {
        code: key.code(),
        class: matches!(key, Key::Class(_)),
    }
}

impl Spec for ModelSpec<'_> {
    /// As the generated `Status::from_code`: the status's own entry, else its class's.
    fn declared_status(&self, status: u16) -> Option<StatusKey> {
        let statuses = &self.0.statuses;
        let class = u8::try_from(status / 100).ok().map(Key::Class);
        statuses
            .iter()
            .find(|s| s.key == Key::Code(status))
            .or_else(|| statuses.iter().find(|s| Some(s.key) == class))
            .map(|s| key(s.key))
    }

    fn code_status(&self, wire: &str) -> Option<StatusKey> {
        let error = self.0.errors.iter().find(|e| e.code == wire)?;
        self.0.statuses.get(error.status).map(|s| key(s.key))
    }

    fn documents_body(&self) -> bool {
        self.0.body.is_some()
    }

    fn is_limit_status(&self, status: u16) -> bool {
        let api = self.0;
        api.rate_limits
            .iter()
            .flat_map(|limit| limit.status.iter().chain(&limit.other_statuses))
            .any(|&i| api.statuses.get(i).is_some_and(|s| s.key.code() == status))
    }

    fn is_limit_code(&self, wire: &str) -> bool {
        let api = self.0;
        api.rate_limits
            .iter()
            .filter_map(|limit| limit.error)
            .any(|i| api.errors.get(i).is_some_and(|e| e.code == wire))
    }

    fn header(&self, role: errspec_vocab::HeaderRole) -> Option<&str> {
        self.0.headers.get(role).map(|h| h.name.as_str())
    }

    fn headers_on_every_response(&self) -> bool {
        self.0.headers.every_response
    }
}

/// What a body is, owned: [`BodyRead`] borrows from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Read {
    Empty,
    NotRecorded,
    Documented(Option<String>),
    Problem(Option<String>),
    Unreadable(BodyError),
}

impl Read {
    fn as_body(&self) -> BodyRead<'_> {
        match self {
            Self::Empty => BodyRead::Empty,
            Self::NotRecorded => BodyRead::NotRecorded,
            Self::Documented(code) => BodyRead::Documented {
                code: code.as_deref(),
            },
            Self::Problem(code) => BodyRead::Problem {
                code: code.as_deref(),
            },
            Self::Unreadable(error) => BodyRead::Unreadable {
                reason: error.to_string(),
            },
        }
    }
}

/// Reads `bytes` as errspec's client does: a problem document when `content_type` says so,
/// else the documented body.
pub(crate) fn read_body(api: &Api, content_type: Option<&str>, bytes: &[u8]) -> Read {
    let json = match json_text(bytes, BODY_LIMIT) {
        Ok(Some(json)) => json,
        Ok(None) => return Read::Empty,
        Err(error) => return Read::Unreadable(error),
    };
    let problem = content_type.is_some_and(|t| is_problem(t.as_bytes()));
    let body = match (&api.body, problem) {
        (_, true) => None,
        (Some(body), false) => Some(body),
        (None, false) => return Read::Unreadable(BodyError::Undocumented),
    };
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(e) => {
            return Read::Unreadable(BodyError::NotJson {
                reason: e.to_string(),
            });
        }
    };
    let unexpected = |reason: String| Read::Unreadable(BodyError::Unexpected { reason });
    match (body, value) {
        (None, Value::Object(members)) => Read::Problem(string(&members, "code")),
        (None, _) => unexpected("a problem document is a JSON object".into()),
        (Some(body), value) => match fields(body, &value) {
            Some(fields) => Read::Documented(code(api, body, fields)),
            None => unexpected(match &body.envelope {
                Some(envelope) => format!("expected a JSON object with the object `{envelope}`"),
                None => "expected a JSON object".into(),
            }),
        },
    }
}

/// The body's fields: the object itself, or the one under its envelope.
fn fields<'v>(body: &Body, value: &'v Value) -> Option<&'v Map<String, Value>> {
    let outer = value.as_object()?;
    match &body.envelope {
        Some(envelope) => outer.get(envelope)?.as_object(),
        None => Some(outer),
    }
}

/// A string member; a member of another type reads as absent, as in the generated body.
fn string(members: &Map<String, Value>, key: &str) -> Option<String> {
    members.get(key)?.as_str().map(str::to_owned)
}

/// The code a documented body carries, exactly as the generated `raw_code` finds it.
fn code(api: &Api, body: &Body, fields: &Map<String, Value>) -> Option<String> {
    let text = |role| body.field(role).map(|f| string(fields, &f.wire)).ok_or(());
    if let Ok(code) = text(Role::Code) {
        return code;
    }
    if let Ok(text) = text(Role::CodeOrMessage) {
        // A code when the catalog knows it, or when it reads as one and is no status's message.
        return text.filter(|t| {
            api.errors.iter().any(|e| &e.code == t)
                || (errspec_vocab::looks_like_code(t)
                    && !api.statuses.iter().any(|s| &s.message == t))
        });
    }
    let message = text(Role::Message)
        .ok()
        .flatten()
        .filter(|_| body.code_from_message)?;
    api.errors
        .iter()
        .find(|e| {
            e.message_parts()
                .iter()
                .any(|parts| pattern::matches(parts, &message))
        })
        .map(|e| e.code.clone())
}

/// Every rule a response breaks under `api`.
pub(crate) fn violations(
    api: &Api,
    method: &str,
    target: &str,
    status: u16,
    headers: &[(&str, &str)],
    body: &Read,
) -> Vec<Violation> {
    let exchange = Exchange {
        method,
        target,
        status,
        headers,
        body: body.as_body(),
    };
    check(&ModelSpec(api), &exchange)
}

#[cfg(test)]
mod tests;
