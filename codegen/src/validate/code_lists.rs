//! A body field's second level of codes (`codes:` on a `text` field or a `details` list), and
//! the retry delay a `details` item may hold.

use super::*;
use crate::model::{CodeList, SubCode};

/// Items the generated module defines: a code list's enum must not be named like one.
const TAKEN: &[&str] = &["Api", "ErrorCode", "Status", "ErrorBody", "EnvelopeFields"];

/// Methods of the generated `ErrorBody`: a `text` field's codes are read by a method named
/// like the field, which must not be one of these.
const BODY_METHODS: &[&str] = &[
    "from_code",
    "from_status",
    "known_code",
    "raw_code",
    "status_code",
    "message_text",
    "details",
    "detail_codes",
    "retry_delay",
    "message_value",
    "with_details",
    "with_message",
    "is_code_text",
    "code_of_message",
];

impl Validator<'_> {
    /// The codes of field `wire`, checked: only on `text` and `details`, each code once and
    /// with a Rust name, and the enum named like no other item.
    pub(super) fn code_list(
        &mut self,
        wire: &str,
        role: Role,
        spec: &spec::FieldSpec,
        enum_names: &mut HashMap<String, Position>,
    ) -> Option<CodeList> {
        self.code_list_keys(role, spec);
        let codes = spec.codes.as_ref()?;
        let enum_name = self.code_list_enum_name(wire, role, codes, enum_names)?;
        Some(CodeList {
            enum_name,
            code_key: spec
                .code_key
                .as_ref()
                .map_or_else(|| "code".to_owned(), |k| k.value.clone()),
            domain: spec.domain.as_ref().map(|d| d.value.clone()),
            codes: self.sub_codes(wire, &codes.value),
        })
    }

    /// `code_key` and `domain` say how a `details` item holds its code: elsewhere, or without
    /// `codes`, they mean nothing.
    fn code_list_keys(&mut self, role: Role, spec: &spec::FieldSpec) {
        for (key, given) in [("code_key", &spec.code_key), ("domain", &spec.domain)] {
            if let Some(given) = given
                && (role != Role::Details || spec.codes.is_none())
            {
                self.error(at(given), CODE_KEY_WITHOUT_CODES.with("key", key));
            }
        }
    }

    /// The enum the codes of `wire` become, remembered in `enum_names`; `None` when the field
    /// cannot carry codes or the name, or the method that reads them, is taken.
    fn code_list_enum_name(
        &mut self,
        wire: &str,
        role: Role,
        codes: &Spanned<spec::OrderedMap<String, String>>,
        enum_names: &mut HashMap<String, Position>,
    ) -> Option<String> {
        let method_taken =
            naming::field_name(wire).is_some_and(|n| BODY_METHODS.contains(&n.as_str()));
        if role == Role::Text && method_taken {
            self.error(at(codes), CODES_METHOD_TAKEN.with("field", wire));
            return None;
        }
        let enum_name = match role {
            Role::Details => "DetailCode".to_owned(),
            Role::Text => naming::variant_name(wire, "Code").unwrap_or_default(),
            _ => {
                let message = CODES_NOT_ON_TEXT
                    .with("field", wire)
                    .with("role", role.as_str());
                self.error(at(codes), message);
                return None;
            }
        };
        if TAKEN.contains(&enum_name.as_str()) || enum_names.contains_key(&enum_name) {
            let message = CODES_ENUM_TAKEN
                .with("field", wire)
                .with("enum_name", &enum_name);
            self.error(at(codes), message);
            return None;
        }
        enum_names.insert(enum_name.clone(), at(codes));
        Some(enum_name)
    }

    /// The codes listed for `wire`, each once and with a Rust variant of its own; a code that
    /// breaks a rule is reported and left out.
    fn sub_codes(&mut self, wire: &str, codes: &spec::OrderedMap<String, String>) -> Vec<SubCode> {
        let mut seen = FirstSeen::new();
        let mut rust_names: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for (code, description) in &codes.0 {
            if let Some(first) = seen.again(code.value.clone(), at(code)) {
                let message = CODE_LIST_CODE_TWICE
                    .with("code", &code.value)
                    .with("field", wire);
                self.twice(at(code), first, "listed", message);
                continue;
            }
            let Some(rust_name) = naming::variant_name(&code.value, "Code") else {
                self.error(
                    at(code),
                    CODE_LIST_CODE_UNNAMEABLE.with("code", &code.value),
                );
                continue;
            };
            if let Some(other) = rust_names.insert(rust_name.clone(), code.value.clone()) {
                let message = CODE_LIST_RUST_NAME_CLASH
                    .with("other", other)
                    .with("code", &code.value)
                    .with("rust_name", &rust_name);
                self.error(at(code), message);
                continue;
            }
            out.push(SubCode {
                code: code.value.clone(),
                rust_name,
                description: description.value.clone(),
            });
        }
        out
    }

    /// `retry_delay` names an item key of a `details` field.
    pub(super) fn retry_delay_key(
        &mut self,
        wire: &str,
        role: Role,
        key: Option<Spanned<String>>,
    ) -> Option<String> {
        let key = key?;
        if role != Role::Details {
            let message = RETRY_DELAY_NOT_DETAILS
                .with("field", wire)
                .with("role", role.as_str());
            self.error(at(&key), message);
            return None;
        }
        Some(key.value)
    }
}
