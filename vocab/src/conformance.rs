//! The conformance rules: whether one response an API sent is one its spec documents. Written
//! once, here, for the two places that apply them: errspec's tower layer (which knows a
//! catalog through its generated `Catalog` impl) and `errspec verify` over recorded traffic
//! (which knows it from the loaded spec). Each side answers the questions of [`Spec`] and reads
//! the body with the body format it knows ([`BodyRead`]); [`check`] decides, so the rule ids
//! and messages cannot differ between them.

use crate::body::{JSON, PROBLEM_JSON, media_type};
use crate::header::{HeaderRole, HeaderSent};
use crate::spelled;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

spelled! {
    /// One conformance rule, spelled by its id.
    pub enum Rule {
        /// An error status the spec does not declare.
        StatusUndocumented = "status-undocumented",
        /// An error body that is neither the documented body nor problem+json.
        BodyUnreadable = "body-unreadable",
        /// A code the catalog does not have.
        CodeUnknown = "code-unknown",
        /// A known code sent with another status than its documented one.
        CodeStatusMismatch = "code-status-mismatch",
        /// A response without the rate-limit headers the spec says it carries.
        HeaderMissing = "header-missing",
        /// An error body with another media type than the documented ones.
        ContentType = "content-type",
    }
}

/// A status as a spec declares it: one code, or a class (`5xx`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StatusKey {
    /// The code, or the class's lowest code (500 for `5xx`).
    pub code: u16,
    /// Whether the key is a class.
    pub class: bool,
}

impl fmt::Display for StatusKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.class {
            write!(f, "{}xx", self.code / 100)
        } else {
            write!(f, "{}", self.code)
        }
    }
}

/// What the rules ask of a spec.
pub trait Spec {
    /// The declared status that `status` is: its own entry, else its class's.
    fn declared_status(&self, status: u16) -> Option<StatusKey>;
    /// The status the code `wire` is documented with; `None` for a code the catalog lacks.
    fn code_status(&self, wire: &str) -> Option<StatusKey>;
    /// Whether the spec documents a JSON error body.
    fn documents_body(&self) -> bool;
    /// Whether an exceeded rate limit is answered with `status`.
    fn is_limit_status(&self, status: u16) -> bool;
    /// Whether an exceeded rate limit is answered with the code `wire`.
    fn is_limit_code(&self, wire: &str) -> bool;
    /// The header that carries `role`, when the spec documents one.
    fn header(&self, role: HeaderRole) -> Option<&str>;
    /// Whether the rate-limit headers come on every response.
    fn headers_on_every_response(&self) -> bool;
}

/// What a response's body turned out to be, read by the side that knows the body's format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyRead<'a> {
    /// No body.
    Empty,
    /// A body exists but was not recorded (a HAR entry without `text`): not checked.
    NotRecorded,
    /// The documented body, with the code it carries.
    Documented {
        /// The code exactly as sent.
        code: Option<&'a str>,
    },
    /// A problem document, with its `code` member.
    Problem {
        /// The code exactly as sent.
        code: Option<&'a str>,
    },
    /// Neither: why not.
    Unreadable {
        /// What the reader found.
        reason: String,
    },
}

/// One response to check.
#[derive(Clone, Debug)]
pub struct Exchange<'a> {
    /// The request's method.
    pub method: &'a str,
    /// The request's path (the layer) or URL (a recording).
    pub target: &'a str,
    /// The response's status.
    pub status: u16,
    /// The response's headers, names in any case.
    pub headers: &'a [(&'a str, &'a str)],
    /// The response's body.
    pub body: BodyRead<'a>,
}

impl Exchange<'_> {
    /// The first value of header `name`, in any case.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    }
}

/// One way a response differs from the spec.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// The request's method.
    pub method: String,
    /// The request's path or URL.
    pub target: String,
    /// What was sent, and what the spec expects.
    pub message: String,
}

/// `GET /offers/1: code-unknown: ...`
impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}: {}",
            self.method, self.target, self.rule, self.message
        )
    }
}

