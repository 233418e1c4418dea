//! The roles a body field can have, as spelled in spec files (`code`, `message`, ...): the
//! loader's schema offers them, the validator parses them, the model keeps them.

/// An enum whose variants are spelled as snake_case words in the spec: defines the enum,
/// `ALL` (every variant with its spelling, for parsing and "did you mean") and `as_str`.
macro_rules! spelled_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $spelling:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every variant with its spelling in the spec.
            pub const ALL: &'static [(&'static str, $name)] = &[$(($spelling, $name::$variant)),+];

            /// The spelling in the spec.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $spelling,)+
                }
            }
        }
    };
}

spelled_enum! {
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
