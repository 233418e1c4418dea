//! The views of an API's limits: its rate limits, its other bounds and the headers that
//! report them.

use serde::Serialize;
use tera::Value;

/// One rate limit.
#[derive(Debug, Serialize)]
pub struct RateLimitView<'a> {
    /// snake_case name.
    pub name: &'a str,
    /// Row id (`rate-limit-per_minute`).
    pub anchor: String,
    /// Requests allowed per window.
    pub requests: u32,
    /// The window in words (`5 minutes`).
    pub window: String,
    /// The window in whole seconds, rounded down.
    pub window_seconds: u64,
    /// Scope as spelled in the spec (`api_key`).
    pub scope: &'static str,
    /// Scope in words (`per API key`).
    pub scope_text: String,
    /// The status returned when exceeded (a [`StatusRef`](super::StatusRef)).
    pub status: Option<Value>,
    /// The other statuses it may be answered with ([`StatusRef`](super::StatusRef)s).
    pub other_statuses: Vec<Value>,
    /// The error code returned when exceeded (its [`CodeView`](super::CodeView)).
    pub error: Option<Value>,
    /// The method and path patterns of the requests it counts; empty for every request.
    pub routes: Vec<&'a str>,
    /// Whether a request on `routes` counts under it instead of the limits on every route.
    pub separate: bool,
    /// Description (Markdown).
    pub description: Option<&'a str>,
}

/// One answer a server gives on its own (`answers:`).
#[derive(Debug, Serialize)]
pub struct AnswerView {
    /// The situation as spelled in the spec (`missing_key`).
    pub situation: &'static str,
    /// The situation in words (`A request without a key`).
    pub text: String,
    /// The status answered (a [`StatusRef`](super::StatusRef)).
    pub status: Option<Value>,
    /// The error code answered (its [`CodeView`](super::CodeView)).
    pub error: Option<Value>,
}

/// Another documented bound.
#[derive(Debug, Serialize)]
pub struct LimitView<'a> {
    /// snake_case name.
    pub name: &'a str,
    /// Row id (`limit-timestamp_max_age`).
    pub anchor: String,
    /// `duration` or `count`.
    pub kind: &'static str,
    /// The bound in words (`5 minutes`, `1000`).
    pub value: String,
    /// The request header it applies to.
    pub header: Option<&'a str>,
    /// The status returned when exceeded (a [`StatusRef`](super::StatusRef)).
    pub status: Option<Value>,
    /// The error code returned when exceeded (its [`CodeView`](super::CodeView)).
    pub error: Option<Value>,
    /// Description (Markdown).
    pub description: Option<&'a str>,
}

/// One rate-limit header.
#[derive(Debug, Serialize)]
pub struct HeaderView<'a> {
    /// `limit`, `remaining`, `used`, `reset`, `resource`, `retry_after`, `should_retry` or `other`.
    pub role: &'static str,
    /// The header name, exactly as sent.
    pub name: &'a str,
    /// What it means: the spec's description (Markdown), else a standard sentence.
    pub meaning: &'a str,
    /// How its value is written, in words.
    pub format: &'static str,
    /// For `reset`: `unix_seconds` or `delta_seconds`.
    pub reset_format: Option<&'static str>,
}
