//! Status keys and durations as a spec spells them: plain parsers, without a file or a
//! position, which validation turns into diagnostics and `explain` reads status keys with.

use crate::diagnostic::rules::Message;
use crate::diagnostic::rules::catalog::{
    STATUS_CLASS_INVALID, STATUS_NOT_HTTP, STATUS_OUT_OF_RANGE,
};
use crate::load::spec;
use crate::model::StatusKey;
use std::time::Duration;

/// A status key as written: a code 100..=599, or a class `1xx`..`5xx` (any case), or the text
/// of a code (`"404"`, which is the same status as `404`). A key that is none of these is
/// the rule it breaks.
pub fn parse_status_key(key: &spec::StatusKey) -> Result<StatusKey, Message> {
    let code = |c: i128, shown: &str| match u16::try_from(c) {
        Ok(c) if (100..=599).contains(&c) => Ok(StatusKey::Code(c)),
        _ => Err(STATUS_OUT_OF_RANGE.with("status", shown)),
    };
    match key {
        spec::StatusKey::Code(c) => code(*c, &c.to_string()),
        spec::StatusKey::Text(t) => {
            let lower = t.trim().to_ascii_lowercase();
            if let Some(digit) = lower.strip_suffix("xx") {
                return match digit.as_bytes() {
                    [d @ b'1'..=b'5'] => Ok(StatusKey::Class(d - b'0')),
                    _ => Err(STATUS_CLASS_INVALID.with("key", t)),
                };
            }
            match lower.parse::<i128>() {
                Ok(c) => code(c, &format!("`{t}`")),
                Err(_) => Err(STATUS_NOT_HTTP.with("key", t)),
            }
        }
    }
}

/// Parses `90s`, `5m`, `1h`, `500ms`, `1d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err("a duration must be positive".into());
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    if digits.is_empty() {
        return Err("expected a number followed by a unit".into());
    }
    let n: u64 = digits.parse().map_err(|_| "number too large".to_owned())?;
    if n == 0 {
        return Err("a duration must be longer than zero".into());
    }
    let per_unit_ms: u64 = match unit.trim() {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "" => return Err("missing unit".into()),
        other => return Err(format!("unknown unit `{other}`")),
    };
    n.checked_mul(per_unit_ms)
        .map(Duration::from_millis)
        .ok_or_else(|| "duration too long".to_owned())
}
