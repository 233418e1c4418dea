//! Rules of the catalog itself: the API, the body, statuses, error codes and the references
//! between them.

use super::{Rule, rules};

/// The help of a value spelled as one of a few names.
pub(super) const ONE_OF: &str = "expected one of: {expected}";
pub(super) const DID_YOU_MEAN_ONE_OF: &str = "did you mean `{best}`? expected one of: {expected}";
const STATUS_HELP: &str =
    "write a status code from 100 to 599 (`404`) or a class from 1xx to 5xx (`5xx`)";
const RUST_NAME_HELP: &str =
    "write it in UpperCamelCase of ASCII letters and digits, such as `rust_name: {suggestion}`";

rules! {
    API_NAME_EMPTY {
        id: "api-name-empty", applies_to: "`api`",
        message: ["api.name is empty"], help: [],
    }
    SITE_URL_INVALID {
        id: "site-url-invalid", applies_to: "`api.docs.site_url`",
        message: ["`{url}` is not a URL of a folder the site can be published in"],
        help: ["write an http or https URL without spaces, quotes, `?` or `#`, such as `site_url: https://docs.acme.test/errors/`"],
    }
    FRONT_MATTER_KEY_TWICE {
        id: "front-matter-key-twice", applies_to: "`api.docs.front_matter`",
        message: ["front matter key `{key}` is given twice"], help: [],
    }
    BODY_ENVELOPE_EMPTY {
        id: "body-envelope-empty", applies_to: "`body.envelope`",
        message: ["body envelope is empty"],
        help: ["name the key the fields are nested under, such as `error`"],
    }
    BODY_FIELD_TWICE {
        id: "body-field-twice", applies_to: "`body.fields`",
        message: ["body field `{field}` is declared twice"], help: [],
    }
    ROLE_UNKNOWN {
        id: "role-unknown", applies_to: "`body.fields`",
        message: ["unknown body field role `{value}`"],
        help: [DID_YOU_MEAN_ONE_OF, ONE_OF],
    }
    ROLE_TWICE {
        id: "role-twice", applies_to: "`body.fields`",
        message: ["a body has at most one field of role `{role}`/`{other}`"], help: [],
    }
    BODY_FIELD_UNNAMEABLE {
        id: "body-field-unnameable", applies_to: "`body.fields`",
        message: ["body field `{field}` has no letter or digit to name a Rust field after"], help: [],
    }
    BODY_FIELD_RUST_NAME_CLASH {
        id: "body-field-rust-name-clash", applies_to: "`body.fields`",
        message: ["body fields `{other}` and `{field}` both become the Rust field `{rust_name}`"], help: [],
    }
    VALUE_NOT_ON_TEXT {
        id: "value-not-on-text", applies_to: "`body.fields`",
        message: ["body field `{field}` has role `{role}`, which takes no `value` (only `text` does)"], help: [],
    }
    CODES_NOT_ON_TEXT {
        id: "codes-not-on-text", applies_to: "`body.fields`",
        message: ["body field `{field}` has role `{role}`, which carries no `codes` (only `text` and `details` do)"], help: [],
    }
    CODES_ENUM_TAKEN {
        id: "codes-enum-taken", applies_to: "`body.fields`",
        message: ["the codes of `{field}` would become the enum `{enum_name}`, a name the module has already"],
        help: ["rename the field's key, or move the codes to another field"],
    }
    CODES_METHOD_TAKEN {
        id: "codes-method-taken", applies_to: "`body.fields`",
        message: ["the codes of `{field}` would be read by a method named like a method `ErrorBody` has already"], help: [],
    }
    CODE_KEY_WITHOUT_CODES {
        id: "code-key-without-codes", applies_to: "`body.fields`",
        message: ["`{key}` applies to a `details` field with `codes` only"], help: [],
    }
    CODE_LIST_CODE_TWICE {
        id: "code-list-code-twice", applies_to: "`body.fields`",
        message: ["code `{code}` of `{field}` is listed twice"], help: [],
    }
    CODE_LIST_CODE_UNNAMEABLE {
        id: "code-list-code-unnameable", applies_to: "`body.fields`",
        message: ["code `{code}` has no ASCII letter or digit to name a Rust variant after"], help: [],
    }
    CODE_LIST_RUST_NAME_CLASH {
        id: "code-list-rust-name-clash", applies_to: "`body.fields`",
        message: ["codes `{other}` and `{code}` both become the Rust variant `{rust_name}`"], help: [],
    }
    RETRY_DELAY_NOT_DETAILS {
        id: "retry-delay-not-details", applies_to: "`body.fields`",
        message: ["body field `{field}` has role `{role}`; only `details` items hold a `retry_delay`"], help: [],
    }
    CODE_FROM_MESSAGE_WITH_CODE_FIELD {
        id: "code-from-message-with-code-field", applies_to: "`body.code_from_message`",
        message: ["codes are read from the message, but field `{field}` carries them already"],
        help: ["leave out `code_from_message`, or give that field another role"],
    }
    CODE_FROM_MESSAGE_WITHOUT_MESSAGE {
        id: "code-from-message-without-message", applies_to: "`body.code_from_message`",
        message: ["codes are read from the message, but the body has no field of role `message`"], help: [],
    }
    STATUS_OUT_OF_RANGE {
        id: "status-out-of-range", applies_to: "`statuses`, any status reference",
        message: ["status {status} is out of range: HTTP status codes run from 100 to 599"],
        help: [STATUS_HELP],
    }
    STATUS_CLASS_INVALID {
        id: "status-class-invalid", applies_to: "`statuses`, any status reference",
        message: ["`{key}` is not a status class: classes run from 1xx to 5xx"],
        help: [STATUS_HELP],
    }
    STATUS_NOT_HTTP {
        id: "status-not-http", applies_to: "`statuses`, any status reference",
        message: ["`{key}` is not an HTTP status: expected a code from 100 to 599 or a class from 1xx to 5xx"],
        help: [STATUS_HELP],
    }
    STATUS_TWICE {
        id: "status-twice", applies_to: "`statuses`",
        message: ["status {status} is declared twice"],
        help: ["keep one entry per status; several cases of one status go under its `cases:`"],
    }
    STATUS_TITLE_EMPTY {
        id: "status-title-empty", applies_to: "`statuses`",
        message: ["status title is empty"], help: [],
    }
    CASE_TITLE_EMPTY {
        id: "case-title-empty", applies_to: "`statuses`",
        message: ["case title is empty"], help: [],
    }
    RETRY_UNKNOWN {
        id: "retry-unknown", applies_to: "`statuses`, `errors`",
        message: ["unknown retry policy `{value}`"],
        help: [DID_YOU_MEAN_ONE_OF, ONE_OF],
    }
    GRPC_UNKNOWN {
        id: "grpc-unknown", applies_to: "`statuses`, `errors`",
        message: ["unknown gRPC code `{value}`"],
        help: [DID_YOU_MEAN_ONE_OF, ONE_OF],
    }
    FIELD_VALUE_NOT_TEXT {
        id: "field-value-not-text", applies_to: "`statuses`, `errors`",
        message: ["`{field}` is not a `text` field of the body, so no code can give it a value"],
        help: ["the body's `text` fields: {text_fields}", "declare the field under `body: fields:` with `role: text`"],
    }
    FIELD_VALUE_TWICE {
        id: "field-value-twice", applies_to: "`statuses`, `errors`",
        message: ["field `{field}` is given twice"], help: [],
    }
    RUST_NAME_EMPTY {
        id: "rust-name-empty", applies_to: "`statuses`, `errors`",
        message: ["rust_name is empty"], help: [RUST_NAME_HELP],
    }
    RUST_NAME_NOT_CAPITAL {
        id: "rust-name-not-capital", applies_to: "`statuses`, `errors`",
        message: ["rust_name `{name}` must start with an ASCII capital letter (UpperCamelCase)"],
        help: [RUST_NAME_HELP],
    }
    RUST_NAME_NOT_ALPHANUMERIC {
        id: "rust-name-not-alphanumeric", applies_to: "`statuses`, `errors`",
        message: ["rust_name `{name}` may hold only ASCII letters and digits (UpperCamelCase)"],
        help: [RUST_NAME_HELP],
    }
    RUST_NAME_KEYWORD {
        id: "rust-name-keyword", applies_to: "`statuses`, `errors`",
        message: ["rust_name `{name}` is a Rust keyword"], help: [RUST_NAME_HELP],
    }
    RUST_NAME_RESERVED {
        id: "rust-name-reserved", applies_to: "`statuses`, `errors`",
        message: ["rust_name `{name}` would clash with the generated associated constant `{name}`"],
        help: [RUST_NAME_HELP],
    }
    RUST_NAME_CLASH {
        id: "rust-name-clash", applies_to: "`statuses`, `errors`",
        message: ["this {what} and the one at line {line} both become the Rust variant `{rust_name}`"],
        help: ["give one of them a different `rust_name:`"],
    }
    CODE_TWICE {
        id: "code-twice", applies_to: "`errors`",
        message: ["error code `{code}` is declared twice"],
        help: ["keep one entry per wire code"],
    }
    CODE_EMPTY {
        id: "code-empty", applies_to: "`errors`",
        message: ["error code is empty"],
        help: ["write the code exactly as clients receive it, such as `INVALID_TOKEN`"],
    }
    CODE_UNNAMEABLE {
        id: "code-unnameable", applies_to: "`errors`",
        message: ["error code `{code}` has no ASCII letter or digit to name a Rust variant after"],
        help: ["give it a `rust_name:`, such as `rust_name: PaymentDeclined`"],
    }
    MATCH_WITHOUT_CODE_FROM_MESSAGE {
        id: "match-without-code-from-message", applies_to: "`errors`",
        message: ["`match` patterns need a body whose codes are read from the message"],
        help: ["set `code_from_message: true` under `body:`"],
    }
    MATCH_PATTERN_INVALID {
        id: "match-pattern-invalid", applies_to: "`errors`",
        message: ["pattern `{pattern}` cannot be used: {why}"], help: [],
    }
    MATCH_MISSES_MESSAGE {
        id: "match-misses-message", applies_to: "`errors`",
        message: ["this message matches none of the code's `match` patterns, so a body the server sends with it would not read back as this code"],
        help: ["add the message as a pattern, or write it as an instance of one"],
    }
    MATCH_CLAIMED_EARLIER {
        id: "match-claimed-earlier", applies_to: "`errors`",
        message: ["the message of `{code}` is matched by `{earlier}`, which comes first, so bodies with it would read as `{earlier}`"],
        help: ["make the earlier code's patterns narrower, or declare this code first"],
    }
    RETIRED_SINCE_EMPTY {
        id: "retired-since-empty", applies_to: "`errors`",
        message: ["`retired.since` is empty"],
        help: ["say from when the code is retired: a date or a version, such as `since: \"2024-06-01\"`"],
    }
    RETIRED_AND_DEPRECATED {
        id: "retired-and-deprecated", applies_to: "`errors`",
        message: ["a retired code is also marked `deprecated`"],
        help: ["a retired code is deprecated already: remove `deprecated:`"],
    }
    REPLACED_BY_ITSELF {
        id: "replaced-by-itself", applies_to: "`errors`",
        message: ["a retired code cannot be replaced by itself"],
        help: ["name the code clients should use instead, or leave `replaced_by` out"],
    }
    REPLACED_BY_RETIRED {
        id: "replaced-by-retired", applies_to: "`errors`",
        message: ["`{code}` is retired itself"],
        help: ["name the code that replaces it, `{next}`", "name a code that is still in use"],
    }
    STATUS_UNDECLARED {
        id: "status-undeclared", applies_to: "any status reference",
        message: ["status {status} is not declared"],
        help: [
            "declare it under `statuses:`; declared: {declared}",
            "declare it under `statuses:`, e.g. `{status}: {{ title: ... }}`",
        ],
    }
    CODE_UNDECLARED {
        id: "code-undeclared", applies_to: "any code reference",
        message: ["error code `{code}` is not declared"],
        help: ["did you mean `{best}`?", "declare it under `errors:`"],
    }
}
