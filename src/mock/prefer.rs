//! The `Prefer` header of a request to the mock (RFC 7240): `code=WIRE_CODE` or
//! `status=NNN`, and the documented names nearest to one the API lacks.

use super::Step;
use http::HeaderMap;

/// The preferences the mock reads, in the order tried.
const NAMES: [&str; 2] = ["code", "status"];

/// What the request's `Prefer` headers ask for: `None` when nothing the mock reads, the text
/// of a preference it cannot read as the error.
pub(super) fn asked(headers: &HeaderMap) -> Option<Result<Step, String>> {
    let preferences = headers
        .get_all(http::header::HeaderName::from_static("prefer"))
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','));
    for preference in preferences {
        // Parameters (`; ...`) refine a preference; the mock has none.
        let token = preference.split(';').next().unwrap_or_default().trim();
        let Some((name, value)) = token.split_once('=') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        if !NAMES.contains(&name.as_str()) {
            continue;
        }
        let value = value.trim().trim_matches('"');
        return Some(match name.as_str() {
            "code" => Ok(Step::Code(value.to_owned())),
            _ => value
                .parse()
                .map(Step::Status)
                .map_err(|_| token.to_owned()),
        });
    }
    None
}

/// The three of `candidates` nearest to `asked` (by edit distance), nearest first.
pub(super) fn nearest<'a>(asked: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut ranked: Vec<(usize, &str)> = candidates
        .map(|c| (errspec_vocab::edit_distance(asked, c), c))
        .collect();
    ranked.sort_by_key(|&(distance, _)| distance);
    ranked
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_owned())
        .collect()
}
