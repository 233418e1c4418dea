//! RFC 9457 problem details (`application/problem+json`) for any API: the standard members
//! `type`, `title`, `status`, `detail` and `instance`, plus the API's error code as the
//! extension member `code`, for teams that want the standard format instead of (or besides)
//! the documented body.
//!
//! ```
//! use errspec::problem::Problem;
//! use errspec::funder_offers::ErrorCode;
//!
//! let problem = Problem::from_code(ErrorCode::VersionConflict).with_instance("/offers/42");
//! assert_eq!(
//!     String::from_utf8(problem.to_json()).unwrap(),
//!     r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"Another update happened between your read and write.","instance":"/offers/42","code":"VERSION_CONFLICT"}"#
//! );
//! ```

use crate::{Catalog, CatalogCode, CatalogStatus, Code, WireCode};
use serde::de::Deserializer;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The media type of a problem document.
pub const CONTENT_TYPE: &str = errspec_vocab::body::PROBLEM_JSON;

/// The `type` of a problem that says no more than its HTTP status (RFC 9457 §4.2.1).
pub const ABOUT_BLANK: &str = "about:blank";

/// The members RFC 9457 defines, and `code`, which this crate adds: never extensions.
const RESERVED: [&str; 6] = ["type", "title", "status", "detail", "instance", "code"];

/// A problem details object (RFC 9457).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// `type`: a URI reference naming the problem type; [`ABOUT_BLANK`] when absent.
    pub problem_type: String,
    /// `title`: a short summary of the problem type.
    pub title: Option<String>,
    /// `status`: the HTTP status code.
    pub status: Option<u16>,
    /// `detail`: an explanation of this occurrence.
    pub detail: Option<String>,
    /// `instance`: a URI reference naming this occurrence.
    pub instance: Option<String>,
    /// `code` (extension member): the API's error code, exactly as on the wire.
    pub code: Option<String>,
    /// Other extension members, in the order they were added or read.
    pub extensions: Map<String, Value>,
}

impl Problem {
    /// A problem of type `about:blank` with `status` and `title`.
    #[must_use]
    pub fn new(status: u16, title: impl Into<String>) -> Self {
        Self {
            problem_type: ABOUT_BLANK.to_owned(),
            title: Some(title.into()),
            status: Some(status),
            detail: None,
            instance: None,
            code: None,
            extensions: Map::new(),
        }
    }

    /// The problem for a documented error code: its status and the status's title, the code's
    /// message as `detail`, and the code as `code`.
    #[must_use]
    pub fn from_code<C: CatalogCode>(code: C) -> Self {
        let status = code.status();
        let mut problem = Self::new(status.code(), status.title());
        if let Some(page) = <C::Api as Catalog>::DOCS_PAGE {
            problem.problem_type =
                format!("{page}#{}", errspec_vocab::anchor("code", code.as_wire()));
        }
        problem.detail = Some(code.message().to_owned());
        problem.code = Some(code.as_wire().to_owned());
        problem
    }

    /// The problem for a documented status when no code applies: its title, and its message
    /// as `detail` when that says more than the title.
    #[must_use]
    pub fn from_status<S: CatalogStatus>(status: S) -> Self {
        let mut problem = Self::new(status.code(), status.title());
        if let Some(page) = <S::Api as Catalog>::DOCS_PAGE {
            // `Display` writes the key first: `429 Too Many Requests`, `5xx Server Error`.
            let shown = status.to_string();
            let key = shown.split(' ').next().unwrap_or_default();
            problem.problem_type = format!("{page}#{}", errspec_vocab::anchor("status", key));
        }
        if status.message() != status.title() {
            problem.detail = Some(status.message().to_owned());
        }
        problem
    }

    /// Sets `type`, such as a URI of the error's documentation.
    #[must_use]
    pub fn with_type(mut self, uri: impl Into<String>) -> Self {
        self.problem_type = uri.into();
        self
    }

    /// Sets `detail`.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Sets `instance`.
    #[must_use]
    pub fn with_instance(mut self, uri: impl Into<String>) -> Self {
        self.instance = Some(uri.into());
        self
    }

    /// Adds an extension member. The names of the standard members and `code` are ignored
    /// here: set those through their fields.
    #[must_use]
    pub fn with_extension(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        let name = name.into();
        if !RESERVED.contains(&name.as_str()) {
            self.extensions.insert(name, value.into());
        }
        self
    }

    /// The code, classified against a catalog: known, or kept as sent.
    #[must_use]
    pub fn error_code<C: WireCode>(&self) -> Option<Code<C>> {
        self.code.as_deref().map(Code::parse)
    }

    /// The document as JSON bytes.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        // Serializing strings, numbers and `Value`s into a Vec cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads a problem from a JSON object. Members of the wrong type are ignored, as
    /// RFC 9457 §3.1 requires; anything else unknown is kept as an extension.
    #[must_use]
    pub fn from_members(mut members: Map<String, Value>) -> Self {
        let mut text = |name: &str| match members.remove(name) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let problem_type = text("type").unwrap_or_else(|| ABOUT_BLANK.to_owned());
        let title = text("title");
        let detail = text("detail");
        let instance = text("instance");
        let code = text("code");
        let status = members
            .remove("status")
            .and_then(|v| v.as_u64())
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (100..=599).contains(n));
        Self {
            problem_type,
            title,
            status,
            detail,
            instance,
            code,
            extensions: members,
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", &self.problem_type)?;
        if let Some(title) = &self.title {
            map.serialize_entry("title", title)?;
        }
        if let Some(status) = self.status {
            map.serialize_entry("status", &status)?;
        }
        if let Some(detail) = &self.detail {
            map.serialize_entry("detail", detail)?;
        }
        if let Some(instance) = &self.instance {
            map.serialize_entry("instance", instance)?;
        }
        if let Some(code) = &self.code {
            map.serialize_entry("code", code)?;
        }
        for (name, value) in &self.extensions {
            // A reserved name can only get here through the public field; never write a
            // member twice.
            if !RESERVED.contains(&name.as_str()) {
                map.serialize_entry(name, value)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Problem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Self::from_members)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_member_types_are_ignored() {
        let problem: Problem = serde_json::from_str(
            r#"{"type": 5, "title": "Gone", "status": "410", "detail": null, "code": "X", "trace": [1]}"#,
        )
        .unwrap();
        assert_eq!(problem.problem_type, ABOUT_BLANK);
        assert_eq!(problem.title.as_deref(), Some("Gone"));
        assert_eq!(problem.status, None);
        assert_eq!(problem.detail, None);
        assert_eq!(problem.code.as_deref(), Some("X"));
        assert_eq!(
            problem.extensions.get("trace"),
            Some(&serde_json::json!([1]))
        );
    }

    #[test]
    fn reserved_extension_names_are_refused() {
        let problem = Problem::new(400, "Bad Request")
            .with_extension("status", 500)
            .with_extension("balance", 30);
        let json: Value = serde_json::from_slice(&problem.to_json()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "about:blank", "title": "Bad Request", "status": 400, "balance": 30})
        );
    }

    #[test]
    fn round_trips() {
        let problem = Problem::new(409, "Conflict")
            .with_type("https://example.com/problems/conflict")
            .with_detail("version 3 is stale")
            .with_instance("/offers/7")
            .with_extension("current_version", 4);
        let back: Problem = serde_json::from_slice(&problem.to_json()).unwrap();
        assert_eq!(back, problem);
    }
}
