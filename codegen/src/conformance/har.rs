//! HAR 1.2 files (HTTP Archive, as browsers, mitmproxy and proxies export them): the entries'
//! requests and responses, with bodies decoded (text, or base64), headers in any case. A file
//! that is not HAR is refused with the line and column where it stops being HAR.

use crate::diagnostic::rules::Rule;
use crate::diagnostic::{Diagnostic, Position};
use base64::Engine as _;
use serde::Deserialize;
use std::path::Path;

/// The one rule of a recording: it must be HAR. Not a rule of the spec format, so not in its
/// registry's table.
pub(crate) static HAR_INVALID: Rule = Rule {
    id: "har-invalid",
    applies_to: "HAR file",
    message: &["not a HAR 1.2 file: {error}"],
    help: &[
        "export the traffic as HAR (browsers' developer tools: Save all as HAR; mitmproxy: `mitmdump --set hardump=FILE`)",
    ],
};

#[derive(Deserialize)]
struct Har {
    log: Log,
}

#[derive(Deserialize)]
struct Log {
    entries: Vec<Entry>,
}

/// One recorded request and its response.
#[derive(Deserialize)]
pub(crate) struct Entry {
    pub request: Request,
    pub response: Response,
}

/// The recorded request.
#[derive(Deserialize)]
pub(crate) struct Request {
    pub method: String,
    pub url: String,
}

/// The recorded response; status 0 when there was none (an aborted request).
#[derive(Deserialize)]
pub(crate) struct Response {
    pub status: u16,
    #[serde(default)]
    pub headers: Vec<Header>,
    #[serde(default)]
    pub content: Content,
}

/// One header, its name in any case.
#[derive(Deserialize)]
pub(crate) struct Header {
    pub name: String,
    pub value: String,
}

/// The response body as recorded.
#[derive(Default, Deserialize)]
pub(crate) struct Content {
    /// The body's length; tools write -1 or leave it out when unknown.
    #[serde(default)]
    size: Option<serde_json::Number>,
    #[serde(default, rename = "mimeType")]
    pub mime_type: Option<String>,
    /// The body, decoded, or base64 with `encoding: base64`; absent when not recorded.
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
}

/// A recorded body.
pub(crate) enum Recorded {
    Bytes(Vec<u8>),
    /// The response had a body that the recording left out.
    Missing,
}

impl Content {
    /// The body's bytes.
    ///
    /// # Errors
    ///
    /// When `encoding` is base64 and `text` is not.
    pub fn body(&self) -> Result<Recorded, String> {
        let Some(text) = &self.text else {
            let had_body = self.size.as_ref().and_then(serde_json::Number::as_f64) > Some(0.0);
            return Ok(if had_body {
                Recorded::Missing
            } else {
                Recorded::Bytes(Vec::new())
            });
        };
        match self.encoding.as_deref() {
            Some(encoding) if encoding.eq_ignore_ascii_case("base64") => {
                // Some tools wrap long base64 lines.
                let packed: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
                base64::engine::general_purpose::STANDARD
                    .decode(packed)
                    .map(Recorded::Bytes)
                    .map_err(|e| format!("content.text is not valid base64: {e}"))
            }
            _ => Ok(Recorded::Bytes(text.clone().into_bytes())),
        }
    }
}

/// The entries of the HAR file at `path`, whose bytes are `bytes`.
///
/// # Errors
///
/// A diagnostic at the place where the file stops being HAR.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Vec<Entry>, Box<Diagnostic>> {
    match serde_json::from_slice::<Har>(bytes) {
        Ok(har) => Ok(har.log.entries),
        Err(e) => {
            let (line, column) = (e.line(), e.column());
            // serde_json ends its message with the place, which the diagnostic shows already.
            let text = e.to_string();
            let suffix = format!(" at line {line} column {column}");
            let error = text.strip_suffix(&suffix).unwrap_or(&text);
            let position = place(bytes, line, column);
            Err(Box::new(Diagnostic::new(
                path,
                position,
                HAR_INVALID.with("error", error),
            )))
        }
    }
}

/// The place serde_json's `line` and byte `column` name, as a position in characters: at the
/// value that broke the format rather than on the blank before it, which is where serde_json
/// stops when it has only peeked at the value.
fn place(bytes: &[u8], line: usize, column: usize) -> Position {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let text = bytes
        .split(|&b| b == b'\n')
        .nth(line.saturating_sub(1))
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    let before = text.get(..column).map_or(column, |t| t.chars().count());
    let after: Vec<char> = text.get(column..).unwrap_or_default().chars().collect();
    let blank = text
        .get(..column)
        .is_some_and(|t| t.ends_with(char::is_whitespace));
    let skip = after.iter().take_while(|c| c.is_whitespace()).count();
    let column = if blank && skip < after.len() {
        before + skip + 1
    } else {
        before
    };
    Position::new(clamp(line), clamp(column.max(1)), 1)
}
