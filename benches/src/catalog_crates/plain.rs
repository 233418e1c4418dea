//! `handwritten_serde`: the catalog as one would write it with `thiserror` and serde derives
//! and no other crate: `Display`, `Error` and the wire form derived, `ALL`, `as_str`,
//! `message`, `status` and `FromStr` as hand-written `match`es.

use super::{literal, write};
use crate::synthetic;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Writes the crate for a catalog of `codes` codes into `dir`.
pub fn write_handwritten_serde(dir: &Path, codes: usize) -> io::Result<()> {
    write(
        &dir.join("Cargo.toml"),
        r#"[package]
name = "catalog-handwritten-serde"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
serde = { version = "1", features = ["derive"] }
thiserror = "2"
"#,
    )?;
    let errors = synthetic::errors(codes, 0);
    let mut statuses: Vec<u16> = errors.iter().map(|e| e.status).collect();
    statuses.sort_unstable();
    statuses.dedup();

    let mut lib = String::from(
        "//! The catalog written by hand with thiserror and serde.\n\n\
         use serde::{Deserialize, Serialize};\n\n\
         /// The HTTP statuses.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n\
         pub enum Status {\n",
    );
    for status in &statuses {
        let _ = writeln!(lib, "    /// HTTP {status}.\n    S{status},");
    }
    lib.push_str("}\n\nimpl Status {\n    /// The HTTP status code.\n    pub const fn code(self) -> u16 {\n        match self {\n");
    for status in &statuses {
        let _ = writeln!(lib, "            Self::S{status} => {status},");
    }
    lib.push_str("        }\n    }\n}\n\n");
    lib.push_str(
        "/// The error codes.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error, Serialize, Deserialize)]\n\
         pub enum ErrorCode {\n",
    );
    for (index, error) in errors.iter().enumerate() {
        let code = literal(&error.code);
        let display = literal(&error.message.replace('{', "{{").replace('}', "}}"));
        let _ = writeln!(
            lib,
            "    /// {}\n    #[error({display})]\n    #[serde(rename = {code})]\n    E{index},",
            code.trim_matches('"').replace('\\', "")
        );
    }
    lib.push_str(
        "}\n\nimpl ErrorCode {\n    /// Every code.\n    pub const ALL: &[ErrorCode] = &[\n",
    );
    for index in 0..errors.len() {
        let _ = writeln!(lib, "        Self::E{index},");
    }
    let arms = |lib: &mut String, value: &dyn Fn(usize) -> String| {
        for index in 0..errors.len() {
            let _ = writeln!(lib, "            Self::E{index} => {},", value(index));
        }
    };
    lib.push_str("    ];\n\n    /// The wire code.\n    pub const fn as_str(self) -> &'static str {\n        match self {\n");
    arms(&mut lib, &|i| literal(&errors[i].code));
    lib.push_str("        }\n    }\n\n    /// The message.\n    pub const fn message(self) -> &'static str {\n        match self {\n");
    arms(&mut lib, &|i| literal(&errors[i].message));
    lib.push_str("        }\n    }\n\n    /// The HTTP status the code is sent with.\n    pub const fn status(self) -> Status {\n        match self {\n");
    arms(&mut lib, &|i| format!("Status::S{}", errors[i].status));
    lib.push_str(
        "        }\n    }\n}\n\n/// A code this catalog does not know.\n#[derive(Debug)]\npub struct UnknownCode;\n\n\
         impl std::str::FromStr for ErrorCode {\n    type Err = UnknownCode;\n\n    \
         fn from_str(code: &str) -> Result<Self, UnknownCode> {\n        match code {\n",
    );
    for (index, error) in errors.iter().enumerate() {
        let _ = writeln!(
            lib,
            "            {} => Ok(Self::E{index}),",
            literal(&error.code)
        );
    }
    lib.push_str("            _ => Err(UnknownCode),\n        }\n    }\n}\n");
    write(&dir.join("src/lib.rs"), &lib)
}
