//! Body fields read loosely: a field whose JSON value has the wrong type reads as absent.
//!
//! Servers change, proxies rewrite bodies, and some APIs send a field as a number on one
//! endpoint and a string on another. Failing the whole body over one such field would cost a
//! client the code it could still read, so the generated `ErrorBody` reads each field through
//! [`Loose`]: the right type gives the value, any other type (after it is skipped whole) gives
//! `None`, and only a body that is not a JSON object at all fails.

use super::{Key, StatusString};
use crate::{Code, WireCode};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A field's value, or `None` when the body holds it with another JSON type (or `null`).
#[derive(Debug)]
pub struct Loose<T>(pub Option<T>);

/// A type a body field holds, built from the JSON values of its type; every other JSON value
/// gives `None`.
pub trait LooseValue: Sized {
    /// From a JSON string.
    fn from_str(_: &str) -> Option<Self> {
        None
    }

    /// From a JSON string the deserializer owns (no copy where the type keeps it).
    fn from_string(text: String) -> Option<Self> {
        Self::from_str(&text)
    }

    /// From a JSON number that is a whole number at least 0.
    fn from_u64(_: u64) -> Option<Self> {
        None
    }

    /// From a JSON array; the default skips it.
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

impl LooseValue for Cow<'static, str> {
    fn from_str(text: &str) -> Option<Self> {
        Some(Cow::Owned(text.to_owned()))
    }

    fn from_string(text: String) -> Option<Self> {
        Some(Cow::Owned(text))
    }
}

impl LooseValue for u16 {
    fn from_u64(n: u64) -> Option<Self> {
        u16::try_from(n).ok()
    }
}

impl LooseValue for StatusString {
    fn from_str(text: &str) -> Option<Self> {
        text.parse().ok().map(StatusString)
    }
}

impl<C: WireCode> LooseValue for Code<C> {
    fn from_str(text: &str) -> Option<Self> {
        Some(Code::parse(text))
    }
}

impl LooseValue for Vec<serde_json::Value> {
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Option<Self>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Some(items))
    }
}

impl<'de, T: LooseValue> Deserialize<'de> for Loose<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor(PhantomData))
    }
}

struct LooseVisitor<T>(PhantomData<T>);

impl<'de, T: LooseValue> Visitor<'de> for LooseVisitor<T> {
    type Value = Loose<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose<T>, E> {
        Ok(Loose(T::from_str(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose<T>, E> {
        Ok(Loose(T::from_string(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose<T>, E> {
        Ok(Loose(T::from_u64(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose<T>, E> {
        Ok(Loose(u64::try_from(v).ok().and_then(T::from_u64)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose<T>, E> {
        Ok(Loose(None))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose<T>, E> {
        Ok(Loose(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Loose<T>, E> {
        Ok(Loose(None))
    }

    fn visit_none<E: de::Error>(self) -> Result<Loose<T>, E> {
        Ok(Loose(None))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose<T>, D::Error> {
        Loose::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Loose<T>, A::Error> {
        T::from_seq(seq).map(Loose)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose<T>, A::Error> {
        while map.next_entry::<Key<'de>, IgnoredAny>()?.is_some() {}
        Ok(Loose(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: LooseValue>(json: &str) -> Option<T> {
        serde_json::from_str::<Loose<T>>(json)
            .expect("any JSON value reads")
            .0
    }

    #[test]
    fn the_right_type_gives_the_value_and_any_other_gives_none() {
        assert_eq!(
            read::<Cow<str>>(r#""Not Found""#).as_deref(),
            Some("Not Found")
        );
        assert_eq!(read::<Cow<str>>(r#""caf\u00e9""#).as_deref(), Some("café"));
        for other in [
            "1",
            "-1",
            "2.5",
            "true",
            "null",
            "[1, [2]]",
            r#"{"a": {"b": [1]}}"#,
        ] {
            assert_eq!(read::<Cow<str>>(other), None, "{other}");
        }
        assert_eq!(read::<u16>("429"), Some(429));
        for other in ["70000", "-1", "429.0", r#""429""#, "[429]", "null"] {
            assert_eq!(read::<u16>(other), None, "{other}");
        }
        assert_eq!(read::<StatusString>(r#""404""#), Some(StatusString(404)));
        for other in ["404", r#""four""#, r#""99999""#] {
            assert_eq!(read::<StatusString>(other), None, "{other}");
        }
        let items = read::<Vec<serde_json::Value>>(r#"[{"code": "missing"}, 1]"#);
        assert_eq!(items.map(|i| i.len()), Some(2));
        assert_eq!(
            read::<Vec<serde_json::Value>>(r#"{"code": "missing"}"#),
            None
        );
    }

    #[test]
    fn a_skipped_value_leaves_the_rest_of_the_body_readable() {
        let body: std::collections::BTreeMap<String, Loose<Cow<str>>> = serde_json::from_str(
            r#"{"message": {"deep": [1, 2, {"x": null}]}, "code": "card_declined"}"#,
        )
        .expect("an object of loose fields reads");
        assert_eq!(body["message"].0, None);
        assert_eq!(body["code"].0.as_deref(), Some("card_declined"));
    }
}
