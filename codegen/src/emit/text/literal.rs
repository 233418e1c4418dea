//! String and byte-string literals as source text, for the parts of a module written as text
//! (the rows). The text is exactly what `proc_macro2::Literal::string` / `byte_string` print,
//! so the rows escape like the token output; it is built a run of plain ASCII at a
//! time rather than one `char::escape_debug` or `write!` per character, which matters for the
//! tables of a large catalog (every code's message in one literal).

use std::fmt::Write as _;

/// Plain ASCII that both literal forms write as itself.
const fn is_plain(byte: u8) -> bool {
    matches!(byte, b'\x20'..=b'\x7E') && byte != b'"' && byte != b'\\'
}

/// The length of the run of plain bytes at the start of `bytes`.
fn plain_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| !is_plain(b))
        .unwrap_or(bytes.len())
}

/// `"text"`, escaped as `proc_macro2::Literal::string(text)` escapes it.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut rest = text;
    while !rest.is_empty() {
        let run = plain_run(rest.as_bytes());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let mut chars = rest.chars();
        let Some(ch) = chars.next() else { break };
        rest = chars.as_str();
        match ch {
            // Before an octal digit, `\0` would read as the start of an octal escape.
            '\0' if rest.starts_with(|next: char| ('0'..='7').contains(&next)) => {
                out.push_str(r"\x00");
            }
            '\0' => out.push_str(r"\0"),
            '\'' => out.push('\''),
            _ => out.extend(ch.escape_debug()),
        }
    }
    out.push('"');
    out
}

/// `b"bytes"`, escaped as `proc_macro2::Literal::byte_string(bytes)` escapes it.
pub(crate) fn byte_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2 + 3);
    out.push_str("b\"");
    let mut rest = bytes;
    while let Some(&byte) = rest.first() {
        let run = plain_run(rest);
        if run > 0 {
            // Plain bytes are ASCII, so the run is valid UTF-8.
            out.extend(rest[..run].iter().map(|&b| char::from(b)));
            rest = &rest[run..];
            continue;
        }
        rest = &rest[1..];
        match byte {
            b'\0' if matches!(rest.first(), Some(b'0'..=b'7')) => out.push_str(r"\x00"),
            b'\0' => out.push_str(r"\0"),
            b'\t' => out.push_str(r"\t"),
            b'\n' => out.push_str(r"\n"),
            b'\r' => out.push_str(r"\r"),
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str(r"\\"),
            _ => {
                let _ = write!(out, r"\x{byte:02X}");
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Literal;
    use proptest::prelude::*;

    #[test]
    fn edge_cases_match_proc_macro2() {
        for text in [
            "",
            "plain",
            "\0",
            "\0\0",
            "\x007",
            "\x008",
            "a\"b\\c'd",
            "tab\tline\nreturn\r",
            "é ünïcode 支払い ☕",
            "\u{301}combining first, then e\u{301}",
            "\u{7f}\u{80}\u{200b}\u{feff}",
        ] {
            assert_eq!(string(text), Literal::string(text).to_string(), "{text:?}");
        }
        for bytes in [
            &b""[..],
            b"\0",
            b"\x007",
            b"\x008",
            b"\xFF\x80\x7F\"\\'\t\n\r ~",
        ] {
            assert_eq!(byte_string(bytes), Literal::byte_string(bytes).to_string());
        }
    }

    proptest! {
        #[test]
        fn any_string_matches_proc_macro2(text in any::<String>()) {
            prop_assert_eq!(string(&text), Literal::string(&text).to_string());
        }

        #[test]
        fn any_bytes_match_proc_macro2(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(byte_string(&bytes), Literal::byte_string(&bytes).to_string());
        }
    }
}
