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
    }
}
