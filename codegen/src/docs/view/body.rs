//! The views of the error body: its fields, the codes a field carries, and the values codes
//! and statuses give its `text` fields.

use serde::Serialize;

/// The documented JSON error body.
#[derive(Debug, Serialize)]
pub struct BodyView<'a> {
    /// The key the fields are nested under (`error`), if any.
    pub envelope: Option<&'a str>,
    /// Whether codes are read from the message.
    pub code_from_message: bool,
    /// Whether a field carries the status's reason phrase (role `title`).
    pub sends_reason: bool,
    /// Fields in wire order.
    pub fields: Vec<FieldView<'a>>,
    /// The fields that carry a second level of codes, with their codes.
    pub code_lists: Vec<CodeListView<'a>>,
    /// An example body as pretty JSON: the spec's first example, else one built from the fields.
    pub example: String,
    /// Whether `example` was built from the fields rather than taken from the spec.
    pub example_is_built: bool,
}

/// One body field.
#[derive(Debug, Serialize)]
pub struct FieldView<'a> {
    /// The JSON key.
    pub name: &'a str,
    /// Its role as spelled in the spec (`code`, `message`, ...).
    pub role: &'static str,
    /// What it carries, in words.
    pub meaning: &'static str,
    /// The text a `text` field holds unless a code or status gives its own (plain text).
    pub value: Option<&'a str>,
    /// What the field carries, in the spec's words (Markdown).
    pub description: Option<&'a str>,
    /// For `details`: the item key holding how long to wait before retrying (plain text).
    pub retry_delay: Option<&'a str>,
}

/// The documented codes of one body field (Stripe's `decline_code`, GitHub's `errors`).
#[derive(Debug, Serialize)]
pub struct CodeListView<'a> {
    /// The field's JSON key.
    pub field: &'a str,
    /// Section id (`codes-decline_code`).
    pub anchor: String,
    /// The Rust enum.
    pub enum_name: &'a str,
    /// For `details`: the item key holding the code.
    pub code_key: Option<&'a str>,
    /// For `details`: the domain the codes belong to.
    pub domain: Option<&'a str>,
    /// The codes.
    pub codes: Vec<SubCodeView<'a>>,
}

/// One code of a [`CodeListView`].
#[derive(Debug, Serialize)]
pub struct SubCodeView<'a> {
    /// The code as sent.
    pub code: &'a str,
    /// Row id (`decline_code-insufficient_funds`).
    pub anchor: String,
    /// What it means (Markdown).
    pub description: &'a str,
}

/// The text a code or status gives one of the body's `text` fields.
#[derive(Debug, Serialize)]
pub struct FieldValueView<'a> {
    /// The field's JSON key.
    pub name: &'a str,
    /// The text (plain text).
    pub value: &'a str,
}
