//! Serde building blocks used by the generated wire bodies.

use crate::{Code, WireCode};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

mod loose;

pub use loose::{Loose, LooseValue};

/// A protobuf JSON duration (`"53s"`, `"2.463586755s"`: seconds with up to nine decimals and
/// an `s`), as Google's `RetryInfo.retryDelay` writes it. Negative, malformed or larger than
/// protobuf allows (315,576,000,000 s): `None`.
#[must_use]
pub fn proto_duration(text: &str) -> Option<std::time::Duration> {
    let number = text.strip_suffix('s')?;
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 {
        return None;
    }
    if number.ends_with('.') {
        return None;
    }
    let seconds: u64 = whole.parse().ok().filter(|s| *s <= 315_576_000_000)?;
    let nanos = if fraction.is_empty() {
        0
    } else {
        let padded = format!("{fraction:0<9}");
        padded.parse::<u32>().ok()?
    };
    Some(std::time::Duration::new(seconds, nanos))
}

/// Reads a body nested under the key `envelope` (`{"error": {...}}`): the value `F` read there,
/// other keys skipped; a missing or repeated envelope is an error. `expecting` is what the error
/// message says was expected.
pub fn deserialize_envelope<'de, D: Deserializer<'de>, F: Deserialize<'de>>(
    deserializer: D,
    envelope: &'static str,
    expecting: &'static str,
) -> Result<F, D::Error> {
    struct EnvelopeVisitor<F> {
        envelope: &'static str,
        expecting: &'static str,
        fields: std::marker::PhantomData<F>,
    }

    impl<'de, F: Deserialize<'de>> Visitor<'de> for EnvelopeVisitor<F> {
        type Value = F;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<F, A::Error> {
            let mut body = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if key.as_str() == self.envelope {
                    if body.is_some() {
                        return Err(de::Error::duplicate_field(self.envelope));
                    }
                    body = Some(map.next_value::<F>()?);
                } else {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
            body.ok_or_else(|| de::Error::missing_field(self.envelope))
        }
    }

    deserializer.deserialize_map(EnvelopeVisitor {
        envelope,
        expecting,
        fields: std::marker::PhantomData,
    })
}

/// Deserializes a documented code from its wire string; an unknown string is an error.
pub fn deserialize_code<'de, C: WireCode, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<C, D::Error> {
    let text = Key::deserialize(deserializer)?;
    C::from_wire(text.as_str())
        .ok_or_else(|| de::Error::custom(format_args!("unknown error code `{}`", text.as_str())))
}

impl<C: WireCode> Serialize for Code<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de, C: WireCode> Deserialize<'de> for Code<C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Key::deserialize(deserializer)?;
        Ok(Code::parse(text.as_str()))
    }
}

/// A JSON key or string, borrowed from the input when possible.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// An HTTP status sent as a JSON string (`"400"`), as some APIs do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusString(pub u16);

impl Serialize for StatusString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // At most three digits: format without allocating.
        let mut buf = [0u8; 5];
        let mut n = self.0;
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        serializer.serialize_str(std::str::from_utf8(&buf[i..]).unwrap_or_default())
    }
}

impl<'de> Deserialize<'de> for StatusString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Key::deserialize(deserializer)?;
        text.as_str().parse::<u16>().map(StatusString).map_err(|_| {
            de::Error::custom(format_args!(
                "expected an HTTP status as a string, found `{}`",
                text.as_str()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::proto_duration;
    use std::time::Duration;

    #[test]
    fn protobuf_durations_as_google_sends_them() {
        assert_eq!(proto_duration("53s"), Some(Duration::from_secs(53)));
        assert_eq!(
            proto_duration("2.463586755s"),
            Some(Duration::new(2, 463_586_755))
        );
        assert_eq!(proto_duration("0.5s"), Some(Duration::from_millis(500)));
        assert_eq!(
            proto_duration("315576000000s"),
            Some(Duration::from_secs(315_576_000_000))
        );
        for bad in [
            "",
            "s",
            "53",
            "-1s",
            "1.s",
            ".5s",
            "1.2345678901s",
            "1e3s",
            "315576000001s",
            "99999999999999999999999s",
            " 5s",
            "5 s",
            "٣s",
        ] {
            assert_eq!(proto_duration(bad), None, "{bad:?}");
        }
    }
}
