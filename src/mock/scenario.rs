//! Scenario files: the mock's scripts as JSON, checked against the catalog when read, each
//! problem at its line and column.
//!
//! ```json
//! {
//!   "GET /offers/1": [503, 503, 200],
//!   "POST /offers": [429, "VALIDATION_FAILED", 201]
//! }
//! ```
//!
//! Each key is a method and a path; each step a status (100 to 599: an error status answers
//! its documented reply, any other `{}`) or a documented error code.

use super::Step;
use crate::{Catalog, CatalogCode, WireCode};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// A scenario that could not be read, with where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// The file, when read from one.
    pub path: Option<PathBuf>,
    /// 1-based line; 0 when the file could not be read.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// `path:line:col: error: message`, as compilers write it.
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}:", path.display())?;
        }
        if self.line > 0 {
            write!(f, "{}:{}:", self.line, self.column)?;
        }
        write!(f, " error: {}", self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// The scripts of a scenario, in file order.
pub(super) type Scripts = Vec<((String, String), Vec<Step>)>;

/// Reads the scenario `text` against catalog `A`.
pub(super) fn parse<A: Catalog>(text: &str) -> Result<Scripts, ScenarioError> {
    serde_json::from_str::<Scenario<A>>(text)
        .map(|scenario| scenario.0)
        .map_err(|e| {
            let shown = e.to_string();
            // serde_json ends its message with the place, which the error keeps on its own.
            let message = shown.rsplit_once(" at line ").map_or(&*shown, |(m, _)| m);
            ScenarioError {
                path: None,
                line: e.line(),
                column: e.column(),
                message: message.to_owned(),
            }
        })
}

/// Reads the scenario file at `path` against catalog `A`.
pub(super) fn read<A: Catalog>(path: &Path) -> Result<Scripts, ScenarioError> {
    let located = |mut error: ScenarioError| {
        error.path = Some(path.to_owned());
        error
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        located(ScenarioError {
            path: None,
            line: 0,
            column: 0,
            message: format!("cannot read: {e}"),
        })
    })?;
    parse::<A>(&text).map_err(located)
}

struct Scenario<A>(Scripts, PhantomData<A>);

impl<'de, A: Catalog> Deserialize<'de> for Scenario<A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Routes<A>(PhantomData<A>);
        impl<'de, A: Catalog> Visitor<'de> for Routes<A> {
            type Value = Scenario<A>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of \"METHOD /path\": [steps]")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut scripts = Vec::new();
                while let Some(Route(method, path)) = map.next_key()? {
                    let Steps::<A>(steps, _) = map.next_value()?;
                    scripts.push(((method, path), steps));
                }
                Ok(Scenario(scripts, PhantomData))
            }
        }
        deserializer.deserialize_map(Routes(PhantomData))
    }
}

/// `"GET /offers/1"`.
struct Route(String, String);

impl<'de> Deserialize<'de> for Route {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let parsed = text.split_once(' ').filter(|(method, path)| {
            !method.is_empty()
                && method.bytes().all(|b| b.is_ascii_alphabetic())
                && path.starts_with('/')
                && !path.contains(char::is_whitespace)
        });
        match parsed {
            Some((method, path)) => Ok(Route(method.to_ascii_uppercase(), path.to_owned())),
            None => Err(de::Error::custom(format!(
                "`{text}` is not a method and a path, such as \"GET /offers/1\""
            ))),
        }
    }
}

struct Steps<A>(Vec<Step>, PhantomData<A>);

impl<'de, A: Catalog> Deserialize<'de> for Steps<A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct List<A>(PhantomData<A>);
        impl<'de, A: Catalog> Visitor<'de> for List<A> {
            type Value = Steps<A>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of steps, such as [503, 503, 200]")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                let mut steps = Vec::new();
                while let Some(StepOf::<A>(step, _)) = seq.next_element()? {
                    steps.push(step);
                }
                Ok(Steps(steps, PhantomData))
            }
        }
        deserializer.deserialize_seq(List(PhantomData))
    }
}

struct StepOf<A>(Step, PhantomData<A>);

impl<'de, A: Catalog> Deserialize<'de> for StepOf<A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct One<A>(PhantomData<A>);
        impl<A: Catalog> Visitor<'_> for One<A> {
            type Value = StepOf<A>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a status (503) or a documented error code")
            }
            fn visit_u64<E: de::Error>(self, status: u64) -> Result<Self::Value, E> {
                match u16::try_from(status) {
                    Ok(status @ 100..=599) => Ok(StepOf(Step::Status(status), PhantomData)),
                    _ => Err(E::custom(format!(
                        "{status} is not an HTTP status (100 to 599)"
                    ))),
                }
            }
            fn visit_str<E: de::Error>(self, code: &str) -> Result<Self::Value, E> {
                if A::Code::from_wire(code).is_some() {
                    return Ok(StepOf(Step::Code(code.to_owned()), PhantomData));
                }
                let codes = A::Code::ALL.iter().map(|c| c.as_wire());
                let nearest = super::prefer::nearest(code, codes).join(", ");
                Err(E::custom(format!(
                    "`{code}` is not a documented code of {}; the nearest: {nearest}",
                    A::NAME
                )))
            }
        }
        deserializer.deserialize_any(One(PhantomData))
    }
}
