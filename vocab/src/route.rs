//! Route patterns: which requests a rate limit covers, written `GET /search/*` in a spec.
//!
//! A pattern is an optional method and a path, separated by one space:
//!
//! - the method is an HTTP method in capitals (`GET`, `POST`); without one, any method matches;
//! - the path starts with `/` and is matched segment by segment, between the slashes: a
//!   literal segment matches itself exactly, `{name}` matches any one non-empty segment, and
//!   `*`, as the last segment only, matches whatever follows (nothing included);
//! - a request's query string is not part of its path.
//!
//! The generator checks patterns with [`check`] (and locates what is wrong in the spec), and
//! the runtime matches requests with [`matches()`]: one definition of the syntax for both.
//!
//! ```
//! use errspec_vocab::route::matches;
//!
//! assert!(matches("GET /search/*", "GET", "/search/code"));
//! assert!(matches("GET /search/*", "GET", "/search"));
//! assert!(!matches("GET /search/*", "POST", "/search/code"));
//! assert!(matches("/repos/{owner}/{repo}", "PATCH", "/repos/rust-lang/rust"));
//! assert!(!matches("/repos/{owner}/{repo}", "PATCH", "/repos/rust-lang"));
//! ```

/// Why a pattern is not one, for the generator's diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteError {
    /// The pattern is empty.
    Empty,
    /// The method is not an HTTP method in capitals.
    Method,
    /// The path does not start with `/`.
    NoSlash,
    /// A `*` that is not the whole last segment.
    Star,
    /// A `{` or `}` that does not enclose a whole segment's name (`{id}`).
    Brace,
    /// A character that cannot be in a path: a space, a control character, `?` or `#`.
    Character,
}

impl RouteError {
    /// What is wrong, in words: "a `*` must be the whole last segment".
    #[must_use]
    pub const fn reason(self) -> &'static str {
        match self {
            Self::Empty => "it is empty",
            Self::Method => "the method must be an HTTP method in capitals (`GET`)",
            Self::NoSlash => "the path must start with `/`",
            Self::Star => "a `*` must be the whole last segment",
            Self::Brace => "a parameter must be a whole segment, `{name}`",
            Self::Character => {
                "a path has no spaces, control characters, `?` or `#` (a query is not matched)"
            }
        }
    }
}

/// Splits `pattern` into its method (`None`: any) and path.
fn split(pattern: &str) -> (Option<&str>, &str) {
    match pattern.split_once(' ') {
        Some((method, path)) => (Some(method), path),
        None => (None, pattern),
    }
}

/// Checks that `pattern` is a route pattern (see the [module](self)).
///
/// # Errors
/// What is wrong with it.
pub fn check(pattern: &str) -> Result<(), RouteError> {
    if pattern.is_empty() {
        return Err(RouteError::Empty);
    }
    let (method, path) = split(pattern);
    if let Some(method) = method
        && (method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(RouteError::Method);
    }
    let Some(rest) = path.strip_prefix('/') else {
        return Err(RouteError::NoSlash);
    };
    if path
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '?' || c == '#')
    {
        return Err(RouteError::Character);
    }
    let segments: alloc::vec::Vec<&str> = rest.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if segment.contains('*') && !(last && *segment == "*") {
            return Err(RouteError::Star);
        }
        if (segment.contains('{') || segment.contains('}')) && parameter(segment).is_none() {
            return Err(RouteError::Brace);
        }
    }
    Ok(())
}

/// The name of a `{name}` segment.
fn parameter(segment: &str) -> Option<&str> {
    let name = segment.strip_prefix('{')?.strip_suffix('}')?;
    let valid = !name.is_empty() && !name.contains(['{', '}']);
    valid.then_some(name)
}

/// Whether a request with `method` and `path` (no query string) is on the route of
/// `pattern`. A pattern that [`check`] refuses matches nothing it would not match as text.
#[must_use]
pub fn matches(pattern: &str, method: &str, path: &str) -> bool {
    let (want, pattern_path) = split(pattern);
    if want.is_some_and(|want| want != method) {
        return false;
    }
    let mut request = path.split('/');
    for segment in pattern_path.split('/') {
        if segment == "*" {
            return true;
        }
        match request.next() {
            Some(got) if parameter(segment).is_some() => {
                if got.is_empty() {
                    return false;
                }
            }
            Some(got) if got == segment => {}
            _ => return false,
        }
    }
    request.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_checked() {
        for good in [
            "GET /search/*",
            "/",
            "/*",
            "DELETE /repos/{owner}/{repo}",
            "/v1/charges/{id}/capture",
        ] {
            assert_eq!(check(good), Ok(()), "{good}");
        }
        for (bad, why) in [
            ("", RouteError::Empty),
            ("get /search", RouteError::Method),
            (" /search", RouteError::Method),
            ("GET search", RouteError::NoSlash),
            ("GET  /search", RouteError::NoSlash),
            ("/search/*/code", RouteError::Star),
            ("/search/co*", RouteError::Star),
            ("/repos/{owner", RouteError::Brace),
            ("/repos/x{owner}", RouteError::Brace),
            ("/repos/{}", RouteError::Brace),
            ("/search?q=1", RouteError::Character),
            ("GET /a b", RouteError::Character),
        ] {
            assert_eq!(check(bad), Err(why), "{bad:?}");
        }
    }

    #[test]
    fn requests_match_by_method_and_segment() {
        let cases = [
            ("GET /search/*", "GET", "/search/issues", true),
            ("GET /search/*", "GET", "/search/issues/deep", true),
            ("GET /search/*", "GET", "/search", true),
            ("GET /search/*", "GET", "/searching", false),
            ("GET /search/*", "HEAD", "/search/code", false),
            ("/search/*", "HEAD", "/search/code", true),
            ("/repos/{owner}/{repo}", "GET", "/repos/a/b", true),
            ("/repos/{owner}/{repo}", "GET", "/repos/a/b/c", false),
            ("/repos/{owner}/{repo}", "GET", "/repos//b", false),
            ("/user", "GET", "/user/", false),
            ("/", "GET", "/", true),
            ("/", "GET", "/x", false),
            ("/*", "PUT", "/anything/at/all", true),
        ];
        for (pattern, method, path, expected) in cases {
            assert_eq!(
                matches(pattern, method, path),
                expected,
                "{pattern} on {method} {path}"
            );
        }
    }
}