/// Every rule `exchange` breaks under `spec`, in the order of [`Rule::ALL`].
pub fn check<S: Spec + ?Sized>(spec: &S, exchange: &Exchange<'_>) -> Vec<Violation> {
    let mut found: Vec<(Rule, String)> = Vec::new();
    let status = exchange.status;
    let error = status >= 400;
    let code = match &exchange.body {
        BodyRead::Documented { code } | BodyRead::Problem { code } if error => *code,
        _ => None,
    };
    if error && spec.declared_status(status).is_none() {
        found.push((
            Rule::StatusUndocumented,
            format!("{status} is not a status the spec declares"),
        ));
    }
    if error {
        body_rules(spec, exchange, &mut found);
    }
    if let Some(code) = code {
        match spec.code_status(code) {
            None => found.push((
                Rule::CodeUnknown,
                format!("code `{code}` (with {status}) is not in the catalog"),
            )),
            Some(expected) if spec.declared_status(status) != Some(expected) => found.push((
                Rule::CodeStatusMismatch,
                format!("code `{code}` sent with {status}; the spec documents it with {expected}"),
            )),
            Some(_) => {}
        }
    }
    let limited = error
        && (status == 429 || code.map_or(spec.is_limit_status(status), |c| spec.is_limit_code(c)));
    if let Some(message) = missing_headers(spec, exchange, limited) {
        found.push((Rule::HeaderMissing, message));
    }
    found.sort_by_key(|(rule, _)| *rule as usize);
    found
        .into_iter()
        .map(|(rule, message)| Violation {
            rule,
            method: exchange.method.into(),
            target: exchange.target.into(),
            message,
        })
        .collect()
}

/// `content-type` and `body-unreadable`, for an error response.
fn body_rules<S: Spec + ?Sized>(
    spec: &S,
    exchange: &Exchange<'_>,
    found: &mut Vec<(Rule, String)>,
) {
    let status = exchange.status;
    let expected = if spec.documents_body() {
        "`application/json` or `application/problem+json`"
    } else {
        "`application/problem+json` (the spec documents no JSON body)"
    };
    if exchange.body != BodyRead::Empty {
        let sent = exchange.header("content-type").map(media_type);
        let fits = sent
            .as_deref()
            .is_some_and(|t| t == PROBLEM_JSON || (t == JSON && spec.documents_body()));
        if !fits {
            let sent = sent.map_or_else(|| String::from("no Content-Type"), |t| format!("`{t}`"));
            found.push((
                Rule::ContentType,
                format!("{status} error body sent as {sent}; expected {expected}"),
            ));
        }
    }
    let reason = match &exchange.body {
        // A HEAD response never has a body, whatever a GET would carry.
        BodyRead::Empty if spec.documents_body() && exchange.method != "HEAD" => "it is empty",
        BodyRead::Unreadable { reason } => reason.as_str(),
        _ => return,
    };
    found.push((
        Rule::BodyUnreadable,
        format!(
            "{status} error body is neither the documented error body nor problem+json: {reason}"
        ),
    ));
}

/// The documented rate-limit headers `exchange` lacks, as a message; `None` when it has them.
fn missing_headers<S: Spec + ?Sized>(
    spec: &S,
    exchange: &Exchange<'_>,
    limited: bool,
) -> Option<String> {
    let every = spec.headers_on_every_response();
    let mut missing: Vec<&str> = Vec::new();
    for &(_, role) in HeaderRole::ALL {
        let required = match role.sent() {
            HeaderSent::WithRateLimits => limited || every,
            HeaderSent::WhenRateLimited => limited,
            // Advice (`Stripe-Should-Retry`): without it the code's own retry policy holds,
            // so its absence breaks nothing a client relies on.
            HeaderSent::WithErrors => false,
        };
        match spec.header(role) {
            Some(name) if required && exchange.header(name).is_none() => missing.push(name),
            _ => {}
        }
    }
    if missing.is_empty() {
        return None;
    }
    let names = missing.join("`, `");
    let why = if limited {
        "the spec sends them with every rate-limit answer"
    } else {
        "the spec sends them with every response"
    };
    Some(format!(
        "{} response without `{names}`; {why}",
        exchange.status
    ))
}

#[cfg(test)]
mod tests;
