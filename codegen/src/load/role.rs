//! The roles a body field can have, as spelled in spec files (`code`, `message`, ...): the
//! loader's schema offers them, the validator parses them, the model keeps them.

errspec_vocab::spelled! {
    /// What a body field carries.
    pub enum Role {
        /// The error code.
        Code = "code",
        /// The human-readable message.
        Message = "message",
        /// The HTTP status as a number.
        Status = "status",
        /// The HTTP status as a string (`"400"`).
        StatusString = "status_string",
        /// The status's reason phrase.
        Title = "title",
        /// A list of details.
        Details = "details",
        /// An error code when one applies, otherwise a message.
        CodeOrMessage = "code_or_message",
        /// Any other text: constant, or given per error code (`doc_url`, `type`).
        Text = "text",
        /// Any other JSON value, kept as sent.
        Json = "json",
    }
}

impl Role {
    /// What a field of this role carries, as one sentence: the docs page's field table and the
    /// generated `ErrorBody` field docs both say it.
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::Code => "The error code; a code the catalog does not know is kept as sent.",
            Self::Message => "A human-readable message.",
            Self::Status => "The HTTP status code, as a JSON number.",
            Self::StatusString => "The HTTP status code, as a JSON string such as \"400\".",
            Self::Title => "The status's reason phrase.",
            Self::Details => "A list of details, such as the fields that failed validation.",
            Self::CodeOrMessage => "An error code when one applies, otherwise a message.",
            Self::Text => "Text: the same for every error, or given per error code.",
            Self::Json => "Any JSON value, kept as sent.",
        }
    }
}
